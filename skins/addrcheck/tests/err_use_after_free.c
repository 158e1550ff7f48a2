/* A read and a write inside a block after it was freed: reported with
   the stack of the free, then where the block was allocated. */
#include <stdlib.h>

static void __attribute__((noinline)) release(int *p)
{
    free(p);
}

int main(void)
{
    int *p = malloc(10 * sizeof *p);
    release(p);
    volatile int x = p[3];
    p[5] = x;
    return 0;
}
