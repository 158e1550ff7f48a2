/* Pointers kept across realloc: the tool's realloc always moves the
   block, as Memcheck's does, so a read and a write through the old
   pointer are uses after free, reported with realloc as the freeing
   function; realloc(p, 0) frees p too.  The new block is fine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Through a volatile pointer, so that the compiler does not warn. */
static char *volatile launder;

static char *hide(char *p)
{
    launder = p;
    return launder;
}

int main(void)
{
    char *p = malloc(16);
    memcpy(p, "0123456789abcdef", 16);
    char *old = hide(p);
    p = realloc(p, 4096);           /* grows: moves */
    char c = old[3];                /* read of the freed block */
    old[4] = 'x';                   /* write to it */

    char *q = malloc(100);
    memset(q, 'q', 100);
    char *old_q = hide(q);
    q = realloc(q, 50);             /* shrinks: moves all the same */
    c += old_q[60];

    char *r = malloc(8);
    char *old_r = hide(r);
    r = realloc(r, 0);              /* frees r (and returns a block or NULL) */
    c += old_r[0];

    printf("%.4s %c %d\n", p + 2, q[49], c != 0);
    free(p);
    free(q);
    free(r);
    return 0;
}
