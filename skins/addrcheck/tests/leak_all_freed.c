/* Everything allocated is freed: no leak check to speak of. */
#include <stdlib.h>

int main(void)
{
    void *p = malloc(10);
    void *q = calloc(4, 8);
    free(p);
    free(q);
    return 0;
}
