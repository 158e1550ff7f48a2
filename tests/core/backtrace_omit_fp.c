// cflags: -O2 -fomit-frame-pointer
/* backtrace_omit_fp: without frame pointers only the CFI can unwind
   (-O2 -fomit-frame-pointer); the functions also keep data on the stack
   and reuse %rbp, so a frame-pointer walk would go astray. */
#include <stdio.h>
#include <string.h>
#include "../../include/valgrind.h"

volatile int sink;

__attribute__((noinline, noclone)) int deepest(int n)
{
    char buf[64];
    memset(buf, n, sizeof buf);
    VALGRIND_PRINTF_BACKTRACE("deepest %d\n", n);
    return buf[n & 63] + sink;
}

__attribute__((noinline, noclone)) int middle(int n)
{
    long v[5];
    for (int i = 0; i < 5; i++)
        v[i] = (long)n * i + sink;
    int r = deepest(n + 1);
    return r + (int)v[n % 5];
}

__attribute__((noinline, noclone)) int top(int n)
{
    int r = middle(n * 2);
    return r + 1;
}

int main(void)
{
    printf("result %d\n", top(3));
    return 0;
}
