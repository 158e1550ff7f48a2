/*--------------------------------------------------------------------*/
/*--- DWARF line tables, functions and inlined calls (libdwarf).   ---*/
/*---                                                   readdwarf.c ---*/
/*--------------------------------------------------------------------*/

/* libdwarf reads the DWARF; we feed it through its object-access
   interface, not through its own ELF reader, so that it only ever sees
   copies we made: each .debug_* section is copied (or inflated, for
   SHF_COMPRESSED) into a buffer followed by zero padding, which also
   terminates any string that runs off the end of its section.  Every
   call passes a Dwarf_Error and an error handler is installed, so
   libdwarf reports errors instead of aborting; an error makes the unit
   (or the object) lose its line info, nothing more.

   At open we only index the compilation units by address (each unit's
   top DIE).  The first query inside a unit reads that unit's line table
   and its tree of functions and inlined calls, so a backtrace through
   libc costs one or two units, not the whole of libc's 27 MB. */

#include "priv_debuginfo.h"
#include "priv_cursor.h"

#include <elf.h>
#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SECTION_PAD 64
#define MAX_DIE_DEPTH 64
#define MAX_DIES_PER_CU 4000000
#define MAX_CUS 2000000
#define NO_FILE 0xFFFFFFFFu

/*--- The object-access interface ------------------------------------------------*/

typedef struct {
    const HChar *name;
    Dwarf_Unsigned size; /* as libdwarf will see it (inflated) */
    ElfSec sec;
    UChar *data;         /* loaded on demand: the image's bytes or copy */
    UChar *copy;         /* ours to free: an inflated or padded copy */
    Bool relevant;
} ObjSec;

typedef struct {
    ObjSec *secs;
    UInt n_secs;
    const UChar *img_end; /* the end of the image the sections are in */
} ObjAccess;

static Bool is_dwarf_section(const HChar *name)
{
    return strncmp(name, ".debug_", 7) == 0;
}

static int oa_get_section_info(void *obj, Dwarf_Half i, Dwarf_Obj_Access_Section *out,
                               int *error)
{
    ObjAccess *oa = obj;
    memset(out, 0, sizeof *out);
    if (i >= oa->n_secs)
        return DW_DLV_NO_ENTRY;
    ObjSec *s = &oa->secs[i];
    out->name = s->name;
    if (s->relevant) {
        out->type = SHT_PROGBITS;
        out->size = s->size;
    }
    (void)error;
    return DW_DLV_OK;
}

static Dwarf_Endianness oa_get_byte_order(void *obj)
{
    return DW_OBJECT_LSB;
}

static Dwarf_Small oa_get_length_size(void *obj)
{
    return 4;
}

static Dwarf_Small oa_get_pointer_size(void *obj)
{
    return 8;
}

static Dwarf_Unsigned oa_get_section_count(void *obj)
{
    return ((ObjAccess *)obj)->n_secs;
}

static int oa_load_section(void *obj, Dwarf_Half i, Dwarf_Small **data, int *error)
{
    ObjAccess *oa = obj;
    if (i >= oa->n_secs || !oa->secs[i].relevant)
        return DW_DLV_NO_ENTRY;
    ObjSec *s = &oa->secs[i];
    /* An uncompressed section with SECTION_PAD bytes of the image after
       it is used where it is (libdwarf only reads it): no copy of
       megabytes of a big library's DWARF.  Else an inflated or padded
       copy. */
    if (s->data == NULL && !s->sec.compressed && s->sec.data != NULL &&
        s->sec.size == s->size && oa->img_end - s->sec.data >= (ptrdiff_t)(s->size + SECTION_PAD))
        s->data = (UChar *)s->sec.data;
    if (s->data == NULL) {
        SizeT size;
        s->copy = ML_(elf_section_copy)(&s->sec, SECTION_PAD, &size);
        if (s->copy == NULL || size != s->size) {
            ML_(di_free)(s->copy);
            s->copy = NULL;
            *error = DW_DLE_SECTION_SIZE_OR_OFFSET_LARGE;
            return DW_DLV_ERROR;
        }
        s->data = s->copy;
    }
    *data = s->data;
    return DW_DLV_OK;
}

static const Dwarf_Obj_Access_Methods oa_methods = {
    oa_get_section_info, oa_get_byte_order,   oa_get_length_size, oa_get_pointer_size,
    oa_get_section_count, oa_load_section,    NULL,
};

/* The size libdwarf will see: an SHF_COMPRESSED section's inflated size. */
static Bool usable_size(const ElfSec *s, Dwarf_Unsigned *size)
{
    if (s->data == NULL || s->size == 0)
        return False;
    if (!s->compressed) {
        *size = s->size;
        return True;
    }
    Elf64_Chdr ch;
    if (s->size < sizeof ch)
        return False;
    memcpy(&ch, s->data, sizeof ch);
    if (ch.ch_type != ELFCOMPRESS_ZLIB || ch.ch_size == 0 || ch.ch_size > (1UL << 30) ||
        ch.ch_size > (ULong)(s->size - sizeof ch) * 1100 + 64)
        return False;
    *size = ch.ch_size;
    return True;
}

static Bool objaccess_init(ObjAccess *oa, const ElfImage *e)
{
    memset(oa, 0, sizeof *oa);
    if (e->shnum == 0 || e->shnum > 0xFFFF)
        return False;
    oa->n_secs = e->shnum;
    oa->img_end = e->img + e->size;
    oa->secs = ML_(di_zalloc)(oa->n_secs * sizeof *oa->secs);
    Bool any = False;
    oa->secs[0].name = "";
    for (UInt i = 1; i < e->shnum; i++) {
        ObjSec *s = &oa->secs[i];
        const HChar *name = ML_(elf_section_name)(e, i);
        s->name = "";
        if (!is_dwarf_section(name) || !ML_(elf_section)(e, i, &s->sec) ||
            !usable_size(&s->sec, &s->size))
            continue;
        /* A section name libdwarf sees twice would make it refuse the
           whole object: keep the first. */
        Bool dup = False;
        for (UInt j = 1; j < i && !dup; j++)
            dup = oa->secs[j].relevant && strcmp(oa->secs[j].name, name) == 0;
        if (dup)
            continue;
        s->name = name;
        s->relevant = True;
        any = any || strcmp(name, ".debug_info") == 0;
    }
    return any;
}

static void objaccess_free(ObjAccess *oa)
{
    for (UInt i = 0; i < oa->n_secs; i++)
        ML_(di_free)(oa->secs[i].copy);
    ML_(di_free)(oa->secs);
    memset(oa, 0, sizeof *oa);
}

/*--- Our tables --------------------------------------------------------------------*/

typedef struct {
    Addr addr;
    UInt line;
    UInt file; /* index into files[], or NO_FILE for an end of sequence */
} LineRow;

typedef struct {
    Addr lo, hi;
    const HChar *fn; /* raw: linkage name if any, else name */
    UInt depth;      /* 0: a function; n > 0: inlined n levels deep */
    UInt call_file;  /* for inlined calls: where the call is */
    UInt call_line;
} Scope;

typedef struct {
    Dwarf_Off die_off;
    UShort version;
    UChar state; /* 0 not read yet, 1 read (maybe partly) */
    LineRow *rows;
    UInt n_rows;
    Scope *scopes;
    UInt n_scopes;
    UInt *srcfiles; /* the line program's file numbers -> files[] indices */
    UInt n_srcfiles;
} CuInfo;

typedef struct {
    Addr lo, hi;
    UInt cu;
} CuRange;

typedef struct {
    const HChar *name, *dir;
} FileName;

struct DwarfInfo {
    ObjAccess oa;
    Dwarf_Obj_Access_Interface iface;
    Dwarf_Debug dbg;
    Addr bias;
    StrPool *pool;
    CuInfo *cus;
    UInt n_cus, cap_cus;
    CuRange *ranges;
    UInt n_ranges, cap_ranges;
    FileName *files;
    UInt n_files, cap_files;
    UInt last_cu;
    Int srv_pid;        /* the server child (run_job), or 0 */
    Int srv_req, srv_resp; /* its pipes: requests to it, answers from it */
};

static void dw_errhand(Dwarf_Error err, Dwarf_Ptr arg)
{
    /* Reported through the return code; never abort. */
}

static void drop_error(DwarfInfo *d, Dwarf_Error *err)
{
    if (*err != NULL) {
        dwarf_dealloc_error(d->dbg, *err);
        *err = NULL;
    }
}

/* Real code addresses only: 0 and the tombstones of discarded sections
   (-1, -2) are not. */
static Bool plausible_range(Dwarf_Addr lo, Dwarf_Addr hi)
{
    return lo != 0 && lo < hi && hi <= 0xFFFFFFFFFFFFF000ULL;
}

static UInt add_file(DwarfInfo *d, const HChar *path)
{
    const HChar *slash = strrchr(path, '/');
    FileName f;
    if (slash != NULL) {
        f.name = ML_(strpool_add)(d->pool, slash + 1);
        f.dir = slash == path ? ML_(strpool_add)(d->pool, "/")
                              : ML_(strpool_add_n)(d->pool, path, (SizeT)(slash - path));
    } else {
        f.name = ML_(strpool_add)(d->pool, path);
        f.dir = NULL;
    }
    for (UInt i = d->n_files; i > 0 && i + 64 > d->n_files; i--)
        if (d->files[i - 1].name == f.name && d->files[i - 1].dir == f.dir)
            return i - 1;
    if (d->n_files == d->cap_files) {
        d->cap_files = d->cap_files ? 2 * d->cap_files : 64;
        d->files = ML_(di_realloc)(d->files, d->cap_files * sizeof *d->files);
    }
    d->files[d->n_files] = f;
    return d->n_files++;
}

/*--- Address ranges of a DIE ----------------------------------------------------------*/

typedef void (*RangeFn)(DwarfInfo *d, Addr lo, Addr hi, void *opaque);

static void ranges_v5(DwarfInfo *d, Dwarf_Attribute attr, Dwarf_Half form, RangeFn fn,
                      void *opaque)
{
    Dwarf_Error err = NULL;
    Dwarf_Unsigned val = 0, count = 0, global_off = 0;
    int r = form == DW_FORM_rnglistx ? dwarf_formudata(attr, &val, &err)
                                     : dwarf_global_formref(attr, &val, &err);
    if (r != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    Dwarf_Rnglists_Head head = NULL;
    r = dwarf_rnglists_get_rle_head(attr, form, val, &head, &count, &global_off, &err);
    if (r != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    for (Dwarf_Unsigned i = 0; i < count && i < 100000; i++) {
        unsigned len = 0, code = 0;
        Dwarf_Unsigned raw1, raw2, lo, hi;
        Dwarf_Bool unavailable = 0;
        r = dwarf_get_rnglists_entry_fields_a(head, i, &len, &code, &raw1, &raw2,
                                              &unavailable, &lo, &hi, &err);
        if (r != DW_DLV_OK) {
            drop_error(d, &err);
            break;
        }
        if (unavailable || code == DW_RLE_end_of_list || code == DW_RLE_base_address ||
            code == DW_RLE_base_addressx)
            continue;
        if (plausible_range(lo, hi))
            fn(d, lo + d->bias, hi + d->bias, opaque);
    }
    dwarf_dealloc_rnglists_head(head);
}

static void ranges_v4(DwarfInfo *d, Dwarf_Die die, Dwarf_Attribute attr, Addr base,
                      RangeFn fn, void *opaque)
{
    Dwarf_Error err = NULL;
    Dwarf_Off off = 0, real = 0;
    Dwarf_Unsigned uoff = 0;
    Dwarf_Half form = 0;
    if (dwarf_whatform(attr, &form, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    int r = (form == DW_FORM_data4 || form == DW_FORM_data8)
                ? dwarf_formudata(attr, &uoff, &err)
                : dwarf_global_formref(attr, &off, &err);
    if (r != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    if (form == DW_FORM_data4 || form == DW_FORM_data8)
        off = uoff;
    Dwarf_Ranges *rs = NULL;
    Dwarf_Signed n = 0;
    Dwarf_Unsigned bytes = 0;
    if (dwarf_get_ranges_b(d->dbg, off, die, &real, &rs, &n, &bytes, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    for (Dwarf_Signed i = 0; i < n && i < 100000; i++) {
        if (rs[i].dwr_type == DW_RANGES_END)
            break;
        if (rs[i].dwr_type == DW_RANGES_ADDRESS_SELECTION) {
            base = rs[i].dwr_addr2;
            continue;
        }
        Dwarf_Addr lo = rs[i].dwr_addr1 + base, hi = rs[i].dwr_addr2 + base;
        if (plausible_range(lo, hi))
            fn(d, lo + d->bias, hi + d->bias, opaque);
    }
    dwarf_ranges_dealloc(d->dbg, rs, n);
}

/* Calls fn for each code range of die (low/high pc or DW_AT_ranges). */
static void die_ranges(DwarfInfo *d, Dwarf_Die die, UInt version, Addr cu_base, RangeFn fn,
                       void *opaque)
{
    Dwarf_Error err = NULL;
    Dwarf_Attribute attr = NULL;
    int r = dwarf_attr(die, DW_AT_ranges, &attr, &err);
    if (r == DW_DLV_OK) {
        Dwarf_Half form = 0;
        if (dwarf_whatform(attr, &form, &err) == DW_DLV_OK) {
            if (version >= 5 || form == DW_FORM_rnglistx)
                ranges_v5(d, attr, form, fn, opaque);
            else
                ranges_v4(d, die, attr, cu_base, fn, opaque);
        }
        drop_error(d, &err);
        dwarf_dealloc_attribute(attr);
        return;
    }
    drop_error(d, &err);
    Dwarf_Addr lo = 0, hi = 0;
    Dwarf_Half form = 0;
    enum Dwarf_Form_Class cls = DW_FORM_CLASS_UNKNOWN;
    if (dwarf_lowpc(die, &lo, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    if (dwarf_highpc_b(die, &hi, &form, &cls, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    if (cls == DW_FORM_CLASS_CONSTANT)
        hi = lo + hi < lo ? 0 : lo + hi;
    if (plausible_range(lo, hi))
        fn(d, lo + d->bias, hi + d->bias, opaque);
}

/*--- The unit index ---------------------------------------------------------------------*/

static void add_cu_range(DwarfInfo *d, Addr lo, Addr hi, void *opaque)
{
    if (d->n_ranges == d->cap_ranges) {
        d->cap_ranges = d->cap_ranges ? 2 * d->cap_ranges : 256;
        d->ranges = ML_(di_realloc)(d->ranges, d->cap_ranges * sizeof *d->ranges);
    }
    CuRange *r = &d->ranges[d->n_ranges++];
    r->lo = lo;
    r->hi = hi;
    r->cu = *(const UInt *)opaque;
}

static int cmp_range(const void *pa, const void *pb)
{
    const CuRange *a = pa, *b = pb;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    return a->hi < b->hi ? -1 : a->hi > b->hi;
}

static Addr die_low_pc(DwarfInfo *d, Dwarf_Die die)
{
    Dwarf_Error err = NULL;
    Dwarf_Addr lo = 0;
    if (dwarf_lowpc(die, &lo, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return 0;
    }
    return lo;
}

static void index_units(DwarfInfo *d)
{
    for (UInt n = 0; n < MAX_CUS; n++) {
        Dwarf_Unsigned hdr_len = 0, typeoff = 0, next = 0;
        Dwarf_Half version = 0, addr_size = 0, len_size = 0, ext_size = 0, cu_type = 0;
        Dwarf_Off abbrev = 0;
        Dwarf_Sig8 sig;
        Dwarf_Error err = NULL;
        int r = dwarf_next_cu_header_d(d->dbg, True, &hdr_len, &version, &abbrev, &addr_size,
                                       &len_size, &ext_size, &sig, &typeoff, &next, &cu_type,
                                       &err);
        if (r != DW_DLV_OK) {
            drop_error(d, &err);
            break;
        }
        Dwarf_Die die = NULL;
        if (dwarf_siblingof_b(d->dbg, NULL, True, &die, &err) != DW_DLV_OK) {
            drop_error(d, &err);
            continue;
        }
        Dwarf_Off off = 0;
        Dwarf_Half tag = 0;
        if (addr_size == 8 && dwarf_dieoffset(die, &off, &err) == DW_DLV_OK &&
            dwarf_tag(die, &tag, &err) == DW_DLV_OK && tag == DW_TAG_compile_unit) {
            if (d->n_cus == d->cap_cus) {
                d->cap_cus = d->cap_cus ? 2 * d->cap_cus : 64;
                d->cus = ML_(di_realloc)(d->cus, d->cap_cus * sizeof *d->cus);
            }
            UInt idx = d->n_cus++;
            memset(&d->cus[idx], 0, sizeof d->cus[idx]);
            d->cus[idx].die_off = off;
            d->cus[idx].version = version;
            die_ranges(d, die, version, die_low_pc(d, die), add_cu_range, &idx);
        }
        drop_error(d, &err);
        dwarf_dealloc_die(die);
    }
    qsort(d->ranges, d->n_ranges, sizeof *d->ranges, cmp_range);
}

/*--- Reading one unit: lines ----------------------------------------------------------*/

static const HChar *die_string(DwarfInfo *d, Dwarf_Die die, Dwarf_Half at);

/* Our own line-program reader: libdwarf 20210528 starts a DWARF 5
   program's file register at 0 instead of 1, which puts gcc's first
   rows of a unit (those before any DW_LNS_set_file) in the wrong file.
   Reading the program ourselves is short, and bounds-checked (the
   cursor of priv_cursor.h, shared with the CFI reader). */

/* The bytes of a DWARF section (our padded copy), loaded on demand. */
static const UChar *dwarf_section(DwarfInfo *d, const HChar *name, SizeT *size)
{
    for (UInt i = 1; i < d->oa.n_secs; i++) {
        ObjSec *s = &d->oa.secs[i];
        if (!s->relevant || strcmp(s->name, name) != 0)
            continue;
        Dwarf_Small *data;
        int err;
        if (oa_load_section(&d->oa, (Dwarf_Half)i, &data, &err) != DW_DLV_OK)
            return NULL;
        *size = s->size;
        return data;
    }
    return NULL;
}

/* A string in .debug_str or .debug_line_str at off. */
static const HChar *section_string(DwarfInfo *d, const HChar *sec, ULong off)
{
    SizeT size;
    const UChar *data = dwarf_section(d, sec, &size);
    if (data == NULL || off >= size)
        return NULL;
    /* Our copies end in zero padding: the string is terminated. */
    return (const HChar *)data + off;
}

/* One entry of a DWARF 5 directory or file table. */
static Bool read_v5_entry(DwarfInfo *d, Cur *c, const ULong *fmt, UInt n_fmt, Bool dw64,
                          const HChar **path, ULong *dir)
{
    *path = NULL;
    *dir = 0;
    for (UInt k = 0; k < n_fmt; k++) {
        ULong type = fmt[2 * k], form = fmt[2 * k + 1];
        const HChar *str = NULL;
        ULong val = 0;
        switch (form) {
        case DW_FORM_string: str = get_string(c); break;
        case DW_FORM_line_strp:
            str = section_string(d, ".debug_line_str", get_bytes(c, dw64 ? 8 : 4));
            break;
        case DW_FORM_strp: str = section_string(d, ".debug_str", get_bytes(c, dw64 ? 8 : 4)); break;
        case DW_FORM_udata: val = get_uleb(c); break;
        case DW_FORM_data1: val = get_bytes(c, 1); break;
        case DW_FORM_data2: val = get_bytes(c, 2); break;
        case DW_FORM_data4: val = get_bytes(c, 4); break;
        case DW_FORM_data8: val = get_bytes(c, 8); break;
        case DW_FORM_data16: get_bytes(c, 8); get_bytes(c, 8); break;
        case DW_FORM_block: {
            ULong n = get_uleb(c);
            if (n > (ULong)(c->end - c->p))
                return False;
            c->p += n;
            break;
        }
        default: return False; /* strx forms need .debug_str_offsets: not produced here */
        }
        if (c->bad)
            return False;
        if (type == DW_LNCT_path)
            *path = str;
        else if (type == DW_LNCT_directory_index)
            *dir = val;
    }
    return True;
}

/* Joins a directory and a name ("dir/name", or name if absolute). */
static UInt file_index(DwarfInfo *d, const HChar *dir, const HChar *name)
{
    if (name == NULL)
        return NO_FILE;
    if (name[0] == '/' || dir == NULL || dir[0] == 0)
        return add_file(d, name);
    SizeT dl = strlen(dir), nl = strlen(name);
    HChar *buf = ML_(di_alloc)(dl + nl + 2);
    memcpy(buf, dir, dl);
    buf[dl] = '/';
    memcpy(buf + dl + 1, name, nl + 1);
    UInt r = add_file(d, buf);
    ML_(di_free)(buf);
    return r;
}

/* A directory of the table, made absolute with the unit's directory. */
static const HChar *full_dir(DwarfInfo *d, const HChar *comp_dir, const HChar *dir, HChar **tmp)
{
    *tmp = NULL;
    if (dir == NULL || dir[0] == '/' || comp_dir == NULL)
        return dir;
    SizeT cl = strlen(comp_dir), dl = strlen(dir);
    *tmp = ML_(di_alloc)(cl + dl + 2);
    memcpy(*tmp, comp_dir, cl);
    (*tmp)[cl] = '/';
    memcpy(*tmp + cl + 1, dir, dl + 1);
    return *tmp;
}

#define MAX_DIRS 100000
#define MAX_FILES 1000000

/* Reads the file table of a line program header into cu->srcfiles,
   indexed by the file numbers the program (and DW_AT_call_file) use. */
static Bool read_file_table(DwarfInfo *d, CuInfo *cu, Cur *c, UInt version, Bool dw64,
                            const HChar *comp_dir)
{
    const HChar **dirs = NULL;
    UInt n_dirs = 0, cap = 0;
    Bool ok = False;
    if (version < 5) {
        /* Directory 0 is the unit's; files count from 1. */
        cap = 16;
        dirs = ML_(di_alloc)(cap * sizeof *dirs);
        dirs[n_dirs++] = comp_dir;
        for (;;) {
            const HChar *s = get_string(c);
            if (c->bad)
                goto out;
            if (s[0] == 0)
                break;
            if (n_dirs >= MAX_DIRS)
                goto out;
            if (n_dirs == cap)
                dirs = ML_(di_realloc)(dirs, (cap *= 2) * sizeof *dirs);
            dirs[n_dirs++] = s;
        }
        UInt fcap = 16;
        cu->srcfiles = ML_(di_alloc)(fcap * sizeof(UInt));
        cu->srcfiles[cu->n_srcfiles++] = NO_FILE;
        for (;;) {
            const HChar *name = get_string(c);
            if (c->bad)
                goto out;
            if (name[0] == 0)
                break;
            ULong di = get_uleb(c);
            get_uleb(c);
            get_uleb(c);
            if (c->bad || cu->n_srcfiles >= MAX_FILES)
                goto out;
            HChar *tmp;
            const HChar *dir = full_dir(d, comp_dir, di < n_dirs ? dirs[di] : NULL, &tmp);
            if (cu->n_srcfiles == fcap)
                cu->srcfiles = ML_(di_realloc)(cu->srcfiles, (fcap *= 2) * sizeof(UInt));
            cu->srcfiles[cu->n_srcfiles++] = file_index(d, dir, name);
            ML_(di_free)(tmp);
        }
        ok = True;
        goto out;
    }
    ULong dfmt[2 * 16], ffmt[2 * 16];
    UInt n_dfmt = (UInt)get_bytes(c, 1);
    if (n_dfmt > 16)
        goto out;
    for (UInt k = 0; k < 2 * n_dfmt; k++)
        dfmt[k] = get_uleb(c);
    ULong nd = get_uleb(c);
    if (c->bad || nd > MAX_DIRS)
        goto out;
    dirs = ML_(di_alloc)((nd ? nd : 1) * sizeof *dirs);
    for (ULong k = 0; k < nd; k++) {
        ULong unused;
        if (!read_v5_entry(d, c, dfmt, n_dfmt, dw64, &dirs[n_dirs], &unused))
            goto out;
        n_dirs++;
    }
    UInt n_ffmt = (UInt)get_bytes(c, 1);
    if (n_ffmt > 16)
        goto out;
    for (UInt k = 0; k < 2 * n_ffmt; k++)
        ffmt[k] = get_uleb(c);
    ULong nf = get_uleb(c);
    if (c->bad || nf > MAX_FILES)
        goto out;
    cu->srcfiles = ML_(di_alloc)((nf ? nf : 1) * sizeof(UInt));
    const HChar *dir0 = n_dirs > 0 && dirs[0] != NULL ? dirs[0] : comp_dir;
    for (ULong k = 0; k < nf; k++) {
        const HChar *name;
        ULong di;
        if (!read_v5_entry(d, c, ffmt, n_ffmt, dw64, &name, &di))
            goto out;
        HChar *tmp;
        const HChar *dir = full_dir(d, dir0, di < n_dirs ? dirs[di] : NULL, &tmp);
        cu->srcfiles[cu->n_srcfiles++] = file_index(d, dir, name);
        ML_(di_free)(tmp);
    }
    ok = True;
out:
    ML_(di_free)(dirs);
    return ok;
}

typedef struct {
    LineRow *rows;
    UInt n, cap;
} RowBuf;

static void emit_row(RowBuf *b, Addr a, UInt line, UInt file)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 256;
        b->rows = ML_(di_realloc)(b->rows, b->cap * sizeof *b->rows);
    }
    b->rows[b->n].addr = a;
    b->rows[b->n].line = line;
    b->rows[b->n].file = file;
    b->n++;
}

/* The file a row names: an index into files[], never NO_FILE (which
   marks the ends of sequences). */
static UInt row_file(DwarfInfo *d, const CuInfo *cu, ULong reg)
{
    if (reg < cu->n_srcfiles && cu->srcfiles[reg] != NO_FILE)
        return cu->srcfiles[reg];
    return add_file(d, "???");
}

static void run_line_program(DwarfInfo *d, CuInfo *cu, Cur *c, UInt min_len, SChar line_base,
                             UChar line_range, UChar opcode_base, const UChar *std_lens,
                             RowBuf *b)
{
    Addr addr = 0;
    ULong file = 1;
    Long line = 1;
    UInt guard = 0, seq_start = b->n;
    Bool seq_started = False, dead = False;
    while (c->p < c->end && !c->bad && guard++ < 50000000) {
        UChar op = (UChar)get_bytes(c, 1);
        Bool emit = False;
        if (op >= opcode_base) {
            UInt adj = op - opcode_base;
            addr += (adj / line_range) * min_len;
            line += line_base + (Int)(adj % line_range);
            emit = True;
        } else if (op == 0) { /* extended */
            ULong len = get_uleb(c);
            if (c->bad || len == 0 || len > (ULong)(c->end - c->p))
                break;
            const UChar *next = c->p + len;
            UChar sub = (UChar)get_bytes(c, 1);
            if (sub == DW_LNE_end_sequence) {
                if (dead || !seq_started)
                    b->n = seq_start; /* code the linker discarded: forget it */
                else
                    emit_row(b, addr + d->bias, 0, NO_FILE);
                seq_start = b->n;
                seq_started = dead = False;
                addr = 0;
                file = 1;
                line = 1;
            } else if (sub == DW_LNE_set_address && len == 9) {
                addr = get_bytes(c, 8);
            }
            c->p = next;
        } else {
            switch (op) {
            case DW_LNS_copy: emit = True; break;
            case DW_LNS_advance_pc: addr += get_uleb(c) * min_len; break;
            case DW_LNS_advance_line: line += get_sleb(c); break;
            case DW_LNS_set_file: file = get_uleb(c); break;
            case DW_LNS_const_add_pc: addr += ((255u - opcode_base) / line_range) * min_len; break;
            case DW_LNS_fixed_advance_pc: addr += get_bytes(c, 2); break;
            default:
                /* Other standard opcodes: skip their ULEB arguments. */
                for (UInt k = 0; k < std_lens[op - 1]; k++)
                    get_uleb(c);
                break;
            }
        }
        if (emit && !c->bad) {
            if (!seq_started) {
                seq_started = True;
                dead = addr == 0 || addr >= 0xFFFFFFFFFFFFF000ULL;
            }
            if (!dead)
                emit_row(b, addr + d->bias, (UInt)line, row_file(d, cu, file));
        }
    }
    b->n = seq_start; /* a sequence without its end is not used */
}

static Bool read_stmt_list(DwarfInfo *d, Dwarf_Die die, ULong *off)
{
    Dwarf_Error err = NULL;
    Dwarf_Attribute attr = NULL;
    if (dwarf_attr(die, DW_AT_stmt_list, &attr, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return False;
    }
    Dwarf_Unsigned u = 0;
    Dwarf_Off o = 0;
    Bool ok = True;
    if (dwarf_global_formref(attr, &o, &err) == DW_DLV_OK) {
        u = o;
    } else {
        drop_error(d, &err);
        ok = dwarf_formudata(attr, &u, &err) == DW_DLV_OK;
    }
    drop_error(d, &err);
    dwarf_dealloc_attribute(attr);
    *off = u;
    return ok;
}

typedef struct {
    UInt first, n; /* rows of one sequence, end row included */
} Seq;

static const LineRow *seq_rows;

static int cmp_seq(const void *pa, const void *pb)
{
    const Seq *a = pa, *b = pb;
    Addr x = seq_rows[a->first].addr, y = seq_rows[b->first].addr;
    return x < y ? -1 : x > y;
}

/* Orders the sequences by address.  Rows inside a sequence are in
   address order already, and keep the program's order at equal
   addresses (the last row at an address is the one a lookup finds). */
static void sort_sequences(RowBuf *b)
{
    UInt n_seq = 0, start = 0;
    for (UInt i = 0; i < b->n; i++)
        if (b->rows[i].file == NO_FILE)
            n_seq++;
    if (n_seq <= 1)
        return;
    Seq *seqs = ML_(di_alloc)(n_seq * sizeof *seqs);
    n_seq = 0;
    for (UInt i = 0; i < b->n; i++) {
        if (b->rows[i].file == NO_FILE) {
            seqs[n_seq].first = start;
            seqs[n_seq].n = i + 1 - start;
            n_seq++;
            start = i + 1;
        }
    }
    seq_rows = b->rows;
    qsort(seqs, n_seq, sizeof *seqs, cmp_seq);
    LineRow *sorted = ML_(di_alloc)((start ? start : 1) * sizeof *sorted);
    UInt k = 0;
    for (UInt i = 0; i < n_seq; i++) {
        memcpy(&sorted[k], &b->rows[seqs[i].first], seqs[i].n * sizeof *sorted);
        k += seqs[i].n;
    }
    ML_(di_free)(b->rows);
    ML_(di_free)(seqs);
    b->rows = sorted;
    b->n = k;
}

static void read_lines(DwarfInfo *d, CuInfo *cu, Dwarf_Die cu_die)
{
    ULong off;
    SizeT size;
    const UChar *sec = dwarf_section(d, ".debug_line", &size);
    if (sec == NULL || !read_stmt_list(d, cu_die, &off) || off >= size)
        return;
    Cur c = {sec + off, sec + size, False};
    ULong len = get_bytes(&c, 4);
    Bool dw64 = False;
    if (len == 0xffffffffu) {
        len = get_bytes(&c, 8);
        dw64 = True;
    }
    if (c.bad || len > (ULong)(c.end - c.p))
        return;
    Cur unit = {c.p, c.p + len, False};
    UInt version = (UInt)get_bytes(&unit, 2);
    if (version < 2 || version > 5)
        return;
    if (version >= 5) {
        UInt asz = (UInt)get_bytes(&unit, 1), ssz = (UInt)get_bytes(&unit, 1);
        if (asz != 8 || ssz != 0)
            return;
    }
    ULong hdr_len = get_bytes(&unit, dw64 ? 8 : 4);
    if (unit.bad || hdr_len > (ULong)(unit.end - unit.p))
        return;
    const UChar *prog = unit.p + hdr_len;
    UInt min_len = (UInt)get_bytes(&unit, 1);
    if (version >= 4)
        get_bytes(&unit, 1); /* maximum_operations_per_instruction: 1 on x86 */
    get_bytes(&unit, 1); /* default_is_stmt: every row counts */
    SChar line_base = (SChar)get_bytes(&unit, 1);
    UChar line_range = (UChar)get_bytes(&unit, 1);
    UChar opcode_base = (UChar)get_bytes(&unit, 1);
    if (unit.bad || line_range == 0 || opcode_base == 0 ||
        (SizeT)(opcode_base - 1) > (SizeT)(prog - unit.p))
        return;
    const UChar *std_lens = unit.p;
    unit.p += opcode_base - 1;
    Cur hdr = {unit.p, prog, False};
    const HChar *comp_dir = die_string(d, cu_die, DW_AT_comp_dir);
    if (!read_file_table(d, cu, &hdr, version, dw64, comp_dir))
        return;
    Cur pc = {prog, unit.end, False};
    RowBuf b = {NULL, 0, 0};
    run_line_program(d, cu, &pc, min_len, line_base, line_range, opcode_base, std_lens, &b);
    sort_sequences(&b);
    cu->rows = b.rows;
    cu->n_rows = b.n;
}

/*--- Reading one unit: functions and inlined calls ----------------------------------*/

/* Attribute AT of DIE into *attr (freed with dwarf_dealloc_attribute). */
static Bool die_attr(DwarfInfo *d, Dwarf_Die die, Dwarf_Half at, Dwarf_Attribute *attr)
{
    Dwarf_Error err = NULL;
    *attr = NULL;
    if (dwarf_attr(die, at, attr, &err) == DW_DLV_OK)
        return True;
    drop_error(d, &err);
    return False;
}

static const HChar *die_string(DwarfInfo *d, Dwarf_Die die, Dwarf_Half at)
{
    Dwarf_Error err = NULL;
    Dwarf_Attribute attr;
    if (!die_attr(d, die, at, &attr))
        return NULL;
    char *s = NULL;
    const HChar *r = NULL;
    if (dwarf_formstring(attr, &s, &err) == DW_DLV_OK && s != NULL && s[0] != 0)
        r = ML_(strpool_add)(d->pool, s);
    drop_error(d, &err);
    dwarf_dealloc_attribute(attr);
    return r;
}

static Bool die_udata(DwarfInfo *d, Dwarf_Die die, Dwarf_Half at, Dwarf_Unsigned *out)
{
    Dwarf_Error err = NULL;
    Dwarf_Attribute attr;
    if (!die_attr(d, die, at, &attr))
        return False;
    Bool ok = dwarf_formudata(attr, out, &err) == DW_DLV_OK;
    if (!ok) {
        /* DW_FORM_implicit_const (gcc's DW_AT_call_file) is signed data. */
        Dwarf_Signed v = 0;
        drop_error(d, &err);
        ok = dwarf_formsdata(attr, &v, &err) == DW_DLV_OK && v >= 0;
        *out = (Dwarf_Unsigned)v;
    }
    drop_error(d, &err);
    dwarf_dealloc_attribute(attr);
    return ok;
}

static Bool die_ref(DwarfInfo *d, Dwarf_Die die, Dwarf_Half at, Dwarf_Off *out)
{
    Dwarf_Error err = NULL;
    Dwarf_Attribute attr;
    if (!die_attr(d, die, at, &attr))
        return False;
    Bool ok = dwarf_global_formref(attr, out, &err) == DW_DLV_OK;
    drop_error(d, &err);
    dwarf_dealloc_attribute(attr);
    return ok;
}

/* A function's name: its linkage name, else its name, looking through
   DW_AT_abstract_origin and DW_AT_specification. */
static const HChar *function_name(DwarfInfo *d, Dwarf_Die die)
{
    Dwarf_Die cur = die;
    const HChar *name = NULL;
    for (UInt hop = 0; hop < 6 && cur != NULL; hop++) {
        const HChar *s = die_string(d, cur, DW_AT_linkage_name);
        if (s == NULL)
            s = die_string(d, cur, DW_AT_MIPS_linkage_name);
        if (s != NULL) {
            name = s;
            break;
        }
        if (name == NULL)
            name = die_string(d, cur, DW_AT_name);
        Dwarf_Off ref;
        Dwarf_Die next = NULL;
        Dwarf_Error err = NULL;
        if (die_ref(d, cur, DW_AT_abstract_origin, &ref) ||
            die_ref(d, cur, DW_AT_specification, &ref)) {
            if (dwarf_offdie_b(d->dbg, ref, True, &next, &err) != DW_DLV_OK) {
                drop_error(d, &err);
                next = NULL;
            }
        }
        if (cur != die)
            dwarf_dealloc_die(cur);
        cur = next;
    }
    if (cur != NULL && cur != die)
        dwarf_dealloc_die(cur);
    return name;
}

typedef struct {
    CuInfo *cu;
    UInt cap;
    Scope tmpl;
} ScopeAdd;

static void add_scope_range(DwarfInfo *d, Addr lo, Addr hi, void *opaque)
{
    ScopeAdd *sa = opaque;
    CuInfo *cu = sa->cu;
    if (cu->n_scopes == sa->cap) {
        sa->cap = sa->cap ? 2 * sa->cap : 64;
        cu->scopes = ML_(di_realloc)(cu->scopes, sa->cap * sizeof *cu->scopes);
    }
    Scope *s = &cu->scopes[cu->n_scopes++];
    *s = sa->tmpl;
    s->lo = lo;
    s->hi = hi;
}

typedef struct {
    DwarfInfo *d;
    CuInfo *cu;
    ScopeAdd sa;
    UInt n_dies;
    Addr cu_base;
} Walk;

static void walk_children(Walk *w, Dwarf_Die parent, UInt level, UInt inl_depth);

static void visit_die(Walk *w, Dwarf_Die die, UInt level, UInt inl_depth)
{
    DwarfInfo *d = w->d;
    Dwarf_Error err = NULL;
    Dwarf_Half tag = 0;
    if (dwarf_tag(die, &tag, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    switch (tag) {
    case DW_TAG_subprogram:
    case DW_TAG_inlined_subroutine: {
        Bool inl = tag == DW_TAG_inlined_subroutine;
        UInt depth = inl ? inl_depth + 1 : 0;
        memset(&w->sa.tmpl, 0, sizeof w->sa.tmpl);
        w->sa.tmpl.depth = depth;
        w->sa.tmpl.call_file = NO_FILE;
        UInt before = w->cu->n_scopes;
        die_ranges(d, die, w->cu->version, w->cu_base, add_scope_range, &w->sa);
        if (w->cu->n_scopes != before) {
            const HChar *fn = function_name(d, die);
            Dwarf_Unsigned cf = 0, cl = 0;
            UInt file = NO_FILE;
            if (inl && die_udata(d, die, DW_AT_call_file, &cf)) {
                /* srcfiles is indexed by the line program's numbers. */
                if (cf < w->cu->n_srcfiles)
                    file = w->cu->srcfiles[cf];
            }
            if (inl && !die_udata(d, die, DW_AT_call_line, &cl))
                cl = 0;
            for (UInt i = before; i < w->cu->n_scopes; i++) {
                w->cu->scopes[i].fn = fn;
                w->cu->scopes[i].call_file = file;
                w->cu->scopes[i].call_line = cl > 0xFFFFFFFFu ? 0 : (UInt)cl;
            }
        }
        walk_children(w, die, level + 1, depth);
        break;
    }
    case DW_TAG_lexical_block:
    case DW_TAG_namespace:
    case DW_TAG_module:
        walk_children(w, die, level + 1, inl_depth);
        break;
    default:
        break;
    }
}

static void walk_children(Walk *w, Dwarf_Die parent, UInt level, UInt inl_depth)
{
    DwarfInfo *d = w->d;
    Dwarf_Error err = NULL;
    Dwarf_Die child = NULL;
    if (level > MAX_DIE_DEPTH)
        return;
    if (dwarf_child(parent, &child, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    while (child != NULL) {
        if (++w->n_dies > MAX_DIES_PER_CU) {
            dwarf_dealloc_die(child);
            return;
        }
        visit_die(w, child, level, inl_depth);
        Dwarf_Die next = NULL;
        int r = dwarf_siblingof_b(d->dbg, child, True, &next, &err);
        dwarf_dealloc_die(child);
        if (r != DW_DLV_OK) {
            drop_error(d, &err);
            break;
        }
        child = next;
    }
}

static void read_unit(DwarfInfo *d, CuInfo *cu)
{
    Dwarf_Error err = NULL;
    Dwarf_Die die = NULL;
    if (dwarf_offdie_b(d->dbg, cu->die_off, True, &die, &err) != DW_DLV_OK) {
        drop_error(d, &err);
        return;
    }
    read_lines(d, cu, die);
    Walk w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.cu = cu;
    w.sa.cu = cu;
    w.cu_base = die_low_pc(d, die);
    walk_children(&w, die, 0, 0);
    dwarf_dealloc_die(die);
}

/*--- Running libdwarf in a child process ------------------------------------------------*/

/* libdwarf 20210528 is not safe on hostile input (fuzzing finds a
   double free in its .debug_rnglists loader within seconds, among
   others).  So every libdwarf call runs in a short-lived child process,
   a copy of the core made with a raw clone without exit signal (the
   client's wait() and SIGCHLD never see it).  The child reads what the
   parent asked for (the unit index, or one unit) over our pre-loaded
   section copies and writes plain tables into a pipe; if it crashes,
   aborts or hangs, the parent just has no DWARF for that unit.  The
   parent itself never calls libdwarf.  ML_(dwarf_isolate) = False runs
   the jobs in-process (to fuzz our own code with libdwarf's crashes
   visible). */

Bool ML_(dwarf_isolate) = True;
void (*ML_(dwarf_child_hook))(void);

#define JOB_TIMEOUT_MS 20000

typedef struct {
    UChar *buf;
    SizeT n, cap;
} Ser;

static void ser_put(Ser *s, const void *p, SizeT n)
{
    if (s->cap - s->n < n) {
        while (s->cap - s->n < n)
            s->cap = s->cap ? 2 * s->cap : 4096;
        s->buf = ML_(di_realloc)(s->buf, s->cap);
    }
    memcpy(s->buf + s->n, p, n);
    s->n += n;
}

static void ser_u32(Ser *s, UInt v)
{
    ser_put(s, &v, 4);
}

static void ser_str(Ser *s, const HChar *str)
{
    UInt n = str ? (UInt)strlen(str) : 0xFFFFFFFFu;
    ser_u32(s, n);
    if (str)
        ser_put(s, str, n);
}

typedef struct {
    const UChar *p, *end;
    Bool bad;
} Des;

static Bool des_get(Des *d, void *out, SizeT n)
{
    if (d->bad || (SizeT)(d->end - d->p) < n) {
        d->bad = True;
        memset(out, 0, n);
        return False;
    }
    memcpy(out, d->p, n);
    d->p += n;
    return True;
}

static UInt des_u32(Des *d)
{
    UInt v = 0;
    des_get(d, &v, 4);
    return v;
}

/* A string into pool (NULL stays NULL). */
static const HChar *des_str(Des *d, StrPool *pool)
{
    UInt n = des_u32(d);
    if (n == 0xFFFFFFFFu || d->bad)
        return NULL;
    if ((SizeT)(d->end - d->p) < n) {
        d->bad = True;
        return NULL;
    }
    const HChar *r = ML_(strpool_add_n)(pool, (const HChar *)d->p, n);
    d->p += n;
    return r;
}

static Bool open_dbg(DwarfInfo *d)
{
    if (d->dbg != NULL)
        return True;
    Dwarf_Error err = NULL;
    int r = dwarf_object_init_b(&d->iface, dw_errhand, NULL, DW_GROUPNUMBER_ANY, &d->dbg, &err);
    if (r != DW_DLV_OK) {
        d->dbg = NULL;
        return False;
    }
    return True;
}

static void child_crash(int sig)
{
    _exit(3);
}

static void write_all(Int fd, const UChar *p, SizeT n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            _exit(4);
        p += w;
        n -= (SizeT)w;
    }
}

typedef void (*Job)(DwarfInfo *d, UInt arg, Ser *out);

static void job_index(DwarfInfo *d, UInt arg, Ser *out);
static void job_unit(DwarfInfo *d, UInt idx, Ser *out);
static const Job jobs[] = {job_index, job_unit};

static Bool read_all(Int fd, void *p, SizeT n)
{
    UChar *q = p;
    while (n > 0) {
        ssize_t r = read(fd, q, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return False;
        q += r;
        n -= (SizeT)r;
    }
    return True;
}

/* The server child: one per object with DWARF, forked at its first job
   (forking the core is what costs, not the jobs) and serving the rest:
   requests {job, arg}, answers {size, bytes}.  It dies with the core
   (PR_SET_PDEATHSIG), on EOF, and on any fault. */
static VG_NORETURN void serve(DwarfInfo *d, Int req, Int resp)
{
    static const Int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = child_crash;
    sigset_t set;
    sigemptyset(&set);
    for (UInt i = 0; i < VG_N_ELEMS(sigs); i++) {
        sigaction(sigs[i], &sa, NULL);
        sigaddset(&set, sigs[i]);
    }
    sigaction(SIGALRM, &sa, NULL);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (ML_(dwarf_child_hook) != NULL)
        ML_(dwarf_child_hook)();
    if (!open_dbg(d))
        _exit(5);
    for (;;) {
        UInt r[2];
        if (!read_all(req, r, sizeof r))
            _exit(0);
        if (r[0] >= VG_N_ELEMS(jobs))
            _exit(6);
        alarm(JOB_TIMEOUT_MS / 1000 + 1);
        Ser out;
        memset(&out, 0, sizeof out);
        jobs[r[0]](d, r[1], &out);
        alarm(0);
        ULong n = out.n;
        write_all(resp, (const UChar *)&n, sizeof n);
        write_all(resp, out.buf, out.n);
        ML_(di_free)(out.buf);
    }
}

static void server_stop(DwarfInfo *d, Bool kill_it)
{
    if (d->srv_pid <= 0)
        return;
    close(d->srv_req);
    close(d->srv_resp);
    if (kill_it)
        kill((pid_t)d->srv_pid, SIGKILL);
    Int st;
    while (waitpid((pid_t)d->srv_pid, &st, __WALL) < 0 && errno == EINTR)
        ;
    d->srv_pid = 0;
}

static Bool server_start(DwarfInfo *d)
{
    Int req[2], resp[2];
    if (pipe2(req, O_CLOEXEC) != 0)
        return False;
    if (pipe2(resp, O_CLOEXEC) != 0) {
        close(req[0]);
        close(req[1]);
        return False;
    }
    /* A raw clone without exit signal: the client's wait() and SIGCHLD
       never see it. */
    long pid = syscall(SYS_clone, 0UL, 0UL, 0UL, 0UL, 0UL);
    if (pid == 0) {
        close(req[1]);
        close(resp[0]);
        serve(d, req[0], resp[1]);
    }
    close(req[0]);
    close(resp[1]);
    if (pid < 0) {
        close(req[1]);
        close(resp[0]);
        return False;
    }
    d->srv_pid = (Int)pid;
    d->srv_req = req[1];
    d->srv_resp = resp[0];
    return True;
}

/* Reads n bytes from the server within the job's time. */
static Bool read_answer(DwarfInfo *d, void *p, SizeT n, const struct timespec *t0)
{
    UChar *q = p;
    while (n > 0) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        long left = JOB_TIMEOUT_MS - ((t.tv_sec - t0->tv_sec) * 1000 +
                                      (t.tv_nsec - t0->tv_nsec) / 1000000);
        struct pollfd pfd = {d->srv_resp, POLLIN, 0};
        if (left <= 0)
            return False;
        Int pr = poll(&pfd, 1, (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0)
            return False;
        ssize_t r = read(d->srv_resp, q, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return False;
        q += r;
        n -= (SizeT)r;
    }
    return True;
}

/* Runs job(d, arg) where libdwarf cannot hurt the core; *result gets
   what it wrote.  False if it failed in any way (the server is then
   gone; the next job starts another). */
static Bool run_job(DwarfInfo *d, Job job, UInt arg, Ser *result)
{
    memset(result, 0, sizeof *result);
    if (!ML_(dwarf_isolate)) {
        if (!open_dbg(d))
            return False;
        job(d, arg, result);
        return True;
    }
    if (d->srv_pid <= 0 && !server_start(d))
        return False;
    UInt r[2] = {job == job_index ? 0u : 1u, arg};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ULong n = 0;
    Bool ok = write(d->srv_req, r, sizeof r) == (ssize_t)sizeof r &&
              read_answer(d, &n, sizeof n, &t0) && n < (1UL << 34);
    if (ok) {
        result->buf = ML_(di_realloc)(NULL, n ? n : 1);
        result->cap = result->n = n;
        ok = read_answer(d, result->buf, n, &t0);
    }
    if (!ok) {
        server_stop(d, True);
        ML_(di_free)(result->buf);
        memset(result, 0, sizeof *result);
    }
    return ok;
}

void ML_(dwarf_atfork_child)(DwarfInfo *d)
{
    /* The server belongs to the parent process. */
    if (d->srv_pid > 0) {
        close(d->srv_req);
        close(d->srv_resp);
        d->srv_pid = 0;
    }
}

/*--- The jobs ---------------------------------------------------------------------------*/

static void job_index(DwarfInfo *d, UInt arg, Ser *out)
{
    index_units(d);
    ser_u32(out, d->n_cus);
    for (UInt i = 0; i < d->n_cus; i++) {
        ser_put(out, &d->cus[i].die_off, sizeof d->cus[i].die_off);
        ser_put(out, &d->cus[i].version, sizeof d->cus[i].version);
    }
    ser_u32(out, d->n_ranges);
    ser_put(out, d->ranges, d->n_ranges * sizeof *d->ranges);
}

static Bool take_index(DwarfInfo *d, const Ser *in)
{
    Des ds = {in->buf, in->buf + in->n, False};
    UInt n = des_u32(&ds);
    if (ds.bad || n > in->n / 10)
        return False;
    d->cus = ML_(di_zalloc)((n ? n : 1) * sizeof *d->cus);
    d->n_cus = d->cap_cus = n;
    for (UInt i = 0; i < n; i++) {
        des_get(&ds, &d->cus[i].die_off, sizeof d->cus[i].die_off);
        des_get(&ds, &d->cus[i].version, sizeof d->cus[i].version);
    }
    UInt nr = des_u32(&ds);
    if (ds.bad || nr > in->n / sizeof(CuRange))
        return False;
    d->ranges = ML_(di_alloc)((nr ? nr : 1) * sizeof *d->ranges);
    d->n_ranges = d->cap_ranges = nr;
    des_get(&ds, d->ranges, nr * sizeof *d->ranges);
    for (UInt i = 0; i < nr; i++)
        if (d->ranges[i].cu >= n)
            ds.bad = True;
    return !ds.bad;
}

static void job_unit(DwarfInfo *d, UInt idx, Ser *out)
{
    CuInfo *cu = &d->cus[idx];
    UInt files_before = d->n_files;
    read_unit(d, cu);
    ser_u32(out, d->n_files - files_before);
    for (UInt i = files_before; i < d->n_files; i++) {
        ser_str(out, d->files[i].name);
        ser_str(out, d->files[i].dir);
    }
    ser_u32(out, cu->n_rows);
    ser_put(out, cu->rows, cu->n_rows * sizeof *cu->rows);
    ser_u32(out, cu->n_srcfiles);
    ser_put(out, cu->srcfiles, cu->n_srcfiles * sizeof(UInt));
    ser_u32(out, cu->n_scopes);
    for (UInt i = 0; i < cu->n_scopes; i++) {
        const Scope *sc = &cu->scopes[i];
        ser_put(out, &sc->lo, sizeof sc->lo);
        ser_put(out, &sc->hi, sizeof sc->hi);
        ser_u32(out, sc->depth);
        ser_u32(out, sc->call_file);
        ser_u32(out, sc->call_line);
        ser_str(out, sc->fn);
    }
}

static Bool valid_file(const DwarfInfo *d, UInt f)
{
    return f == NO_FILE || f < d->n_files;
}

static Bool take_unit(DwarfInfo *d, CuInfo *cu, const Ser *in)
{
    Des ds = {in->buf, in->buf + in->n, False};
    UInt nf = des_u32(&ds);
    if (ds.bad || nf > in->n / 8)
        return False;
    for (UInt i = 0; i < nf && !ds.bad; i++) {
        FileName f;
        f.name = des_str(&ds, d->pool);
        f.dir = des_str(&ds, d->pool);
        if (f.name == NULL)
            f.name = ML_(strpool_add)(d->pool, "???");
        if (d->n_files == d->cap_files) {
            d->cap_files = d->cap_files ? 2 * d->cap_files : 64;
            d->files = ML_(di_realloc)(d->files, d->cap_files * sizeof *d->files);
        }
        d->files[d->n_files++] = f;
    }
    UInt nr = des_u32(&ds);
    if (ds.bad || nr > in->n / sizeof(LineRow))
        return False;
    cu->rows = ML_(di_alloc)((nr ? nr : 1) * sizeof *cu->rows);
    cu->n_rows = nr;
    des_get(&ds, cu->rows, nr * sizeof *cu->rows);
    UInt ns = des_u32(&ds);
    if (ds.bad || ns > in->n / 4)
        return False;
    cu->srcfiles = ML_(di_alloc)((ns ? ns : 1) * sizeof(UInt));
    cu->n_srcfiles = ns;
    des_get(&ds, cu->srcfiles, ns * sizeof(UInt));
    UInt nsc = des_u32(&ds);
    if (ds.bad || nsc > in->n / 28)
        return False;
    cu->scopes = ML_(di_alloc)((nsc ? nsc : 1) * sizeof *cu->scopes);
    cu->n_scopes = nsc;
    for (UInt i = 0; i < nsc && !ds.bad; i++) {
        Scope *sc = &cu->scopes[i];
        des_get(&ds, &sc->lo, sizeof sc->lo);
        des_get(&ds, &sc->hi, sizeof sc->hi);
        sc->depth = des_u32(&ds);
        sc->call_file = des_u32(&ds);
        sc->call_line = des_u32(&ds);
        sc->fn = des_str(&ds, d->pool);
        if (!valid_file(d, sc->call_file))
            sc->call_file = NO_FILE;
    }
    for (UInt i = 0; i < cu->n_rows; i++)
        if (!valid_file(d, cu->rows[i].file))
            cu->rows[i].file = NO_FILE;
    for (UInt i = 0; i < cu->n_srcfiles; i++)
        if (!valid_file(d, cu->srcfiles[i]))
            cu->srcfiles[i] = NO_FILE;
    return !ds.bad;
}

static void forget_unit(CuInfo *cu)
{
    ML_(di_free)(cu->rows);
    ML_(di_free)(cu->scopes);
    ML_(di_free)(cu->srcfiles);
    cu->rows = NULL;
    cu->scopes = NULL;
    cu->srcfiles = NULL;
    cu->n_rows = cu->n_scopes = cu->n_srcfiles = 0;
}

static void load_unit(DwarfInfo *d, CuInfo *cu)
{
    if (cu->state != 0)
        return;
    cu->state = 1;
    if (!ML_(dwarf_isolate)) {
        if (open_dbg(d))
            read_unit(d, cu);
        return;
    }
    Ser res;
    if (!run_job(d, job_unit, (UInt)(cu - d->cus), &res))
        return;
    if (!take_unit(d, cu, &res))
        forget_unit(cu);
    ML_(di_free)(res.buf);
}

/*--- Opening and closing --------------------------------------------------------------*/

/* The sections our jobs read: loaded (inflated) once, before any job,
   so that every child shares the parent's copies. */
static const HChar *const preload[] = {".debug_info", ".debug_abbrev", ".debug_str",
                                       ".debug_line", ".debug_line_str", ".debug_ranges",
                                       ".debug_rnglists", ".debug_addr", ".debug_str_offsets"};

DwarfInfo *ML_(dwarf_open)(const ElfImage *e, Addr bias)
{
    DwarfInfo *d = ML_(di_zalloc)(sizeof *d);
    if (!objaccess_init(&d->oa, e)) {
        objaccess_free(&d->oa);
        ML_(di_free)(d);
        return NULL;
    }
    d->iface.object = &d->oa;
    d->iface.methods = &oa_methods;
    d->bias = bias;
    d->pool = ML_(strpool_new)();
    for (UInt i = 0; i < VG_N_ELEMS(preload); i++) {
        SizeT size;
        (void)dwarf_section(d, preload[i], &size);
    }
    Bool ok;
    if (ML_(dwarf_isolate)) {
        Ser res;
        ok = run_job(d, job_index, 0, &res) && take_index(d, &res);
        ML_(di_free)(res.buf);
    } else {
        ok = open_dbg(d);
        if (ok)
            index_units(d);
    }
    if (!ok || d->n_ranges == 0) {
        ML_(dwarf_close)(d);
        return NULL;
    }
    return d;
}

void ML_(dwarf_close)(DwarfInfo *d)
{
    server_stop(d, False);
    for (UInt i = 0; i < d->n_cus; i++)
        forget_unit(&d->cus[i]);
    ML_(di_free)(d->cus);
    ML_(di_free)(d->ranges);
    ML_(di_free)(d->files);
    if (d->dbg != NULL) {
        Dwarf_Error err = NULL;
        dwarf_object_finish(d->dbg, &err);
    }
    objaccess_free(&d->oa);
    ML_(strpool_free)(d->pool);
    ML_(di_free)(d);
}

/*--- Queries ----------------------------------------------------------------------------*/

static CuInfo *unit_of(DwarfInfo *d, Addr a)
{
    if (d->last_cu < d->n_ranges && a >= d->ranges[d->last_cu].lo &&
        a < d->ranges[d->last_cu].hi) {
        CuInfo *cu = &d->cus[d->ranges[d->last_cu].cu];
        load_unit(d, cu);
        return cu;
    }
    Int lo = 0, hi = (Int)d->n_ranges - 1, found = -1;
    while (lo <= hi) {
        Int mid = lo + (hi - lo) / 2;
        if (d->ranges[mid].lo <= a) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    /* Ranges may nest or overlap (bad input, or a unit spanning others):
       look back a little for one that holds a. */
    for (Int i = found; i >= 0 && i > found - 16; i--) {
        if (a < d->ranges[i].hi) {
            d->last_cu = (UInt)i;
            CuInfo *cu = &d->cus[d->ranges[i].cu];
            load_unit(d, cu);
            return cu;
        }
    }
    return NULL;
}

static const LineRow *row_of(const CuInfo *cu, Addr a)
{
    Int lo = 0, hi = (Int)cu->n_rows - 1, found = -1;
    while (lo <= hi) {
        Int mid = lo + (hi - lo) / 2;
        if (cu->rows[mid].addr <= a) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (found < 0 || cu->rows[found].file == NO_FILE)
        return NULL;
    return &cu->rows[found];
}

Bool ML_(dwarf_line)(DwarfInfo *d, Addr a, const HChar **file, const HChar **dir, UInt *line)
{
    CuInfo *cu = unit_of(d, a);
    const LineRow *r = cu ? row_of(cu, a) : NULL;
    if (r == NULL || r->file >= d->n_files)
        return False;
    *file = d->files[r->file].name;
    *dir = d->files[r->file].dir;
    *line = r->line;
    return True;
}

const HChar *ML_(dwarf_function)(DwarfInfo *d, Addr a)
{
    CuInfo *cu = unit_of(d, a);
    if (cu == NULL)
        return NULL;
    for (UInt i = 0; i < cu->n_scopes; i++) {
        const Scope *s = &cu->scopes[i];
        if (s->depth == 0 && a >= s->lo && a < s->hi && s->fn != NULL)
            return s->fn;
    }
    return NULL;
}

UInt ML_(dwarf_inlined)(DwarfInfo *d, Addr a, DwFrame *out, UInt max)
{
    CuInfo *cu = unit_of(d, a);
    if (cu == NULL || max == 0)
        return 0;
    /* The inlined calls holding a, one per depth, innermost kept. */
    const Scope *chain[64];
    UInt deepest = 0;
    memset(chain, 0, sizeof chain);
    for (UInt i = 0; i < cu->n_scopes; i++) {
        const Scope *s = &cu->scopes[i];
        if (s->depth == 0 || s->depth >= 64 || a < s->lo || a >= s->hi)
            continue;
        chain[s->depth] = s;
        if (s->depth > deepest)
            deepest = s->depth;
    }
    /* Only an unbroken chain from depth 1 makes sense. */
    UInt n_inl = 0;
    while (n_inl < deepest && chain[n_inl + 1] != NULL)
        n_inl++;
    const LineRow *r = row_of(cu, a);
    const HChar *file = NULL, *dir = NULL;
    UInt line = 0;
    if (r != NULL && r->file < d->n_files) {
        file = d->files[r->file].name;
        dir = d->files[r->file].dir;
        line = r->line;
    }
    UInt n = 0;
    for (UInt k = n_inl; k >= 1 && n + 1 < max; k--) {
        out[n].fn = chain[k]->fn;
        out[n].file = file;
        out[n].dir = dir;
        out[n].line = line;
        n++;
        /* The caller's position is the call site. */
        UInt cf = chain[k]->call_file;
        file = cf < d->n_files ? d->files[cf].name : NULL;
        dir = cf < d->n_files ? d->files[cf].dir : NULL;
        line = chain[k]->call_line;
    }
    out[n].fn = ML_(dwarf_function)(d, a);
    out[n].file = file;
    out[n].dir = dir;
    out[n].line = line;
    return n + 1;
}
