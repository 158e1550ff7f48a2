/* fork_wait: children run under the tool too (their output, exit codes
   and a grandchild), and the parent waits for them. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        pid_t p = fork();
        if (p == 0) {
            if (i == 2) {
                pid_t g = fork();
                if (g == 0) {
                    printf("grandchild runs\n");
                    return 40;
                }
                int st;
                waitpid(g, &st, 0);
                printf("child %d reaped grandchild: %d\n", i, WEXITSTATUS(st));
            }
            printf("child %d runs\n", i);
            return 10 + i;
        }
        int st;
        waitpid(p, &st, 0);
        printf("parent: child %d exited %d\n", i, WEXITSTATUS(st));
    }
    return 0;
}
