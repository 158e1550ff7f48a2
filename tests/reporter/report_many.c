/* More different errors than the error limit lets through: 1100 reads of
   different sizes from one place, each a different error. */
#include "reporter.h"

#include <stdio.h>

int main(void)
{
    for (int size = 1; size <= 1100; size++)
        RP_READ(0x1000, size);
    printf("errors counted: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
    return 0;
}
