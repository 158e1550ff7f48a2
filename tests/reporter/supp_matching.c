/* Errors for the suppressions of supp_matching.supp: each entry shows one
   way to match (a "..." frame, wildcards, obj:, src:, an inlined frame,
   Param's extra line, a list of skins, "*"), and some errors match none. */
#include "reporter.h"

static void __attribute__((noinline)) leaf(int size)
{
    RP_READ(0x1000, size);
}

static void __attribute__((noinline)) middle(int size)
{
    leaf(size);
}

static void __attribute__((noinline)) outer(int size)
{
    middle(size);
}

static void __attribute__((noinline)) write_word(void)
{
    RP_WRITE(0x2000, 8);
}

static void __attribute__((noinline)) write_byte(void)
{
    RP_WRITE(0x2000, 1);
}

static inline __attribute__((always_inline)) void inlined_param(const char *name)
{
    RP_PARAM(0x3000, name);
}

static void __attribute__((noinline)) calls_inlined(const char *name)
{
    inlined_param(name);
}

int main(void)
{
    outer(4);                  /* "..." between leaf and outer */
    middle(2);                 /* matches nothing: leaf, middle, main */
    write_word();              /* fun: with wildcards */
    write_byte();              /* src:FILE:LINE */
    calls_inlined("read(buf)");   /* the inlined frame and the Param line */
    calls_inlined("write(buf)");  /* another Param line: not suppressed */
    leaf(16);                  /* obj: of the program, skin list */
    return 0;
}
