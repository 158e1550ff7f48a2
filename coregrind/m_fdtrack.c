/*--------------------------------------------------------------------*/
/*--- The client's open file descriptors (--track-fds).  m_fdtrack.c ---*/
/*--------------------------------------------------------------------*/

/* One list of the descriptors the client holds, newest first, which is
   the order of the report at exit.  A descriptor opened again while
   recorded (dup2 onto it, or a close the core did not see) keeps its
   place and takes the new name and stack, as in Valgrind.  Names are
   looked up when the descriptor is opened; what a socket is bound and
   connected to is looked up at exit. */

#include "pub_core_basics.h"
#include "pub_core_fdtrack.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_stacktrace.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

typedef struct OpenFd {
    struct OpenFd *next;
    Int fd;
    HChar *name;      /* from VG_(malloc), or NULL */
    ExeContext *where; /* NULL: inherited from the parent */
} OpenFd;

static OpenFd *open_fds; /* newest first */

/*--- Recording -----------------------------------------------------------*/

/* The path FD refers to, from VG_(malloc), or NULL when it is not a path
   (pipe:[...], socket:[...], anon_inode:...). */
static HChar *path_of_fd(Int fd)
{
    HChar link[64], buf[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", (int)fd);
    ssize_t n = readlink(link, buf, sizeof buf - 1);
    if (n <= 0 || buf[0] != '/')
        return NULL;
    buf[n] = '\0';
    return VG_(strdup)("fdtrack.name", buf);
}

static OpenFd *find_fd(Int fd)
{
    for (OpenFd *o = open_fds; o != NULL; o = o->next) {
        if (o->fd == fd)
            return o;
    }
    return NULL;
}

static void record(Int fd, HChar *name, ExeContext *where)
{
    OpenFd *o = find_fd(fd);
    if (o == NULL) {
        o = VG_(malloc)("fdtrack.fd", sizeof *o);
        o->fd = fd;
        o->next = open_fds;
        open_fds = o;
    } else {
        VG_(free)(o->name);
    }
    o->name = name;
    o->where = where;
}

static int compare_ints(const void *a, const void *b)
{
    Int x = *(const Int *)a, y = *(const Int *)b;
    return (x > y) - (x < y);
}

void VG_(fd_record_inherited)(void)
{
    if (VG_(clo_track_fds) == Vg_TrackFds_No)
        return;
    DIR *dir = opendir("/proc/self/fd");
    if (dir == NULL)
        return;
    Int *fds = NULL, n = 0, cap = 0;
    struct dirent *d;
    while ((d = readdir(dir)) != NULL) {
        HChar *end;
        long fd = strtol(d->d_name, &end, 10);
        if (d->d_name[0] == '.' || *end != '\0' || fd == dirfd(dir) || VG_(is_core_fd)((Int)fd))
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            fds = VG_(realloc)("fdtrack.inherited", fds, (SizeT)cap * sizeof *fds);
        }
        fds[n++] = (Int)fd;
    }
    closedir(dir);
    /* Oldest first, so that the report lists them from the highest. */
    qsort(fds, (size_t)n, sizeof *fds, compare_ints);
    for (Int i = 0; i < n; i++)
        record(fds[i], path_of_fd(fds[i]), NULL);
    VG_(free)(fds);
}

void VG_(fd_record_open)(ThreadId tid, Int fd, Bool named)
{
    if (VG_(clo_track_fds) == Vg_TrackFds_No || fd < 0)
        return;
    record(fd, named ? path_of_fd(fd) : NULL, VG_(record_ExeContext)(tid, 0));
}

void VG_(fd_record_close_range)(UInt lo, UInt hi)
{
    if (VG_(clo_track_fds) == Vg_TrackFds_No)
        return;
    OpenFd **link = &open_fds;
    while (*link != NULL) {
        OpenFd *o = *link;
        if (o->fd >= 0 && (UInt)o->fd >= lo && (UInt)o->fd <= hi) {
            *link = o->next;
            VG_(free)(o->name);
            VG_(free)(o);
        } else {
            link = &o->next;
        }
    }
}

void VG_(fd_record_close)(Int fd)
{
    if (fd >= 0)
        VG_(fd_record_close_range)((UInt)fd, (UInt)fd);
}

/*--- The report at exit ----------------------------------------------------*/

/* "127.0.0.1:80" or "[::1]:80" for an AF_INET or AF_INET6 address into
   BUF; "<unbound>" when no port is bound. */
static void format_inet(HChar *buf, SizeT n, const struct sockaddr_storage *ss)
{
    HChar addr[INET6_ADDRSTRLEN];
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        if (in->sin_port == 0 || inet_ntop(AF_INET, &in->sin_addr, addr, sizeof addr) == NULL)
            snprintf(buf, n, "<unbound>");
        else
            snprintf(buf, n, "%s:%u", addr, (unsigned)ntohs(in->sin_port));
    } else {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        if (in6->sin6_port == 0 ||
            inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof addr) == NULL)
            snprintf(buf, n, "<unbound>");
        else
            snprintf(buf, n, "[%s]:%u", addr, (unsigned)ntohs(in6->sin6_port));
    }
}

/* The first line for a descriptor without a name: what a socket is bound
   and connected to, or nothing for anything else (a pipe, an eventfd). */
static void show_nameless(Int fd)
{
    int type;
    socklen_t tlen = sizeof type;
    struct sockaddr_storage local;
    socklen_t llen = sizeof local;
    memset(&local, 0, sizeof local);
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) != 0 ||
        getsockname(fd, (struct sockaddr *)&local, &llen) != 0) {
        VG_(umsg)("Open file descriptor %d:", fd);
        return;
    }
    if (local.ss_family == AF_UNIX) {
        const struct sockaddr_un *un = (const struct sockaddr_un *)&local;
        Bool has_path = llen > offsetof(struct sockaddr_un, sun_path) && un->sun_path[0] != '\0';
        VG_(umsg)("Open AF_UNIX socket %d: %.*s", fd, (int)sizeof un->sun_path,
                  has_path ? un->sun_path : "<unknown>");
    } else if (local.ss_family == AF_INET || local.ss_family == AF_INET6) {
        HChar mine[80], theirs[80];
        struct sockaddr_storage peer;
        socklen_t plen = sizeof peer;
        memset(&peer, 0, sizeof peer);
        format_inet(mine, sizeof mine, &local);
        if (getpeername(fd, (struct sockaddr *)&peer, &plen) == 0)
            format_inet(theirs, sizeof theirs, &peer);
        else
            snprintf(theirs, sizeof theirs, "unbound");
        VG_(umsg)("Open %s socket %d: %s <-> %s",
                  local.ss_family == AF_INET ? "AF_INET" : "AF_INET6", fd, mine, theirs);
    } else {
        VG_(umsg)("Open pf-%d socket %d:", (int)local.ss_family, fd);
    }
}

static void show_one(const OpenFd *o)
{
    if (o->name != NULL)
        VG_(umsg)("Open file descriptor %d: %s", o->fd, o->name);
    else
        show_nameless(o->fd);
    if (o->where != NULL)
        VG_(pp_StackTrace)(VG_(get_ExeContext_StackTrace)(o->where),
                           VG_(get_ExeContext_n_ips)(o->where));
    else
        VG_(umsg)("   <inherited from parent>");
    VG_(umsg)("%s", "");
}

void VG_(fd_show_open)(void)
{
    if (VG_(clo_track_fds) == Vg_TrackFds_No)
        return;
    Int n = 0, n_std = 0;
    for (const OpenFd *o = open_fds; o != NULL; o = o->next) {
        n++;
        if (o->fd <= 2)
            n_std++;
    }
    VG_(umsg)("FILE DESCRIPTORS: %d open (%d std) at exit.", n, n_std);
    for (const OpenFd *o = open_fds; o != NULL; o = o->next) {
        if (o->fd > 2 || VG_(clo_track_fds) == Vg_TrackFds_All)
            show_one(o);
    }
    VG_(umsg)("%s", "");
}
