/* Faults the translator finds rather than the CPU (ud2, int3, hlt, a jump
   to memory without code) reach the program's handlers with the siginfo
   the kernel would give, as real faults do. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(env, 1);
}

static void try(const char *what, void (*fn)(void))
{
    got_sig = 0;
    if (sigsetjmp(env, 1) == 0)
        fn();
    printf("%-6s signal %d code %d addr %s\n", what, got_sig, got_code,
           got_addr == NULL ? "0" : "nonzero");
}

static void do_ud2(void) { __asm__ volatile("ud2"); }
static void do_int3(void) { __asm__ volatile("int3"); }
static void do_hlt(void) { __asm__ volatile("hlt"); }
static void do_jump_null(void)
{
    void (*volatile f)(void) = 0;
    f();
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    try("ud2", do_ud2);
    try("int3", do_int3);
    try("hlt", do_hlt);
    try("jump", do_jump_null);
    return 0;
}
