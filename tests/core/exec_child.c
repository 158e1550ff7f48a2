/* exec_child: execs /bin/echo (and a program that tells whether it runs
   under the tool via RUNNING_ON_VALGRIND): natively by default, under the
   tool with --trace-children=yes. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "valgrind.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "probe") == 0) {
        printf("child under the tool: %u\n", RUNNING_ON_VALGRIND ? 1u : 0u);
        return 0;
    }
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        execl(argv[0], argv[0], "probe", (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(p, &st, 0);
    printf("parent under the tool: %u\n", RUNNING_ON_VALGRIND ? 1u : 0u);
    fflush(stdout);
    execl("/bin/echo", "echo", "exec'd echo", (char *)NULL);
    return 1;
}
