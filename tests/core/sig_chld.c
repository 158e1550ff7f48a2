/* sig_chld: SIGCHLD arrives when forked children exit; waitpid reaps
   them; a blocking read in the parent is interrupted (EINTR) without
   SA_RESTART and restarted with it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld;

static void on_chld(int sig)
{
    chld++;
}

static int read_with(int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGCHLD, &sa, NULL);
    int fds[2];
    pipe(fds);
    /* One child holds the pipe open and writes late; another exits early,
       so SIGCHLD arrives while the parent's read is blocked. */
    pid_t holder = fork();
    if (holder == 0) {
        usleep(300000);
        write(fds[1], "x", 1);
        _exit(0);
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[1]);
        usleep(50000);
        _exit(7);
    }
    close(fds[1]);
    char c;
    ssize_t n = read(fds[0], &c, 1);
    int err = errno;
    int status;
    waitpid(pid, &status, 0);
    waitpid(holder, NULL, 0);
    close(fds[0]);
    printf("read with%s SA_RESTART: %s; child exit %d\n", restart ? "" : "out",
           n == 1 ? "data" : n < 0 && err == EINTR ? "EINTR" : "other",
           WEXITSTATUS(status));
    return n;
}

int main(void)
{
    read_with(0);
    read_with(1);
    printf("SIGCHLD handled at least twice: %s\n", chld >= 2 ? "yes" : "no");
    return 0;
}
