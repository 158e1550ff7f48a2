/* setjmp_longjmp: longjmp back across several frames and into a loop;
   sigsetjmp/siglongjmp restoring the signal mask; values passed through,
   and longjmp(env, 0) arriving as 1. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf env;
static sigjmp_buf senv;
static volatile int depth_reached;

static void __attribute__((noinline)) descend(int depth, int target)
{
    volatile char pad[256];
    pad[0] = (char)depth;
    depth_reached = depth + pad[0] * 0;
    if (depth >= target)
        longjmp(env, depth);
    if (depth < 1000)
        descend(depth + 1, target);
}

int main(void)
{
    volatile int round = 0, total = 0;
    int value;
    sigset_t mask;

    value = setjmp(env);
    if (value != 0) {
        printf("longjmp from depth %d (reached %d)\n", value, depth_reached);
        total += value;
    }
    if (++round <= 5)
        descend(1, round * 10);
    printf("total=%d after %d rounds\n", total, round - 1);

    if (setjmp(env) == 0)
        longjmp(env, 0);
    else
        printf("longjmp(env, 0) arrives as 1\n");

    sigemptyset(&mask);
    sigprocmask(SIG_SETMASK, &mask, NULL);
    if (sigsetjmp(senv, 1) == 0) {
        sigaddset(&mask, SIGUSR1);
        sigprocmask(SIG_BLOCK, &mask, NULL);
        siglongjmp(senv, 7);
    }
    sigprocmask(SIG_SETMASK, NULL, &mask);
    printf("SIGUSR1 blocked after siglongjmp: %s\n",
           sigismember(&mask, SIGUSR1) ? "yes" : "no");
    return 0;
}
