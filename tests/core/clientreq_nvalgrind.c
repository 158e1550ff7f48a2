/* clientreq_nvalgrind: with NVALGRIND defined the header compiles every
   request out: even under the tool RUNNING_ON_VALGRIND is 0,
   VALGRIND_PRINTF prints nothing and returns 0, and requests evaluate to
   their default without evaluating their arguments. */
// cflags: -DNVALGRIND
#include <stdio.h>
#include "../../include/valgrind.h"

int main(void)
{
    int evaluated = 0;
    unsigned long answer;

    printf("RUNNING_ON_VALGRIND=%u\n", RUNNING_ON_VALGRIND);
    printf("VALGRIND_PRINTF returned %d\n", VALGRIND_PRINTF("not printed\n"));
    answer = VALGRIND_DO_CLIENT_REQUEST_EXPR(7, VG_USERREQ__RUNNING_ON_VALGRIND,
                                             evaluated++, 0, 0, 0, 0);
    printf("request answered %lu, arguments evaluated %d times\n", answer, evaluated);
    return 0;
}
