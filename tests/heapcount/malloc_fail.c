/* Allocations that cannot succeed return NULL with errno ENOMEM, as
   glibc's do: huge and "negative" sizes, calloc and reallocarray whose
   product overflows, pvalloc rounding past the end; a failed realloc
   keeps the old block. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void report(const char *what, void *p)
{
    int e = errno;
    printf("%-32s %s, errno %s\n", what, p ? "non-NULL" : "NULL",
           e == ENOMEM ? "ENOMEM" : e == 0 ? "0" : "other");
    errno = 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    /* Through a volatile, so that the compiler does not judge the sizes. */
    volatile size_t huge = SIZE_MAX, half = SIZE_MAX / 2 + 1, minus100 = (size_t)-100;
    volatile size_t big = (size_t)1 << 33;

    errno = 0;
    report("malloc(SIZE_MAX)", malloc(huge));
    report("malloc(-100)", malloc(minus100));
    report("malloc(SIZE_MAX / 2 + 1)", malloc(half));
    report("calloc(2^33, 2^33)", calloc(big, big));
    report("calloc(SIZE_MAX / 2 + 1, 2)", calloc(half, 2));
    report("reallocarray(NULL, 2^33, 2^33)", reallocarray(NULL, big, big));
    report("pvalloc(SIZE_MAX)", pvalloc(huge));
    report("memalign(64, SIZE_MAX)", memalign(64, huge));

    char *p = malloc(16);
    strcpy(p, "kept");
    char *q = realloc(p, huge);
    report("realloc(p, SIZE_MAX)", q);
    printf("old block still holds \"%s\"\n", p);
    free(p);
    return 0;
}
