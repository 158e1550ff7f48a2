/* sig_alarm_busy: SIGALRM from setitimer interrupts a busy loop that makes
   no system call; the handler runs (on the guest stack, with the signal
   blocked during it) and the loop sees its flag. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t fired;
static volatile int blocked_inside;

static void on_alarm(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    blocked_inside = sigismember(&cur, SIGALRM);
    fired++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long spins = 0;
    while (!fired)
        spins++; /* no syscall in here */
    printf("handler ran %d time(s); SIGALRM blocked inside: %d; loop spun: %s\n", fired,
           blocked_inside, spins > 0 ? "yes" : "no");
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("SIGALRM blocked after return: %d\n", sigismember(&cur, SIGALRM));
    return 0;
}
