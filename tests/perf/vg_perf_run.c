/* vg_perf_run: run one command and measure it, for tests/perf/vg_perf.
 *
 *   vg_perf_run [-i IN] [-o OUT] [-e ERR] [-d DIR] [-t SECONDS] -- CMD ARGS...
 *
 * Runs CMD (searched in PATH) with stdin, stdout and stderr redirected to
 * the given files (default: inherited), in directory DIR, and prints one
 * line on its own stdout:
 *
 *   exit=N signal=N timeout=0|1 wall=SECONDS maxrss_kb=N user=SECONDS sys=SECONDS
 *
 * wall is the monotonic time from just before fork() to the return of
 * wait4(); maxrss_kb, user and sys come from wait4()'s rusage of the child
 * (which covers the command after exec, and anything it waited for).  With
 * -t, the command is killed with SIGKILL after SECONDS and timeout=1.
 * Exit status: 0 if the measurement worked (whatever the command did),
 * 2 on a usage or setup error, 127 if the command could not be started.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;
static pid_t child_pid;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    if (child_pid > 0)
        kill(child_pid, SIGKILL);
}

static void usage(void)
{
    fprintf(stderr, "usage: vg_perf_run [-i IN] [-o OUT] [-e ERR] [-d DIR] "
                    "[-t SECONDS] -- CMD ARGS...\n");
    exit(2);
}

/* In the child: make FD refer to PATH, or die with status 127. */
static void redirect(int fd, const char *path, int flags)
{
    int f;

    if (path == NULL)
        return;
    f = open(path, flags, 0644);
    if (f < 0) {
        fprintf(stderr, "vg_perf_run: %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    if (f != fd) {
        if (dup2(f, fd) < 0)
            _exit(127);
        close(f);
    }
}

static double seconds(const struct timeval *tv)
{
    return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *err = NULL, *dir = NULL;
    long limit = 0;
    int opt, status;
    struct timespec t0, t1;
    struct rusage ru;
    struct sigaction sa;
    pid_t r;

    while ((opt = getopt(argc, argv, "+i:o:e:d:t:")) != -1) {
        switch (opt) {
        case 'i': in = optarg; break;
        case 'o': out = optarg; break;
        case 'e': err = optarg; break;
        case 'd': dir = optarg; break;
        case 't': limit = strtol(optarg, NULL, 10); break;
        default: usage();
        }
    }
    if (optind >= argc)
        usage();

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGALRM, &sa, NULL) != 0) {
        perror("vg_perf_run: sigaction");
        return 2;
    }

    fflush(stdout);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    child_pid = fork();
    if (child_pid < 0) {
        perror("vg_perf_run: fork");
        return 2;
    }
    if (child_pid == 0) {
        sa.sa_handler = SIG_DFL;
        sigaction(SIGALRM, &sa, NULL);
        redirect(0, in, O_RDONLY);
        redirect(1, out, O_WRONLY | O_CREAT | O_TRUNC);
        redirect(2, err, O_WRONLY | O_CREAT | O_TRUNC);
        if (dir != NULL && chdir(dir) != 0) {
            fprintf(stderr, "vg_perf_run: cd %s: %s\n", dir, strerror(errno));
            _exit(127);
        }
        execvp(argv[optind], argv + optind);
        fprintf(stderr, "vg_perf_run: %s: %s\n", argv[optind], strerror(errno));
        _exit(127);
    }
    if (limit > 0)
        alarm((unsigned)limit);

    do
        r = wait4(child_pid, &status, 0, &ru);
    while (r < 0 && errno == EINTR);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    alarm(0);
    if (r < 0) {
        perror("vg_perf_run: wait4");
        return 2;
    }

    printf("exit=%d signal=%d timeout=%d wall=%.6f maxrss_kb=%ld "
           "user=%.6f sys=%.6f\n",
           WIFEXITED(status) ? WEXITSTATUS(status) : 0,
           WIFSIGNALED(status) ? WTERMSIG(status) : 0,
           timed_out ? 1 : 0,
           (double)(t1.tv_sec - t0.tv_sec) +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
           ru.ru_maxrss, seconds(&ru.ru_utime), seconds(&ru.ru_stime));
    return 0;
}
