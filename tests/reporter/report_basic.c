/* One error of each kind of the Reporter skin, from known stacks: a read
   error repeated three times from the same place, a write, a system call
   parameter and a leak (reported at exit). */
#include "reporter.h"

#include <stdio.h>

static void __attribute__((noinline)) read_here(int i)
{
    RP_READ(0x1000 + i, 4);
}

static void __attribute__((noinline)) via_caller(int i)
{
    read_here(i);
}

static void __attribute__((noinline)) write_here(void)
{
    RP_WRITE(0x2000, 8);
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        via_caller(i);
    write_here();
    RP_PARAM(0x3000, "write(buf)");
    RP_LEAK(0x4000, 16, 0);
    printf("errors so far: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
    return 0;
}
