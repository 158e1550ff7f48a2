/*--------------------------------------------------------------------*/
/*--- libFuzzer target: the suppressions file reader and matcher.  ---*/
/*---                                          fuzz_suppressions.c ---*/
/*--------------------------------------------------------------------*/

/* Feeds each input to coregrind/m_suppressions.c as a suppressions file
   (through a memfd, as a real file is read), then matches every entry it
   accepted against a few fixed error stacks, and frees everything.  The
   core around the module is replaced by the small fakes below: a skin
   with Memcheck-like kinds (a Param kind with a line of its own, a Leak
   kind with an optional "match-leak-kinds:" line) and debug information
   for made-up frames.  Build and run: tests/fuzz/run-suppressions-fuzz. */

#include "pub_core_basics.h"
#include "pub_core_suppressions.h"
#include "pub_core_debuginfo.h"
#include "pub_core_stacktrace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*--- The fake core -------------------------------------------------------------*/

VgSkinTable VG_(skin);
VgNeeds VG_(needs);
VgDetails VG_(details);
Int VG_(clo_verbosity) = 1;
Bool VG_(clo_default_suppressions) = False;
Bool VG_(clo_show_below_main) = False;
Int VG_(clo_n_suppressions) = 0;
const HChar **VG_(clo_suppressions) = NULL;

void *VG_(malloc)(const HChar *cc, SizeT n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        abort();
    return p;
}

void *VG_(calloc)(const HChar *cc, SizeT nmemb, SizeT size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (p == NULL)
        abort();
    return p;
}

void *VG_(realloc)(const HChar *cc, void *old, SizeT n)
{
    void *p = realloc(old, n ? n : 1);
    if (p == NULL)
        abort();
    return p;
}

void VG_(free)(void *p)
{
    free(p);
}

HChar *VG_(strdup)(const HChar *cc, const HChar *s)
{
    return strdup(s);
}

HChar *VG_(vformat_alloc)(const HChar *fmt, va_list ap, Int *len)
{
    HChar *s;
    *len = vasprintf(&s, fmt, ap);
    if (*len < 0)
        abort();
    return s;
}

VG_NORETURN void VG_(fatal)(Int status, const HChar *fmt, ...)
{
    abort(); /* the reader reports errors, never exits */
}

Int VG_(dmsg)(const HChar *fmt, ...) { return 0; }
Int VG_(umsg)(const HChar *fmt, ...) { return 0; }
Int VG_(printf)(const HChar *fmt, ...) { return 0; }
Int VG_(printf_xml)(const HChar *fmt, ...) { return 0; }
Int VG_(printf_xml_element)(Int indent, const HChar *tag, const HChar *fmt, ...) { return 0; }
void VG_(write_xml_cdata)(const HChar *text) {}
void VG_(write_xml_escaped)(const HChar *text, SizeT n) {}
Bool VG_(xml_output)(void) { return False; }
const HChar *VG_(libdir)(void) { return "/nonexistent"; }
const HChar *VG_(skin_name)(void) { return "memcheck"; }

/*--- Fake stacks and their debug information -------------------------------------*/

struct ExeContext {
    UInt n;
    Addr ips[6];
};

struct SkinError {
    ErrorKind kind;
    const HChar *string;
    ExeContext *where;
};

/* Address 0x1000 * (K + 1) is frame K of this made-up program. */
static const struct {
    const HChar *raw, *fn, *obj, *file;
    UInt line;
    Bool inlined_into_next;
} fake_frames[] = {
    {"inl_helper", "inl_helper", "/usr/lib/libfoo.so.1", "foo.h", 12, True},
    {"_ZN3foo3barEi", "foo::bar(int)", "/usr/lib/libfoo.so.1", "foo.cpp", 40, False},
    {NULL, NULL, "/usr/lib/libstripped.so", NULL, 0, False},
    {NULL, NULL, NULL, NULL, 0, False},
    {"main", "main", "/tmp/prog", "prog.c", 7, False},
    {"__libc_start_main", "__libc_start_main", "/lib/libc.so.6", NULL, 0, False},
};

static Int frame_of(Addr ip)
{
    Int k = (Int)(ip / 0x1000) - 1;
    return k >= 0 && k < (Int)VG_N_ELEMS(fake_frames) ? k : -1;
}

Bool VG_(get_fnname)(Addr ip, const HChar **name)
{
    Int k = frame_of(ip);
    if (k < 0 || fake_frames[k].fn == NULL)
        return False;
    *name = fake_frames[k].fn;
    return True;
}

Bool VG_(get_fnname_raw)(Addr ip, const HChar **name)
{
    Int k = frame_of(ip);
    if (k < 0 || fake_frames[k].raw == NULL)
        return False;
    *name = fake_frames[k].raw;
    return True;
}

Bool VG_(get_objname)(Addr ip, const HChar **name)
{
    Int k = frame_of(ip);
    if (k < 0 || fake_frames[k].obj == NULL)
        return False;
    *name = fake_frames[k].obj;
    return True;
}

Bool VG_(get_filename_linenum)(Addr ip, const HChar **file, const HChar **dir, UInt *line)
{
    Int k = frame_of(ip);
    if (k < 0 || fake_frames[k].file == NULL)
        return False;
    *file = fake_frames[k].file;
    *dir = "/src";
    *line = fake_frames[k].line;
    return True;
}

UInt VG_(get_inlined_frames)(Addr ip, InlinedFrame *out, UInt max)
{
    Int k = frame_of(ip);
    if (k != 0 || max < 2)
        return 0;
    out[0] = (InlinedFrame){fake_frames[0].fn, "foo.h", "/src", 12};
    out[1] = (InlinedFrame){fake_frames[1].fn, "foo.cpp", "/src", 40};
    return 2;
}

Bool VG_(is_below_main_name)(const HChar *name)
{
    return strncmp(name, "__libc_start", 12) == 0;
}

Addr VG_(StackTrace_lookup_ip)(const Addr *ips, UInt i)
{
    return i == 0 ? ips[0] : ips[i] - 1;
}

void VG_(apply_StackTrace)(void (*action)(UInt i, Addr ip, Addr lookup_ip, void *opaque),
                           void *opaque, const Addr *ips, UInt n)
{
    for (UInt i = 0; i < n; i++)
        action(i, ips[i], VG_(StackTrace_lookup_ip)(ips, i), opaque);
}

ExeContext *VG_(get_error_where)(const SkinError *e)
{
    return e->where;
}

const Addr *VG_(get_ExeContext_StackTrace)(const ExeContext *ec)
{
    return ec->ips;
}

UInt VG_(get_ExeContext_n_ips)(const ExeContext *ec)
{
    return ec->n;
}

/*--- The fake skin ------------------------------------------------------------------*/

enum { K_ADDR4 = 1, K_PARAM, K_LEAK, K_COND };
static const HChar *const kinds[] = {NULL, "Addr4", "Param", "Leak", "Cond"};

static Bool recognised(const HChar *name, Supp *su)
{
    for (SuppKind k = 1; k < (SuppKind)VG_N_ELEMS(kinds); k++) {
        if (strcmp(name, kinds[k]) == 0) {
            VG_(set_supp_kind)(su, k);
            return True;
        }
    }
    return False;
}

static Bool read_extra(Int fd, HChar **bufpp, SizeT *nbufp, Int *lineno, Supp *su)
{
    if (VG_(get_supp_kind)(su) == K_PARAM) {
        if (VG_(get_line)(fd, bufpp, nbufp, lineno))
            return False;
        VG_(set_supp_string)(su, *bufpp);
        (*bufpp)[0] = '\0';
        return True;
    }
    if (VG_(get_supp_kind)(su) == K_LEAK) {
        /* Optional: a line that is not ours is the first frame. */
        if (VG_(get_line)(fd, bufpp, nbufp, lineno))
            return True;
        if (strncmp(*bufpp, "match-leak-kinds:", 17) == 0) {
            if (strstr(*bufpp, "bogus") != NULL)
                return False;
            VG_(set_supp_string)(su, *bufpp + 17);
            (*bufpp)[0] = '\0';
        }
    }
    return True;
}

static Bool matches(const SkinError *e, const Supp *su)
{
    if (e->kind != VG_(get_supp_kind)(su))
        return False;
    if (e->kind == K_PARAM)
        return VG_(get_supp_string)(su) != NULL &&
               strcmp(VG_(get_supp_string)(su), e->string) == 0;
    return True;
}

static void set_up(void)
{
    VG_(needs).skin_errors = True;
    VG_(details).name = "Memcheck";
    VG_(skin).recognised_suppression = recognised;
    VG_(skin).read_extra_suppression_info = read_extra;
    VG_(skin).error_matches_suppression = matches;
}

/*--- The target ----------------------------------------------------------------------*/

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Int fd = -1;
    if (fd < 0) {
        set_up();
        fd = memfd_create("supp", 0);
        if (fd < 0)
            abort();
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size ||
        lseek(fd, 0, SEEK_SET) != 0)
        abort();
    SuppFileError err;
    if (!VG_(read_suppressions_fd)(fd, "fuzz.supp", &err)) {
        if (err.line < 0 || memchr(err.reason, '\0', sizeof err.reason) == NULL)
            abort();
    }

    ExeContext full = {6, {0x1000, 0x2001, 0x3001, 0x4001, 0x5001, 0x6001}};
    ExeContext shallow = {1, {0x5000}};
    const SkinError errors[] = {
        {K_ADDR4, NULL, &full}, {K_PARAM, "write(buf)", &full},
        {K_LEAK, NULL, &full},  {K_COND, NULL, &shallow},
    };
    for (UInt i = 0; i < VG_N_ELEMS(errors); i++)
        (void)VG_(matching_suppression)(&errors[i]);
    VG_(free_all_suppressions)();
    return 0;
}
