/* clientreq_running_on_valgrind: RUNNING_ON_VALGRIND is 1 under the tool
   (the expected output is the tool's view; natively it prints 0), and the
   client-request sequence leaves the program's registers alone. */
#include <stdio.h>
#include "../../include/valgrind.h"

int main(void)
{
    unsigned first = RUNNING_ON_VALGRIND;
    unsigned again = RUNNING_ON_VALGRIND;
    int i, sum = 0;

    printf("RUNNING_ON_VALGRIND=%u\n", first);
    printf("stable=%s\n", first == again ? "yes" : "no");
    /* in a loop, so it is translated once and run many times */
    for (i = 0; i < 1000; i++)
        sum += (int)RUNNING_ON_VALGRIND;
    printf("sum over 1000 requests=%d\n", sum);
    printf("COUNT_ERRORS=%u\n", VALGRIND_COUNT_ERRORS);
    return 0;
}
