/* Off-by-one string bugs: a buffer of strlen(s) bytes, with no room for
   the NUL, filled by strcpy, strcat, strncat, sprintf and snprintf (with
   a size one too big); then an unterminated string read by strlen and
   by printf's %s.  Each reports the one byte past the block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Through a volatile pointer, so that the compiler does not warn. */
static char *volatile launder;

static char *hide(char *p)
{
    launder = p;
    return launder;
}

int main(void)
{
    static char flow[] = "flow", flowing[] = "flowing";
    const char *word = "overflow";
    size_t n = strlen(word);
    char *p = malloc(n);

    strcpy(hide(p), word);
    memcpy(p, "over", 5);
    strcat(hide(p), hide(flow));
    memcpy(p, "over", 5);
    strncat(hide(p), hide(flowing), 4);
    sprintf(hide(p), "%s", word);
    snprintf(hide(p), n + 1, "%s", word);

    memcpy(p, word, n);
    size_t len = strlen(p);
    printf("%.*s|%s\n", (int)(len > n ? n : len), p, len >= n ? "" : "?");
    fflush(stdout);
    free(p);
    return 0;
}
