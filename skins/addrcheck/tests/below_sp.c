/* Loads at fixed offsets below the stack pointer, past its 128-byte red
   zone, for --ignore-range-below-sp and --workaround-gcc296-bugs; each
   value is stored, so that no load is dead code. */
static volatile long sink;
#define LOAD_BELOW(off)                                                     \
    do {                                                                    \
        long v;                                                             \
        __asm__ volatile("movq -" #off "(%%rsp), %0" : "=r"(v));            \
        sink = v;                                                           \
    } while (0)

int main(void)
{
    LOAD_BELOW(200);
    LOAD_BELOW(1000);
    LOAD_BELOW(1024);
    LOAD_BELOW(1025);
    LOAD_BELOW(1152);
    LOAD_BELOW(1153);
    return 0;
}
