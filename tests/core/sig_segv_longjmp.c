/* sig_segv_longjmp: a SIGSEGV handler siglongjmps out of an access to a
   guard page (PROT_NONE), several times; the handler sees the fault
   address; the mask is restored by siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_addr = si->si_addr;
    siglongjmp(env, sig);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(p + pg, pg, PROT_NONE);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    int caught = 0;
    for (int i = 0; i < 5; i++) {
        volatile char *target = p + pg + i * 8;
        int r = sigsetjmp(env, 1);
        if (r == 0) {
            *target = 1; /* faults */
            printf("no fault?\n");
        } else {
            caught++;
            printf("caught signal %d at guard page + %ld\n", r,
                   (long)((char *)fault_addr - (p + pg)));
        }
    }
    p[0] = 42; /* the first page still works */
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("caught %d; SIGSEGV blocked after siglongjmp: %d; first page: %d\n", caught,
           sigismember(&cur, SIGSEGV), p[0]);
    return 0;
}
