/* qsort_callback: libc calls back into the program: qsort and bsearch
   with comparison functions (ints, strings, structs), many indirect calls
   from library code into the main program and returns back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    int key;
    char name[12];
};

static unsigned long compares;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    compares++;
    return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b)
{
    return cmp_int(b, a);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key - y->key;
    return strcmp(x->name, y->name);
}

int main(void)
{
    static int v[100000];
    static struct rec recs[1000];
    static const char *words[] = { "pear", "apple", "fig", "banana", "kiwi",
                                   "cherry", "date", "grape", "lemon", "mango" };
    unsigned x = 12345;
    unsigned long sum = 0;
    int i, key, found = 0;

    for (i = 0; i < 100000; i++) {
        x = x * 1103515245u + 12345u;
        v[i] = (int)(x >> 8) % 1000000;
    }
    qsort(v, 100000, sizeof v[0], cmp_int);
    for (i = 1; i < 100000; i++)
        if (v[i - 1] > v[i])
            break;
    printf("ascending sorted: %s\n", i == 100000 ? "yes" : "no");
    printf("min=%d max=%d median=%d\n", v[0], v[99999], v[50000]);
    for (i = 0; i < 100000; i += 1000)
        sum += (unsigned long)v[i] * (unsigned long)(i + 1);
    printf("weighted sum=%lu\n", sum);
    for (i = 0; i < 1000; i++) {
        key = i * 997;
        if (bsearch(&key, v, 100000, sizeof v[0], cmp_int))
            found++;
    }
    printf("bsearch found %d of 1000\n", found);
    printf("comparisons made: %s\n", compares > 1000000 ? "many" : "few");

    qsort(v, 100000, sizeof v[0], cmp_int_desc);
    printf("descending: first=%d last=%d\n", v[0], v[99999]);

    qsort(words, sizeof words / sizeof words[0], sizeof words[0], cmp_str);
    for (i = 0; i < (int)(sizeof words / sizeof words[0]); i++)
        printf("%s%c", words[i], i == 9 ? '\n' : ' ');

    for (i = 0; i < 1000; i++) {
        x = x * 1103515245u + 12345u;
        recs[i].key = (int)(x >> 16) % 50;
        snprintf(recs[i].name, sizeof recs[i].name, "r%u", (x >> 4) % 100000);
    }
    qsort(recs, 1000, sizeof recs[0], cmp_rec);
    printf("records: first=%d/%s last=%d/%s\n", recs[0].key, recs[0].name,
           recs[999].key, recs[999].name);
    return 0;
}
