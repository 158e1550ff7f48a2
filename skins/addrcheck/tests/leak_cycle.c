/* Two blocks pointing to each other, and nothing else to them: a cycle.
   The first one in address order leads the clique and is definitely lost,
   the other is indirectly lost. */
#include <stdlib.h>
#include "leak_common.h"

struct pair {
    struct pair *other;
    long data[3];
};

struct pair *volatile a, *volatile b;

int main(void)
{
    a = malloc(sizeof(struct pair));
    b = malloc(sizeof(struct pair));
    a->other = b;
    b->other = a;
    a = b = NULL;
    clear_stack();
    return 0;
}
