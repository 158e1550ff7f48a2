/* Loads of a 5-byte block that reach past its end: aligned loads of 4, 8
   and 16 bytes with an addressable byte are fine with
   --partial-loads-ok=yes, misaligned ones never. */
#include <stdint.h>
#include <stdlib.h>
#include <emmintrin.h>

static volatile uint64_t sink;

int main(void)
{
    char *p = malloc(5); /* 16-aligned */
    uint64_t r8;
    uint32_t r4;
    __m128i v;
    __asm__ volatile("movq (%1), %0" : "=r"(r8) : "r"(p));
    sink = r8;
    __asm__ volatile("movl 4(%1), %0" : "=r"(r4) : "r"(p));
    sink = r4;
    __asm__ volatile("movq 1(%1), %0" : "=r"(r8) : "r"(p));
    sink = r8;
    __asm__ volatile("movdqa (%1), %0" : "=x"(v) : "r"(p));
    sink = (uint64_t)_mm_cvtsi128_si64(v);
    __asm__ volatile("movdqu 1(%1), %0" : "=x"(v) : "r"(p));
    sink = (uint64_t)_mm_cvtsi128_si64(v);
    free(p);
    return 0;
}
