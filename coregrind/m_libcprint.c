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
#include "pub_core_tooliface.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*--- Destination -------------------------------------------------------*/

static Int log_fd = 2;
static void (*assert_context_hook)(void);

void VG_(set_log_fd)(Int fd)
{
    log_fd = fd;
}

Int VG_(get_log_fd)(void)
{
    return log_fd;
}

void VG_(set_assert_context_hook)(void (*hook)(void))
{
    assert_context_hook = hook;
}

__attribute__((target("general-regs-only"))) static void write_all(Int fd, const HChar *buf,
                                                                     SizeT len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        buf += n;
        len -= (SizeT)n;
    }
}

__attribute__((target("general-regs-only"))) void VG_(log_write)(const HChar *buf, SizeT n)
{
    write_all(log_fd, buf, n);
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
static HChar *format_alloc(const HChar *fmt, va_list ap, Int *len_out)
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

/*--- Unprefixed output -----------------------------------------------------*/

Int VG_(vprintf)(const HChar *fmt, va_list ap)
{
    Int len;
    HChar *buf = format_alloc(fmt, ap, &len);
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

/* Writes text with "==PID== " in front of every line.  Text that does not
   end in a newline is completed with one, as Valgrind's messages are. */
static Int emit_prefixed(VgMsgKind kind, const HChar *text, SizeT len)
{
    HChar pfx[32];
    Int plen;
    if (kind == Vg_FailMsg)
        plen = snprintf(pfx, sizeof pfx, "valgrind: ");
    else
        plen = snprintf(pfx, sizeof pfx, "%s%d%s ", prefix_of(kind), (int)getpid(),
                        prefix_of(kind));
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
    HChar *buf = format_alloc(fmt, ap, &len);
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
