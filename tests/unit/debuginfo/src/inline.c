/* Inlined calls two levels deep (always_inline, built at -O2). */
#include <stdio.h>
#include <stdlib.h>

static inline __attribute__((always_inline)) int inner(int x)
{
    int y = x * x;
    if (y > 1000)
        y = y % 977;
    return y + 1;
}

static inline __attribute__((always_inline)) int middle(int x)
{
    int t = inner(x + 1);
    t += inner(x * 3);
    return t * 2;
}

int __attribute__((noinline)) outer(int x)
{
    int s = 0;
    for (int i = 0; i < x; i++)
        s += middle(i);
    return s;
}

int main(int argc, char **argv)
{
    printf("%d\n", outer(argc > 1 ? atoi(argv[1]) : 10));
    return 0;
}
