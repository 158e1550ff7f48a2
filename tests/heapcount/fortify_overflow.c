// cflags: -fno-builtin
/* __strcpy_chk finds that the string does not fit: glibc's message and
   SIGABRT, as natively. */
#include <stdio.h>
#include <string.h>

char *__strcpy_chk(char *, const char *, size_t);
void *__memcpy_chk(void *, const void *, size_t, size_t);

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char buf[8];
    __memcpy_chk(buf, "1234567", 8, sizeof buf);
    printf("fits: %s\n", buf);
    __strcpy_chk(buf, "this does not fit", sizeof buf);
    printf("not reached\n");
    return 0;
}
