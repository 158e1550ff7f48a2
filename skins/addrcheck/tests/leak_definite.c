/* A block whose only pointer is overwritten: definitely lost. */
#include <stdlib.h>
#include "leak_common.h"

void *volatile keep;

int main(void)
{
    keep = malloc(16);
    keep = NULL;
    clear_stack();
    return 0;
}
