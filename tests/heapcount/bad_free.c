/* A double free and a free of a stack address are bad frees (nothing is
   freed); the program goes on.  Natively glibc would abort. */
#include <stdlib.h>

int main(void)
{
    char *p = malloc(10);
    free(p);
    free(p);
    int on_stack = 0;
    free(&on_stack);
    free(NULL);
    return on_stack;
}
