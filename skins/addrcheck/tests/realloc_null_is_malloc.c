// cflags: -fno-builtin
/* realloc(NULL, n) is malloc(n): the block's stack starts at "malloc",
   with no realloc frame, as in Memcheck's reports; reallocarray is
   glibc's, which calls realloc (Memcheck 3.19 does not replace it), so
   its blocks start at "malloc" or "realloc" too. */
#include <stdlib.h>

void *volatile keep;

int main(void)
{
    keep = realloc(NULL, 10);
    keep = reallocarray(NULL, 3, 5);
    keep = NULL;
    char *p = malloc(5);
    p = reallocarray(p, 4, 4);
    p[16] = 1;
    free(p);
    return 0;
}
