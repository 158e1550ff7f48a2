/* Frees of what is no heap block: a stack address, a global, a block
   freed twice, and realloc of a freed block. */
#include <stdlib.h>

static char global_buf[64];

/* Through a volatile pointer, so that the compiler does not warn. */
static void *volatile launder;

static void *hide(void *p)
{
    launder = p;
    return launder;
}

int main(void)
{
    char local[16];
    free(hide(local));
    free(hide(global_buf + 8));
    char *p = malloc(24);
    free(p);
    free(hide(p));
    char *q = malloc(8);
    free(q);
    q = realloc(hide(q), 16);
    return q != NULL;
}
