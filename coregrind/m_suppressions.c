/*--------------------------------------------------------------------*/
/*--- Suppressions: reading, matching and generating them.         ---*/
/*---                                              m_suppressions.c ---*/
/*--------------------------------------------------------------------*/

/* The format is in pub_core_suppressions.h.  Suppressions files are user
   input: the reader accepts any bytes and reports the first problem as
   one line naming the file and line (it is fuzzed: tests/fuzz/).  Matching
   looks frames up lazily, because most suppressions are rejected by their
   kind or their first frame. */

#include "pub_core_basics.h"
#include "pub_core_suppressions.h"
#include "pub_core_debuginfo.h"
#include "pub_core_errormgr.h"
#include "pub_core_execontext.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_skinload.h"
#include "pub_core_stacktrace.h"
#include "pub_core_xml.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum {
    SF_FUN,   /* fun:PATTERN */
    SF_OBJ,   /* obj:PATTERN */
    SF_SRC,   /* src:PATTERN[:LINE] */
    SF_DOTDOT /* ... */
} SuppFrameKind;

typedef struct {
    SuppFrameKind kind;
    Bool demangled; /* fun: a pattern for demangled names */
    UInt line;      /* src: the line, 0 for any */
    HChar *pattern;
} SuppFrame;

struct Supp {
    Supp *next;
    UInt count;           /* errors suppressed */
    HChar *sname;         /* the name line */
    const HChar *file;    /* the file it came from */
    Int sname_line;       /* the line of its name */
    SuppKind skind;       /* set by SK_(recognised_suppression) */
    HChar *string;        /* VG_(set_supp_string) */
    void *extra;          /* VG_(set_supp_extra) */
    UInt n_frames;
    SuppFrame frames[VG_MAX_SUPP_CALLERS];
};

/* In force, the last read first (so a later file's entry wins, as in
   Valgrind). */
static Supp *suppressions;
static UInt n_suppressions;

UInt VG_(n_suppressions)(void)
{
    return n_suppressions;
}

/*--- Accessors for skins -----------------------------------------------------*/

void VG_(set_supp_kind)(Supp *su, SuppKind kind)
{
    su->skind = kind;
}

SuppKind VG_(get_supp_kind)(const Supp *su)
{
    return su->skind;
}

const HChar *VG_(get_supp_name)(const Supp *su)
{
    return su->sname;
}

void VG_(set_supp_string)(Supp *su, const HChar *s)
{
    VG_(free)(su->string);
    su->string = s ? VG_(strdup)("supp.string", s) : NULL;
}

const HChar *VG_(get_supp_string)(const Supp *su)
{
    return su->string;
}

void VG_(set_supp_extra)(Supp *su, void *extra)
{
    su->extra = extra;
}

void *VG_(get_supp_extra)(const Supp *su)
{
    return su->extra;
}

/*--- Reading lines ---------------------------------------------------------------*/

/* A read-ahead buffer for the file being read.  Skins read their extra
   lines through VG_(get_line) with the same descriptor, so the buffer is
   keyed by it and reset for every file. */
static struct {
    Int fd;
    SizeT pos, len;
    Bool eof;
    HChar buf[8192];
} reader = {.fd = -1};

static void reader_start(Int fd)
{
    reader.fd = fd;
    reader.pos = reader.len = 0;
    reader.eof = False;
}

static Int next_char(Int fd)
{
    if (fd != reader.fd)
        reader_start(fd);
    if (reader.pos == reader.len) {
        if (reader.eof)
            return -1;
        ssize_t n;
        do
            n = read(fd, reader.buf, sizeof reader.buf);
        while (n < 0 && errno == EINTR);
        if (n <= 0) {
            reader.eof = True;
            return -1;
        }
        reader.pos = 0;
        reader.len = (SizeT)n;
    }
    return (UChar)reader.buf[reader.pos++];
}

static void ensure_room(HChar **bufpp, SizeT *nbufp, SizeT need)
{
    if (*bufpp != NULL && *nbufp >= need)
        return;
    SizeT n = *nbufp < 128 ? 128 : *nbufp;
    while (n < need)
        n *= 2;
    *bufpp = VG_(realloc)("supp.line", *bufpp, n);
    *nbufp = n;
}

Bool VG_(get_line)(Int fd, HChar **bufpp, SizeT *nbufp, Int *lineno)
{
    for (;;) {
        ensure_room(bufpp, nbufp, 1);
        HChar *buf = *bufpp;
        buf[0] = '\0';
        Int c = next_char(fd);
        if (c < 0)
            return True;
        SizeT n = 0;
        while (c >= 0 && c != '\n') {
            ensure_room(bufpp, nbufp, n + 2);
            buf = *bufpp;
            /* A NUL would cut the line short unseen: make it visible. */
            buf[n++] = c == '\0' ? '?' : (HChar)c;
            c = next_char(fd);
        }
        buf[n] = '\0';
        (*lineno)++;
        while (n > 0 && isspace((UChar)buf[n - 1]))
            buf[--n] = '\0';
        SizeT start = 0;
        while (start < n && isspace((UChar)buf[start]))
            start++;
        if (start > 0)
            memmove(buf, buf + start, n - start + 1);
        if (buf[0] != '\0' && buf[0] != '#')
            return False;
    }
}

/*--- Parsing entries ---------------------------------------------------------------*/

typedef struct {
    Int fd;
    const HChar *filename;
    HChar *buf;
    SizeT nbuf;
    Int lineno;
    SuppFileError *err;
} Parser;

/* Records the first problem; returns False for the caller to return. */
static Bool fail(Parser *p, const HChar *fmt, ...) VG_PRINTF_LIKE(2, 3);
static Bool fail(Parser *p, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->reason, sizeof p->err->reason, fmt, ap);
    va_end(ap);
    for (HChar *c = p->err->reason; *c != '\0'; c++)
        if ((UChar)*c < 0x20 || (UChar)*c == 0x7f)
            *c = '?';
    p->err->line = p->lineno;
    return False;
}

/* The start of LINE, short enough to quote in a message. */
static const HChar *quote(const HChar *line)
{
    static HChar q[64];
    SizeT n = strlen(line);
    if (n < sizeof q)
        return line;
    snprintf(q, sizeof q, "%.*s...", (int)sizeof q - 4, line);
    return q;
}

/* Reads the next line; False (with the error set) at the end of the file,
   which is always premature inside an entry. */
static Bool next_line(Parser *p)
{
    if (VG_(get_line)(p->fd, &p->buf, &p->nbuf, &p->lineno))
        return fail(p, "unexpected end of file inside a suppression");
    return True;
}

/* Is the skin in force one of the comma-separated NAMES ("*" is any)? */
/* Is NAME (n bytes) one of the skin's suppression_aliases? */
static Bool alias_listed(const HChar *name, SizeT n)
{
    const HChar *a = VG_(details).suppression_aliases;
    while (a != NULL && *a != '\0') {
        SizeT k = strcspn(a, ",");
        if (k == n && memcmp(a, name, n) == 0)
            return True;
        a += k + (a[k] == ',');
    }
    return False;
}

static Bool skin_listed(const HChar *names, SizeT len)
{
    const HChar *detail = VG_(details).name, *short_name = VG_(skin_name)();
    const HChar *p = names, *end = names + len;
    while (p < end) {
        const HChar *comma = memchr(p, ',', (SizeT)(end - p));
        SizeT n = comma ? (SizeT)(comma - p) : (SizeT)(end - p);
        if ((n == 1 && p[0] == '*') ||
            (detail != NULL && strlen(detail) == n && memcmp(p, detail, n) == 0) ||
            (short_name != NULL && strlen(short_name) == n && memcmp(p, short_name, n) == 0) ||
            alias_listed(p, n))
            return True;
        p += n + 1;
    }
    return False;
}

/* Parses one location line of SU. */
static Bool parse_frame(Parser *p, Supp *su)
{
    const HChar *line = p->buf;
    if (su->n_frames == VG_MAX_SUPP_CALLERS)
        return fail(p, "suppression '%s' has more than %d frames", quote(su->sname),
                    VG_MAX_SUPP_CALLERS);
    SuppFrame *f = &su->frames[su->n_frames];
    memset(f, 0, sizeof *f);
    if (strcmp(line, "...") == 0) {
        f->kind = SF_DOTDOT;
        su->n_frames++;
        return True;
    }
    if (strncmp(line, "fun:", 4) == 0)
        f->kind = SF_FUN;
    else if (strncmp(line, "obj:", 4) == 0)
        f->kind = SF_OBJ;
    else if (strncmp(line, "src:", 4) == 0)
        f->kind = SF_SRC;
    else
        return fail(p, "'%s' is not a frame (fun:, obj:, src: or ...) nor the closing '}'",
                    quote(line));
    const HChar *pat = line + 4;
    if (*pat == '\0')
        return fail(p, "'%s' has an empty pattern", quote(line));
    f->pattern = VG_(strdup)("supp.frame", pat);
    if (f->kind == SF_FUN)
        f->demangled = strpbrk(pat, "()<>:, &~[]") != NULL;
    if (f->kind == SF_SRC) {
        HChar *colon = strrchr(f->pattern, ':');
        if (colon != NULL && colon[1] != '\0' && strspn(colon + 1, "0123456789") ==
                                                     strlen(colon + 1)) {
            unsigned long ln = strtoul(colon + 1, NULL, 10);
            if (ln == 0 || ln > 0x7fffffffUL || colon == f->pattern) {
                VG_(free)(f->pattern);
                return fail(p, "'%s': a source line must be a number from 1", quote(line));
            }
            f->line = (UInt)ln;
            *colon = '\0';
        }
    }
    su->n_frames++;
    return True;
}

static void free_supp(Supp *su)
{
    for (UInt i = 0; i < su->n_frames; i++)
        VG_(free)(su->frames[i].pattern);
    VG_(free)(su->sname);
    VG_(free)(su->string);
    VG_(free)(su);
}

/* Skips the rest of an entry for another skin, up to its '}'. */
static Bool skip_entry(Parser *p)
{
    do {
        if (!next_line(p))
            return False;
    } while (strcmp(p->buf, "}") != 0);
    return True;
}

/* Reads the skin's part and the frames of SU, up to the closing '}'. */
static Bool parse_body(Parser *p, Supp *su, const HChar *kind)
{
    if (!VG_(needs).skin_errors || !VG_(skin).recognised_suppression(kind, su))
        return fail(p, "'%s' is not a suppression kind of %s", quote(kind),
                    VG_(details).name ? VG_(details).name : "this skin");
    /* The skin may read a line that is not its own (an optional line
       missing): that line is then the first frame, as in Valgrind. */
    p->buf[0] = '\0';
    if (!VG_(skin).read_extra_suppression_info(p->fd, &p->buf, &p->nbuf, &p->lineno, su))
        return fail(p, "bad or missing %s-specific lines in suppression '%s'",
                    VG_(details).name ? VG_(details).name : "skin", quote(su->sname));
    Bool pending = p->buf != NULL && p->buf[0] != '\0';
    for (;;) {
        if (!pending && !next_line(p))
            return False;
        pending = False;
        if (strcmp(p->buf, "}") == 0)
            break;
        if (!parse_frame(p, su))
            return False;
    }
    if (su->n_frames == 0)
        return fail(p, "suppression '%s' has no frames (fun:, obj:, src: or ...)",
                    quote(su->sname));
    return True;
}

/* Reads one entry, if any is left: True with *OUT set (NULL for an entry
   of another skin or at the end of the file, *AT_EOF then True). */
static Bool parse_entry(Parser *p, Supp **out, Bool *at_eof)
{
    *out = NULL;
    *at_eof = VG_(get_line)(p->fd, &p->buf, &p->nbuf, &p->lineno);
    if (*at_eof)
        return True;
    if (strcmp(p->buf, "{") != 0)
        return fail(p, "expected '{' to start a suppression, found '%s'", quote(p->buf));
    if (!next_line(p))
        return False;
    if (strcmp(p->buf, "}") == 0 || strcmp(p->buf, "{") == 0)
        return fail(p, "a suppression needs a name before its '%s'", p->buf);
    HChar *sname = VG_(strdup)("supp.name", p->buf);
    Int sname_line = p->lineno;
    if (!next_line(p)) {
        VG_(free)(sname);
        return False;
    }
    HChar *colon = strchr(p->buf, ':');
    if (colon == NULL || colon == p->buf || colon[1] == '\0') {
        fail(p, "expected SKIN:KIND (such as Memcheck:Leak) after the name, found '%s'",
             quote(p->buf));
        VG_(free)(sname);
        return False;
    }
    if (!skin_listed(p->buf, (SizeT)(colon - p->buf))) {
        VG_(free)(sname);
        return skip_entry(p);
    }
    Supp *su = VG_(calloc)("supp.supp", 1, sizeof *su);
    su->sname = sname;
    su->sname_line = sname_line;
    su->file = p->filename;
    HChar *kind = VG_(strdup)("supp.kind", colon + 1);
    Bool ok = parse_body(p, su, kind);
    VG_(free)(kind);
    if (!ok) {
        free_supp(su);
        return False;
    }
    *out = su;
    return True;
}

/* The names of the files read, kept for the used_suppression lines. */
static HChar **file_names;
static UInt n_file_names;

static const HChar *intern_file_name(const HChar *name)
{
    for (UInt i = 0; i < n_file_names; i++)
        if (strcmp(file_names[i], name) == 0)
            return file_names[i];
    file_names = VG_(realloc)("supp.files", file_names, (n_file_names + 1) * sizeof *file_names);
    file_names[n_file_names] = VG_(strdup)("supp.files", name);
    return file_names[n_file_names++];
}

Bool VG_(read_suppressions_fd)(Int fd, const HChar *filename, SuppFileError *err)
{
    Parser p = {fd, intern_file_name(filename), NULL, 0, 0, err};
    reader_start(fd);
    Bool ok = True;
    for (;;) {
        Supp *su;
        Bool at_eof;
        if (!parse_entry(&p, &su, &at_eof)) {
            ok = False;
            break;
        }
        if (at_eof)
            break;
        if (su != NULL) {
            su->next = suppressions;
            suppressions = su;
            n_suppressions++;
        }
    }
    VG_(free)(p.buf);
    reader.fd = -1;
    return ok;
}

void VG_(free_all_suppressions)(void)
{
    while (suppressions != NULL) {
        Supp *next = suppressions->next;
        free_supp(suppressions);
        suppressions = next;
    }
    n_suppressions = 0;
}

static void load_file(const HChar *filename, Bool missing_is_fine)
{
    Int fd = open(filename, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (missing_is_fine && errno == ENOENT)
            return;
        VG_(fatal)(1, "cannot open suppressions file '%s': %s", filename, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        VG_(fatal)(1, "cannot read suppressions file '%s': it is a directory", filename);
    if (VG_(clo_verbosity) > 1)
        VG_(dmsg)("Reading suppressions file: %s", filename);
    SuppFileError err;
    if (!VG_(read_suppressions_fd)(fd, filename, &err))
        VG_(fatal)(1, "%s:%d: %s", filename, err.line, err.reason);
    close(fd);
}

void VG_(load_suppressions)(void)
{
    if (VG_(clo_default_suppressions)) {
        HChar *def = VG_(malloc)("supp.default", strlen(VG_(libdir)()) + 16);
        sprintf(def, "%s/default.supp", VG_(libdir)());
        load_file(def, True);
    }
    for (Int i = 0; i < VG_(clo_n_suppressions); i++)
        load_file(VG_(clo_suppressions)[i], False);
}

/*--- Matching --------------------------------------------------------------------------*/

Bool VG_(string_match)(const HChar *pat, const HChar *name)
{
    const HChar *star_pat = NULL, *star_name = NULL;
    for (;;) {
        if (*pat == '*') {
            star_pat = ++pat;
            star_name = name;
            continue;
        }
        if (*name == '\0') {
            while (*pat == '*')
                pat++;
            return *pat == '\0';
        }
        HChar want = *pat;
        Bool literal = False;
        if (want == '\\' && pat[1] != '\0') {
            want = pat[1];
            literal = True;
        }
        if (want != '\0' && ((want == '?' && !literal) || want == *name)) {
            pat += literal ? 2 : 1;
            name++;
            continue;
        }
        if (star_pat == NULL)
            return False;
        pat = star_pat;
        name = ++star_name;
    }
}

/* One frame of an error's stack as suppressions see it: every inlined
   call is a frame of its own. */
typedef struct {
    const HChar *fn_raw; /* the mangled name, "???" if unknown */
    const HChar *fn;     /* the demangled name, "???" if unknown */
    const HChar *obj;    /* "???" if unknown */
    const HChar *file, *dir;
    UInt line;
} MatchFrame;

/* The frames of one error, looked up as far as a matcher asked. */
typedef struct {
    const Addr *ips;
    UInt n_ips, next_ip;
    MatchFrame *frames;
    UInt n_frames, cap;
} FrameCursor;

static MatchFrame *new_frame(FrameCursor *c)
{
    if (c->n_frames == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 32;
        c->frames = VG_(realloc)("supp.frames", c->frames, c->cap * sizeof *c->frames);
    }
    MatchFrame *f = &c->frames[c->n_frames++];
    memset(f, 0, sizeof *f);
    return f;
}

/* Looks up the next IP: one frame, or one per inlined call. */
static void expand_next_ip(FrameCursor *c)
{
    Addr ip = VG_(StackTrace_lookup_ip)(c->ips, c->next_ip++);
    const HChar *obj, *raw;
    if (!VG_(get_objname)(ip, &obj))
        obj = "???";
    if (!VG_(get_fnname_raw)(ip, &raw))
        raw = NULL;
    InlinedFrame inl[32];
    UInt n_inl = VG_(get_inlined_frames)(ip, inl, VG_N_ELEMS(inl));
    if (n_inl == 0) {
        MatchFrame *f = new_frame(c);
        f->obj = obj;
        if (!VG_(get_fnname)(ip, &f->fn))
            f->fn = raw ? raw : "???";
        f->fn_raw = raw ? raw : f->fn;
        if (!VG_(get_filename_linenum)(ip, &f->file, &f->dir, &f->line))
            f->file = f->dir = NULL;
        return;
    }
    for (UInt k = 0; k < n_inl; k++) {
        MatchFrame *f = new_frame(c);
        f->obj = obj;
        f->fn = inl[k].fnname ? inl[k].fnname : "???";
        f->fn_raw = (k == n_inl - 1 && raw != NULL) ? raw : f->fn;
        f->file = inl[k].file;
        f->dir = inl[k].dir;
        f->line = inl[k].line;
    }
}

/* Frame I of the error, or NULL past its end. */
static const MatchFrame *frame_at(FrameCursor *c, UInt i)
{
    while (i >= c->n_frames && c->next_ip < c->n_ips)
        expand_next_ip(c);
    return i < c->n_frames ? &c->frames[i] : NULL;
}

static Bool src_matches(const SuppFrame *sf, const MatchFrame *f)
{
    if (f->file == NULL || (sf->line != 0 && sf->line != f->line))
        return False;
    if (strchr(sf->pattern, '/') == NULL || f->dir == NULL)
        return VG_(string_match)(sf->pattern, f->file);
    HChar path[1024];
    snprintf(path, sizeof path, "%s/%s", f->dir, f->file);
    return VG_(string_match)(sf->pattern, path);
}

static Bool frame_matches(const SuppFrame *sf, const MatchFrame *f)
{
    switch (sf->kind) {
    case SF_FUN:
        return VG_(string_match)(sf->pattern, sf->demangled ? f->fn : f->fn_raw);
    case SF_OBJ:
        return VG_(string_match)(sf->pattern, f->obj);
    case SF_SRC:
        return src_matches(sf, f);
    case SF_DOTDOT:
        break;
    }
    return False;
}

/* Do SU's frames match the innermost frames of the stack?  "..." matches
   any number of frames; the stack may go on after the last pattern.  The
   classic wildcard algorithm: on a mismatch, retry from the last "..."
   one frame further on. */
static Bool frames_match(const Supp *su, FrameCursor *c)
{
    UInt pi = 0, fi = 0, star_fi = 0;
    Int star_pi = -1;
    while (pi < su->n_frames) {
        const SuppFrame *sf = &su->frames[pi];
        if (sf->kind == SF_DOTDOT) {
            star_pi = (Int)pi++;
            star_fi = fi;
            continue;
        }
        const MatchFrame *f = frame_at(c, fi);
        if (f != NULL && frame_matches(sf, f)) {
            pi++;
            fi++;
            continue;
        }
        if (star_pi < 0 || frame_at(c, star_fi) == NULL)
            return False;
        pi = (UInt)star_pi + 1;
        fi = ++star_fi;
    }
    return True;
}

Supp *VG_(matching_suppression)(const SkinError *err)
{
    if (suppressions == NULL || !VG_(needs).skin_errors)
        return NULL;
    const ExeContext *where = VG_(get_error_where)(err);
    FrameCursor c = {VG_(get_ExeContext_StackTrace)(where), VG_(get_ExeContext_n_ips)(where),
                     0, NULL, 0, 0};
    Supp *found = NULL;
    for (Supp *su = suppressions; su != NULL && found == NULL; su = su->next) {
        if (VG_(skin).error_matches_suppression(err, su) && frames_match(su, &c))
            found = su;
    }
    VG_(free)(c.frames);
    return found;
}

void VG_(count_suppression_use)(Supp *su)
{
    su->count++;
}

Bool VG_(show_used_suppressions)(void)
{
    Bool any = False;
    if (VG_(xml_output)())
        VG_(printf_xml)("<suppcounts>\n");
    for (const Supp *su = suppressions; su != NULL; su = su->next) {
        if (su->count == 0)
            continue;
        if (VG_(xml_output)()) {
            VG_(printf_xml)("  <pair>\n    <count>%u</count>\n", su->count);
            VG_(printf_xml_element)(4, "name", "%s", su->sname);
            VG_(printf_xml)("  </pair>\n");
        } else {
            if (!any)
                VG_(dmsg)("%s", "");
            VG_(dmsg)("used_suppression: %6u %s %s:%d", su->count, su->sname, su->file,
                      su->sname_line);
        }
        any = True;
    }
    if (VG_(xml_output)())
        VG_(printf_xml)("</suppcounts>\n\n");
    return any;
}

/*--- Generating ----------------------------------------------------------------------*/

/* A growing text buffer. */
typedef struct {
    HChar *s;
    SizeT len, cap;
} Text;

static void text_add(Text *t, const HChar *fmt, ...) VG_PRINTF_LIKE(2, 3);
static void text_add(Text *t, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int len;
    HChar *piece = VG_(vformat_alloc)(fmt, ap, &len);
    va_end(ap);
    if (t->len + (SizeT)len + 1 > t->cap) {
        t->cap = 2 * (t->len + (SizeT)len + 1);
        t->s = VG_(realloc)("supp.text", t->s, t->cap);
    }
    memcpy(t->s + t->len, piece, (SizeT)len + 1);
    t->len += (SizeT)len;
    VG_(free)(piece);
}

/* The location lines ("fun:NAME", "obj:PATH", "obj:*") of a stack,
   gathered frame by frame: the frames shown (down to main), each inlined
   call its own line, at most VG_MAX_SUPP_CALLERS. */
typedef struct {
    HChar *lines[VG_MAX_SUPP_CALLERS];
    UInt n;
} LocationLines;

static void add_location(LocationLines *ll, const HChar *prefix, const HChar *name)
{
    if (ll->n == VG_MAX_SUPP_CALLERS)
        return;
    HChar *line = VG_(malloc)("supp.gen", strlen(prefix) + strlen(name) + 1);
    sprintf(line, "%s%s", prefix, name);
    ll->lines[ll->n++] = line;
}

static void location_of(UInt i, Addr ip, Addr lookup_ip, void *opaque)
{
    LocationLines *ll = opaque;
    InlinedFrame inl[32];
    UInt n_inl = VG_(get_inlined_frames)(lookup_ip, inl, VG_N_ELEMS(inl));
    for (UInt k = 0; k + 1 < n_inl; k++)
        add_location(ll, "fun:", inl[k].fnname ? inl[k].fnname : "*");
    const HChar *name;
    if (VG_(get_fnname_raw)(lookup_ip, &name) || VG_(get_fnname)(lookup_ip, &name))
        add_location(ll, "fun:",
                     !VG_(clo_show_below_main) && VG_(is_below_main_name)(name) ? "(below main)"
                                                                                  : name);
    else if (VG_(get_objname)(lookup_ip, &name))
        add_location(ll, "obj:", name);
    else
        add_location(ll, "obj:", "*");
}

static void print_xml_suppression(const HChar *skind, const HChar *extra, HChar **lines,
                                  UInt n, const HChar *raw)
{
    VG_(printf_xml)("  <suppression>\n");
    VG_(printf_xml)("    <sname>insert_a_suppression_name_here</sname>\n");
    VG_(printf_xml_element)(4, "skind", "%s", skind);
    if (extra != NULL && extra[0] != '\0')
        VG_(printf_xml_element)(4, "skaux", "%s", extra);
    for (UInt i = 0; i < n; i++) {
        const HChar *tag = strncmp(lines[i], "fun:", 4) == 0 ? "fun" : "obj";
        VG_(printf_xml)("    <sframe> <%s>", tag);
        VG_(write_xml_escaped)(lines[i] + 4, strlen(lines[i] + 4));
        VG_(printf_xml)("</%s> </sframe>\n", tag);
    }
    VG_(printf_xml)("    <rawtext>\n");
    VG_(write_xml_cdata)(raw);
    VG_(printf_xml)("    </rawtext>\n  </suppression>\n");
}

void VG_(print_suppression_for)(const SkinError *err)
{
    const HChar *kind_name = VG_(needs).skin_errors ? VG_(skin).get_error_name(err) : NULL;
    if (kind_name == NULL) {
        if (!VG_(xml_output)())
            VG_(umsg)("(%s cannot suppress this error)",
                      VG_(details).name ? VG_(details).name : "the skin");
        return;
    }
    Text skind = {NULL, 0, 0}, raw = {NULL, 0, 0};
    text_add(&skind, "%s:%s", VG_(details).name, kind_name);
    HChar extra[1024];
    SizeT n_extra = VG_(skin).print_extra_suppression_info(err, extra, sizeof extra);
    if (n_extra >= sizeof extra)
        n_extra = sizeof extra - 1;
    extra[n_extra] = '\0';
    const ExeContext *where = VG_(get_error_where)(err);
    LocationLines ll = {{NULL}, 0};
    VG_(apply_StackTrace)(location_of, &ll, VG_(get_ExeContext_StackTrace)(where),
                          VG_(get_ExeContext_n_ips)(where));
    HChar **lines = ll.lines;
    UInt n = ll.n;

    text_add(&raw, "{\n   <insert_a_suppression_name_here>\n   %s\n", skind.s);
    for (const HChar *p = extra; *p != '\0';) {
        SizeT len = strcspn(p, "\n");
        if (len > 0)
            text_add(&raw, "   %.*s\n", (int)len, p);
        p += len + (p[len] == '\n');
    }
    for (UInt i = 0; i < n; i++)
        text_add(&raw, "   %s\n", lines[i]);
    text_add(&raw, "}\n");

    if (VG_(xml_output)())
        print_xml_suppression(skind.s, extra, lines, n, raw.s);
    else
        VG_(printf)("%s", raw.s);
    for (UInt i = 0; i < n; i++)
        VG_(free)(lines[i]);
    VG_(free)(skind.s);
    VG_(free)(raw.s);
}
