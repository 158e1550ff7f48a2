/* backtrace_nested: VALGRIND_PRINTF_BACKTRACE from nested and recursive
   calls (-O0, frame pointers): every frame with its file:line, cut after
   main. */
#include <stdio.h>
#include "../../include/valgrind.h"

static int __attribute__((noinline)) level3(int x)
{
    VALGRIND_PRINTF_BACKTRACE("level3 %d\n", x);
    return x + 3;
}

static int __attribute__((noinline)) level2(int x)
{
    return level3(x * 2) + 2;
}

static int __attribute__((noinline)) recurse(int n)
{
    if (n == 0)
        return level2(n);
    return recurse(n - 1) + 1;
}

int main(void)
{
    int r = recurse(2);
    printf("result %d\n", r);
    return 0;
}
