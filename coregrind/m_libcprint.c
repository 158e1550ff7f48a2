/*--------------------------------------------------------------------*/
/*--- Output: the log, ==PID== messages, panics, assertions.        ---*/
/*---                                                m_libcprint.c ---*/
/*--------------------------------------------------------------------*/

/* Everything the core and skins print goes through here, so that the
   destination (--log-fd, --log-file, --log-socket) and the per-line
   prefix are decided in one place.  Output is written with write(2),
   never stdio, so that nothing is buffered across fork or lost when the
   client dies of a signal. */

#include "pub_core_basics.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_tooliface.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*--- Destinations ----------------------------------------------------------*/

static Int log_fd = 2;
static Bool log_is_socket; /* writes use send(): a dead listener is no SIGPIPE */
static Int xml_fd = -1;
static void (*assert_context_hook)(void);

void VG_(set_log_fd)(Int fd)
{
    log_fd = fd;
    log_is_socket = False;
}

Int VG_(get_log_fd)(void)
{
    return log_fd;
}

Int VG_(get_xml_fd)(void)
{
    return xml_fd;
}

void VG_(set_assert_context_hook)(void (*hook)(void))
{
    assert_context_hook = hook;
}

/* Returns False if the destination is gone (a closed socket, a bad fd). */
__attribute__((target("general-regs-only"))) static Bool write_fd(Int fd, Bool is_socket,
                                                                  const HChar *buf, SizeT len)
{
    while (len > 0) {
        ssize_t n = is_socket ? send(fd, buf, len, MSG_NOSIGNAL) : write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return False;
        buf += n;
        len -= (SizeT)n;
    }
    return True;
}

__attribute__((target("general-regs-only"))) static void write_all(Int fd, const HChar *buf,
                                                                     SizeT len)
{
    if (fd == log_fd && log_is_socket) {
        if (write_fd(fd, True, buf, len))
            return;
        /* The listener went away: the rest of the log goes to stderr. */
        log_fd = 2;
        log_is_socket = False;
        fd = 2;
    }
    write_fd(fd, False, buf, len);
}

__attribute__((target("general-regs-only"))) void VG_(log_write)(const HChar *buf, SizeT n)
{
    write_all(log_fd, buf, n);
}

void VG_(write_xml)(const HChar *buf, SizeT len)
{
    if (xml_fd >= 0)
        write_all(xml_fd, buf, len);
}

/*--- Formatting ----------------------------------------------------------*/

Int VG_(vsnprintf)(HChar *buf, SizeT n, const HChar *fmt, va_list ap)
{
    return vsnprintf(buf, n, fmt, ap);
}

Int VG_(snprintf)(HChar *buf, SizeT n, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

Int VG_(sprintf)(HChar *buf, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = vsprintf(buf, fmt, ap);
    va_end(ap);
    return r;
}

/* Formats into a heap buffer; the caller frees it. */
HChar *VG_(vformat_alloc)(const HChar *fmt, va_list ap, Int *len_out)
{
    HChar small[512];
    va_list ap2;
    va_copy(ap2, ap);
    Int len = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (len < 0)
        len = 0;
    HChar *buf = malloc((SizeT)len + 1);
    if (buf == NULL)
        abort();
    if ((SizeT)len < sizeof small)
        memcpy(buf, small, (SizeT)len + 1);
    else
        vsnprintf(buf, (SizeT)len + 1, fmt, ap);
    *len_out = len;
    return buf;
}

HChar *VG_(asprintf)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int len;
    HChar *buf = VG_(vformat_alloc)(fmt, ap, &len);
    va_end(ap);
    return buf;
}

/*--- Unprefixed output -----------------------------------------------------*/

Int VG_(vprintf)(const HChar *fmt, va_list ap)
{
    Int len;
    HChar *buf = VG_(vformat_alloc)(fmt, ap, &len);
    write_all(log_fd, buf, (SizeT)len);
    free(buf);
    return len;
}

Int VG_(printf)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = VG_(vprintf)(fmt, ap);
    va_end(ap);
    return r;
}

/*--- Prefixed messages -----------------------------------------------------*/

static const HChar *prefix_of(VgMsgKind kind)
{
    switch (kind) {
    case Vg_DebugMsg:
        return "--";
    case Vg_ClientMsg:
        return "**";
    default:
        return "==";
    }
}

/* When the run started, for --time-stamp=yes. */
static struct timespec start_time;

void VG_(start_elapsed_clock)(void)
{
    clock_gettime(CLOCK_MONOTONIC, &start_time);
}

/* The time since VG_(start_elapsed_clock), as Valgrind's --time-stamp
   shows it: "DD:HH:MM:SS.mmm". */
static void format_elapsed_time(HChar *buf, SizeT n)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ULong ms = (ULong)(now.tv_sec - start_time.tv_sec) * 1000;
    ms += (ULong)((now.tv_nsec - start_time.tv_nsec) / 1000000);
    ULong s = ms / 1000;
    snprintf(buf, n, "%02llu:%02llu:%02llu:%02llu.%03llu", (unsigned long long)(s / 86400),
             (unsigned long long)(s / 3600 % 24), (unsigned long long)(s / 60 % 60),
             (unsigned long long)(s % 60), (unsigned long long)(ms % 1000));
}

/* Writes text with "==PID== " in front of every line.  Text that does not
   end in a newline is completed with one, as Valgrind's messages are. */
static Int emit_prefixed(VgMsgKind kind, const HChar *text, SizeT len)
{
    HChar pfx[64], stamp[32];
    Int plen;
    if (kind == Vg_FailMsg) {
        plen = snprintf(pfx, sizeof pfx, "valgrind: ");
    } else {
        /* "==00:00:00:01.250 PID== " with --time-stamp=yes. */
        stamp[0] = '\0';
        if (VG_(clo_time_stamp)) {
            format_elapsed_time(stamp, sizeof stamp - 1);
            strcat(stamp, " ");
        }
        plen = snprintf(pfx, sizeof pfx, "%s%s%d%s ", prefix_of(kind), stamp, (int)getpid(),
                        prefix_of(kind));
    }
    SizeT cap = len + 1 + (SizeT)plen * (len / 16 + 2);
    HChar *out = malloc(cap);
    if (out == NULL)
        abort();
    SizeT o = 0, i = 0;
    while (i < len || i == 0) {
        memcpy(out + o, pfx, (SizeT)plen);
        o += (SizeT)plen;
        while (i < len && text[i] != '\n')
            out[o++] = text[i++];
        out[o++] = '\n';
        if (i < len)
            i++; /* the newline */
        if (i >= len)
            break;
        if (o + (SizeT)plen + (len - i) + 1 > cap) {
            cap = o + (SizeT)plen * 2 + (len - i) * 2 + 64;
            out = realloc(out, cap);
            if (out == NULL)
                abort();
        }
    }
    write_all(log_fd, out, o);
    free(out);
    return (Int)len;
}

Int VG_(vmessage)(VgMsgKind kind, const HChar *fmt, va_list ap)
{
    Int len;
    HChar *buf = VG_(vformat_alloc)(fmt, ap, &len);
    /* A message that is only a newline is Valgrind's empty "==PID== " line. */
    SizeT n = (SizeT)len;
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    Int r = emit_prefixed(kind, buf, n);
    free(buf);
    return r;
}

Int VG_(message)(VgMsgKind kind, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = VG_(vmessage)(kind, fmt, ap);
    va_end(ap);
    return r;
}

Int VG_(umsg)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = VG_(vmessage)(Vg_UserMsg, fmt, ap);
    va_end(ap);
    return r;
}

Int VG_(dmsg)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = VG_(vmessage)(Vg_DebugMsg, fmt, ap);
    va_end(ap);
    return r;
}

/*--- Opening the log and the XML output ----------------------------------------*/

/* A name of --log-file or --xml-file with its escapes expanded:
   %p the pid, %n a number counting the files this process opened,
   %q{VAR} the value of $VAR, %% a '%'.  Anything else after a '%' is a
   mistake of the user, reported as one line (exit 1). */
HChar *VG_(expand_file_name)(const HChar *option, const HChar *format)
{
    static UInt seq;
    SizeT cap = strlen(format) + 64, o = 0;
    HChar *out = VG_(malloc)("libcprint.fname", cap);
    for (const HChar *p = format; *p != '\0'; p++) {
        HChar piece[64];
        const HChar *add = piece;
        SizeT add_len;
        if (*p != '%') {
            piece[0] = *p;
            add_len = 1;
        } else if (p[1] == '%') {
            piece[0] = '%';
            add_len = 1;
            p++;
        } else if (p[1] == 'p') {
            add_len = (SizeT)snprintf(piece, sizeof piece, "%d", (int)getpid());
            p++;
        } else if (p[1] == 'n') {
            add_len = (SizeT)snprintf(piece, sizeof piece, "%u", seq++);
            p++;
        } else if (p[1] == 'q') {
            const HChar *end = p[2] == '{' ? strchr(p + 3, '}') : NULL;
            if (end == NULL || end == p + 3)
                VG_(fatal)(1, "%s=%s: %%q must be followed by {VARIABLE}", option, format);
            HChar *var = VG_(malloc)("libcprint.fname", (SizeT)(end - p));
            memcpy(var, p + 3, (SizeT)(end - (p + 3)));
            var[end - (p + 3)] = '\0';
            add = getenv(var);
            if (add == NULL)
                VG_(fatal)(1, "%s=%s: environment variable %s is not set", option, format, var);
            VG_(free)(var);
            add_len = strlen(add);
            p = end;
        } else {
            VG_(fatal)(1, "%s=%s: '%%' must be followed by p, n, q{VARIABLE} or %%", option,
                       format);
        }
        if (o + add_len + 1 > cap) {
            cap = 2 * (o + add_len + 1);
            out = VG_(realloc)("libcprint.fname", out, cap);
        }
        memcpy(out + o, add, add_len);
        o += add_len;
    }
    out[o] = '\0';
    return out;
}

/* The core's own descriptors move above the range programs use, where a
   client that closes "all its files" is less likely to hit them. */
static Int move_high(Int fd)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < 1100)
        return fd;
    Int high = fcntl(fd, F_DUPFD_CLOEXEC, 1000);
    if (high < 0)
        return fd;
    close(fd);
    return high;
}

/* A copy of a descriptor the client also has (--log-fd, --xml-fd), out of
   its way: the client may close or reuse its own (ls closes stderr at
   exit) and the log goes on. */
static Int dup_high(Int fd)
{
    struct rlimit rl;
    Int min = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 1100 ? 1000 : 3;
    Int high = fcntl(fd, F_DUPFD_CLOEXEC, min);
    return high < 0 ? fd : high;
}

Bool VG_(is_core_fd)(Int fd)
{
    return fd >= 3 && (fd == log_fd || fd == xml_fd);
}

static Int create_output_file(const HChar *option, const HChar *format, const HChar *what)
{
    HChar *name = VG_(expand_file_name)(option, format);
    Int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        VG_(fatal)(1, "cannot create %s '%s': %s", what, name, strerror(errno));
    VG_(free)(name);
    return move_high(fd);
}

/* A TCP connection to IPADDR[:PORT] (port 1500 by default, as Valgrind's
   listener), for --log-socket and --xml-socket: the descriptor, moved
   high, or -1 with errno set.  A malformed address stops the run. */
static Int connect_socket(const HChar *opt, const HChar *spec)
{
    HChar host[64];
    Long port = 1500;
    const HChar *colon = strchr(spec, ':');
    SizeT hlen = colon ? (SizeT)(colon - spec) : strlen(spec);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    Bool ok = hlen > 0 && hlen < sizeof host;
    if (ok) {
        memcpy(host, spec, hlen);
        host[hlen] = '\0';
        ok = inet_pton(AF_INET, host, &sa.sin_addr) == 1;
    }
    if (ok && colon != NULL) {
        HChar *end;
        port = strtol(colon + 1, &end, 10);
        ok = colon[1] != '\0' && *end == '\0' && port > 0 && port <= 65535;
    }
    if (!ok)
        VG_(fatal)(1, "%s=%s: expected an IPv4 address and an optional port, "
                      "such as 127.0.0.1:1500", opt, spec);
    sa.sin_port = htons((UShort)port);
    Int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0)
        return move_high(fd);
    Int err = errno;
    if (fd >= 0)
        close(fd);
    errno = err;
    return -1;
}

/* --log-socket: a listener that cannot be reached leaves the log on
   stderr, with a warning. */
static void open_log_socket(const HChar *spec)
{
    Int fd = connect_socket("--log-socket", spec);
    if (fd >= 0) {
        log_fd = fd;
        log_is_socket = True;
        return;
    }
    Int err = errno;
    VG_(set_log_fd)(2);
    VG_(umsg)("Warning: cannot connect to the logging server at %s: %s.", spec, strerror(err));
    VG_(umsg)("Log messages go to stderr instead.");
}

void VG_(open_log_destinations)(void)
{
    if (VG_(clo_log_socket) != NULL)
        open_log_socket(VG_(clo_log_socket));
    else if (VG_(clo_log_fname) != NULL)
        VG_(set_log_fd)(create_output_file("--log-file", VG_(clo_log_fname), "log file"));
    else
        VG_(set_log_fd)(dup_high(VG_(clo_log_fd)));

    if (!VG_(clo_xml))
        return;
    if (VG_(clo_xml_socket) != NULL) {
        /* No fallback: XML mixed into the text log would help no reader. */
        xml_fd = connect_socket("--xml-socket", VG_(clo_xml_socket));
        if (xml_fd < 0)
            VG_(fatal)(1, "cannot connect to the XML listener at %s: %s", VG_(clo_xml_socket),
                       strerror(errno));
    } else if (VG_(clo_xml_fname) != NULL)
        xml_fd = create_output_file("--xml-file", VG_(clo_xml_fname), "XML file");
    else if (VG_(clo_xml_fd) >= 0)
        xml_fd = dup_high(VG_(clo_xml_fd));
    else
        VG_(fatal)(1, "--xml=yes needs a destination for the XML: "
                      "use --xml-fd=<number>, --xml-file=<file> or --xml-socket=ipaddr:port");
}

/*--- Fatal paths -----------------------------------------------------------*/

VG_NORETURN void VG_(fatal)(Int status, const HChar *fmt, ...)
{
    HChar buf[1024];
    va_list ap;
    va_start(ap, fmt);
    Int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((SizeT)n > sizeof buf - 2)
        n = sizeof buf - 2;
    buf[n++] = '\n';
    write_all(2, "valgrind: ", 10);
    write_all(2, buf, (SizeT)n);
    _exit(status);
}

static VG_NORETURN void die_with_context(void)
{
    if (assert_context_hook != NULL) {
        void (*hook)(void) = assert_context_hook;
        assert_context_hook = NULL; /* no recursion if the hook asserts */
        hook();
    }
    abort();
}

static void report_assert(const HChar *who, const HChar *expr, const HChar *file, Int line,
                          const HChar *fn, const HChar *fmt, va_list ap)
{
    HChar buf[2048];
    Int n = snprintf(buf, sizeof buf, "\n%s: %s:%d (%s): Assertion '%s' failed.\n", who,
                     file, line, fn, expr);
    if (fmt != NULL && n > 0 && (SizeT)n < sizeof buf) {
        n += vsnprintf(buf + n, sizeof buf - (SizeT)n, fmt, ap);
        if ((SizeT)n < sizeof buf - 1)
            buf[n++] = '\n';
    }
    if (n > (Int)sizeof buf)
        n = sizeof buf;
    write_all(log_fd, buf, (SizeT)n);
}

VG_NORETURN void VG_(core_assert_fail)(const HChar *expr, const HChar *file, Int line,
                                       const HChar *fn, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_assert("valgrind", expr, file, line, fn, fmt, ap);
    va_end(ap);
    die_with_context();
}

VG_NORETURN void VG_(assert_fail)(Bool is_core, const HChar *expr, const HChar *file,
                                  Int line, const HChar *fn, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_assert(is_core ? "valgrind" : "skin", expr, file, line, fn, fmt, ap);
    va_end(ap);
    die_with_context();
}

VG_NORETURN void VG_(core_panic)(const HChar *fmt, ...)
{
    HChar buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    VG_(printf)("\nvalgrind: the 'impossible' happened:\n   %s\n", buf);
    die_with_context();
}

VG_NORETURN void VG_(skin_panic)(const HChar *why)
{
    VG_(printf)("\nvalgrind: the skin '%s' panicked:\n   %s\n",
                VG_(details).name ? VG_(details).name : "?", why);
    die_with_context();
}
