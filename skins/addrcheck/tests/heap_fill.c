/* --malloc-fill and --free-fill: a byte of a fresh malloc block, of a
   freed block read through a kept pointer (an error too), of a calloc
   block (zeroed, not filled) and of the grown part of a realloc block. */
#include <stdio.h>
#include <stdlib.h>

static void __attribute__((noinline)) release(unsigned char *p)
{
    free(p);
}

int main(void)
{
    unsigned char *fresh = malloc(16);
    unsigned char *old = malloc(16);
    old[3] = 0x11;
    release(old);
    printf("fresh: %02x\n", fresh[5]);
    printf("freed: %02x\n", *(volatile unsigned char *)&old[3]);
    unsigned char *zeroed = calloc(1, 16);
    printf("calloc: %02x\n", zeroed[2]);
    unsigned char *grown = realloc(fresh, 32);
    printf("realloc tail: %02x\n", grown[20]);
    free(grown);
    free(zeroed);
    return 0;
}
