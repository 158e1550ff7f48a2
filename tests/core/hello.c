/* hello: the smallest C program, built the default way (a dynamically
   linked PIE): the loader, libc start-up, stdio and exit all run. */
#include <stdio.h>

int main(void)
{
    printf("Hello, world!\n");
    fputs("via fputs\n", stdout);
    puts("via puts");
    return 0;
}
