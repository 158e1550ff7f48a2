/* Two heap overruns in a row: the program of the tests of the options
   that change how errors are printed (--error-markers, --time-stamp,
   --exit-on-first-error). */
#include <stdlib.h>

int main(void)
{
    char *p = malloc(8);
    p[8] = 1;
    p[9] = 2;
    free(p);
    return 0;
}
