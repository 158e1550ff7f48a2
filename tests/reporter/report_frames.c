/* Stack frames of every sort: an inlined function, a callback called from
   inside the C library (bsearch), and an ordinary chain of calls. */
#include "reporter.h"

#include <stdlib.h>

static inline __attribute__((always_inline)) void inlined_report(int size)
{
    RP_READ(0x5000, size);
}

static void __attribute__((noinline)) calls_inlined(void)
{
    inlined_report(2);
}

static int compare(const void *a, const void *b)
{
    RP_WRITE(0x6000, 1);
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    static const int table[] = {1, 2, 3};
    int key = 2;
    calls_inlined();
    return bsearch(&key, table, 3, sizeof table[0], compare) == NULL;
}
