/* Loads and stores of 1, 2, 4, 8 and 16 (SSE) bytes just after and just
   before a heap block: each is reported once, with the block it is next
   to and where that was allocated. */
#include <emmintrin.h>
#include <stdlib.h>

static void __attribute__((noinline)) after(char *p, int n)
{
    volatile char c = p[n];
    volatile short s = *(short *)(p + n);
    volatile int i = *(int *)(p + n);
    volatile long l = *(long *)(p + n);
    volatile __m128i v = _mm_loadu_si128((__m128i *)(p + n));
    (void)c, (void)s, (void)i, (void)l, (void)v;
}

static void __attribute__((noinline)) before(char *p)
{
    p[-1] = 1;
    *(short *)(p - 2) = 2;
    *(int *)(p - 4) = 4;
    *(long *)(p - 8) = 8;
    _mm_storeu_si128((__m128i *)(p - 16), _mm_setzero_si128());
}

int main(void)
{
    char *p = malloc(32);
    after(p, 32);
    before(p);
    free(p);
    return 0;
}
