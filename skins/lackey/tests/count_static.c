// cflags: -static -O1
/* count_static: a compute-bound static program for comparing lackey's
   counts with Valgrind's lackey: loops, calls, branches, loads and stores,
   and little of libc (whose CPU-dependent string functions would make the
   two tools' counts differ for reasons unrelated to counting). */
#include <stdio.h>

#define N 2000

static unsigned table[N];

static __attribute__((noinline)) unsigned mix(unsigned x)
{
    x ^= x >> 7;
    x *= 0x9E3779B1u;
    return x ^ (x >> 13);
}

static __attribute__((noinline)) void fill(unsigned seed)
{
    for (unsigned i = 0; i < N; i++)
        table[i] = mix(seed + i);
}

static __attribute__((noinline)) unsigned long sum_odd(void)
{
    unsigned long s = 0;
    for (unsigned i = 0; i < N; i++)
        if (table[i] & 1)
            s += table[i];
    return s;
}

int main(void)
{
    unsigned long total = 0;
    for (unsigned round = 0; round < 200; round++) {
        fill(round);
        total += sum_odd();
    }
    printf("total %lu\n", total);
    return 0;
}
