/* malloc_usable_size is at least what was asked for, and 0 for NULL. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    static const size_t sizes[] = {0, 1, 7, 8, 15, 16, 17, 100, 1000, 4096, 100000};
    int bad = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = malloc(sizes[i]);
        size_t u = malloc_usable_size(p);
        if (u < sizes[i]) {
            printf("malloc(%zu): usable size %zu\n", sizes[i], u);
            bad++;
        }
        /* The whole usable size is the program's to use. */
        for (size_t j = 0; j < sizes[i]; j++)
            p[j] = (char)j;
        free(p);
    }
    char *c = calloc(10, 10);
    if (malloc_usable_size(c) < 100)
        bad++;
    free(c);
    printf("%d sizes too small; usable size of NULL: %zu\n", bad, malloc_usable_size(NULL));
    return 0;
}
