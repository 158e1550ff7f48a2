/* A call through a null function pointer: "Jump to the invalid address
   stated on the next line", then the SIGSEGV that kills the program. */
#include <stdio.h>

typedef void (*fn)(void);

int main(void)
{
    fn volatile f = (fn)0;
    f();
    return 0;
}
