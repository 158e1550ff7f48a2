/* The only pointer to a block points 10 bytes into it (no heuristic
   explains such a pointer): possibly lost. */
#include <stdlib.h>
#include "leak_common.h"

char *volatile inside;

int main(void)
{
    inside = (char *)malloc(64) + 10;
    clear_stack();
    return 0;
}
