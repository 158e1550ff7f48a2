/* soname_synonyms: a program that allocates through the malloc of an
   allocator library it dlopens (soname_synonyms_lib, soname
   libmyalloc.so.1) and writes one byte past an 8-byte block.  Only with
   --soname-synonyms=somalloc=libmyalloc* does the skin replace that
   library's malloc, and see the bad write. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n <= 0)
        return 1;
    path[n] = 0;
    strcat(path, "_lib");
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    void *(*my_malloc)(size_t) = (void *(*)(size_t))dlsym(h, "malloc");
    void (*my_free)(void *) = (void (*)(void *))dlsym(h, "free");
    char *p = my_malloc(8);
    p[8] = 1;
    my_free(p);
    printf("done\n");
    return 0;
}
