/* demo: the program `make demo` runs under ./vg-in-place.  It does a
   little of what real programs do -- heap allocation, string handling,
   calls through a function pointer, a loop -- and prints what it did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long fib(unsigned n)
{
    unsigned long a = 0, b = 1;
    while (n-- > 0) {
        unsigned long next = a + b;
        a = b;
        b = next;
    }
    return a;
}

static int compare_words(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int main(void)
{
    char *words[] = { "valgrind", "skin", "core", "jit", "ucode" };
    size_t nwords = sizeof words / sizeof words[0];
    char *joined = malloc(64);

    if (joined == NULL)
        return 1;
    printf("Hello from the demo program.\n");
    printf("fib(50) = %lu\n", fib(50));

    qsort(words, nwords, sizeof words[0], compare_words);
    joined[0] = '\0';
    for (size_t i = 0; i < nwords; i++) {
        strcat(joined, words[i]);
        strcat(joined, i + 1 < nwords ? ", " : "");
    }
    printf("sorted: %s\n", joined);
    free(joined);
    printf("Goodbye.\n");
    return 0;
}
