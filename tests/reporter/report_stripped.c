// cflags: -s
/* A binary without symbols: its frames show only the object they are in. */
#include "reporter.h"

void __attribute__((noinline)) report_from_stripped_code(void)
{
    RP_READ(0x8000, 4);
}

int main(void)
{
    report_from_stripped_code();
    return 0;
}
