// cflags: -s
/* backtrace_stripped: a stripped program (-s): its frames are
   "??? (in the program)", libc's still have file:line (libc6-dbg), and
   the trace is cut after the first function below main. */
#include <stdio.h>
#include "../../include/valgrind.h"

static int __attribute__((noinline)) hidden(int x)
{
    VALGRIND_PRINTF_BACKTRACE("stripped %d\n", x);
    return x;
}

int main(void)
{
    printf("result %d\n", hidden(7));
    return 0;
}
