/* write() of 16 bytes from a block of 10 (to /dev/null): the system call
   reads past its end. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char *buf = malloc(10);
    volatile size_t len = 16;
    memset(buf, 'x', 10);
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0 || write(fd, buf, len) < 0)
        return 1;
    free(buf);
    return 0;
}
