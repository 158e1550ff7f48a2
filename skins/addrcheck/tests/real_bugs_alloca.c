/* alloca moves the stack pointer by an amount known only at run time.
   Within the area it gave, and in the 128-byte red zone below the stack
   pointer, accesses are fine; a write 200 bytes below the area, and a
   read through a pointer into a frame that has returned (now far below
   the stack pointer), are errors. */
#include <alloca.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Through a volatile pointer, so that the compiler does not warn. */
static char *volatile launder;

static char *hide(char *p)
{
    launder = p;
    return launder;
}

static int __attribute__((noinline)) use_area(size_t n, long below)
{
    char *a = hide(alloca(n));
    memset(a, 'a', n);
    a[below] = 'b';
    return a[n - 1] + a[below];
}

static char *__attribute__((noinline)) dead_frame(size_t n)
{
    char *a = hide(alloca(n));
    memset(a, 'd', n);
    return a;
}

int main(void)
{
    int sum = use_area(1000, -8);      /* in the red zone: fine */
    sum += use_area(1000, -200);       /* below it: one error */
    char *gone = dead_frame(4096);
    sum += gone[100];                   /* the frame has returned: one error */
    printf("%d\n", sum != 0);
    return 0;
}
