// cflags: -O2
/* backtrace_inlined: inlined calls (always_inline, -O2) get their own
   lines, with the address of the instruction they were inlined at:
   VALGRIND_PRINTF_BACKTRACE itself, then helper_inner, helper_outer and
   the function they were inlined into. */
#include <stdio.h>
#include <stdlib.h>
#include "../../include/valgrind.h"

static inline __attribute__((always_inline)) int helper_inner(int x)
{
    VALGRIND_PRINTF_BACKTRACE("inner %d\n", x);
    return x * 3;
}

static inline __attribute__((always_inline)) int helper_outer(int x)
{
    int y = helper_inner(x + 1);
    return y + 1;
}

__attribute__((noinline, noclone)) int not_inlined(int x)
{
    int r = helper_outer(x);
    return r - 1;
}

int main(int argc, char **argv)
{
    printf("result %d\n", not_inlined(argc + 4));
    return 0;
}
