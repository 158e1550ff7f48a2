/* backtrace_shlib: a backtrace from a dlopen'ed shared library
   (backtrace_shlib_lib, built next to this program) back into the
   program: file:line in both objects. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int __attribute__((noinline)) call_library(int (*entry)(int), int x)
{
    return entry(x) + 1;
}

int main(void)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n <= 0)
        return 1;
    path[n] = 0;
    strcpy(strrchr(path, '/') + 1, "backtrace_shlib_lib");
    void *h = dlopen(path, RTLD_NOW);
    if (h == NULL) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    int (*entry)(int) = (int (*)(int))dlsym(h, "lib_entry");
    printf("result %d\n", call_library(entry, 20));
    return 0;
}
