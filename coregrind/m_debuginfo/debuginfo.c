/*--------------------------------------------------------------------*/
/*--- The registry of client objects and the debug-info queries.   ---*/
/*---                                                   debuginfo.c ---*/
/*--------------------------------------------------------------------*/

/* One DebugInfo per client ELF object, created when an executable
   mapping of its file is recorded.  At creation only the object's own
   .symtab/.dynsym are read (a sort of a few thousand entries): that is
   all the redirection machinery needs and keeps start-up cheap.  The
   first query about an address in the object loads the rest: the
   separate debug file (its fuller symbol table), the DWARF unit index,
   and later, unit by unit, line tables and inlined calls (readdwarf.c).
   CFI is indexed at the first unwind through the object (cfi.c).

   Objects are kept in an array sorted by text address, so finding the
   object of an address is a binary search (after a one-entry cache). */

#include "priv_debuginfo.h"
#include "pub_core_debuginfo.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_options.h"

#include <elf.h>
#include <libiberty/demangle.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*--- Memory -------------------------------------------------------------------*/

void *ML_(di_alloc)(SizeT n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        VG_(core_panic)("debuginfo: out of memory (%lu bytes)", (unsigned long)n);
    return p;
}

void *ML_(di_zalloc)(SizeT n)
{
    void *p = calloc(1, n ? n : 1);
    if (p == NULL)
        VG_(core_panic)("debuginfo: out of memory (%lu bytes)", (unsigned long)n);
    return p;
}

void *ML_(di_realloc)(void *old, SizeT n)
{
    void *p = realloc(old, n ? n : 1);
    if (p == NULL)
        VG_(core_panic)("debuginfo: out of memory (%lu bytes)", (unsigned long)n);
    return p;
}

HChar *ML_(di_strdup)(const HChar *s)
{
    SizeT n = strlen(s) + 1;
    HChar *p = ML_(di_alloc)(n);
    memcpy(p, s, n);
    return p;
}

void ML_(di_free)(void *p)
{
    free(p);
}

/*--- String pools ---------------------------------------------------------------*/

/* Open addressing over strings kept in 64 KiB chunks. */
typedef struct PoolChunk {
    struct PoolChunk *next;
    SizeT used, cap;
    HChar bytes[];
} PoolChunk;

struct StrPool {
    const HChar **slots;
    UInt n_slots, n_used;
    PoolChunk *chunks;
};

StrPool *ML_(strpool_new)(void)
{
    StrPool *p = ML_(di_zalloc)(sizeof *p);
    p->n_slots = 64;
    p->slots = ML_(di_zalloc)(p->n_slots * sizeof *p->slots);
    return p;
}

static UInt hash_str(const HChar *s, SizeT n)
{
    UInt h = 2166136261u;
    for (SizeT i = 0; i < n; i++)
        h = (h ^ (UChar)s[i]) * 16777619u;
    return h;
}

static HChar *pool_store(StrPool *p, const HChar *s, SizeT n)
{
    PoolChunk *c = p->chunks;
    if (c == NULL || c->cap - c->used < n + 1) {
        SizeT cap = n + 1 > 65536 ? n + 1 : 65536;
        c = ML_(di_alloc)(sizeof *c + cap);
        c->cap = cap;
        c->used = 0;
        c->next = p->chunks;
        p->chunks = c;
    }
    HChar *d = c->bytes + c->used;
    memcpy(d, s, n);
    d[n] = 0;
    c->used += n + 1;
    return d;
}

static void pool_grow(StrPool *p)
{
    UInt n = p->n_slots * 2;
    const HChar **slots = ML_(di_zalloc)(n * sizeof *slots);
    for (UInt i = 0; i < p->n_slots; i++) {
        if (p->slots[i] == NULL)
            continue;
        UInt h = hash_str(p->slots[i], strlen(p->slots[i])) & (n - 1);
        while (slots[h] != NULL)
            h = (h + 1) & (n - 1);
        slots[h] = p->slots[i];
    }
    ML_(di_free)(p->slots);
    p->slots = slots;
    p->n_slots = n;
}

const HChar *ML_(strpool_add_n)(StrPool *p, const HChar *s, SizeT n)
{
    if (2 * (p->n_used + 1) > p->n_slots)
        pool_grow(p);
    UInt h = hash_str(s, n) & (p->n_slots - 1);
    while (p->slots[h] != NULL) {
        if (strncmp(p->slots[h], s, n) == 0 && p->slots[h][n] == 0)
            return p->slots[h];
        h = (h + 1) & (p->n_slots - 1);
    }
    p->slots[h] = pool_store(p, s, n);
    p->n_used++;
    return p->slots[h];
}

const HChar *ML_(strpool_add)(StrPool *p, const HChar *s)
{
    return ML_(strpool_add_n)(p, s, strlen(s));
}

void ML_(strpool_free)(StrPool *p)
{
    if (p == NULL)
        return;
    while (p->chunks) {
        PoolChunk *n = p->chunks->next;
        ML_(di_free)(p->chunks);
        p->chunks = n;
    }
    ML_(di_free)(p->slots);
    ML_(di_free)(p);
}

/*--- Creating and destroying DebugInfos --------------------------------------------*/

static ULong next_handle = 1;

/* Text and load spans of the PT_LOADs, biased. */
static Bool object_spans(const ElfImage *e, Addr bias, Addr *text_lo, Addr *text_hi)
{
    Addr lo = ~(Addr)0, hi = 0;
    for (UInt i = 0; i < e->phnum; i++) {
        ElfSeg g;
        if (!ML_(elf_segment)(e, i, &g) || g.type != PT_LOAD || !(g.flags & PF_X) ||
            g.memsz == 0 || g.vaddr + g.memsz < g.vaddr)
            continue;
        if (g.vaddr + bias < lo)
            lo = g.vaddr + bias;
        if (g.vaddr + g.memsz + bias > hi)
            hi = g.vaddr + g.memsz + bias;
    }
    *text_lo = lo;
    *text_hi = hi;
    return lo < hi;
}

static DebugInfo *di_create(const ElfImage *img, Addr bias, const HChar *name)
{
    Addr lo, hi;
    if (!object_spans(img, bias, &lo, &hi))
        return NULL;
    DebugInfo *di = ML_(di_zalloc)(sizeof *di);
    di->handle = next_handle++;
    di->pool = ML_(strpool_new)();
    di->filename = ML_(strpool_add)(di->pool, name);
    di->img = *img;
    di->bias = bias;
    di->text_lo = lo;
    di->text_hi = hi;
    di->soname = ML_(elf_soname)(img, di->pool);
    ML_(read_elf_symbols)(img, bias, &di->symtab);
    ML_(finish_symbols)(&di->symtab);
    return di;
}

DebugInfo *ML_(di_create_from_buffer)(const UChar *buf, SizeT size, Addr bias,
                                      const HChar *name)
{
    ElfImage img;
    if (!ML_(elf_from_buffer)(buf, size, &img))
        return NULL;
    return di_create(&img, bias, name);
}

void ML_(di_destroy)(DebugInfo *di)
{
    if (di->cfi)
        ML_(cfi_close)(di->cfi);
    if (di->dwarf)
        ML_(dwarf_close)(di->dwarf);
    ML_(free_symbols)(&di->symtab);
    if (di->has_dbg)
        ML_(elf_close)(&di->dbg);
    ML_(elf_close)(&di->img);
    ML_(strpool_free)(di->pool);
    ML_(di_free)(di);
}

/* The separate debug file (if any) and its fuller symbol table. */
static void di_load_symbols(DebugInfo *di)
{
    if (di->syms_loaded)
        return;
    di->syms_loaded = True;
    ML_(set_debug_search)(VG_(clo_extra_debuginfo_path), VG_(clo_allow_mismatched_debuginfo));
    if (di->img.mapped &&
        ML_(find_debug_file)(di->filename, &di->img, &di->dbg, &di->dbg_path, di->pool)) {
        di->has_dbg = True;
        ML_(read_elf_symbols)(&di->dbg, di->bias, &di->symtab);
        ML_(finish_symbols)(&di->symtab);
    }
}

/* All of it: symbols, then the DWARF unit index. */
void ML_(di_load_full)(DebugInfo *di)
{
    if (di->full_loaded)
        return;
    di->full_loaded = True;
    di_load_symbols(di);
    di->dwarf = ML_(dwarf_open)(di->has_dbg ? &di->dbg : &di->img, di->bias);
    if (di->dwarf == NULL && di->has_dbg)
        di->dwarf = ML_(dwarf_open)(&di->img, di->bias);
}

static CfiInfo *di_cfi(DebugInfo *di)
{
    if (!di->cfi_loaded) {
        di->cfi_loaded = True;
        di_load_symbols(di); /* finds the debug file; no DWARF needed */
        /* A debug file's .eh_frame is NOBITS: .eh_frame always comes from
           the object itself, .debug_frame from wherever it is. */
        ElfSec s;
        const ElfImage *df = &di->img;
        if (di->has_dbg && ML_(elf_find_section)(&di->dbg, ".debug_frame", &s) && s.data)
            df = &di->dbg;
        di->cfi = ML_(cfi_open)(&di->img, df, di->bias);
    }
    return di->cfi;
}

/*--- The registry ----------------------------------------------------------------*/

static DebugInfo **dis;     /* sorted by text_lo, non-overlapping */
static UInt n_dis, cap_dis;
static DebugInfo *last_hit;
static void (*loaded_cb)(DebugInfo *di);
static void (*unloading_cb)(DebugInfo *di);

static Int find_index(Addr a)
{
    Int lo = 0, hi = (Int)n_dis - 1;
    while (lo <= hi) {
        Int mid = lo + (hi - lo) / 2;
        if (a < dis[mid]->text_lo)
            hi = mid - 1;
        else if (a >= dis[mid]->text_hi)
            lo = mid + 1;
        else
            return mid;
    }
    return -1;
}

static DebugInfo *find_di(Addr a)
{
    if (last_hit != NULL && a >= last_hit->text_lo && a < last_hit->text_hi)
        return last_hit;
    Int i = find_index(a);
    if (i < 0)
        return NULL;
    last_hit = dis[i];
    return last_hit;
}

static void remove_at(UInt i)
{
    DebugInfo *di = dis[i];
    if (unloading_cb != NULL)
        unloading_cb(di);
    memmove(&dis[i], &dis[i + 1], (n_dis - i - 1) * sizeof *dis);
    n_dis--;
    if (last_hit == di)
        last_hit = NULL;
    ML_(di_destroy)(di);
    ML_(cfi_cache_flush)();
}

/* Forgets every object whose text overlaps [a, a+len). */
static void discard_range(Addr a, SizeT len)
{
    Addr end = a + len < a ? ~(Addr)0 : a + len;
    for (UInt i = 0; i < n_dis;) {
        if (dis[i]->text_lo < end && a < dis[i]->text_hi)
            remove_at(i);
        else
            i++;
    }
}

static void insert_di(DebugInfo *di)
{
    discard_range(di->text_lo, di->text_hi - di->text_lo);
    if (n_dis == cap_dis) {
        cap_dis = cap_dis ? 2 * cap_dis : 32;
        dis = ML_(di_realloc)(dis, cap_dis * sizeof *dis);
    }
    UInt i = 0;
    while (i < n_dis && dis[i]->text_lo < di->text_lo)
        i++;
    memmove(&dis[i + 1], &dis[i], (n_dis - i) * sizeof *dis);
    dis[i] = di;
    n_dis++;
}

/* The bias that puts the PT_LOAD holding file offset `offset` at a. */
static Bool bias_of_mapping(const ElfImage *e, Addr a, OffT offset, Addr *bias)
{
    for (Int pass = 0; pass < 2; pass++) {
        for (UInt i = 0; i < e->phnum; i++) {
            ElfSeg g;
            if (!ML_(elf_segment)(e, i, &g) || g.type != PT_LOAD)
                continue;
            if (pass == 0 && !(g.flags & PF_X))
                continue;
            ULong page_off = g.offset & ~(ULong)(VG_PAGE_SIZE - 1);
            if (offset < page_off || offset >= g.offset + (g.filesz ? g.filesz : 1))
                continue;
            *bias = a + (g.offset - offset) - g.vaddr;
            return True;
        }
    }
    return False;
}

ULong VG_(di_notify_mmap)(Addr a, SizeT len, UInt prot, OffT offset, const HChar *filename)
{
    if (filename == NULL || filename[0] != '/')
        return 0;
    DebugInfo *di = find_di(a);
    if (di != NULL && strcmp(di->filename, filename) == 0)
        return di->handle;
    if (!(prot & PROT_EXEC))
        return 0;
    ElfImage img;
    if (!ML_(elf_open)(filename, &img))
        return 0;
    Addr bias;
    if ((img.type != ET_EXEC && img.type != ET_DYN) || !bias_of_mapping(&img, a, offset, &bias)) {
        ML_(elf_close)(&img);
        return 0;
    }
    di = di_create(&img, bias, filename);
    if (di == NULL) {
        ML_(elf_close)(&img);
        return 0;
    }
    (void)len;
    insert_di(di);
    if (loaded_cb != NULL)
        loaded_cb(di);
    return di->handle;
}

void VG_(di_notify_munmap)(Addr a, SizeT len)
{
    if (n_dis > 0 && len > 0)
        discard_range(a, len);
}

ULong VG_(di_handle_of)(Addr a)
{
    DebugInfo *di = find_di(a);
    return di ? di->handle : 0;
}

ULong VG_(di_next_handle)(void)
{
    return next_handle;
}

/* For the unit tests and the fuzz target: registers an object without
   mapping it. */
ULong ML_(di_register_buffer)(const UChar *buf, SizeT size, Addr bias, const HChar *name)
{
    DebugInfo *di = ML_(di_create_from_buffer)(buf, size, bias, name);
    if (di == NULL)
        return 0;
    insert_di(di);
    return di->handle;
}

DebugInfo *ML_(di_by_handle)(ULong handle)
{
    for (UInt i = 0; i < n_dis; i++)
        if (dis[i]->handle == handle)
            return dis[i];
    return NULL;
}

void ML_(di_forget_all)(void)
{
    while (n_dis > 0)
        remove_at(n_dis - 1);
}

/*--- Redirection support ------------------------------------------------------------*/

void VG_(set_di_callbacks)(void (*loaded)(DebugInfo *di), void (*unloading)(DebugInfo *di))
{
    loaded_cb = loaded;
    unloading_cb = unloading;
}

void VG_(di_foreach)(void (*fn)(DebugInfo *di, void *opaque), void *opaque)
{
    for (UInt i = 0; i < n_dis; i++)
        fn(dis[i], opaque);
}

Bool VG_(di_has_soname)(const DebugInfo *di)
{
    return di->soname != NULL;
}

Bool VG_(di_contains)(const DebugInfo *di, Addr a)
{
    return a >= di->text_lo && a < di->text_hi;
}

const HChar *VG_(di_soname)(const DebugInfo *di)
{
    if (di->soname != NULL)
        return di->soname;
    const HChar *slash = strrchr(di->filename, '/');
    return slash ? slash + 1 : di->filename;
}

const HChar *VG_(di_filename)(const DebugInfo *di)
{
    return di->filename;
}

void VG_(di_foreach_symbol)(DebugInfo *di,
                            void (*fn)(Addr a, SizeT size, const HChar *name, Bool is_ifunc,
                                       void *opaque),
                            void *opaque)
{
    di_load_symbols(di); /* ld.so's strlen is only in its debug file */
    for (UInt i = 0; i < di->symtab.n_syms; i++) {
        const DiSym *s = &di->symtab.syms[i];
        fn(s->addr, s->size, s->name, s->ifunc, opaque);
    }
}

void VG_(di_atfork_child)(void)
{
    for (UInt i = 0; i < n_dis; i++)
        if (dis[i]->dwarf != NULL)
            ML_(dwarf_atfork_child)(dis[i]->dwarf);
}

Bool VG_(di_lookup_symbol)(const HChar *name, Addr *out)
{
    for (UInt i = 0; i < n_dis; i++) {
        const SymTable *t = &dis[i]->symtab;
        for (UInt k = 0; k < t->n_syms; k++) {
            if (strcmp(t->syms[k].name, name) == 0) {
                *out = t->syms[k].addr;
                return True;
            }
        }
    }
    return False;
}

/*--- Names ---------------------------------------------------------------------------*/

/* A vgpreload replacement (_vgR_r_libcXDsoXA_malloc) is shown as the
   function it replaces (malloc), as Valgrind shows its own. */
static const HChar *shown_raw(StrPool *pool, const HChar *name)
{
    if (name[0] != '_' || strncmp(name, "_vgR_", 5) != 0)
        return name;
    HChar so[256], fn[256];
    Bool wrap;
    if (!VG_(parse_preload_name)(name, &wrap, so, sizeof so, fn, sizeof fn))
        return name;
    return ML_(strpool_add)(pool, fn);
}

/* The demangled form of a mangled name, malloc'd, or NULL if it is not
   one (C names, or something the demangler rejects). */
static HChar *demangle(const HChar *name)
{
    if (name[0] != '_' || (name[1] != 'Z' && name[1] != 'R'))
        return NULL;
    return cplus_demangle(name, DMGL_PARAMS | DMGL_ANSI);
}

const HChar *ML_(di_demangle_into)(StrPool *pool, const HChar *name)
{
    name = shown_raw(pool, name);
    HChar *d = demangle(name);
    if (d == NULL)
        return name;
    const HChar *r = ML_(strpool_add)(pool, d);
    free(d);
    return r;
}

static const HChar *sym_raw(DebugInfo *di, DiSym *s)
{
    if (s->rname == NULL)
        s->rname = shown_raw(di->pool, s->name);
    return s->rname;
}

static const HChar *sym_name(DebugInfo *di, DiSym *s)
{
    if (!VG_(clo_demangle))
        return sym_raw(di, s);
    if (s->dname == NULL) {
        HChar *d = demangle(sym_raw(di, s));
        s->dname = d ? ML_(strpool_add)(di->pool, d) : sym_raw(di, s);
        free(d);
    }
    return s->dname;
}

/* Finds the object of ip with its full debug info loaded. */
static DebugInfo *di_for_query(Addr ip)
{
    DebugInfo *di = find_di(ip);
    if (di != NULL)
        ML_(di_load_full)(di);
    return di;
}

/* The object of ip with its symbols complete (DWARF not needed yet). */
static DebugInfo *di_for_names(Addr ip)
{
    DebugInfo *di = find_di(ip);
    if (di != NULL)
        di_load_symbols(di);
    return di;
}

/* The DWARF function name at ip, when the symbol tables have none. */
static const HChar *dwarf_fn(DebugInfo *di, Addr ip)
{
    ML_(di_load_full)(di);
    return di->dwarf ? ML_(dwarf_function)(di->dwarf, ip) : NULL;
}

/* The function name at ip, as traces show it (demangled under
   --demangle=yes), or raw: the symbol tables' first, else DWARF's. */
static Bool fnname_at(Addr ip, Bool raw, const HChar **name)
{
    DebugInfo *di = di_for_names(ip);
    if (di == NULL)
        return False;
    DiSym *s = ML_(find_symbol)(&di->symtab, ip);
    if (s != NULL) {
        *name = raw ? sym_raw(di, s) : sym_name(di, s);
        return True;
    }
    const HChar *fn = dwarf_fn(di, ip);
    if (fn == NULL)
        return False;
    *name = !raw && VG_(clo_demangle) ? ML_(di_demangle_into)(di->pool, fn)
                                      : shown_raw(di->pool, fn);
    return True;
}

Bool VG_(get_fnname)(Addr ip, const HChar **name)
{
    return fnname_at(ip, False, name);
}

Bool VG_(get_fnname_if_entry)(Addr ip, const HChar **name)
{
    DebugInfo *di = di_for_names(ip);
    DiSym *s = di ? ML_(find_symbol)(&di->symtab, ip) : NULL;
    if (s == NULL || s->addr != ip)
        return False;
    *name = sym_name(di, s);
    return True;
}

Bool VG_(get_fnname_raw)(Addr ip, const HChar **name)
{
    return fnname_at(ip, True, name);
}

Bool VG_(get_filename_linenum)(Addr ip, const HChar **file, const HChar **dir, UInt *line)
{
    DebugInfo *di = di_for_query(ip);
    if (di == NULL || di->dwarf == NULL)
        return False;
    const HChar *f, *d;
    UInt l;
    if (!ML_(dwarf_line)(di->dwarf, ip, &f, &d, &l))
        return False;
    *file = f;
    if (dir)
        *dir = d;
    *line = l;
    return True;
}

Bool VG_(get_objname)(Addr ip, const HChar **objname)
{
    DebugInfo *di = find_di(ip);
    if (di == NULL)
        return False;
    *objname = di->filename;
    return True;
}

UInt VG_(get_inlined_frames)(Addr ip, InlinedFrame *out, UInt max)
{
    if (max == 0)
        return 0;
    DebugInfo *di = di_for_query(ip);
    if (di == NULL)
        return 0;
    DwFrame fr[64];
    UInt n = 0;
    if (di->dwarf != NULL)
        n = ML_(dwarf_inlined)(di->dwarf, ip, fr, max < 64 ? max : 64);
    if (n > 1 && !VG_(clo_read_inline_info)) {
        /* Valgrind's frame without inline info: the function holding the
           code, at the line the line table gives (the innermost call's). */
        fr[n - 1].file = fr[0].file;
        fr[n - 1].dir = fr[0].dir;
        fr[n - 1].line = fr[0].line;
        fr[0] = fr[n - 1];
        n = 1;
    }
    if (n == 0) {
        memset(&fr[0], 0, sizeof fr[0]);
        n = 1;
    }
    const HChar *outer;
    if (!VG_(get_fnname)(ip, &outer))
        outer = NULL;
    Bool any = outer != NULL;
    for (UInt i = 0; i < n; i++) {
        const HChar *fn = fr[i].fn;
        if (i == n - 1)
            fn = outer ? outer : fn && VG_(clo_demangle) ? ML_(di_demangle_into)(di->pool, fn)
                                                          : fn;
        else if (fn != NULL && VG_(clo_demangle))
            fn = ML_(di_demangle_into)(di->pool, fn);
        out[i].fnname = fn;
        out[i].file = fr[i].file;
        out[i].dir = fr[i].dir;
        out[i].line = fr[i].line;
        any = any || fn != NULL || fr[i].file != NULL;
    }
    return any ? n : 0;
}

/*--- Descriptions -------------------------------------------------------------------*/

Bool VG_(is_below_main_name)(const HChar *name)
{
    static const HChar *const below[] = {"__libc_start_main", "__libc_start_call_main",
                                         "generic_start_main", "__libc_start_main_impl",
                                         "_start"};
    for (UInt i = 0; i < VG_N_ELEMS(below); i++) {
        SizeT n = strlen(below[i]);
        /* gcc's clones ("__libc_start_main.cold") count too; a versioned
           name ("__libc_start_main@@GLIBC_2.34", the frame under a
           constructor run by call_init) does not, as in Memcheck, which
           shows it and the frames under it. */
        if (strncmp(name, below[i], n) == 0 && (name[n] == 0 || name[n] == '.'))
            return True;
    }
    return False;
}

/* FILE as a trace shows it: its name alone, or with --fullpath-after its
   full path from after the first of the strings found in it (all of it
   if none is).  The result is in BUF unless it is FILE. */
static const HChar *shown_file_name(const HChar *dir, const HChar *file, HChar *buf, SizeT n)
{
    if (VG_(clo_n_fullpath_after) == 0 || dir == NULL)
        return file;
    snprintf(buf, n, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/", file);
    for (Int i = 0; i < VG_(clo_n_fullpath_after); i++) {
        const HChar *at = strstr(buf, VG_(clo_fullpath_after)[i]);
        if (at != NULL)
            return at + strlen(VG_(clo_fullpath_after)[i]);
    }
    return buf;
}

void VG_(describe_frame)(Addr print_ip, const HChar *fn, const HChar *dir, const HChar *file,
                         UInt line, const HChar *obj, HChar *buf, SizeT n)
{
    if (fn != NULL && !VG_(clo_show_below_main) && VG_(is_below_main_name)(fn))
        fn = "(below main)";
    Int k = snprintf(buf, n, "0x%lX: %s", (unsigned long)print_ip, fn ? fn : "???");
    if (k < 0 || (SizeT)k >= n)
        return;
    HChar path[4096];
    if (file != NULL)
        snprintf(buf + k, n - (SizeT)k, " (%s:%u)",
                 shown_file_name(dir, file, path, sizeof path), line);
    else if (obj != NULL)
        snprintf(buf + k, n - (SizeT)k, " (in %s)", obj);
}

const HChar *VG_(describe_IP)(Addr ip, HChar *buf, SizeT n)
{
    InlinedFrame fr;
    const HChar *obj = NULL;
    if (n == 0)
        return buf;
    VG_(get_objname)(ip, &obj);
    if (VG_(get_inlined_frames)(ip, &fr, 1) == 0)
        memset(&fr, 0, sizeof fr);
    VG_(describe_frame)(ip, fr.fnname, fr.dir, fr.file, fr.line, obj, buf, n);
    return buf;
}

/*--- Unwinding ------------------------------------------------------------------------*/

typedef struct {
    Addr lo, hi;
} StackRange;

static Bool read_stack_word(Addr a, Addr *out, void *opaque)
{
    const StackRange *r = opaque;
    if (a < r->lo || a > r->hi || r->hi - a < sizeof(Addr) || (a & 7) != 0)
        return False;
    if (!VG_(am_is_valid_for_client)(a, sizeof(Addr), PROT_READ))
        return False;
    *out = *(const Addr *)a;
    return True;
}

Bool ML_(di_unwind_step)(CfiRegs *r, Bool exact_ip, CfiReadFn rd, void *opaque,
                         Bool *signal_frame)
{
    Addr ip = r->regs[DW_RIP];
    Addr look = exact_ip ? ip : ip - 1;
    DebugInfo *di = find_di(look);
    if (di == NULL)
        return False;
    CfiInfo *c = di_cfi(di);
    return c != NULL && ML_(cfi_unwind)(c, r, exact_ip, rd, opaque, signal_frame);
}

Bool VG_(use_CF_info)(UnwindRegs *u, Addr stack_lo, Addr stack_hi)
{
    CfiRegs r;
    memset(&r, 0, sizeof r);
    r.regs[DW_RIP] = u->ip;
    r.regs[DW_RSP] = u->sp;
    r.regs[DW_RBP] = u->fp;
    r.known = (1u << DW_RIP) | (1u << DW_RSP) | (1u << DW_RBP);
    StackRange sr = {stack_lo, stack_hi};
    Bool sig;
    if (!ML_(di_unwind_step)(&r, True, read_stack_word, &sr, &sig))
        return False;
    u->ip = r.regs[DW_RIP];
    u->sp = r.regs[DW_RSP];
    u->fp = (r.known & (1u << DW_RBP)) ? r.regs[DW_RBP] : 0;
    return True;
}

/* Hardware register number (ThreadState.gpr) -> DWARF register number. */
static const UChar hw_to_dw[16] = {DW_RAX, DW_RCX, DW_RDX, DW_RBX, DW_RSP, DW_RBP,
                                   DW_RSI, DW_RDI, DW_R8,  DW_R9,  DW_R10, DW_R11,
                                   DW_R12, DW_R13, DW_R14, DW_R15};
/* And back (DW_RIP has no hardware number). */
static const UChar dw_to_hw[DW_NREGS] = {
    [DW_RAX] = 0, [DW_RCX] = 1,  [DW_RDX] = 2,  [DW_RBX] = 3,  [DW_RSP] = 4,  [DW_RBP] = 5,
    [DW_RSI] = 6, [DW_RDI] = 7,  [DW_R8] = 8,   [DW_R9] = 9,   [DW_R10] = 10, [DW_R11] = 11,
    [DW_R12] = 12, [DW_R13] = 13, [DW_R14] = 14, [DW_R15] = 15};

Bool VG_(use_CF_info_full)(UnwindFullRegs *u, Bool exact_ip, StackReadFn rd, void *opaque,
                           Bool *signal_frame)
{
    /* Only the known registers are converted: this runs for every frame
       of every stack trace (each malloc and free records one). */
    CfiRegs r;
    r.regs[DW_RIP] = u->ip;
    r.known = 1u << DW_RIP;
    for (UInt m = u->known & 0xFFFF; m != 0; m &= m - 1) {
        UInt i = (UInt)__builtin_ctz(m);
        r.regs[hw_to_dw[i]] = u->gpr[i];
        r.known |= 1u << hw_to_dw[i];
    }
    Bool sig = False;
    if (!ML_(di_unwind_step)(&r, exact_ip, rd, opaque, &sig))
        return False;
    u->ip = r.regs[DW_RIP];
    u->known = 0;
    memset(u->gpr, 0, sizeof u->gpr);
    for (UInt m = r.known & ~(1u << DW_RIP); m != 0; m &= m - 1) {
        UInt d = (UInt)__builtin_ctz(m);
        UInt i = dw_to_hw[d];
        u->gpr[i] = r.regs[d];
        u->known |= 1u << i;
    }
    *signal_frame = sig;
    return True;
}
