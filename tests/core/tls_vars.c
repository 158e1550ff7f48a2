/* tls_vars: __thread variables of the main program, initialised and
   zero-initialised, read and written through %fs (initial-exec and
   local-exec models), with their addresses inside the thread's block. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

__thread long tls_init = 42;
__thread long tls_zero;
__thread char tls_str[32] = "thread-local string";
__thread int tls_array[100];
static __thread double tls_static_init = 1.5;

/* noinline so the accesses are not folded into main's */
static __attribute__((noinline)) long *addr_of_init(void)
{
    return &tls_init;
}

int main(void)
{
    long sum = 0;
    int i;
    uintptr_t fs_base, p;

    printf("tls_init=%ld tls_zero=%ld tls_str=%s\n", tls_init, tls_zero, tls_str);
    printf("tls_static_init=%.2f\n", tls_static_init);
    for (i = 0; i < 100; i++)
        sum += tls_array[i];
    printf("tls_array sum before=%ld\n", sum);

    tls_init += 8;
    tls_zero = -1;
    strcpy(tls_str, "changed");
    tls_static_init *= 3;
    for (i = 0; i < 100; i++)
        tls_array[i] = i * i;
    sum = 0;
    for (i = 0; i < 100; i++)
        sum += tls_array[i];
    printf("tls_init=%ld tls_zero=%ld tls_str=%s\n", tls_init, tls_zero, tls_str);
    printf("tls_static_init=%.2f\n", tls_static_init);
    printf("tls_array sum after=%ld\n", sum);

    /* writes through a pointer land in the same variable */
    *addr_of_init() = 1000;
    printf("through pointer: %ld\n", tls_init);

    /* x86-64 TLS variant II: the block lies just below the thread
       pointer, and %fs:0 holds the thread pointer itself */
    __asm__ volatile("mov %%fs:0, %0" : "=r"(fs_base));
    p = (uintptr_t)&tls_init;
    printf("below thread pointer: %s\n",
           p < fs_base && fs_base - p < 65536 ? "yes" : "no");
    return 0;
}
