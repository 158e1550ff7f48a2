/* A global pointer keeps a block: still reachable, not shown unless asked
   for; a block it points to, through the first one, too. */
#include <stdlib.h>
#include "leak_common.h"

void **volatile global;

int main(void)
{
    global = malloc(2 * sizeof(void *));
    global[0] = malloc(100);
    global[1] = NULL;
    clear_stack();
    return 0;
}
