/* realloc keeps the contents when growing and shrinking; realloc(NULL,
   n) is malloc(n); realloc(p, 0) frees p and returns NULL (glibc's
   choice); reallocarray likewise. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char *p = realloc(NULL, 10);
    printf("realloc(NULL, 10): %s\n", p ? "a block" : "NULL");
    memcpy(p, "0123456789", 10);
    p = realloc(p, 100000);
    printf("grown to 100000: %.10s\n", p);
    memset(p + 10, '-', 100000 - 10);
    p = realloc(p, 5);
    printf("shrunk to 5: %.5s\n", p);
    p = realloc(p, 12);
    printf("grown to 12: %.5s\n", p);
    char *z = realloc(p, 0);
    printf("realloc(p, 0): %s\n", z ? "a block" : "NULL");

    int *a = reallocarray(NULL, 10, sizeof(int));
    for (int i = 0; i < 10; i++)
        a[i] = i * i;
    a = reallocarray(a, 1000, sizeof(int));
    printf("reallocarray grown: %d %d\n", a[3], a[9]);
    a = reallocarray(a, 0, sizeof(int));
    printf("reallocarray(a, 0, 4): %s\n", a ? "a block" : "NULL");
    return 0;
}
