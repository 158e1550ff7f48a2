/* strcpy, stpcpy and strcat from an unterminated heap string: one
   invalid read of the byte after the block each, as Memcheck reports. */
#include <stdlib.h>
#include <string.h>

static char *(*volatile f_strcpy)(char *, const char *) = strcpy;
static char *(*volatile f_stpcpy)(char *, const char *) = stpcpy;
static char *(*volatile f_strcat)(char *, const char *) = strcat;

int main(void)
{
    char *src = malloc(8);
    memcpy(src, "abcdefgh", 8);     /* no NUL */
    char dst[64];
    f_strcpy(dst, src);
    f_stpcpy(dst, src);
    dst[0] = '\0';
    f_strcat(dst, src);
    free(src);
    return 0;
}
