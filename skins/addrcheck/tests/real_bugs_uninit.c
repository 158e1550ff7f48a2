/* Reads of memory that is addressable but was never written: heap
   blocks from malloc, a stack variable, a block grown by realloc, and
   such bytes passed to write().  Addrcheck has no V bits: none of this is
   an error for it (Memcheck would report the conditional jumps). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Through a volatile pointer, so that the compiler does not warn. */
static void *volatile launder;

static void *hide(void *p)
{
    launder = p;
    return launder;
}

int main(void)
{
    int decisions = 0;
    char *p = hide(malloc(64));
    if (p[10] == 3)
        decisions++;
    int x;
    int *xp = hide(&x);
    if (*xp > 2)
        decisions++;
    long *w = hide(malloc(10 * sizeof *w));
    long sum = 0;
    for (int i = 0; i < 10; i++)
        sum += w[i];
    if (sum == 42)
        decisions++;
    p = realloc(p, 128);
    memset(p, 'a', 64);
    char *tail = p + 64;            /* 64 bytes realloc did not initialise */
    if (memchr(tail, 'z', 64))
        decisions++;
    int fd[2];
    if (pipe(fd) == 0) {
        ssize_t n = write(fd[1], tail, 64);
        close(fd[0]);
        close(fd[1]);
        printf("wrote %zd\n", n);
    }
    printf("decisions made: %s\n", decisions >= 0 ? "yes" : "no");
    free(p);
    free(w);
    return 0;
}
