/* buggy: the program `make demo` checks with Addrcheck.  Natively it
   prints its answer and exits 0, as many buggy programs do; each bug below
   is one Addrcheck reports, with the stack where it happened and where the
   block involved was allocated and freed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record {
    char name[8];
    int score;
};

/* Bug 1: a copy one byte too long for the block (strlen forgets the NUL). */
static char *copy_name(const char *name)
{
    char *copy = malloc(strlen(name));
    strcpy(copy, name);
    return copy;
}

/* Bug 2: reads an element past the end of the array. */
static int total(const int *scores, int n)
{
    int sum = 0;
    for (int i = 0; i <= n; i++)
        sum += scores[i];
    return sum;
}

int main(void)
{
    char *who = copy_name("addrcheck");
    int *scores = malloc(4 * sizeof(int));
    for (int i = 0; i < 4; i++)
        scores[i] = 10 * (i + 1);
    int sum = total(scores, 4);

    struct record *r = malloc(sizeof *r);
    r->score = sum;
    free(r);
    /* Bug 3: reads the record after freeing it. */
    volatile int stale = r->score;
    (void)stale;
    printf("%s: total %d\n", who, sum);

    /* Bug 4: memcpy between overlapping areas (memmove is for that). */
    memcpy(scores, scores + 1, 3 * sizeof(int));
    free(scores);
    /* Bug 5: never frees who: a leak. */
    return 0;
}
