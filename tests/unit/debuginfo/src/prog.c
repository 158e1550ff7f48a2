/* Plain C for symbol and line lookups (built at -O0 and -O2). */
#include <stdio.h>
#include <stdlib.h>

static int table[64];

static int __attribute__((noinline)) fill(int n)
{
    int sum = 0;
    for (int i = 0; i < 64; i++) {
        table[i] = i * n;
        sum += table[i];
    }
    return sum;
}

int __attribute__((noinline)) compute(int a, int b)
{
    int r = fill(a);
    if (r > b)
        r -= b;
    else
        r += b;
    return r * 3;
}

int main(int argc, char **argv)
{
    int v = compute(argc, atoi(argc > 1 ? argv[1] : "7"));
    printf("%d\n", v);
    return v == 12345;
}
