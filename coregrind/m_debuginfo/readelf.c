/*--------------------------------------------------------------------*/
/*--- ELF images: sections, segments, symbols, debug files.        ---*/
/*---                                                     readelf.c ---*/
/*--------------------------------------------------------------------*/

/* An ElfImage is a whole file mapped read-only into the core (or a
   buffer, for the fuzz target).  Headers are copied out with memcpy
   (the image need not be aligned) and every offset and size is checked
   against the image before anything is read, so a truncated or hostile
   file yields "no such section" or "no symbols", never a fault. */

#include "priv_debuginfo.h"

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_DECOMPRESSED (1UL << 30)

/*--- Opening ------------------------------------------------------------*/

/* True if [off, off+len) lies inside an image of size bytes. */
static Bool in_image(SizeT size, ULong off, ULong len)
{
    return off <= size && len <= size - off;
}

static Bool check_header(ElfImage *e)
{
    Elf64_Ehdr eh;
    if (e->size < sizeof eh)
        return False;
    memcpy(&eh, e->img, sizeof eh);
    if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
        eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64)
        return False;
    e->type = eh.e_type;

    e->phnum = 0;
    if (eh.e_phnum > 0 && eh.e_phentsize == sizeof(Elf64_Phdr) &&
        in_image(e->size, eh.e_phoff, (ULong)eh.e_phnum * sizeof(Elf64_Phdr))) {
        e->phnum = eh.e_phnum;
        e->phoff = eh.e_phoff;
    }

    e->shnum = 0;
    if (eh.e_shoff == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) ||
        !in_image(e->size, eh.e_shoff, sizeof(Elf64_Shdr)))
        return True;
    Elf64_Shdr sh0;
    memcpy(&sh0, e->img + eh.e_shoff, sizeof sh0);
    ULong shnum = eh.e_shnum ? eh.e_shnum : sh0.sh_size; /* extended numbering */
    ULong shstrndx = eh.e_shstrndx == SHN_XINDEX ? sh0.sh_link : eh.e_shstrndx;
    if (shnum == 0 || shnum > 0x100000 ||
        !in_image(e->size, eh.e_shoff, shnum * sizeof(Elf64_Shdr)))
        return True;
    e->shnum = (UInt)shnum;
    e->shoff = eh.e_shoff;
    e->shstrndx = shstrndx < shnum ? (UInt)shstrndx : 0;
    return True;
}

Bool ML_(elf_from_buffer)(const UChar *buf, SizeT size, ElfImage *e)
{
    memset(e, 0, sizeof *e);
    e->img = buf;
    e->size = size;
    return buf != NULL && check_header(e);
}

Bool ML_(elf_open)(const HChar *path, ElfImage *e)
{
    memset(e, 0, sizeof *e);
    Int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return False;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(Elf64_Ehdr)) {
        close(fd);
        return False;
    }
    void *p = mmap(NULL, (SizeT)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return False;
    e->img = p;
    e->size = (SizeT)st.st_size;
    e->mapped = True;
    if (!check_header(e)) {
        ML_(elf_close)(e);
        return False;
    }
    return True;
}

void ML_(elf_close)(ElfImage *e)
{
    if (e->mapped && e->img != NULL)
        munmap((void *)e->img, e->size);
    memset(e, 0, sizeof *e);
}

/*--- Sections and segments ----------------------------------------------------*/

static Bool get_shdr(const ElfImage *e, UInt i, Elf64_Shdr *sh)
{
    if (i == 0 || i >= e->shnum)
        return False;
    memcpy(sh, e->img + e->shoff + (SizeT)i * sizeof *sh, sizeof *sh);
    return True;
}

Bool ML_(elf_section)(const ElfImage *e, UInt i, ElfSec *out)
{
    Elf64_Shdr sh;
    memset(out, 0, sizeof *out);
    if (!get_shdr(e, i, &sh))
        return False;
    out->svma = sh.sh_addr;
    out->type = sh.sh_type;
    out->flags = (UInt)sh.sh_flags;
    out->compressed = (sh.sh_flags & SHF_COMPRESSED) != 0;
    if (sh.sh_type != SHT_NOBITS && in_image(e->size, sh.sh_offset, sh.sh_size)) {
        out->data = e->img + sh.sh_offset;
        out->size = sh.sh_size;
    }
    return True;
}

const HChar *ML_(elf_section_name)(const ElfImage *e, UInt i)
{
    Elf64_Shdr sh, str;
    if (!get_shdr(e, i, &sh) || !get_shdr(e, e->shstrndx, &str) ||
        !in_image(e->size, str.sh_offset, str.sh_size) || sh.sh_name >= str.sh_size)
        return "";
    const HChar *s = (const HChar *)e->img + str.sh_offset + sh.sh_name;
    SizeT room = str.sh_size - sh.sh_name;
    return memchr(s, 0, room) ? s : "";
}

Bool ML_(elf_find_section)(const ElfImage *e, const HChar *name, ElfSec *out)
{
    for (UInt i = 1; i < e->shnum; i++)
        if (strcmp(ML_(elf_section_name)(e, i), name) == 0)
            return ML_(elf_section)(e, i, out);
    memset(out, 0, sizeof *out);
    return False;
}

Bool ML_(elf_segment)(const ElfImage *e, UInt i, ElfSeg *out)
{
    Elf64_Phdr ph;
    if (i >= e->phnum)
        return False;
    memcpy(&ph, e->img + e->phoff + (SizeT)i * sizeof ph, sizeof ph);
    out->type = ph.p_type;
    out->flags = ph.p_flags;
    out->offset = ph.p_offset;
    out->vaddr = ph.p_vaddr;
    out->filesz = ph.p_filesz;
    out->memsz = ph.p_memsz;
    return True;
}

/* Inflates a SHF_COMPRESSED section. */
static UChar *inflate_section(const ElfSec *s, SizeT pad, SizeT *size)
{
    Elf64_Chdr ch;
    if (s->size < sizeof ch)
        return NULL;
    memcpy(&ch, s->data, sizeof ch);
    SizeT raw = s->size - sizeof ch;
    /* zlib cannot expand more than about 1032:1: a larger claim is a lie. */
    if (ch.ch_type != ELFCOMPRESS_ZLIB || ch.ch_size > MAX_DECOMPRESSED ||
        ch.ch_size > (ULong)raw * 1100 + 64)
        return NULL;
    UChar *buf = ML_(di_alloc)(ch.ch_size + pad);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit(&zs) != Z_OK) {
        ML_(di_free)(buf);
        return NULL;
    }
    zs.next_in = (Bytef *)(s->data + sizeof ch);
    zs.avail_in = (uInt)raw;
    zs.next_out = buf;
    zs.avail_out = (uInt)ch.ch_size;
    Int r = inflate(&zs, Z_FINISH);
    Bool ok = r == Z_STREAM_END && zs.total_out == ch.ch_size;
    inflateEnd(&zs);
    if (!ok) {
        ML_(di_free)(buf);
        return NULL;
    }
    memset(buf + ch.ch_size, 0, pad);
    *size = ch.ch_size;
    return buf;
}

UChar *ML_(elf_section_copy)(const ElfSec *s, SizeT pad, SizeT *size)
{
    *size = 0;
    if (s->data == NULL)
        return NULL;
    if (s->compressed)
        return inflate_section(s, pad, size);
    UChar *buf = ML_(di_alloc)(s->size + pad);
    memcpy(buf, s->data, s->size);
    memset(buf + s->size, 0, pad);
    *size = s->size;
    return buf;
}

/*--- Notes, debuglink, soname ---------------------------------------------------*/

/* Looks for the GNU build-id note in [p, p+n). */
static Bool find_build_id_note(const UChar *p, SizeT n, const UChar **id, UInt *len)
{
    SizeT off = 0;
    while (n - off >= 12) {
        UInt namesz, descsz, type;
        memcpy(&namesz, p + off, 4);
        memcpy(&descsz, p + off + 4, 4);
        memcpy(&type, p + off + 8, 4);
        off += 12;
        SizeT name_room = ((SizeT)namesz + 3) & ~(SizeT)3;
        SizeT desc_room = ((SizeT)descsz + 3) & ~(SizeT)3;
        if (name_room > n - off)
            return False;
        const UChar *name = p + off;
        off += name_room;
        if (desc_room > n - off && descsz > n - off)
            return False;
        if (type == NT_GNU_BUILD_ID && namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
            descsz > 0 && descsz <= 64) {
            *id = p + off;
            *len = descsz;
            return True;
        }
        if (desc_room > n - off)
            return False;
        off += desc_room;
    }
    return False;
}

Bool ML_(elf_build_id)(const ElfImage *e, const UChar **id, UInt *len)
{
    for (UInt i = 1; i < e->shnum; i++) {
        ElfSec s;
        if (ML_(elf_section)(e, i, &s) && s.type == SHT_NOTE && s.data != NULL &&
            find_build_id_note(s.data, s.size, id, len))
            return True;
    }
    for (UInt i = 0; i < e->phnum; i++) {
        ElfSeg g;
        if (ML_(elf_segment)(e, i, &g) && g.type == PT_NOTE &&
            in_image(e->size, g.offset, g.filesz) &&
            find_build_id_note(e->img + g.offset, g.filesz, id, len))
            return True;
    }
    return False;
}

Bool ML_(elf_debuglink)(const ElfImage *e, const HChar **name, UInt *crc)
{
    ElfSec s;
    if (!ML_(elf_find_section)(e, ".gnu_debuglink", &s) || s.data == NULL || s.compressed)
        return False;
    const UChar *nul = memchr(s.data, 0, s.size);
    if (nul == NULL || nul == s.data)
        return False;
    SizeT crc_off = ((SizeT)(nul - s.data) + 4) & ~(SizeT)3;
    if (crc_off + 4 > s.size)
        return False;
    *name = (const HChar *)s.data;
    memcpy(crc, s.data + crc_off, 4);
    return True;
}

/* The file offset of virtual address v, through the PT_LOADs. */
static Bool vaddr_to_offset(const ElfImage *e, ULong v, ULong *off)
{
    for (UInt i = 0; i < e->phnum; i++) {
        ElfSeg g;
        if (ML_(elf_segment)(e, i, &g) && g.type == PT_LOAD && v >= g.vaddr &&
            v - g.vaddr < g.filesz) {
            *off = g.offset + (v - g.vaddr);
            return True;
        }
    }
    return False;
}

const HChar *ML_(elf_soname)(const ElfImage *e, StrPool *pool)
{
    ULong dyn_off = 0, dyn_size = 0;
    for (UInt i = 0; i < e->phnum; i++) {
        ElfSeg g;
        if (ML_(elf_segment)(e, i, &g) && g.type == PT_DYNAMIC) {
            dyn_off = g.offset;
            dyn_size = g.filesz;
        }
    }
    if (dyn_size == 0 || !in_image(e->size, dyn_off, dyn_size))
        return NULL;
    ULong strtab = 0, strsz = 0, soname = ~0ULL;
    for (ULong o = 0; o + sizeof(Elf64_Dyn) <= dyn_size; o += sizeof(Elf64_Dyn)) {
        Elf64_Dyn d;
        memcpy(&d, e->img + dyn_off + o, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        if (d.d_tag == DT_STRTAB)
            strtab = d.d_un.d_ptr;
        else if (d.d_tag == DT_STRSZ)
            strsz = d.d_un.d_val;
        else if (d.d_tag == DT_SONAME)
            soname = d.d_un.d_val;
    }
    ULong str_off;
    if (soname == ~0ULL || soname >= strsz || !vaddr_to_offset(e, strtab, &str_off) ||
        !in_image(e->size, str_off, strsz))
        return NULL;
    const HChar *s = (const HChar *)e->img + str_off + soname;
    SizeT n = strnlen(s, strsz - soname);
    if (n == 0 || n == strsz - soname)
        return NULL;
    return ML_(strpool_add_n)(pool, s, n);
}

/*--- Symbols -------------------------------------------------------------------*/

/* Executable sections of e, as a bitmap over section numbers. */
static UChar *exec_sections(const ElfImage *e, Addr **ends, Addr bias)
{
    UChar *map = ML_(di_zalloc)(e->shnum + 1);
    *ends = ML_(di_zalloc)((e->shnum + 1) * sizeof(Addr));
    for (UInt i = 1; i < e->shnum; i++) {
        Elf64_Shdr sh;
        if (get_shdr(e, i, &sh) && (sh.sh_flags & SHF_EXECINSTR) && (sh.sh_flags & SHF_ALLOC)) {
            map[i] = 1;
            (*ends)[i] = sh.sh_addr + sh.sh_size + bias;
        }
    }
    return map;
}

static void add_symbol(SymTable *t, UInt *cap, const DiSym *s)
{
    if (t->n_syms == *cap) {
        *cap = *cap ? 2 * *cap : 256;
        t->syms = ML_(di_realloc)(t->syms, *cap * sizeof *t->syms);
    }
    t->syms[t->n_syms++] = *s;
}

static void read_symtab(const ElfImage *e, UInt symndx, const UChar *execmap,
                        const Addr *exec_end, Addr bias, SymTable *t, UInt *cap)
{
    ElfSec sym, str;
    Elf64_Shdr sh;
    if (!get_shdr(e, symndx, &sh) || !ML_(elf_section)(e, symndx, &sym) || sym.data == NULL ||
        sym.compressed || sh.sh_entsize != sizeof(Elf64_Sym) ||
        !ML_(elf_section)(e, sh.sh_link, &str) || str.data == NULL || str.compressed ||
        str.size == 0)
        return;
    Bool terminated = str.data[str.size - 1] == 0;
    SizeT n = sym.size / sizeof(Elf64_Sym);
    for (SizeT i = 1; i < n; i++) {
        Elf64_Sym es;
        memcpy(&es, sym.data + i * sizeof es, sizeof es);
        UInt type = ELF64_ST_TYPE(es.st_info), bind = ELF64_ST_BIND(es.st_info);
        if (es.st_shndx == SHN_UNDEF || es.st_shndx >= e->shnum || !execmap[es.st_shndx])
            continue;
        if (type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_NOTYPE)
            continue;
        if (bind != STB_GLOBAL && bind != STB_LOCAL && bind != STB_WEAK)
            continue;
        if (es.st_name == 0 || es.st_name >= str.size)
            continue;
        const HChar *name = (const HChar *)str.data + es.st_name;
        if (!terminated && memchr(name, 0, str.size - es.st_name) == NULL)
            continue;
        /* Local labels and mapping symbols are not functions. */
        if (name[0] == 0 || name[0] == '$' || (name[0] == '.' && name[1] == 'L'))
            continue;
        Addr a = es.st_value + bias;
        if (a >= exec_end[es.st_shndx])
            continue;
        DiSym s;
        memset(&s, 0, sizeof s);
        s.addr = a;
        s.size = es.st_size;
        if (s.size == 0 || s.size > exec_end[es.st_shndx] - a) {
            s.size = 0;
            s.guessed = True;
        }
        s.name = name;
        s.bind = (UChar)bind;
        s.ifunc = type == STT_GNU_IFUNC;
        add_symbol(t, cap, &s);
    }
}

void ML_(read_elf_symbols)(const ElfImage *e, Addr bias, SymTable *t)
{
    if (e->shnum == 0)
        return;
    Addr *exec_end;
    UChar *execmap = exec_sections(e, &exec_end, bias);
    UInt cap = t->n_syms;
    for (UInt i = 1; i < e->shnum; i++) {
        Elf64_Shdr sh;
        if (get_shdr(e, i, &sh) && (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
            read_symtab(e, i, execmap, exec_end, bias, t, &cap);
    }
    ML_(di_free)(execmap);
    ML_(di_free)(exec_end);
}

static UInt leading_underscores(const HChar *s)
{
    UInt n = 0;
    while (s[n] == '_')
        n++;
    return n;
}

static UInt bind_pref(UChar bind)
{
    return bind == STB_LOCAL ? 1 : 0;
}

/* How a symbol version suffix ranks: "@@V" (the default version) before
   "@V" before none. */
static UInt version_rank(const HChar *name, SizeT base_len)
{
    if (name[base_len] != '@')
        return 2;
    return name[base_len + 1] == '@' ? 0 : 1;
}

/* Address order; among aliases the name a user expects (and Memcheck
   shows): global or weak before local, then fewer leading underscores
   (weak "clone" over global "__clone"), then the shorter name without
   its version, then the versioned one (.symtab's
   "pthread_create@@GLIBC_2.34" over .dynsym's "pthread_create", as
   Memcheck names it), the default version first. */
static int cmp_sym(const void *pa, const void *pb)
{
    const DiSym *a = pa, *b = pb;
    if (a->addr != b->addr)
        return a->addr < b->addr ? -1 : 1;
    UInt ba = bind_pref(a->bind), bb = bind_pref(b->bind);
    if (ba != bb)
        return ba < bb ? -1 : 1;
    UInt ua = leading_underscores(a->name), ub = leading_underscores(b->name);
    if (ua != ub)
        return ua < ub ? -1 : 1;
    SizeT la = strcspn(a->name, "@"), lb = strcspn(b->name, "@");
    if (la != lb)
        return la < lb ? -1 : 1;
    UInt va = version_rank(a->name, la), vb = version_rank(b->name, lb);
    if (va != vb)
        return va < vb ? -1 : 1;
    return strcmp(a->name, b->name);
}

void ML_(finish_symbols)(SymTable *t)
{
    ML_(di_free)(t->primary);
    t->primary = NULL;
    t->n_primary = 0;
    if (t->n_syms == 0)
        return;
    qsort(t->syms, t->n_syms, sizeof *t->syms, cmp_sym);
    /* Drop exact duplicates (.symtab and .dynsym list the same ones). */
    UInt w = 0;
    for (UInt i = 0; i < t->n_syms; i++) {
        if (w > 0 && t->syms[w - 1].addr == t->syms[i].addr &&
            strcmp(t->syms[w - 1].name, t->syms[i].name) == 0) {
            if (t->syms[w - 1].guessed) {
                t->syms[w - 1].size = t->syms[i].size;
                t->syms[w - 1].guessed = t->syms[i].guessed;
            }
            continue;
        }
        t->syms[w++] = t->syms[i];
    }
    t->n_syms = w;
    /* A symbol without a size runs up to the next address (at most 64 KiB). */
    for (UInt i = 0; i < t->n_syms; i++) {
        DiSym *s = &t->syms[i];
        if (s->size != 0)
            continue;
        UInt j = i + 1;
        while (j < t->n_syms && t->syms[j].addr == s->addr)
            j++;
        SizeT gap = j < t->n_syms ? t->syms[j].addr - s->addr : 1;
        s->size = gap < 65536 ? gap : 65536;
    }
    t->primary = ML_(di_alloc)(t->n_syms * sizeof(UInt));
    for (UInt i = 0; i < t->n_syms; i++) {
        if (t->n_primary > 0 && t->syms[t->primary[t->n_primary - 1]].addr == t->syms[i].addr) {
            DiSym *p = &t->syms[t->primary[t->n_primary - 1]];
            if (t->syms[i].size > p->size && !t->syms[i].guessed)
                p->size = t->syms[i].size;
            continue;
        }
        t->primary[t->n_primary++] = i;
    }
}

void ML_(free_symbols)(SymTable *t)
{
    ML_(di_free)(t->syms);
    ML_(di_free)(t->primary);
    memset(t, 0, sizeof *t);
}

DiSym *ML_(find_symbol)(const SymTable *t, Addr a)
{
    Int lo = 0, hi = (Int)t->n_primary - 1, found = -1;
    while (lo <= hi) {
        Int mid = lo + (hi - lo) / 2;
        if (t->syms[t->primary[mid]].addr <= a) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    /* The nearest start first; a few earlier ones in case it is nested. */
    for (Int i = found; i >= 0 && i > found - 4; i--) {
        DiSym *s = &t->syms[t->primary[i]];
        if (a - s->addr < s->size)
            return s;
    }
    return NULL;
}

/*--- Separate debug files ------------------------------------------------------------*/

/* The roots searched: /usr/lib/debug, then --extra-debuginfo-path. */
static const HChar *debug_roots[2] = {"/usr/lib/debug", NULL};
static Bool allow_mismatch;

void ML_(set_debug_search)(const HChar *extra_root, Bool allow_mismatched)
{
    debug_roots[1] = extra_root;
    allow_mismatch = allow_mismatched;
}

static Bool same_build_id(const ElfImage *a, const ElfImage *b)
{
    const UChar *ia, *ib;
    UInt la, lb;
    return ML_(elf_build_id)(a, &ia, &la) && ML_(elf_build_id)(b, &ib, &lb) && la == lb &&
           memcmp(ia, ib, la) == 0;
}

static Bool try_build_id(const ElfImage *e, const HChar *root, ElfImage *dbg, HChar *path,
                         SizeT n)
{
    const UChar *id;
    UInt len;
    if (!ML_(elf_build_id)(e, &id, &len) || len < 2)
        return False;
    Int k = snprintf(path, n, "%s/.build-id/%02x/", root, id[0]);
    for (UInt i = 1; i < len && k > 0 && (SizeT)k + 3 < n; i++)
        k += snprintf(path + k, n - (SizeT)k, "%02x", id[i]);
    if (k <= 0 || (SizeT)k + 7 >= n)
        return False;
    strcpy(path + k, ".debug");
    if (!ML_(elf_open)(path, dbg))
        return False;
    if (same_build_id(e, dbg) || allow_mismatch)
        return True;
    ML_(elf_close)(dbg);
    return False;
}

static Bool try_debuglink_file(const ElfImage *e, const HChar *path, UInt crc, ElfImage *dbg)
{
    if (!ML_(elf_open)(path, dbg))
        return False;
    /* The same file (a debuglink naming itself) is no debug file. */
    if (dbg->size == e->size && memcmp(dbg->img, e->img, e->size < 4096 ? e->size : 4096) == 0) {
        ML_(elf_close)(dbg);
        return False;
    }
    UInt got = (UInt)crc32(0L, Z_NULL, 0);
    SizeT off = 0;
    while (off < dbg->size) {
        SizeT chunk = dbg->size - off > (1U << 30) ? (1U << 30) : dbg->size - off;
        got = (UInt)crc32(got, dbg->img + off, (uInt)chunk);
        off += chunk;
    }
    if (got == crc || allow_mismatch)
        return True;
    ML_(elf_close)(dbg);
    return False;
}

Bool ML_(find_debug_file)(const HChar *path, const ElfImage *e, ElfImage *dbg,
                          const HChar **dbg_path, StrPool *pool)
{
    HChar buf[4096];
    for (UInt r = 0; r < 2; r++) {
        if (debug_roots[r] != NULL && try_build_id(e, debug_roots[r], dbg, buf, sizeof buf)) {
            *dbg_path = ML_(strpool_add)(pool, buf);
            return True;
        }
    }
    const HChar *link;
    UInt crc;
    if (!ML_(elf_debuglink)(e, &link, &crc) || strchr(link, '/') != NULL)
        return False;
    const HChar *slash = strrchr(path, '/');
    Int dlen = slash ? (Int)(slash - path) : 0;
    for (UInt i = 0; i < 4; i++) {
        Int k;
        if (i == 0)
            k = snprintf(buf, sizeof buf, "%.*s/%s", dlen, path, link);
        else if (i == 1)
            k = snprintf(buf, sizeof buf, "%.*s/.debug/%s", dlen, path, link);
        else if (debug_roots[i - 2] != NULL)
            k = snprintf(buf, sizeof buf, "%s%.*s/%s", debug_roots[i - 2], dlen, path, link);
        else
            continue;
        if (k <= 0 || (SizeT)k >= sizeof buf)
            continue;
        if (try_debuglink_file(e, buf, crc, dbg)) {
            *dbg_path = ML_(strpool_add)(pool, buf);
            return True;
        }
    }
    return False;
}
