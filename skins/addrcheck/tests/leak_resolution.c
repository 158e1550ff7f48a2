/* The same allocating function, lost from two callers (and two lines of
   one of them): with --leak-resolution=high they are three loss records,
   with med (4 frames) still three, with low (2 frames) one. */
#include <stdlib.h>
#include "leak_common.h"

void *volatile lost;

static void __attribute__((noinline)) lose(void)
{
    lost = malloc(24);
    lost = NULL;
}

static void __attribute__((noinline)) from_a(void)
{
    lose();
}

static void __attribute__((noinline)) from_b(void)
{
    lose();
    lose();
}

int main(void)
{
    from_a();
    from_b();
    clear_stack();
    return 0;
}
