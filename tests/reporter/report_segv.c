/* A client that reports an error, prints a backtrace through the
   client-request printf, and then dies of SIGSEGV: the report and the XML
   must still be complete. */
#include "reporter.h"

#include <stdio.h>

static void __attribute__((noinline)) report_then_crash(volatile int *p)
{
    RP_WRITE(0x9000, 4);
    VALGRIND_PRINTF_BACKTRACE("about to crash (%d)\n", 11);
    *p = 1;
}

int main(void)
{
    fflush(stdout);
    report_then_crash((volatile int *)0);
    return 0;
}
