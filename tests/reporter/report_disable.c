/* VALGRIND_DISABLE_ERROR_REPORTING nests; errors while it is in force are
   neither shown nor counted.  VALGRIND_COUNT_ERRORS counts the others. */
#include "reporter.h"

#include <stdio.h>

static void __attribute__((noinline)) report(int size)
{
    RP_READ(0x1000, size);
}

int main(void)
{
    report(1);
    printf("after one error: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
    VALGRIND_DISABLE_ERROR_REPORTING;
    VALGRIND_DISABLE_ERROR_REPORTING;
    report(2);
    VALGRIND_ENABLE_ERROR_REPORTING;
    report(3);
    printf("while disabled: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
    VALGRIND_ENABLE_ERROR_REPORTING;
    report(4);
    report(4);
    printf("enabled again: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
    return 0;
}
