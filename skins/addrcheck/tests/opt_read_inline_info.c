/* A heap overrun inside a function inlined into main: two frames with
   inline info, one ("main" at the inlined line) with
   --read-inline-info=no. */
#include <stdlib.h>

static inline __attribute__((always_inline)) void poke(char *p)
{
    p[8] = 1;
}

int main(void)
{
    char *p = malloc(8);
    poke(p);
    free(p);
    return 0;
}
