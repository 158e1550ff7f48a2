/* Overflow and underflow by one of heap blocks of every size from 1 to
   64, then of calloc'd blocks, blocks grown and shrunk by realloc and
   aligned_alloc'd ones.  A bits are per byte: every access is reported,
   also where the allocator rounds the block up (168 errors in all; one
   context per line that errs). */
#include <stdio.h>
#include <stdlib.h>

static void __attribute__((noinline)) poke(char *p, size_t i)
{
    p[i] = 1;
}

static char __attribute__((noinline)) peek(const char *p, long i)
{
    return p[i];
}

int main(void)
{
    long sum = 0;
    for (size_t n = 1; n <= 64; n++) {
        char *p = malloc(n);
        poke(p, n);
        sum += peek(p, -1);
        free(p);
    }
    for (size_t n = 1; n <= 64; n += 7) {
        char *p = calloc(n, 1);
        sum += peek(p, (long)n);
        p = realloc(p, n + 3);
        poke(p, n + 3);
        p = realloc(p, n);
        sum += peek(p, (long)n);
        free(p);
        p = aligned_alloc(64, n);
        poke(p, n);
        free(p);
    }
    printf("done %ld\n", sum * 0);
    return 0;
}
