/* A C program that dlopens libstdc++ (as a plugin written in C++ brings
   it in): __gnu_cxx::__freeres is not run at exit, as Memcheck does not
   run it for a libstdc++ outside the start-up objects, so the C++
   runtime's emergency exception pool (72,704 bytes) is still reachable,
   as Memcheck reports. */
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
    void *h = dlopen("libstdc++.so.6", RTLD_NOW | RTLD_GLOBAL);
    printf("%s\n", h ? "loaded" : dlerror());
    return 0;
}
