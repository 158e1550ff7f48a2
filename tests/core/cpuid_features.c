/* cpuid_features: which ISA extensions cpuid advertises.  The tool hides
   what it cannot translate (AVX-512, RTM/HLE), so the expected output is
   the tool's view, not this machine's: AVX512F=0 RTM=0 AVX2=1 SSE4.2=1.
   Needs a host with AVX2 and SSE4.2. */
#include <cpuid.h>
#include <stdio.h>

int main(void)
{
    unsigned a, b, c, d, max;
    int sse42, avx2 = 0, avx512f = 0, rtm = 0, hle = 0;

    max = __get_cpuid_max(0, NULL);
    __cpuid(1, a, b, c, d);
    sse42 = (c >> 20) & 1;
    if (max >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        avx2 = (b >> 5) & 1;
        avx512f = (b >> 16) & 1;
        rtm = (b >> 11) & 1;
        hle = (b >> 4) & 1;
    }
    printf("AVX512F=%d\n", avx512f);
    printf("RTM=%d\n", rtm);
    printf("HLE=%d\n", hle);
    printf("AVX2=%d\n", avx2);
    printf("SSE4.2=%d\n", sse42);
    return 0;
}
