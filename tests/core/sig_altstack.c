/* sig_altstack: a handler installed with SA_ONSTACK runs on the
   alternate stack (sigaltstack reports SS_ONSTACK inside, and a local's
   address is inside the stack), even for SIGSEGV from a stack overflow. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *alt;
static size_t alt_size = 64 * 1024;
static volatile int on_alt, flags_inside;

static void on_usr1(int sig)
{
    char local;
    stack_t cur;
    sigaltstack(NULL, &cur);
    flags_inside = cur.ss_flags;
    on_alt = &local >= alt && &local < alt + alt_size;
}

static void on_segv(int sig)
{
    char local;
    int inside = &local >= alt && &local < alt + alt_size;
    printf("SIGSEGV handler on the alternate stack: %d\n", inside);
    fflush(stdout);
    _exit(0);
}

static int depth(int n)
{
    volatile char pad[4096];
    pad[0] = (char)n;
    return depth(n + 1) + pad[0];
}

int main(void)
{
    alt = malloc(alt_size);
    stack_t ss = {.ss_sp = alt, .ss_size = alt_size, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("SIGUSR1 handler on the alternate stack: %d, ss_flags inside: %s\n", on_alt,
           flags_inside == SS_ONSTACK ? "SS_ONSTACK" : "other");
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("outside: %s\n", cur.ss_flags == 0 ? "not on it" : "other");
    sa.sa_handler = on_segv;
    sigaction(SIGSEGV, &sa, NULL);
    fflush(stdout);
    return depth(0);
}
