/* posix_memalign returns EINVAL unless the alignment is a power of two
   multiple of sizeof(void *), leaving *res and errno alone; the aligned
   allocators return blocks aligned as asked (memalign rounds an odd
   alignment up to a power of two; valloc and pvalloc align to pages). */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *aligned(void *p, size_t align)
{
    if (p == NULL)
        return "NULL";
    return (uintptr_t)p % align == 0 ? "aligned" : "MISALIGNED";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    static const size_t bad[] = {0, 1, 3, 4, 12, 24, 48, 96};
    static const size_t good[] = {8, 16, 32, 64, 256, 4096, 65536};
    void *sentinel = &sentinel;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        void *p = sentinel;
        errno = 0;
        int r = posix_memalign(&p, bad[i], 100);
        printf("posix_memalign(%zu): %s, *res %s, errno %d\n", bad[i],
               r == EINVAL ? "EINVAL" : "not EINVAL", p == sentinel ? "kept" : "changed", errno);
    }
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        void *p = NULL;
        int r = posix_memalign(&p, good[i], 100);
        printf("posix_memalign(%zu): %d, %s\n", good[i], r, aligned(p, good[i]));
        free(p);
    }
    void *p = sentinel;
    int r = posix_memalign(&p, 64, SIZE_MAX);
    printf("posix_memalign(64, SIZE_MAX): %s, *res %s\n",
           r == ENOMEM ? "ENOMEM" : "not ENOMEM", p == sentinel ? "kept" : "changed");

    void *m1 = memalign(64, 100), *m2 = memalign(48, 100), *m3 = memalign(4096, 10);
    printf("memalign: %s %s %s\n", aligned(m1, 64), aligned(m2, 64), aligned(m3, 4096));
    void *a1 = aligned_alloc(64, 128), *a2 = aligned_alloc(4096, 4096);
    printf("aligned_alloc: %s %s\n", aligned(a1, 64), aligned(a2, 4096));
    void *v = valloc(100), *pv = pvalloc(100);
    printf("valloc: %s, pvalloc: %s, usable >= 4096: %s\n", aligned(v, 4096),
           aligned(pv, 4096), malloc_usable_size(pv) >= 4096 ? "yes" : "no");
    free(m1);
    free(m2);
    free(m3);
    free(a1);
    free(a2);
    free(v);
    free(pv);
    return 0;
}
