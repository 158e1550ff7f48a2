/* Opens descriptors every way --track-fds follows (open, pipe, dup, dup2,
   fcntl F_DUPFD, socketpair, socket, accept, recvmsg SCM_RIGHTS, eventfd)
   and closes some (close, close_range), then exits with them open: the
   report lists what is left, newest first.  The descriptors the test
   harness leaked (make's jobserver) are closed first, so the numbers are
   the same everywhere; the core's own are above 1000 (and refused).
   argv[1]: where to bind a Unix socket (relative: in the test's
   directory; removed again before the exit). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* Sends descriptor FD over the connected socket TO and receives it from
   FROM: the copy is a new descriptor. */
static int pass_fd(int to, int from, int fd)
{
    char byte = 'x';
    struct iovec iov = {&byte, 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr mh;
    memset(&control, 0, sizeof control);
    memset(&mh, 0, sizeof mh);
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = control.buf;
    mh.msg_controllen = sizeof control.buf;
    struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof fd);
    if (sendmsg(to, &mh, 0) != 1 || recvmsg(from, &mh, 0) != 1)
        return -1;
    int got;
    memcpy(&got, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof got);
    return got;
}

int main(int argc, char **argv)
{
    const char *socket_path = argc > 1 ? argv[1] : "track_fds.tmp";
    for (int fd = 3; fd < 1000; fd++)
        close(fd);

    int null_fd = open("/dev/null", O_RDONLY); /* 3 */
    int p[2];
    pipe(p); /* 4, 5 */
    dup(null_fd);          /* 6 */
    dup2(null_fd, 20);     /* 20 */
    fcntl(null_fd, F_DUPFD, 30); /* 30 */
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv); /* 7, 8 */

    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    strncpy(addr.sun_path, socket_path, sizeof addr.sun_path - 1);
    unlink(socket_path);
    int listener = socket(AF_UNIX, SOCK_STREAM, 0); /* 9 */
    bind(listener, (struct sockaddr *)&addr, sizeof addr);
    listen(listener, 1);
    int client = socket(AF_UNIX, SOCK_STREAM, 0); /* 10 */
    connect(client, (struct sockaddr *)&addr, sizeof addr);
    accept(listener, NULL, NULL); /* 11 */
    unlink(socket_path);

    socket(AF_INET, SOCK_STREAM, 0); /* 12, never bound */
    close(open("/dev/zero", O_RDONLY)); /* 13, gone */
    eventfd(0, 0);                      /* 13 */
    open("/dev/zero", O_RDONLY);        /* 14 */
    open("/dev/zero", O_RDONLY);        /* 15 */
    close_range(14, 15, 0);
    pass_fd(sv[0], sv[1], null_fd); /* 14 */
    dup2(p[0], p[0]); /* 4 again: listed where it was, opened here */
    return 0;
}
