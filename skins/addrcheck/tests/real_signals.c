/* Signal handlers and the red zone, none an error (Memcheck reports
   none): a handler whose locals sit in its red zone (a leaf at -O0
   keeps them below %rsp), a leaf function interrupted by SIGALRM while
   its locals are in its red zone (they must survive the sigreturn), a
   SA_SIGINFO handler that leaves by siglongjmp (from a raised SIGSEGV), and a
   handler on an alternate stack in the heap. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>

static volatile sig_atomic_t fired;
static sigjmp_buf env;

static void leaf_handler(int sig)
{
    volatile int local = sig;       /* in the handler's red zone */
    fired = local;
}

static int __attribute__((noinline)) spin(int x)
{
    int i = 0;                      /* in spin's red zone */
    while (!fired)
        i++;
    return x + (i > 0);
}

static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    (void)si, (void)uc;
    volatile char buf[64];
    buf[0] = (char)sig;
    siglongjmp(env, buf[0]);
}

int main(void)
{
    signal(SIGUSR1, leaf_handler);
    raise(SIGUSR1);

    fired = 0;
    signal(SIGALRM, leaf_handler);
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    int r = spin(0);

    struct sigaction sa = { .sa_sigaction = segv_handler, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    int caught = 0;
    for (int i = 0; i < 3; i++)
        if (sigsetjmp(env, 1) == 0)
            raise(SIGSEGV);
        else
            caught++;

    stack_t ss = { .ss_sp = malloc(1 << 16), .ss_size = 1 << 16 };
    sigaltstack(&ss, NULL);
    struct sigaction alt = { .sa_handler = leaf_handler, .sa_flags = SA_ONSTACK };
    sigaction(SIGUSR2, &alt, NULL);
    raise(SIGUSR2);
    raise(SIGUSR2);
    stack_t off = { .ss_flags = SS_DISABLE };
    sigaltstack(&off, NULL);
    free(ss.ss_sp);

    printf("spin %d caught %d last %d\n", r, caught, (int)fired);
    return 0;
}
