/* sig_fatal: the process kills itself with the signal given as argument;
   under the tool it must die of the same signal (same status as native),
   after Valgrind's "Process terminating" report, which -q leaves out (the
   signal comes from a process, not from the kernel). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int sig = atoi(argv[1]);
    printf("killing myself with %d\n", sig);
    fflush(stdout);
    kill(getpid(), sig);
    printf("still alive\n");
    return 0;
}
