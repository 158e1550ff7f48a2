/* An error in a constructor that __libc_start_main runs through call_init:
   the frame under call_init is named by the versioned symbol
   (__libc_start_main@@GLIBC_2.34, from libc's .symtab, as Memcheck names
   it), which is not a "below main" name, so the trace goes on to _start,
   as Memcheck's does. */
#include <stdlib.h>

static void *keep;

__attribute__((constructor)) static void early(void)
{
    char *p = malloc(8);
    p[8] = 1;
    keep = p;
}

int main(void)
{
    free(keep);
    return 0;
}
