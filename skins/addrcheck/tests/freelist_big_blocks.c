/* The quarantine: a small and a big block freed, then more than
   --freelist-vol bytes are in it and the next malloc evicts the oldest
   blocks, big ones (--freelist-big-blocks) first.  A block evicted is
   reused by the next malloc of its size; one still there is described as
   freed (argv[1]: which one to read). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile char sink;

int main(int argc, char **argv)
{
    char *small = malloc(100);
    char *big = malloc(2000);
    free(small);
    free(big);
    char *next = malloc(10); /* the quarantine is trimmed here */
    char *small2 = malloc(100);
    printf("small reused: %s\n", small2 == small ? "yes" : "no");
    sink = strcmp(argv[1], "small") == 0 ? small[0] : big[0];
    free(next);
    free(small2);
    return 0;
}
