/* stack_large: the main stack grows on demand: recursion using 1 MiB of
   stack in 1 KiB frames, then one 4 MiB frame (a variable-length array)
   touched from its far end, well within the default 8 MiB limit. */
#include <stdio.h>
#include <string.h>

static long __attribute__((noinline)) deep(int n)
{
    volatile unsigned char frame[1024];
    long sum;

    memset((char *)frame, n & 0xff, sizeof frame);
    if (n == 0)
        return 0;
    sum = deep(n - 1);
    return sum + frame[n % 1024] + frame[0];
}

static long __attribute__((noinline)) big_frame(size_t size)
{
    volatile unsigned char vla[size];
    long sum = 0;
    size_t i;

    /* touch one byte per page, starting from the lowest address, so the
       first touch is 4 MiB below the current stack pointer's page */
    for (i = 0; i < size; i += 4096)
        vla[i] = (unsigned char)(i >> 12);
    for (i = 0; i < size; i += 4096)
        sum += vla[i];
    return sum;
}

int main(void)
{
    printf("deep(1024) = %ld\n", deep(1024));
    printf("deep(1024) again = %ld\n", deep(1024));
    printf("big_frame(4 MiB) = %ld\n", big_frame(4 << 20));
    return 0;
}
