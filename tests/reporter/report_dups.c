/* Repeats of an error are merged into one report with a count: the same
   kind, the same top four frames and the same details.  A different fifth
   frame still merges; another size, or another fourth frame, does not. */
#include "reporter.h"

static void __attribute__((noinline)) leaf(int size)
{
    RP_READ(0x1000 + size, size);
}

static void __attribute__((noinline)) level1(int size)
{
    leaf(size);
}

static void __attribute__((noinline)) level2(int size)
{
    level1(size);
}

static void __attribute__((noinline)) level3(int size)
{
    level2(size);
}

static void __attribute__((noinline)) other_level2(int size)
{
    level1(size);
}

static void __attribute__((noinline)) caller_a(void)
{
    level3(4);
}

static void __attribute__((noinline)) caller_b(void)
{
    level3(4);
}

int main(void)
{
    for (int i = 0; i < 5; i++)
        caller_a();   /* one error, 5 times */
    caller_b();       /* differs in the fifth frame only: the same error */
    level3(8);        /* another size: another error */
    other_level2(4);  /* differs in the third frame: another error */
    return 0;
}
