/* malloc and free called through pointers from dlsym are still the
   replacements: the core redirects libc's malloc itself, not a PLT slot. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *(*malloc_fn)(size_t);
typedef void (*free_fn)(void *);

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    malloc_fn my_malloc = (malloc_fn)dlsym(RTLD_DEFAULT, "malloc");
    free_fn my_free = (free_fn)dlsym(RTLD_DEFAULT, "free");
    if (my_malloc == NULL || my_free == NULL) {
        printf("dlsym failed\n");
        return 1;
    }
    for (int i = 0; i < 3; i++) {
        char *p = my_malloc(100 + i);
        memset(p, 'x', 100 + i);
        my_free(p);
    }
    char *q = malloc(10);
    free(q);
    printf("3 blocks through dlsym's malloc, 1 through malloc\n");
    return 0;
}
