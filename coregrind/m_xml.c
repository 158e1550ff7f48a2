/*--------------------------------------------------------------------*/
/*--- XML output (Valgrind's protocol 4).                   m_xml.c ---*/
/*--------------------------------------------------------------------*/

/* With --xml=yes the errors go to a second output (--xml-fd, --xml-file)
   as Valgrind's XML protocol 4, which GUIs and CI scripts parse.  The
   document must stay well-formed whatever the client does: text that
   comes from the client or from debug information (names, arguments,
   messages) is always escaped, and the document is closed on every way
   out of the run, a fatal signal included. */

#include "pub_core_basics.h"
#include "pub_core_xml.h"
#include "pub_core_commandline.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_skinload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef VG_VERSION
#define VG_VERSION "unknown"
#endif

static Bool started, finished_status, closed;

Bool VG_(xml_output)(void)
{
    return VG_(clo_xml) && VG_(get_xml_fd)() >= 0;
}

/*--- Writing -------------------------------------------------------------*/

Int VG_(vprintf_xml)(const HChar *fmt, va_list ap)
{
    if (!VG_(xml_output)())
        return 0;
    HChar small[512];
    va_list ap2;
    va_copy(ap2, ap);
    Int len = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (len <= 0)
        return 0;
    if ((SizeT)len < sizeof small) {
        VG_(write_xml)(small, (SizeT)len);
        return len;
    }
    HChar *buf = VG_(malloc)("xml.printf", (SizeT)len + 1);
    vsnprintf(buf, (SizeT)len + 1, fmt, ap);
    VG_(write_xml)(buf, (SizeT)len);
    VG_(free)(buf);
    return len;
}

Int VG_(printf_xml)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int r = VG_(vprintf_xml)(fmt, ap);
    va_end(ap);
    return r;
}

/* The length of the well-formed UTF-8 sequence at S (of N bytes left),
   or 0 if it is malformed (overlong, a surrogate, beyond U+10FFFF). */
static SizeT utf8_length(const UChar *s, SizeT n)
{
    UChar c = s[0];
    SizeT len;
    UInt cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (SizeT i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return len;
}

void VG_(write_xml_escaped)(const HChar *text, SizeT n)
{
    HChar out[1024];
    SizeT o = 0;
    const UChar *s = (const UChar *)text;
    for (SizeT i = 0; i < n;) {
        if (o + 8 > sizeof out) {
            VG_(write_xml)(out, o);
            o = 0;
        }
        UChar c = s[i];
        if (c == '&') {
            memcpy(out + o, "&amp;", 5);
            o += 5;
        } else if (c == '<') {
            memcpy(out + o, "&lt;", 4);
            o += 4;
        } else if (c == '>') {
            memcpy(out + o, "&gt;", 4);
            o += 4;
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out[o++] = '?';
        } else if (c >= 0x80) {
            SizeT len = utf8_length(s + i, n - i);
            if (len == 0) {
                out[o++] = '?';
            } else {
                memcpy(out + o, s + i, len);
                o += len;
                i += len;
                continue;
            }
        } else {
            out[o++] = (HChar)c;
        }
        i++;
    }
    VG_(write_xml)(out, o);
}

void VG_(write_xml_cdata)(const HChar *text)
{
    VG_(printf_xml)("<![CDATA[\n");
    HChar out[1024];
    SizeT o = 0;
    const UChar *s = (const UChar *)text;
    for (SizeT i = 0; s[i] != '\0';) {
        if (o + 16 > sizeof out) {
            VG_(write_xml)(out, o);
            o = 0;
        }
        UChar c = s[i];
        SizeT len = c >= 0x80 ? utf8_length(s + i, strlen((const HChar *)s + i)) : 1;
        if (c == ']' && s[i + 1] == ']' && s[i + 2] == '>') {
            /* "]]>" cannot be in a CDATA section: end it between the two. */
            memcpy(out + o, "]]]]><![CDATA[>", 15);
            o += 15;
            i += 3;
            continue;
        }
        if (len == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            out[o++] = '?';
            i++;
            continue;
        }
        memcpy(out + o, s + i, len);
        o += len;
        i += len;
    }
    VG_(write_xml)(out, o);
    VG_(printf_xml)("]]>\n");
}

Int VG_(printf_xml_element)(Int indent, const HChar *tag, const HChar *fmt, ...)
{
    if (!VG_(xml_output)())
        return 0;
    va_list ap;
    va_start(ap, fmt);
    Int len;
    HChar *text = VG_(vformat_alloc)(fmt, ap, &len);
    va_end(ap);
    VG_(printf_xml)("%*s<%s>", indent > 0 ? indent : 0, "", tag);
    VG_(write_xml_escaped)(text, (SizeT)len);
    VG_(printf_xml)("</%s>\n", tag);
    VG_(free)(text);
    return len;
}

static void element(Int indent, const HChar *tag, const HChar *text)
{
    VG_(printf_xml_element)(indent, tag, "%s", text);
}

/*--- The document -------------------------------------------------------*/

static struct timespec start_time;

/* Valgrind's elapsed-time string: days:hours:minutes:seconds.millis. */
static void elapsed(HChar *buf, SizeT n)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    Long ms = (Long)(now.tv_sec - start_time.tv_sec) * 1000 +
              (now.tv_nsec - start_time.tv_nsec) / 1000000;
    if (ms < 0)
        ms = 0;
    snprintf(buf, n, "%02lld:%02lld:%02lld:%02lld.%03lld ", ms / 86400000,
             ms / 3600000 % 24, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

/* One <logfilequalifier> per %q{VAR} of the --xml-file name. */
static void log_file_qualifiers(void)
{
    const HChar *f = VG_(clo_xml_fname);
    if (f == NULL)
        return;
    for (const HChar *p = strstr(f, "%q{"); p != NULL; p = strstr(p, "%q{")) {
        const HChar *end = strchr(p + 3, '}');
        if (end == NULL)
            return;
        HChar var[256];
        snprintf(var, sizeof var, "%.*s", (int)(end - (p + 3)), p + 3);
        const HChar *value = getenv(var);
        VG_(printf_xml)("<logfilequalifier>\n");
        element(2, "var", var);
        element(2, "value", value ? value : "");
        VG_(printf_xml)("</logfilequalifier>\n");
        p = end;
    }
}

static void argument_vector(const HChar *name, const HChar *exe, HChar **args)
{
    VG_(printf_xml)("  <%s>\n", name);
    element(4, "exe", exe);
    for (UInt i = 0; args != NULL && args[i] != NULL; i++)
        element(4, "arg", args[i]);
    VG_(printf_xml)("  </%s>\n", name);
}

void VG_(xml_start)(const HChar *exe, HChar **options, const HChar *client_exe,
                    HChar **client_argv)
{
    clock_gettime(CLOCK_MONOTONIC, &start_time);
    if (!VG_(xml_output)() || started)
        return;
    started = True;
    VG_(printf_xml)("<?xml version=\"1.0\"?>\n\n<valgrindoutput>\n\n");
    VG_(printf_xml)("<protocolversion>4</protocolversion>\n");
    element(0, "protocoltool", VG_(skin_name)());
    VG_(printf_xml)("\n<preamble>\n");
    VG_(printf_xml_element)(2, "line", "%s, %s", VG_(details).name, VG_(details).description);
    element(2, "line", VG_(details).copyright_author);
    element(2, "line", "Using vgcore-" VG_VERSION "; rerun with -h for copyright info");
    VG_(printf_xml)("  <line>Command: ");
    VG_(write_xml_escaped)(client_exe, strlen(client_exe));
    for (UInt i = 1; client_argv[i] != NULL; i++) {
        VG_(printf_xml)(" ");
        VG_(write_xml_escaped)(client_argv[i], strlen(client_argv[i]));
    }
    VG_(printf_xml)("</line>\n</preamble>\n\n");
    VG_(printf_xml)("<pid>%d</pid>\n<ppid>%d</ppid>\n", (int)getpid(), (int)getppid());
    element(0, "tool", VG_(skin_name)());
    log_file_qualifiers();
    if (VG_(clo_xml_user_comment) != NULL)
        VG_(printf_xml)("<usercomment>%s</usercomment>\n", VG_(clo_xml_user_comment));
    VG_(printf_xml)("\n<args>\n");
    argument_vector("vargv", exe, options);
    argument_vector("argv", client_exe, client_argv + 1);
    VG_(printf_xml)("</args>\n\n");
    VG_(xml_status)(False);
}

void VG_(xml_status)(Bool finished)
{
    if (!started || closed || finished_status)
        return;
    HChar when[64];
    elapsed(when, sizeof when);
    if (finished)
        VG_(printf_xml)("\n");
    VG_(printf_xml)("<status>\n  <state>%s</state>\n  <time>%s</time>\n</status>\n\n",
                    finished ? "FINISHED" : "RUNNING", when);
    finished_status = finished;
}

void VG_(xml_finish)(void)
{
    if (!started || closed)
        return;
    VG_(xml_status)(True);
    VG_(printf_xml)("</valgrindoutput>\n\n");
    closed = True;
}
