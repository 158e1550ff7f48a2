/* Blocks that libc allocates inside itself (strdup, strndup, asprintf,
   getline) come from the replaced malloc and are freed by the replaced
   free. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char *a = strdup("hello, heap");
    char *b = strndup("truncated string", 9);
    char *c = NULL;
    if (asprintf(&c, "%s|%s|%d", a, b, 42) < 0)
        return 1;
    printf("%s\n", c);
    free(a);
    free(b);
    free(c);
    return 0;
}
