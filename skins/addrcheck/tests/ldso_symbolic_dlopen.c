/* ldso_symbolic_dlopen: dlopens a library linked with -Bsymbolic.  ld.so
   then moves the entries of the library's scope array one slot up with
   its own memmove, whose address in ld.so is also named memcpy.  That is
   not an overlapping memcpy: Memcheck replaces no memcpy in ld.so and
   reports nothing here, and neither must we (nm -D, which dlopens its LTO
   plugin's dependencies, and dlopen of libxml2 showed it). */
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
    int (*answer)(void) = (int (*)(void))dlsym(h, "symbolic_answer");
    printf("answer %d\n", answer ? answer() : -1);
    dlclose(h);
    return 0;
}
