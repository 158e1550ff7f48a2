// cflags: -std=c++17
/* --trace-malloc: one line per heap call in Valgrind 3.19's words (the
   replaced function's mangled name, decimal sizes, the memalign family as
   "memalign(al A, size N)", realloc's malloc and free cases).  Not traced,
   unlike Memcheck: free(NULL) (see docs/addrcheck.md). */
#include <malloc.h>
#include <new>
#include <stdlib.h>

int main()
{
    void *a = malloc(5);
    void *b = calloc(3, 7);
    void *c = realloc(NULL, 20);
    c = realloc(c, 40);
    void *d = memalign(64, 10);
    void *e = NULL;
    if (posix_memalign(&e, 32, 11) != 0)
        return 1;
    void *f = aligned_alloc(16, 32);
    void *g = valloc(9);
    int *h = new int;
    int *i = new int[4];
    int *j = new (std::nothrow) int;
    int *k = static_cast<int *>(::operator new(8, std::align_val_t(64)));
    (void)malloc_usable_size(a);
    delete h;
    delete[] i;
    ::operator delete(j, sizeof(int));
    ::operator delete(k, std::align_val_t(64));
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    free(f);
    free(g);
    void *z = malloc(0);
    z = realloc(z, 0);
    return z != NULL;
}
