// cflags: -shared -fPIC -Wl,-soname,libmyalloc.so.1
/* soname_synonyms_lib: an allocator library of its own (soname
   libmyalloc.so.1): malloc and free over a static arena, no checks.
   Built as build/skins/addrcheck/tests/soname_synonyms_lib and dlopen'ed
   by soname_synonyms. */
#include <stddef.h>

static char arena[1 << 16];
static size_t used;

void *malloc(size_t n)
{
    void *p = arena + used;
    used += (n + 15) & ~(size_t)15;
    return used <= sizeof arena ? p : NULL;
}

void free(void *p)
{
    (void)p;
}
