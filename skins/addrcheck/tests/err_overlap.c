/* Copies whose source and destination overlap: memcpy forwards and
   backwards, and strcpy. */
#include <string.h>

static char buf[64] = "0123456789abcdefghij";

int main(void)
{
    volatile size_t n = 10;
    memcpy(buf + 4, buf, n);
    memcpy(buf, buf + 3, n);
    strcpy(buf, buf + 2);
    return 0;
}
