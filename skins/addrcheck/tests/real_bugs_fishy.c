/* Sizes that are negative as signed numbers: Memcheck reports each as an
   error, "Argument 'size' of function malloc has a fishy (possibly
   negative) value: -1" with the caller's stack (calloc, memalign for
   posix_memalign and aligned_alloc, malloc for realloc(NULL, n)). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    volatile long neg = -1;
    void *p = malloc((size_t)neg);
    void *q = realloc(NULL, (size_t)neg - 7);
    void *r = calloc(1, (size_t)neg);
    void *s;
    int rc = posix_memalign(&s, 16, (size_t)neg);
    void *t = aligned_alloc(16, (size_t)neg);
    printf("%d %d %d %d %d\n", p == 0, q == 0, r == 0, rc != 0, t == 0);
    return 0;
}
