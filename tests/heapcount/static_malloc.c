// cflags: -static
/* A static client: its malloc is in the executable (soname NONE), and
   the core loads the preload library itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char *p = malloc(64);
    strcpy(p, "static");
    int *z = calloc(16, sizeof(int));
    int sum = 0;
    for (int i = 0; i < 16; i++)
        sum += z[i];
    p = realloc(p, 4096);
    printf("%s %d\n", p, sum);
    free(z);
    free(p);
    return 0;
}
