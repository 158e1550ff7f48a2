/*--------------------------------------------------------------------*/
/*--- Unit test of the system call descriptions (m_sysdesc.c).      ---*/
/*---                                                     harness.c ---*/
/*--------------------------------------------------------------------*/

/* Runs VG_(sysdesc_pre)/_post on hand-made calls and compares the
   recorded skin events with the exact ranges expected.  Speaks TAP.
   Built and run by tests/unit/sysdesc.t, which also generates
   SYSNAMES_H (the numbers and names of <asm/unistd_64.h>). */

#include "mock.h"
#include "pub_core_sysdesc.h"
#include "pub_tool_guest.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <asm/prctl.h>
#include <asm/unistd_64.h>

/*--- TAP and expectations -------------------------------------------*/

static int n_tests, n_failed;

static void tap(int ok, const char *name)
{
    n_tests++;
    if (!ok)
        n_failed++;
    printf("%sok %d - %s\n", ok ? "" : "not ", n_tests, name);
}

typedef struct {
    EvKind kind;
    const char *s;
    Addr a;
    SizeT size;
} Exp;

#define RD(s, a, n) {EV_READ, s, (Addr)(a), n}
#define WR(s, a, n) {EV_WRITE, s, (Addr)(a), n}
#define AZ(s, a) {EV_ASCIIZ, s, (Addr)(a), 0}
#define PW(a, n) {EV_POST, NULL, (Addr)(a), n}
#define RG(s, off, n) {EV_REG, s, off, n}

static const char *kind_name(EvKind k)
{
    static const char *names[] = {"pre_reg_read", "pre_mem_read", "pre_mem_read_asciiz",
                                  "pre_mem_write", "post_mem_write"};
    return names[k];
}

static void show(const char *what, EvKind k, const char *s, Addr a, SizeT size)
{
    printf("#   %s %-19s %-36s %#lx %lu\n", what, kind_name(k), s ? s : "-",
           (unsigned long)a, (unsigned long)size);
}

#define TID 7

/* Compares the recorded events (without pre_reg_read unless with_regs)
   with exp[0..n). */
static void check_events(const char *name, const Exp *exp, UInt n, int with_regs)
{
    UInt got = 0;
    int ok = 1;
    for (UInt i = 0; i < mock_n_events; i++) {
        const MockEvent *e = &mock_events[i];
        if (e->part != Vg_CoreSysCall || e->tid != TID)
            ok = 0;
        if (e->kind == EV_REG && !with_regs)
            continue;
        if (got >= n || e->kind != exp[got].kind || e->a != exp[got].a ||
            e->size != exp[got].size ||
            (exp[got].s && (!e->s || strcmp(e->s, exp[got].s) != 0)))
            ok = 0;
        got++;
    }
    if (got != n)
        ok = 0;
    tap(ok, name);
    if (ok)
        return;
    for (UInt i = 0; i < n; i++)
        show("want", exp[i].kind, exp[i].s, exp[i].a, exp[i].size);
    for (UInt i = 0; i < mock_n_events; i++) {
        const MockEvent *e = &mock_events[i];
        if (e->kind != EV_REG || with_regs)
            show(" got", e->kind, e->s, e->a, e->size);
    }
}

#define N_EXP(...) (sizeof((Exp[]){__VA_ARGS__}) / sizeof(Exp))
#define CHECK(name, ...) check_events(name, (Exp[]){__VA_ARGS__}, N_EXP(__VA_ARGS__), 0)
#define CHECK_REGS(name, ...) check_events(name, (Exp[]){__VA_ARGS__}, N_EXP(__VA_ARGS__), 1)
#define CHECK_NONE(name) check_events(name, NULL, 0, 0)

static UWord cur_args[6];

static void pre(UWord sysno, UWord a0, UWord a1, UWord a2, UWord a3, UWord a4, UWord a5)
{
    cur_args[0] = a0;
    cur_args[1] = a1;
    cur_args[2] = a2;
    cur_args[3] = a3;
    cur_args[4] = a4;
    cur_args[5] = a5;
    mock_events_clear();
    VG_(sysdesc_pre)(TID, sysno, cur_args);
}

static void post_res(UWord sysno, UWord res)
{
    SysRes r = {res, False};
    mock_events_clear();
    VG_(sysdesc_post)(TID, sysno, cur_args, r);
}

static void post_err(UWord sysno, UWord err)
{
    SysRes r = {err, True};
    mock_events_clear();
    VG_(sysdesc_post)(TID, sysno, cur_args, r);
}

#define A_(x) ((UWord)(x))
#define PRE1(n, a) pre(n, A_(a), 0, 0, 0, 0, 0)
#define PRE2(n, a, b) pre(n, A_(a), A_(b), 0, 0, 0, 0)
#define PRE3(n, a, b, c) pre(n, A_(a), A_(b), A_(c), 0, 0, 0)
#define PRE4(n, a, b, c, d) pre(n, A_(a), A_(b), A_(c), A_(d), 0, 0)
#define PRE5(n, a, b, c, d, e) pre(n, A_(a), A_(b), A_(c), A_(d), A_(e), 0)
#define PRE6(n, a, b, c, d, e, f) pre(n, A_(a), A_(b), A_(c), A_(d), A_(e), A_(f))

/* An address where nothing is mapped: reading it would crash the test. */
#define BAD_ADDR ((Addr)0x1000)

/*--- Reads and writes -----------------------------------------------*/

static char buf[65536];

static void test_read_write(void)
{
    PRE3(__NR_read, 3, buf, 100);
    CHECK_REGS("read: registers, then buf checked for writing",
               RG("read(fd)", VG_GUEST_OFFSET_RDI, 4), RG("read(buf)", VG_GUEST_OFFSET_RSI, 8),
               RG("read(count)", VG_GUEST_OFFSET_RDX, 8), WR("read(buf)", buf, 100));
    post_res(__NR_read, 42);
    CHECK("read = 42: 42 bytes written", PW(buf, 42));
    post_err(__NR_read, EBADF);
    CHECK_NONE("read failing: nothing written");
    post_res(__NR_read, 0);
    CHECK_NONE("read = 0: nothing written");

    PRE3(__NR_write, 1, buf, 14);
    CHECK("write: buf read", RD("write(buf)", buf, 14));
    post_res(__NR_write, 14);
    CHECK_NONE("write: nothing written by the kernel");

    PRE3(__NR_write, 1, 0, 0);
    CHECK_NONE("write of 0 bytes: no event");

    PRE4(__NR_pread64, 3, buf, 64, 4096);
    post_res(__NR_pread64, 10);
    CHECK("pread64 = 10", PW(buf, 10));
}

static void test_paths(void)
{
    static const char path[] = "/etc/passwd";
    PRE4(__NR_openat, (UWord)AT_FDCWD, path, O_RDONLY, 0644);
    CHECK_REGS("openat: registers incl. r10, filename asciiz",
               RG("openat(dirfd)", VG_GUEST_OFFSET_RDI, 4),
               RG("openat(filename)", VG_GUEST_OFFSET_RSI, 8),
               RG("openat(flags)", VG_GUEST_OFFSET_RDX, 4),
               RG("openat(mode)", VG_GUEST_OFFSET_R10, 4), AZ("openat(filename)", path));
    post_res(__NR_openat, 3);
    CHECK_NONE("openat: nothing written");

    PRE2(__NR_rename, "a", "b");
    CHECK("rename: two strings", AZ("rename(oldpath)", "a"), AZ("rename(newpath)", "b"));

    struct stat st;
    PRE2(__NR_stat, path, &st);
    CHECK("stat: path and struct stat",
          AZ("stat(filename)", path), WR("stat(statbuf)", &st, sizeof(struct stat)));
    post_res(__NR_stat, 0);
    CHECK("stat: struct stat written", PW(&st, sizeof(struct stat)));

    PRE4(__NR_newfstatat, 3, "", &st, AT_EMPTY_PATH);
    CHECK("newfstatat: empty path, struct stat",
          AZ("newfstatat(pathname)", ""), WR("newfstatat(statbuf)", &st, sizeof(st)));
    PRE4(__NR_newfstatat, 3, 0, &st, AT_EMPTY_PATH);
    CHECK("newfstatat: NULL path skipped", WR("newfstatat(statbuf)", &st, sizeof(st)));

    struct statx stx;
    PRE5(__NR_statx, AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx);
    post_res(__NR_statx, 0);
    CHECK("statx: 256 bytes written", PW(&stx, sizeof(struct statx)));

    PRE3(__NR_readlink, path, buf, 4096);
    CHECK("readlink: path, buffer",
          AZ("readlink(pathname)", path), WR("readlink(buf)", buf, 4096));
    post_res(__NR_readlink, 9);
    CHECK("readlink = 9: 9 bytes (no NUL)", PW(buf, 9));

    PRE3(__NR_readlink, path, buf, -1);
    CHECK("readlink with a negative bufsiz: no buffer event (EINVAL)",
          AZ("readlink(pathname)", path));

    PRE2(__NR_getcwd, buf, 4096);
    CHECK("getcwd: buffer", WR("getcwd(buf)", buf, 4096));
    post_res(__NR_getcwd, 12);
    CHECK("getcwd = 12: result length written", PW(buf, 12));

    PRE3(__NR_getdents64, 3, buf, 32768);
    CHECK("getdents64: buffer", WR("getdents64(dirp)", buf, 32768));
    post_res(__NR_getdents64, 480);
    CHECK("getdents64 = 480", PW(buf, 480));

    PRE4(__NR_getxattr, path, "user.x", 0, 0);
    post_res(__NR_getxattr, 17);
    CHECK_NONE("getxattr size 0 (query): nothing written whatever the result");
}

/*--- Vectors --------------------------------------------------------*/

static void test_iovecs(void)
{
    static char b0[10], b1[1], b2[20];
    struct iovec iov[3] = {{b0, sizeof(b0)}, {b1, 0}, {b2, sizeof(b2)}};
    mock_valid_add(iov, sizeof(iov));
    PRE3(__NR_readv, 3, iov, 3);
    CHECK("readv: array read, non-empty buffers checked for writing",
          RD("readv(vector)", iov, 3 * sizeof(struct iovec)), WR("readv(vector[0])", b0, 10),
          WR("readv(vector[2])", b2, 20));
    post_res(__NR_readv, 15);
    CHECK("readv = 15: spread over the buffers", PW(b0, 10), PW(b2, 5));

    PRE3(__NR_writev, 1, iov, 3);
    CHECK("writev: buffers read", RD("writev(vector)", iov, 48), RD("writev(vector[0])", b0, 10),
          RD("writev(vector[2])", b2, 20));

    PRE5(__NR_preadv, 3, iov, 3, 0, 0);
    post_res(__NR_preadv, 30);
    CHECK("preadv = 30", PW(b0, 10), PW(b2, 20));

    PRE3(__NR_readv, 3, BAD_ADDR, 3);
    CHECK("readv with an unreadable array: the array only, not dereferenced",
          RD("readv(vector)", BAD_ADDR, 48));
    post_res(__NR_readv, 5);
    CHECK_NONE("readv post with an unreadable array: nothing, no crash");

    PRE3(__NR_readv, 3, iov, 5000);
    CHECK_NONE("readv with count > UIO_MAXIOV: nothing (EINVAL)");
    mock_valid_clear();
}

static void test_msgs(void)
{
    static char name[16], d0[8], d1[8], ctl[64];
    struct iovec iov[2] = {{d0, 8}, {d1, 8}};
    struct msghdr m = {name, sizeof(name), iov, 2, ctl, sizeof(ctl), 0};
    mock_valid_add(&m, sizeof(m));
    mock_valid_add(iov, sizeof(iov));
    PRE3(__NR_recvmsg, 3, &m, 0);
    CHECK("recvmsg: header fields, name, iovecs, control",
          RD("recvmsg(msg.msg_name)", &m.msg_name, 8),
          RD("recvmsg(msg.msg_namelen)", &m.msg_namelen, 4),
          RD("recvmsg(msg.msg_iov)", &m.msg_iov, 8),
          RD("recvmsg(msg.msg_iovlen)", &m.msg_iovlen, 8),
          RD("recvmsg(msg.msg_control)", &m.msg_control, 8),
          RD("recvmsg(msg.msg_controllen)", &m.msg_controllen, 8),
          WR("recvmsg(msg.msg_flags)", &m.msg_flags, 4),
          WR("recvmsg(msg.msg_name)", name, 16), RD("recvmsg(msg.msg_iov)", iov, 32),
          WR("recvmsg(msg.msg_iov[0])", d0, 8), WR("recvmsg(msg.msg_iov[1])", d1, 8),
          WR("recvmsg(msg.msg_control)", ctl, 64));
    /* What the kernel does: the address is 110 bytes long (cut to 16),
       24 bytes of control data. */
    m.msg_namelen = 110;
    m.msg_controllen = 24;
    post_res(__NR_recvmsg, 11);
    CHECK("recvmsg = 11: data, name cut to the caller's 16, control, flags", PW(d0, 8),
          PW(d1, 3), PW(&m.msg_namelen, 4), PW(name, 16), PW(&m.msg_controllen, 8),
          PW(ctl, 24), PW(&m.msg_flags, 4));

    m.msg_iov = (struct iovec *)BAD_ADDR;
    m.msg_namelen = 16;
    m.msg_control = NULL;
    PRE3(__NR_recvmsg, 3, &m, 0);
    CHECK("recvmsg with msg_iov unreadable: the array, not its entries",
          RD("recvmsg(msg.msg_name)", &m.msg_name, 8),
          RD("recvmsg(msg.msg_namelen)", &m.msg_namelen, 4),
          RD("recvmsg(msg.msg_iov)", &m.msg_iov, 8),
          RD("recvmsg(msg.msg_iovlen)", &m.msg_iovlen, 8),
          RD("recvmsg(msg.msg_control)", &m.msg_control, 8),
          RD("recvmsg(msg.msg_controllen)", &m.msg_controllen, 8),
          WR("recvmsg(msg.msg_flags)", &m.msg_flags, 4),
          WR("recvmsg(msg.msg_name)", name, 16), RD("recvmsg(msg.msg_iov)", BAD_ADDR, 32));

    PRE3(__NR_recvmsg, 3, BAD_ADDR, 0);
    CHECK("recvmsg with an unreadable msghdr: its fields only",
          RD("recvmsg(msg.msg_name)", BAD_ADDR, 8),
          RD("recvmsg(msg.msg_namelen)", BAD_ADDR + 8, 4),
          RD("recvmsg(msg.msg_iov)", BAD_ADDR + 16, 8),
          RD("recvmsg(msg.msg_iovlen)", BAD_ADDR + 24, 8),
          RD("recvmsg(msg.msg_control)", BAD_ADDR + 32, 8),
          RD("recvmsg(msg.msg_controllen)", BAD_ADDR + 40, 8),
          WR("recvmsg(msg.msg_flags)", BAD_ADDR + 48, 4));

    struct sockaddr_in sin = {.sin_family = AF_INET};
    mock_valid_add(&sin, sizeof(sin));
    struct msghdr sm = {&sin, sizeof(sin), iov, 1, NULL, 0, 0};
    mock_valid_add(&sm, sizeof(sm));
    PRE3(__NR_sendmsg, 3, &sm, 0);
    CHECK("sendmsg: header, sockaddr_in fields (not sin_zero), data",
          RD("sendmsg(msg.msg_name)", &sm.msg_name, 8),
          RD("sendmsg(msg.msg_namelen)", &sm.msg_namelen, 4),
          RD("sendmsg(msg.msg_iov)", &sm.msg_iov, 8),
          RD("sendmsg(msg.msg_iovlen)", &sm.msg_iovlen, 8),
          RD("sendmsg(msg.msg_control)", &sm.msg_control, 8),
          RD("sendmsg(msg.msg_controllen)", &sm.msg_controllen, 8),
          RD("sendmsg(msg.msg_name.sa_family)", &sin.sin_family, 2),
          RD("sendmsg(msg.msg_name.sin_port)", &sin.sin_port, 2),
          RD("sendmsg(msg.msg_name.sin_addr)", &sin.sin_addr, 4),
          RD("sendmsg(msg.msg_iov)", iov, 16), RD("sendmsg(msg.msg_iov[0])", d0, 8));
    post_res(__NR_sendmsg, 8);
    CHECK_NONE("sendmsg: nothing written");

    struct mmsghdr mm[2] = {{{NULL, 0, iov, 1, NULL, 0, 0}, 0},
                            {{NULL, 0, iov + 1, 1, NULL, 0, 0}, 0}};
    mock_valid_add(mm, sizeof(mm));
    PRE5(__NR_recvmmsg, 3, mm, 2, 0, 0);
    mm[0].msg_len = 5;
    mm[0].msg_hdr.msg_controllen = 0;
    post_res(__NR_recvmmsg, 1);
    CHECK("recvmmsg = 1: only the first message, its msg_len bytes", PW(&mm[0].msg_len, 4),
          PW(d0, 5), PW(&mm[0].msg_hdr.msg_controllen, 8), PW(&mm[0].msg_hdr.msg_flags, 4));
    mock_valid_clear();
}

/*--- Sockets --------------------------------------------------------*/

static void test_sockets(void)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    mock_valid_add(&len, sizeof(len));
    PRE3(__NR_accept, 3, &ss, &len);
    CHECK("accept: addrlen read, addr checked for its length",
          RD("accept(addrlen)", &len, 4), WR("accept(addr)", &ss, sizeof(ss)));
    len = sizeof(struct sockaddr_in);
    post_res(__NR_accept, 4);
    CHECK("accept: addrlen and the address written", PW(&len, 4), PW(&ss, 16));

    len = 8;
    PRE3(__NR_accept, 3, &ss, &len);
    len = 16; /* the real length, longer than the buffer */
    post_res(__NR_accept, 4);
    CHECK("accept with a short buffer: only the caller's 8 bytes", PW(&len, 4), PW(&ss, 8));

    PRE3(__NR_accept, 3, 0, 0);
    CHECK_NONE("accept with NULL addr: nothing");

    PRE6(__NR_recvfrom, 3, buf, 100, 0, 0, 0);
    CHECK("recvfrom without an address", WR("recvfrom(buf)", buf, 100));
    post_res(__NR_recvfrom, 7);
    CHECK("recvfrom = 7", PW(buf, 7));

    struct sockaddr_un sun = {.sun_family = AF_UNIX, .sun_path = "/tmp/sock"};
    mock_valid_add(&sun, sizeof(sun));
    PRE3(__NR_connect, 3, &sun, sizeof(sun));
    CHECK("connect AF_UNIX: family and the path up to its NUL",
          RD("connect(addr.sa_family)", &sun.sun_family, 2),
          RD("connect(addr.sun_path)", sun.sun_path, 10));
    PRE3(__NR_bind, 3, BAD_ADDR, 16);
    CHECK("bind with an unreadable sockaddr: the whole range", RD("bind(addr)", BAD_ADDR, 16));

    int sv[2];
    PRE4(__NR_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
    post_res(__NR_socketpair, 0);
    CHECK("socketpair: two fds written", PW(sv, 8));

    int optval;
    socklen_t optlen = sizeof(optval);
    mock_valid_add(&optlen, sizeof(optlen));
    PRE5(__NR_getsockopt, 3, SOL_SOCKET, SO_ERROR, &optval, &optlen);
    CHECK("getsockopt: optlen read, optval checked",
          RD("getsockopt(optlen)", &optlen, 4), WR("getsockopt(optval)", &optval, 4));
    mock_valid_clear();
}

/*--- Polling --------------------------------------------------------*/

static void test_polling(void)
{
    struct pollfd fds[3];
    PRE3(__NR_poll, fds, 3, -1);
    CHECK("poll: fd and events read, revents checked, each entry",
          RD("poll(ufds.fd)", &fds[0].fd, 4), RD("poll(ufds.events)", &fds[0].events, 2),
          WR("poll(ufds.revents)", &fds[0].revents, 2), RD("poll(ufds.fd)", &fds[1].fd, 4),
          RD("poll(ufds.events)", &fds[1].events, 2),
          WR("poll(ufds.revents)", &fds[1].revents, 2), RD("poll(ufds.fd)", &fds[2].fd, 4),
          RD("poll(ufds.events)", &fds[2].events, 2),
          WR("poll(ufds.revents)", &fds[2].revents, 2));
    post_res(__NR_poll, 1);
    CHECK("poll: every revents written", PW(&fds[0].revents, 2), PW(&fds[1].revents, 2),
          PW(&fds[2].revents, 2));

    static char rset[128], eset[128];
    struct timeval tv;
    PRE5(__NR_select, 70, rset, 0, eset, &tv);
    CHECK("select nfds=70: 16 bytes per set (2 longs), NULL set skipped",
          RD("select(readfds)", rset, 16), RD("select(exceptfds)", eset, 16),
          RD("select(timeout)", &tv, sizeof(tv)));
    post_res(__NR_select, 1);
    CHECK("select: sets and timeout written", PW(rset, 16), PW(eset, 16), PW(&tv, 16));
    post_err(__NR_select, EINTR);
    CHECK("select interrupted: only the timeout written", PW(&tv, 16));
    PRE5(__NR_select, 64, rset, 0, 0, 0);
    CHECK("select nfds=64: 8 bytes", RD("select(readfds)", rset, 8));
    PRE5(__NR_select, -1, rset, 0, 0, 0);
    CHECK_NONE("select nfds<0: nothing (EINVAL)");

    struct epoll_event evs[10];
    PRE4(__NR_epoll_wait, 3, evs, 10, -1);
    CHECK("epoll_wait: maxevents entries", WR("epoll_wait(events)", evs, 10 * sizeof(evs[0])));
    post_res(__NR_epoll_wait, 3);
    CHECK("epoll_wait = 3: three entries", PW(evs, 3 * sizeof(evs[0])));
    PRE4(__NR_epoll_wait, 3, evs, -1, -1);
    CHECK_NONE("epoll_wait with maxevents < 0: nothing (EINVAL)");
    PRE4(__NR_epoll_ctl, 3, EPOLL_CTL_ADD, 4, evs);
    CHECK("epoll_ctl ADD reads the event", RD("epoll_ctl(event)", evs, sizeof(evs[0])));
    PRE4(__NR_epoll_ctl, 3, EPOLL_CTL_DEL, 4, 0);
    CHECK_NONE("epoll_ctl DEL: nothing");
}

/*--- Signals and time -----------------------------------------------*/

static void test_signals_time(void)
{
    static char act[32], oact[32];
    PRE4(__NR_rt_sigaction, SIGINT, act, 0, 8);
    CHECK("rt_sigaction with NULL oldact: the kernel sigaction read (24 + 8)",
          RD("rt_sigaction(act)", act, 32));
    post_res(__NR_rt_sigaction, 0);
    CHECK_NONE("rt_sigaction: nothing written without oldact");
    PRE4(__NR_rt_sigaction, SIGINT, 0, oact, 8);
    post_res(__NR_rt_sigaction, 0);
    CHECK("rt_sigaction: oldact written", PW(oact, 32));

    struct timespec req, rem;
    PRE2(__NR_nanosleep, &req, &rem);
    CHECK("nanosleep: req read, rem checked", RD("nanosleep(req)", &req, 16),
          WR("nanosleep(rem)", &rem, 16));
    post_res(__NR_nanosleep, 0);
    CHECK_NONE("nanosleep done: rem untouched");
    post_err(__NR_nanosleep, EINTR);
    CHECK("nanosleep interrupted: rem written", PW(&rem, 16));

    PRE4(__NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &req, &rem);
    CHECK("clock_nanosleep absolute: rem ignored", RD("clock_nanosleep(request)", &req, 16));

    PRE2(__NR_clock_gettime, CLOCK_REALTIME, &req);
    post_res(__NR_clock_gettime, 0);
    CHECK("clock_gettime", PW(&req, sizeof(struct timespec)));

    int status;
    struct rusage ru;
    PRE4(__NR_wait4, -1, &status, WNOHANG, &ru);
    post_res(__NR_wait4, 0);
    CHECK_NONE("wait4 = 0 (WNOHANG, no child): nothing written");
    post_res(__NR_wait4, 1234);
    CHECK("wait4 = pid: status and rusage", PW(&status, 4), PW(&ru, sizeof(struct rusage)));
}

/*--- ioctl, fcntl, futex, prctl -------------------------------------*/

static void test_ioctl_fcntl(void)
{
    static char arg[64];
    PRE3(__NR_ioctl, 0, TCGETS, arg);
    CHECK("ioctl TCGETS: the kernel termios (36 bytes)", WR("ioctl(TCGETS)", arg, 36));
    post_res(__NR_ioctl, 0);
    CHECK("ioctl TCGETS written", PW(arg, 36));
    PRE3(__NR_ioctl, 0, TCSETSW, arg);
    CHECK("ioctl TCSETSW read", RD("ioctl(TCSETSW)", arg, 36));
    PRE3(__NR_ioctl, 1, TIOCGWINSZ, arg);
    CHECK("ioctl TIOCGWINSZ", WR("ioctl(TIOCGWINSZ)", arg, sizeof(struct winsize)));
    PRE3(__NR_ioctl, 1, FIONBIO, arg);
    CHECK("ioctl FIONBIO reads an int", RD("ioctl(FIONBIO)", arg, 4));
    PRE3(__NR_ioctl, 1, FIOCLEX, 0);
    CHECK_NONE("ioctl FIOCLEX: no argument");
    PRE3(__NR_ioctl, 1, TIOCGPTN, arg);
    post_res(__NR_ioctl, 0);
    CHECK("ioctl TIOCGPTN", PW(arg, 4));
    PRE3(__NR_ioctl, 1, TIOCSPTLCK, arg);
    CHECK("ioctl TIOCSPTLCK reads an int", RD("ioctl(TIOCSPTLCK)", arg, 4));
    PRE3(__NR_ioctl, 1, _IOR('x', 1, char[24]), arg);
    CHECK("ioctl unknown _IOR: write check of its size", WR("ioctl(generic)", arg, 24));
    PRE3(__NR_ioctl, 1, _IOW('x', 2, char[12]), arg);
    CHECK("ioctl unknown _IOW: read of its size", RD("ioctl(generic)", arg, 12));
    PRE3(__NR_ioctl, 1, _IO('x', 3), arg);
    CHECK_NONE("ioctl unknown _IO: nothing");

    struct flock fl;
    PRE3(__NR_fcntl, 3, F_GETLK, &fl);
    CHECK("fcntl F_GETLK: fields read, struct written",
          RD("fcntl(lock)", &fl.l_type, 2), RD("fcntl(lock)", &fl.l_whence, 2),
          RD("fcntl(lock)", &fl.l_start, 8), RD("fcntl(lock)", &fl.l_len, 8),
          WR("fcntl(lock)", &fl, sizeof(fl)));
    post_res(__NR_fcntl, 0);
    CHECK("fcntl F_GETLK written", PW(&fl, sizeof(fl)));
    PRE3(__NR_fcntl, 3, F_GETFL, 0);
    post_res(__NR_fcntl, 2);
    CHECK_NONE("fcntl F_GETFL: no memory");

    UInt word;
    struct timespec ts;
    PRE6(__NR_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, 0, 0);
    CHECK("futex WAIT: the word and the timeout", RD("futex(futex)", &word, 4),
          RD("futex(timeout)", &ts, 16));
    PRE6(__NR_futex, &word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
    CHECK_NONE("futex WAKE: nothing read");

    static char name[16];
    PRE2(__NR_prctl, PR_SET_NAME, "worker");
    CHECK("prctl PR_SET_NAME", AZ("prctl(PR_SET_NAME)", "worker"));
    PRE2(__NR_prctl, PR_GET_NAME, name);
    post_res(__NR_prctl, 0);
    CHECK("prctl PR_GET_NAME: 16 bytes", PW(name, 16));

    UWord fsbase;
    PRE2(__NR_arch_prctl, ARCH_GET_FS, &fsbase);
    CHECK("arch_prctl ARCH_GET_FS", WR("arch_prctl(addr)", &fsbase, 8));
    post_res(__NR_arch_prctl, 0);
    CHECK("arch_prctl ARCH_GET_FS written", PW(&fsbase, 8));
    PRE2(__NR_arch_prctl, ARCH_SET_FS, 0x1234);
    CHECK_NONE("arch_prctl ARCH_SET_FS: no memory");
}

/*--- Processes ------------------------------------------------------*/

static void test_processes(void)
{
    static const char *argv[] = {"prog", "-x", NULL};
    static const char *envp[] = {"A=1", NULL};
    mock_valid_add(argv, sizeof(argv));
    mock_valid_add(envp, sizeof(envp));
    PRE3(__NR_execve, "/bin/prog", argv, envp);
    CHECK("execve: path, argv and envp arrays with the NULL, each string",
          AZ("execve(filename)", "/bin/prog"), RD("execve(argv)", argv, 24),
          AZ("execve(argv[0])", argv[0]), AZ("execve(argv[1])", argv[1]),
          RD("execve(envp)", envp, 16), AZ("execve(envp[0])", envp[0]));
    mock_valid_clear();

    /* argv's second slot is on a page nothing may read. */
    char *pg = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(pg + 4096, 4096, PROT_NONE);
    const char **tail = (const char **)(pg + 4096 - 8);
    tail[0] = "prog";
    mock_valid_add(pg, 4096);
    PRE3(__NR_execve, "/bin/prog", tail, 0);
    CHECK("execve with argv running into unreadable memory: stops there",
          AZ("execve(filename)", "/bin/prog"), RD("execve(argv)", tail, 16),
          AZ("execve(argv[0])", "prog"));
    mock_valid_clear();
    munmap(pg, 8192);

    struct clone_args ca;
    int pidfd;
    pid_t ptid;
    memset(&ca, 0, sizeof(ca));
    ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
    ca.pidfd = (UWord)&pidfd;
    ca.parent_tid = (UWord)&ptid;
    mock_valid_add(&ca, sizeof(ca));
    PRE2(__NR_clone3, &ca, sizeof(ca));
    CHECK("clone3: the struct, then the pidfd and parent_tid it names",
          RD("clone3(cl_args)", &ca, sizeof(ca)), WR("clone3(cl_args->pidfd)", &pidfd, 4),
          WR("clone3(cl_args->parent_tid)", &ptid, 4));
    post_res(__NR_clone3, 4321);
    CHECK("clone3 in the parent", PW(&pidfd, 4), PW(&ptid, 4));
    mock_valid_clear();

    PRE5(__NR_clone, CLONE_VM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, 0, &ptid, &pidfd, 0);
    CHECK("clone: parent_tid and child_tid", WR("clone(parent_tid)", &ptid, 4),
          WR("clone(child_tid)", &pidfd, 4));

    struct utsname u;
    PRE1(__NR_uname, &u);
    post_res(__NR_uname, 0);
    CHECK("uname: struct utsname", PW(&u, sizeof(struct utsname)));
    struct sysinfo si;
    PRE1(__NR_sysinfo, &si);
    post_res(__NR_sysinfo, 0);
    CHECK("sysinfo: struct sysinfo", PW(&si, sizeof(struct sysinfo)));
    struct rlimit rl;
    PRE4(__NR_prlimit64, 0, RLIMIT_STACK, 0, &rl);
    post_res(__NR_prlimit64, 0);
    CHECK("prlimit64: NULL new_limit skipped, old_limit written", PW(&rl, sizeof(rl)));

    gid_t groups[4];
    PRE2(__NR_getgroups, 4, groups);
    CHECK("getgroups: room for 4 gids", WR("getgroups(list)", groups, 16));
    post_res(__NR_getgroups, 3);
    CHECK("getgroups = 3: three gids", PW(groups, 12));
    PRE2(__NR_getgroups, 0, 0);
    CHECK_NONE("getgroups(0, NULL): no zero-sized event");
    post_res(__NR_getgroups, 3);
    CHECK_NONE("getgroups(0, NULL): a query, nothing written");

    PRE3(__NR_getrandom, buf, 64, 0);
    post_res(__NR_getrandom, 32);
    CHECK("getrandom = 32", PW(buf, 32));

    static unsigned char vec[3];
    PRE3(__NR_mincore, 0x10000, 2 * 4096 + 1, vec);
    CHECK("mincore: one byte per page", WR("mincore(vec)", vec, 3));
}

/*--- Registers, strings, unknown numbers ----------------------------*/

static void test_regs_and_texts(void)
{
    PRE6(__NR_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, -1, 0);
    CHECK_REGS("mmap: six registers with their widths, no memory",
               RG("mmap(addr)", VG_GUEST_OFFSET_RDI, 8),
               RG("mmap(length)", VG_GUEST_OFFSET_RSI, 8),
               RG("mmap(prot)", VG_GUEST_OFFSET_RDX, 4),
               RG("mmap(flags)", VG_GUEST_OFFSET_R10, 4), RG("mmap(fd)", VG_GUEST_OFFSET_R8, 4),
               RG("mmap(offset)", VG_GUEST_OFFSET_R9, 8));
    PRE1(__NR_getpid, 0);
    CHECK_REGS("getpid: no registers at all", );

    static char b[4];
    struct iovec iov[1] = {{b, 4}};
    mock_valid_add(iov, sizeof(iov));
    PRE3(__NR_readv, 3, iov, 1);
    const HChar *first = mock_n_events >= 5 ? mock_events[4].s : NULL;
    PRE3(__NR_readv, 3, iov, 1);
    const HChar *second = mock_n_events >= 5 ? mock_events[4].s : NULL;
    tap(first != NULL && first == second && strcmp(first, "readv(vector[0])") == 0,
        "composed texts are interned: the same pointer every time");
    mock_valid_clear();

    PRE3(1000, 1, 2, 3);
    CHECK_REGS("unknown number 1000: no event", );
    post_res(1000, 0);
    CHECK_REGS("unknown number 1000: no post event", );
    tap(strcmp(VG_(sysdesc_name)(1000), "syscall_1000") == 0, "name of 1000 is syscall_1000");
    tap(strcmp(VG_(sysdesc_name)(400), "syscall_400") == 0, "name of 400 (a gap) is syscall_400");
    tap(VG_(sysdesc_nargs)(1000) == -1 && VG_(sysdesc_nargs)(400) == -1,
        "nargs of unknown numbers is -1");
    tap(VG_(sysdesc_nargs)(__NR_mmap) == 6 && VG_(sysdesc_nargs)(__NR_read) == 3 &&
            VG_(sysdesc_nargs)(__NR_getpid) == 0 && VG_(sysdesc_nargs)(__NR_futex) == 6 &&
            VG_(sysdesc_nargs)(__NR_clone) == 5 && VG_(sysdesc_nargs)(__NR_sendto) == 6 &&
            VG_(sysdesc_nargs)(__NR_fchmodat) == 3 && VG_(sysdesc_nargs)(__NR_pselect6) == 6,
        "argument counts of a sample");
}

static void test_format(void)
{
    HChar out[256];
    UWord wr[6] = {1, 0x4a2b000, 14, 0, 0, 0};
    Int n = VG_(sysdesc_format_pre)(out, sizeof(out), __NR_write, wr);
    tap(strcmp(out, "write(1, 0x4a2b000, 14)") == 0 && n == (Int)strlen(out),
        "format: write(1, 0x4a2b000, 14)");
    if (strcmp(out, "write(1, 0x4a2b000, 14)") != 0)
        printf("#   got: %s\n", out);

    static const char path[] = "/etc/passwd";
    mock_valid_add(path, sizeof(path));
    UWord op[6] = {(UWord)AT_FDCWD, (UWord)path, O_RDONLY | O_CLOEXEC, 0644, 0, 0};
    VG_(sysdesc_format_pre)(out, sizeof(out), __NR_openat, op);
    tap(strcmp(out, "openat(-100, \"/etc/passwd\", 0x80000, 0644)") == 0,
        "format: openat with a quoted string, hex flags, octal mode");
    if (strcmp(out, "openat(-100, \"/etc/passwd\", 0x80000, 0644)") != 0)
        printf("#   got: %s\n", out);

    static const char longp[] = "/a/very/long/path/that/goes/on/and/on/and/on";
    static const char quote[] = "say \"hi\"\n";
    mock_valid_add(longp, sizeof(longp));
    mock_valid_add(quote, sizeof(quote));
    UWord lp[6] = {(UWord)longp, 0, 0, 0, 0, 0};
    VG_(sysdesc_format_pre)(out, sizeof(out), __NR_unlink, lp);
    tap(strcmp(out, "unlink(\"/a/very/long/path/that/goes/on/a\"...)") == 0,
        "format: a long string is cut after 32 characters");
    UWord qp[6] = {(UWord)quote, 0, 0, 0, 0, 0};
    VG_(sysdesc_format_pre)(out, sizeof(out), __NR_unlink, qp);
    tap(strcmp(out, "unlink(\"say \\\"hi\\\"\\n\")") == 0, "format: escapes");
    UWord bp[6] = {BAD_ADDR, 0, 0, 0, 0, 0};
    VG_(sysdesc_format_pre)(out, sizeof(out), __NR_unlink, bp);
    tap(strcmp(out, "unlink(0x1000)") == 0, "format: an unreadable string shows its address");
    mock_valid_clear();

    HChar small[8];
    n = VG_(sysdesc_format_pre)(small, sizeof(small), __NR_write, wr);
    tap(n == 23 && strcmp(small, "write(1") == 0,
        "format: cut to the buffer, full length returned");

    UWord un[6] = {1, 2, 3, 4, 5, 6};
    VG_(sysdesc_format_pre)(out, sizeof(out), 999, un);
    tap(strcmp(out, "syscall_999(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)") == 0,
        "format: unknown number, six hex arguments");

    SysRes e = {ENOENT, True}, m = {0x4a2b000, False}, ok = {14, False};
    VG_(sysdesc_format_res)(out, sizeof(out), __NR_openat, e);
    tap(strcmp(out, "= -1 ENOENT (No such file or directory)") == 0, "format_res: an error");
    VG_(sysdesc_format_res)(out, sizeof(out), __NR_mmap, m);
    tap(strcmp(out, "= 0x4a2b000") == 0, "format_res: mmap in hex");
    VG_(sysdesc_format_res)(out, sizeof(out), __NR_write, ok);
    tap(strcmp(out, "= 14") == 0, "format_res: a count");
}

/*--- Coverage against <asm/unistd_64.h> -----------------------------*/

static const struct {
    UWord nr;
    const char *name;
} sysnames[] = {
#include SYSNAMES_H
};

static void test_coverage(void)
{
    UInt bad = 0, effects = 0, named = 0;
    for (UInt i = 0; i < sizeof(sysnames) / sizeof(sysnames[0]); i++) {
        const HChar *nm = VG_(sysdesc_name)(sysnames[i].nr);
        Int na = VG_(sysdesc_nargs)(sysnames[i].nr);
        if (strcmp(nm, sysnames[i].name) != 0 || na < 0 || na > 6) {
            if (bad++ < 10)
                printf("#   %lu: want %s, got %s/%d\n", (unsigned long)sysnames[i].nr,
                       sysnames[i].name, nm, na);
        }
    }
    tap(bad == 0 && sizeof(sysnames) / sizeof(sysnames[0]) > 300,
        "every syscall of <asm/unistd_64.h> has its name and an argument count");
    for (UWord nr = 0; nr < VG_(sysdesc_table_size)(); nr++) {
        if (VG_(sysdesc_nargs)(nr) < 0)
            continue;
        named++;
        effects += VG_(sysdesc_has_mem_effects)(nr);
    }
    printf("# table: %u of %u system calls of the header, %u named in all, "
           "%u with memory effects\n",
           (unsigned)(sizeof(sysnames) / sizeof(sysnames[0])) - bad,
           (unsigned)(sizeof(sysnames) / sizeof(sysnames[0])), named, effects);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_read_write();
    test_paths();
    test_iovecs();
    test_msgs();
    test_sockets();
    test_polling();
    test_signals_time();
    test_ioctl_fcntl();
    test_processes();
    test_regs_and_texts();
    test_format();
    test_coverage();
    printf("1..%d\n", n_tests);
    return n_failed != 0;
}
