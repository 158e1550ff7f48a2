/* --keep-stacktraces: which stacks a heap block shows, in the description
   of a freed block, of a live one and in a loss record. */
#include <stdlib.h>

static void __attribute__((noinline)) release(int *p)
{
    free(p);
}

int main(void)
{
    int *p = malloc(10 * sizeof *p);
    int *q = malloc(8);
    release(p);
    volatile int x = p[3];
    x = q[2];
    free(q);
    int *lost = malloc(7);
    lost = NULL;
    return x & 0;
}
