/* clientreq_printf: VALGRIND_PRINTF writes to the tool's log (stderr),
   each line prefixed with **PID**, partial lines joined; it returns the
   number of characters formatted.  The expected output is the tool's view:
   natively nothing goes to stderr and every count is 0. */
#include <stdio.h>
#include "../../include/valgrind.h"

int main(void)
{
    int n[6];

    n[0] = VALGRIND_PRINTF("hello from the client\n");
    n[1] = VALGRIND_PRINTF("two\nlines\n");
    n[2] = VALGRIND_PRINTF("int=%d neg=%d hex=%x char=%c percent=%% long=%ld\n", 42, -5,
                           255, 'z', 1234567890123L);
    n[3] = VALGRIND_PRINTF("partial ");
    n[4] = VALGRIND_PRINTF("line\n");
    n[5] = VALGRIND_PRINTF("%5d|%-5d|%05d|%s|%10s|%lu\n", 42, 42, 42, "str", "right",
                           18446744073709551615UL);
    printf("counts: %d %d %d %d %d %d\n", n[0], n[1], n[2], n[3], n[4], n[5]);
    return 0;
}
