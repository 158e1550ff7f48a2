/* backtrace_num_callers: --num-callers=3 limits the trace to 3 frames. */
#include <stdio.h>
#include "../../include/valgrind.h"

static int __attribute__((noinline)) d4(int x)
{
    VALGRIND_PRINTF_BACKTRACE("deep %d\n", x);
    return x;
}
static int __attribute__((noinline)) d3(int x) { return d4(x + 1) + 1; }
static int __attribute__((noinline)) d2(int x) { return d3(x + 1) + 1; }
static int __attribute__((noinline)) d1(int x) { return d2(x + 1) + 1; }

int main(void)
{
    printf("result %d\n", d1(1));
    return 0;
}
