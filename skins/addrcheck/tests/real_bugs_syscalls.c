/* System calls given buffers that are too small or freed, beyond
   err_syscall_param's write(): read() into a block one byte too short,
   open() of an unterminated path in a heap block, getcwd() told its
   buffer is bigger than it is, recvmsg() with an iovec longer than its
   block, and write() from a freed block. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* Through a volatile pointer, so that the compiler does not warn. */
static void *volatile launder;

static void *hide(void *p)
{
    launder = p;
    return launder;
}

int main(void)
{
    int zero = open("/dev/zero", O_RDONLY);
    int null = open("/dev/null", O_WRONLY);
    char *buf = malloc(16);
    if (zero < 0 || null < 0 || read(zero, hide(buf), 17) != 17)
        return 1;

    char *path = malloc(9);
    memcpy(path, "/dev/nul", 9);
    path[8] = 'l';                          /* no NUL any more */
    int fd = open(hide(path), O_RDONLY);
    if (fd >= 0)
        close(fd);

    char *small = malloc(4);
    if (getcwd(hide(small), 4096) != NULL)   /* fails (ERANGE) or fills it */
        small[0] = '/';

    int sv[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
        return 1;
    if (send(sv[0], "a message of 26 bytes.....", 26, 0) != 26)
        return 1;
    char *rbuf = malloc(16);
    struct iovec io = { rbuf, 30 };
    struct msghdr msg = { .msg_iov = &io, .msg_iovlen = 1 };
    ssize_t got = recvmsg(sv[1], &msg, 0);

    char *stale = hide(buf);
    free(buf);
    ssize_t put = write(null, stale, 4);
    printf("%zd %zd\n", got, put);
    free(rbuf);
    free(path);
    free(small);
    return 0;
}
