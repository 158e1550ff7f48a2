// cflags: -fno-builtin
/* The copying functions report overlapping source and destination
   (memmove does not, nor do copies that do not overlap), with the length
   argument of those that have one; the _chk forms under the public
   name. */
#define _GNU_SOURCE
#include <string.h>
#include <wchar.h>

void *__memcpy_chk(void *, const void *, size_t, size_t);
char *__strcpy_chk(char *, const char *, size_t);

int main(void)
{
    char buf[64] = "0123456789abcdefghij";
    char other[64];
    wchar_t wbuf[16] = L"wide string";

    memcpy(buf + 2, buf, 10);      /* overlap in memcpy */
    memcpy(buf + 10, buf, 10);     /* adjacent: no overlap */
    memmove(buf + 1, buf, 10);     /* memmove may overlap */
    strcpy(buf + 1, buf);          /* overlap in strcpy */
    strcpy(other, buf);            /* no overlap */
    strncpy(buf + 3, buf, 8);      /* overlap in strncpy */
    mempcpy(buf + 1, buf, 4);      /* overlap in mempcpy */
    stpcpy(buf, buf + 4);          /* overlap in stpcpy */
    strcpy(buf, "short");
    strcat(buf, buf + 2);          /* overlap in strcat */
    strcpy(buf, "short");
    strncat(buf, buf + 1, 3);      /* overlap in strncat */
    wcscpy(wbuf + 1, wbuf);        /* overlap in wcscpy */
    memcpy(buf, buf, 0);           /* nothing copied: no overlap */
    __memcpy_chk(buf + 1, buf, 5, sizeof buf - 1);  /* reported as memcpy */
    __strcpy_chk(buf + 1, buf, sizeof buf - 1);     /* reported as strcpy */
    return 0;
}
