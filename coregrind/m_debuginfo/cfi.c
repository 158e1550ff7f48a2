/*--------------------------------------------------------------------*/
/*--- Call frame information: .eh_frame/.debug_frame, unwinding.   ---*/
/*---                                                         cfi.c ---*/
/*--------------------------------------------------------------------*/

/* Our own reader of DWARF call frame information, bounds-checked at
   every byte.  At the first unwind through an object its FDEs are
   indexed (address range -> entry offset, sorted); an unwind step finds
   the FDE of the ip, runs its CIE's and its own instructions up to the
   ip to get the rules of that row, and applies them to the registers
   that are known.  Rows are cached by ip, since the same call sites come
   back all the time (a skin records a stack trace at every malloc).

   All 16 general registers are tracked, not only rip/rsp/rbp: a CFA
   defined through another register (stack realignment uses %r10) works
   where that register is known.  Expressions (DW_CFA_def_cfa_expression,
   DW_CFA_expression, DW_CFA_val_expression) are evaluated, which is what
   PLT entries and glibc's signal trampoline __restore_rt use. */

#include "priv_debuginfo.h"
#include "priv_cursor.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STATE_STACK 16
#define MAX_EXPR_STACK 64
#define MAX_EXPR_STEPS 256
#define CACHE_SIZE 1024

/*--- Sections, CIEs, FDEs ---------------------------------------------------------*/

typedef struct {
    const UChar *data;
    SizeT size;
    Addr svma;
    Bool is_eh; /* .eh_frame (vs .debug_frame) */
} FrameSec;

typedef struct {
    Addr lo, hi; /* avma */
    UInt off;    /* of the FDE in its section */
    UChar sec;   /* 0: .eh_frame, 1: .debug_frame */
} FdeIdx;

struct CfiInfo {
    FrameSec secs[2];
    Addr bias;
    FdeIdx *idx;
    UInt n_idx;
};

typedef struct {
    ULong code_align;
    Long data_align;
    UInt ra_reg;
    UChar fde_enc;
    Bool has_aug_data;
    Bool signal;
    const UChar *insns, *insns_end;
} Cie;

/* DW_EH_PE_* */
enum {
    PE_absptr = 0x00, PE_uleb128 = 0x01, PE_udata2 = 0x02, PE_udata4 = 0x03,
    PE_udata8 = 0x04, PE_sleb128 = 0x09, PE_sdata2 = 0x0a, PE_sdata4 = 0x0b,
    PE_sdata8 = 0x0c, PE_pcrel = 0x10, PE_omit = 0xff
};

/* Reads a pointer encoded with enc; svma of the cursor for pcrel. */
static Bool read_encoded(Cur *c, const FrameSec *s, UChar enc, Bool value_only, ULong *out)
{
    if (enc == PE_omit)
        return False;
    Addr here = s->svma + (Addr)(c->p - s->data);
    ULong v;
    switch (enc & 0x0f) {
    case PE_absptr: v = get_bytes(c, 8); break;
    case PE_uleb128: v = get_uleb(c); break;
    case PE_udata2: v = get_bytes(c, 2); break;
    case PE_udata4: v = get_bytes(c, 4); break;
    case PE_udata8: v = get_bytes(c, 8); break;
    case PE_sleb128: v = (ULong)get_sleb(c); break;
    case PE_sdata2: v = (ULong)(Long)(Short)get_bytes(c, 2); break;
    case PE_sdata4: v = (ULong)(Long)(Int)get_bytes(c, 4); break;
    case PE_sdata8: v = get_bytes(c, 8); break;
    default: return False;
    }
    if (c->bad)
        return False;
    if (!value_only) {
        switch (enc & 0x70) {
        case 0: break;
        case PE_pcrel: v += here; break;
        default: return False; /* textrel/datarel/funcrel: not in x86-64 CFI */
        }
        if (enc & 0x80)
            return False; /* indirect: only personality routines use it */
    }
    *out = v;
    return True;
}

/* The extent [*start, *end) of the entry at off, and where its content
   (after the length) begins. */
static Bool entry_at(const FrameSec *s, SizeT off, Cur *body, SizeT *next, Bool *is64)
{
    if (off > s->size || s->size - off < 4)
        return False;
    Cur c = {s->data + off, s->data + s->size, False};
    ULong len = get_bytes(&c, 4);
    *is64 = False;
    if (len == 0xffffffffu) {
        len = get_bytes(&c, 8);
        *is64 = True;
    }
    if (c.bad || len == 0 || len > (ULong)(c.end - c.p))
        return False;
    body->p = c.p;
    body->end = c.p + len;
    body->bad = False;
    *next = (SizeT)(body->end - s->data);
    return True;
}

/* Reads the CIE id/pointer of an entry; True for a CIE, else *cie_off. */
static Bool entry_is_cie(const FrameSec *s, Cur *c, Bool is64, SizeT *cie_off)
{
    SizeT id_pos = (SizeT)(c->p - s->data);
    ULong id = get_bytes(c, is64 ? 8 : 4);
    if (s->is_eh) {
        if (id == 0)
            return True;
        *cie_off = id <= id_pos ? id_pos - id : (SizeT)-1;
        return False;
    }
    if (id == (is64 ? ~0ULL : 0xffffffffULL))
        return True;
    *cie_off = id;
    return False;
}

static Bool parse_cie(const FrameSec *s, SizeT off, Cie *cie)
{
    Cur c;
    SizeT next;
    Bool is64;
    SizeT dummy;
    if (!entry_at(s, off, &c, &next, &is64) || !entry_is_cie(s, &c, is64, &dummy))
        return False;
    memset(cie, 0, sizeof *cie);
    cie->fde_enc = PE_absptr;
    UChar version = get_u8(&c);
    if (version != 1 && version != 3 && version != 4)
        return False;
    const HChar *aug = get_string(&c);
    if (aug == NULL)
        return False;
    if (version == 4) {
        UChar addr_size = get_u8(&c), seg_size = get_u8(&c);
        if (addr_size != 8 || seg_size != 0)
            return False;
    }
    cie->code_align = get_uleb(&c);
    cie->data_align = get_sleb(&c);
    cie->ra_reg = version == 1 ? get_u8(&c) : (UInt)get_uleb(&c);
    if (c.bad)
        return False;
    const UChar *aug_end = NULL;
    for (const HChar *a = aug; *a; a++) {
        if (a == aug && *a == 'z') {
            ULong alen = get_uleb(&c);
            if (c.bad || alen > (ULong)(c.end - c.p))
                return False;
            aug_end = c.p + alen;
            cie->has_aug_data = True;
            continue;
        }
        if (*a == 'R') {
            cie->fde_enc = get_u8(&c);
        } else if (*a == 'L') {
            get_u8(&c); /* the LSDA's encoding: we skip the LSDA */
        } else if (*a == 'P') {
            UChar enc = get_u8(&c);
            ULong personality;
            if (!read_encoded(&c, s, enc & 0x0f, True, &personality))
                return False;
        } else if (*a == 'S') {
            cie->signal = True;
        } else if (aug_end != NULL) {
            break; /* not understood, but 'z' says how long the data is */
        } else {
            return False;
        }
        if (c.bad)
            return False;
    }
    if (aug_end != NULL)
        c.p = aug_end;
    if (c.bad || c.p > c.end)
        return False;
    cie->insns = c.p;
    cie->insns_end = c.end;
    return True;
}

/* Parses the FDE at off: its CIE, its range (svma) and its instructions. */
static Bool parse_fde(const FrameSec *s, SizeT off, Cie *cie, Addr *lo, ULong *len,
                      const UChar **insns, const UChar **insns_end)
{
    Cur c;
    SizeT next, cie_off = 0;
    Bool is64;
    if (!entry_at(s, off, &c, &next, &is64) || entry_is_cie(s, &c, is64, &cie_off) || c.bad)
        return False;
    if (!parse_cie(s, cie_off, cie))
        return False;
    ULong start;
    if (!read_encoded(&c, s, cie->fde_enc, False, &start) ||
        !read_encoded(&c, s, cie->fde_enc & 0x0f, True, len))
        return False;
    if (cie->has_aug_data) {
        ULong alen = get_uleb(&c);
        if (c.bad || alen > (ULong)(c.end - c.p))
            return False;
        c.p += alen;
    }
    *lo = start;
    *insns = c.p;
    *insns_end = c.end;
    return True;
}

/*--- The index ------------------------------------------------------------------*/

static void index_section(CfiInfo *ci, UChar which, UInt *cap)
{
    const FrameSec *s = &ci->secs[which];
    SizeT off = 0;
    UInt guard = 0;
    while (s->data != NULL && off < s->size && guard++ < 10000000) {
        Cur c;
        SizeT next, cie_off;
        Bool is64;
        if (!entry_at(s, off, &c, &next, &is64))
            break; /* the zero terminator, or garbage: stop */
        if (!entry_is_cie(s, &c, is64, &cie_off)) {
            Cie cie;
            Addr lo;
            ULong len;
            const UChar *i0, *i1;
            if (parse_fde(s, off, &cie, &lo, &len, &i0, &i1) && len > 0 && lo != 0 &&
                lo + len > lo && off <= 0xFFFFFFFFu) {
                if (ci->n_idx == *cap) {
                    *cap = *cap ? 2 * *cap : 256;
                    ci->idx = ML_(di_realloc)(ci->idx, *cap * sizeof *ci->idx);
                }
                FdeIdx *f = &ci->idx[ci->n_idx++];
                f->lo = lo + ci->bias;
                f->hi = lo + len + ci->bias;
                f->off = (UInt)off;
                f->sec = which;
            }
        }
        off = next;
    }
}

static int cmp_fde(const void *pa, const void *pb)
{
    const FdeIdx *a = pa, *b = pb;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    return a->sec < b->sec ? -1 : a->sec > b->sec;
}

static Bool frame_sec(const ElfImage *e, const HChar *name, Bool is_eh, FrameSec *out)
{
    ElfSec s;
    memset(out, 0, sizeof *out);
    if (e == NULL || !ML_(elf_find_section)(e, name, &s) || s.data == NULL || s.compressed ||
        s.size < 8)
        return False;
    out->data = s.data;
    out->size = s.size;
    out->svma = s.svma;
    out->is_eh = is_eh;
    return True;
}

CfiInfo *ML_(cfi_open)(const ElfImage *eh, const ElfImage *df, Addr bias)
{
    CfiInfo *ci = ML_(di_zalloc)(sizeof *ci);
    ci->bias = bias;
    Bool a = frame_sec(eh, ".eh_frame", True, &ci->secs[0]);
    Bool b = frame_sec(df, ".debug_frame", False, &ci->secs[1]);
    if (!a && !b) {
        ML_(di_free)(ci);
        return NULL;
    }
    UInt cap = 0;
    index_section(ci, 0, &cap);
    index_section(ci, 1, &cap);
    qsort(ci->idx, ci->n_idx, sizeof *ci->idx, cmp_fde);
    return ci;
}

void ML_(cfi_close)(CfiInfo *ci)
{
    ML_(di_free)(ci->idx);
    ML_(di_free)(ci);
}

static const FdeIdx *find_fde(const CfiInfo *ci, Addr a, UInt *from)
{
    Int lo = 0, hi = (Int)ci->n_idx - 1, found = -1;
    while (lo <= hi) {
        Int mid = lo + (hi - lo) / 2;
        if (ci->idx[mid].lo <= a) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    for (Int i = found; i >= 0 && i > found - 8; i--) {
        if (a < ci->idx[i].hi) {
            *from = (UInt)i;
            return &ci->idx[i];
        }
    }
    return NULL;
}

/*--- Rows: running the instructions ------------------------------------------------*/

enum { R_UNSPEC = 0, R_UNDEF, R_SAME, R_OFFSET, R_VAL_OFFSET, R_REG, R_EXPR, R_VAL_EXPR };
enum { CFA_NONE = 0, CFA_REG, CFA_EXPR };

typedef struct {
    UChar how;
    Long off; /* offset, or register for R_REG */
    const UChar *expr;
    UInt len;
} Rule;

typedef struct {
    UChar cfa_how;
    UInt cfa_reg;
    Long cfa_off;
    const UChar *cfa_expr;
    UInt cfa_len;
    Rule r[DW_NREGS];
} Row;

typedef struct {
    Row row;
    Row init; /* after the CIE's instructions, for DW_CFA_restore */
    Row stack[MAX_STATE_STACK];
    UInt depth;
} Machine;

static Bool get_block(Cur *c, const UChar **p, UInt *len)
{
    ULong n = get_uleb(c);
    if (c->bad || n > (ULong)(c->end - c->p) || n > 0xFFFF)
        return False;
    *p = c->p;
    *len = (UInt)n;
    c->p += n;
    return True;
}

static void set_rule(Row *row, ULong reg, UChar how, Long off)
{
    if (reg < DW_NREGS) {
        row->r[reg].how = how;
        row->r[reg].off = off;
    }
}

/* Runs [p, end) until the location passes target (or to the end if
   target is ~0).  Returns False on malformed input. */
static Bool run_insns(Machine *m, const Cie *cie, const FrameSec *s, const UChar *p,
                      const UChar *end, Addr loc, Addr target)
{
    Cur c = {p, end, False};
    Row *row = &m->row;
    while (c.p < c.end) {
        UChar op = get_u8(&c);
        UChar hi2 = op & 0xc0, low = op & 0x3f;
        ULong reg = 0, delta = 0;
        Long off = 0;
        if (hi2 == 0x40) { /* DW_CFA_advance_loc */
            delta = low * cie->code_align;
            goto advance;
        }
        if (hi2 == 0x80) { /* DW_CFA_offset */
            off = (Long)get_uleb(&c) * cie->data_align;
            set_rule(row, low, R_OFFSET, off);
            continue;
        }
        if (hi2 == 0xc0) { /* DW_CFA_restore */
            if (low < DW_NREGS)
                row->r[low] = m->init.r[low];
            continue;
        }
        switch (op) {
        case 0x00: /* nop */
            break;
        case 0x01: { /* set_loc */
            ULong a;
            if (!read_encoded(&c, s, cie->fde_enc, False, &a))
                return False;
            if (a < loc)
                return False;
            delta = a - loc;
            goto advance;
        }
        case 0x02: delta = get_bytes(&c, 1) * cie->code_align; goto advance;
        case 0x03: delta = get_bytes(&c, 2) * cie->code_align; goto advance;
        case 0x04: delta = get_bytes(&c, 4) * cie->code_align; goto advance;
        case 0x05: /* offset_extended */
            reg = get_uleb(&c);
            set_rule(row, reg, R_OFFSET, (Long)get_uleb(&c) * cie->data_align);
            break;
        case 0x06: /* restore_extended */
            reg = get_uleb(&c);
            if (reg < DW_NREGS)
                row->r[reg] = m->init.r[reg];
            break;
        case 0x07: set_rule(row, get_uleb(&c), R_UNDEF, 0); break;
        case 0x08: set_rule(row, get_uleb(&c), R_SAME, 0); break;
        case 0x09: /* register */
            reg = get_uleb(&c);
            set_rule(row, reg, R_REG, (Long)get_uleb(&c));
            break;
        case 0x0a: /* remember_state */
            if (m->depth >= MAX_STATE_STACK)
                return False;
            m->stack[m->depth++] = *row;
            break;
        case 0x0b: /* restore_state */
            if (m->depth == 0)
                return False;
            *row = m->stack[--m->depth]; /* the CFA rule too, as gcc expects */
            break;
        case 0x0c: /* def_cfa */
            row->cfa_how = CFA_REG;
            row->cfa_reg = (UInt)get_uleb(&c);
            row->cfa_off = (Long)get_uleb(&c);
            break;
        case 0x0d: /* def_cfa_register */
            row->cfa_reg = (UInt)get_uleb(&c);
            if (row->cfa_how != CFA_REG)
                return False;
            break;
        case 0x0e: /* def_cfa_offset */
            row->cfa_off = (Long)get_uleb(&c);
            if (row->cfa_how != CFA_REG)
                return False;
            break;
        case 0x0f: /* def_cfa_expression */
            if (!get_block(&c, &row->cfa_expr, &row->cfa_len))
                return False;
            row->cfa_how = CFA_EXPR;
            break;
        case 0x10: /* expression */
        case 0x16: { /* val_expression */
            reg = get_uleb(&c);
            const UChar *e;
            UInt n;
            if (!get_block(&c, &e, &n))
                return False;
            if (reg < DW_NREGS) {
                row->r[reg].how = op == 0x10 ? R_EXPR : R_VAL_EXPR;
                row->r[reg].expr = e;
                row->r[reg].len = n;
            }
            break;
        }
        case 0x11: /* offset_extended_sf */
            reg = get_uleb(&c);
            set_rule(row, reg, R_OFFSET, get_sleb(&c) * cie->data_align);
            break;
        case 0x12: /* def_cfa_sf */
            row->cfa_how = CFA_REG;
            row->cfa_reg = (UInt)get_uleb(&c);
            row->cfa_off = get_sleb(&c) * cie->data_align;
            break;
        case 0x13: /* def_cfa_offset_sf */
            row->cfa_off = get_sleb(&c) * cie->data_align;
            if (row->cfa_how != CFA_REG)
                return False;
            break;
        case 0x14: /* val_offset */
            reg = get_uleb(&c);
            set_rule(row, reg, R_VAL_OFFSET, (Long)get_uleb(&c) * cie->data_align);
            break;
        case 0x15: /* val_offset_sf */
            reg = get_uleb(&c);
            set_rule(row, reg, R_VAL_OFFSET, get_sleb(&c) * cie->data_align);
            break;
        case 0x2e: /* GNU_args_size */
            get_uleb(&c);
            break;
        case 0x2f: /* GNU_negative_offset_extended */
            reg = get_uleb(&c);
            set_rule(row, reg, R_OFFSET, -(Long)get_uleb(&c) * cie->data_align);
            break;
        default:
            return False;
        }
        if (c.bad)
            return False;
        continue;
    advance:
        if (c.bad)
            return False;
        if (loc + delta < loc || loc + delta > target)
            return True; /* the row in force at target is the current one */
        loc += delta;
    }
    return !c.bad;
}

/* The row for avma a (svma a - bias) of the FDE fi. */
static Bool compute_row(const CfiInfo *ci, const FdeIdx *fi, Addr a, Row *out, Bool *signal)
{
    const FrameSec *s = &ci->secs[fi->sec];
    Cie cie;
    Addr lo;
    ULong len;
    const UChar *i0, *i1;
    if (!parse_fde(s, fi->off, &cie, &lo, &len, &i0, &i1))
        return False;
    Machine m;
    memset(&m, 0, sizeof m);
    Addr target = a - ci->bias;
    if (!run_insns(&m, &cie, s, cie.insns, cie.insns_end, lo, ~(Addr)0))
        return False;
    m.init = m.row;
    m.depth = 0;
    if (!run_insns(&m, &cie, s, i0, i1, lo, target))
        return False;
    if (cie.ra_reg != DW_RIP)
        return False;
    *out = m.row;
    *signal = cie.signal;
    return True;
}

/*--- The row cache -----------------------------------------------------------------*/

/* A row without DWARF expressions, in 1/6 of the space (the cache is
   hit on every frame of every stack trace: it must stay in the CPU's
   caches). */
typedef struct {
    Int cfa_off;
    Int off[DW_NREGS];
    UInt ruled; /* bit reg: how[reg] is not R_UNSPEC */
    UChar cfa_reg;
    UChar how[DW_NREGS];
} CompactRow;

typedef struct {
    Addr key; /* lookup address; 0 = empty */
    const CfiInfo *ci;
    Bool signal;
    Bool compact; /* else the row has expressions: computed at each use */
    CompactRow row;
} CacheEnt;

static CacheEnt *cache;

void ML_(cfi_cache_flush)(void)
{
    if (cache != NULL)
        memset(cache, 0, CACHE_SIZE * sizeof *cache);
}

static CacheEnt *cache_slot(Addr a)
{
    if (cache == NULL)
        cache = ML_(di_zalloc)(CACHE_SIZE * sizeof *cache);
    UWord h = (a ^ (a >> 12) ^ (a >> 24)) & (CACHE_SIZE - 1);
    return &cache[h];
}

/*--- Applying a row --------------------------------------------------------------*/

static Bool reg_value(const CfiRegs *r, ULong reg, Addr *v)
{
    if (reg >= DW_NREGS || !(r->known & (1u << reg)))
        return False;
    *v = r->regs[reg];
    return True;
}

/* A DWARF expression as CFI uses it; if push_cfa, the CFA starts on the
   stack. */
static Bool eval_expr(const UChar *p, UInt len, const CfiRegs *r, Bool push_cfa, Addr cfa,
                      CfiReadFn rd, void *opaque, Addr *out)
{
    Addr st[MAX_EXPR_STACK];
    UInt sp = 0, steps = 0;
    Cur c = {p, p + len, False};
    if (push_cfa)
        st[sp++] = cfa;
#define NEED(n) do { if (sp < (n)) return False; } while (0)
#define PUSH(v)                                                                           \
    do {                                                                                  \
        Addr pushed_ = (v);                                                               \
        if (sp >= MAX_EXPR_STACK)                                                         \
            return False;                                                                 \
        st[sp++] = pushed_;                                                               \
    } while (0)
    while (c.p < c.end) {
        if (++steps > MAX_EXPR_STEPS)
            return False;
        UChar op = get_u8(&c);
        Addr v, w;
        if (op >= 0x30 && op <= 0x4f) { /* lit0..31 */
            PUSH(op - 0x30);
            continue;
        }
        if (op >= 0x70 && op <= 0x8f) { /* breg0..31 */
            Long off = get_sleb(&c);
            if (c.bad || !reg_value(r, op - 0x70, &v))
                return False;
            PUSH(v + (Addr)off);
            continue;
        }
        switch (op) {
        case 0x92: { /* bregx */
            ULong reg = get_uleb(&c);
            Long off = get_sleb(&c);
            if (c.bad || !reg_value(r, reg, &v))
                return False;
            PUSH(v + (Addr)off);
            break;
        }
        case 0x08: PUSH(get_bytes(&c, 1)); break;
        case 0x09: PUSH((Addr)(Long)(SChar)get_bytes(&c, 1)); break;
        case 0x0a: PUSH(get_bytes(&c, 2)); break;
        case 0x0b: PUSH((Addr)(Long)(Short)get_bytes(&c, 2)); break;
        case 0x0c: PUSH(get_bytes(&c, 4)); break;
        case 0x0d: PUSH((Addr)(Long)(Int)get_bytes(&c, 4)); break;
        case 0x0e:
        case 0x0f: PUSH(get_bytes(&c, 8)); break;
        case 0x10: PUSH(get_uleb(&c)); break;
        case 0x11: PUSH((Addr)get_sleb(&c)); break;
        case 0x12: NEED(1); PUSH(st[sp - 1]); break; /* dup */
        case 0x13: NEED(1); sp--; break;             /* drop */
        case 0x14: NEED(2); PUSH(st[sp - 2]); break; /* over */
        case 0x15: {                                 /* pick */
            UChar k = (UChar)get_bytes(&c, 1);
            NEED((UInt)k + 1);
            PUSH(st[sp - 1 - k]);
            break;
        }
        case 0x16: NEED(2); v = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = v; break;
        case 0x17: /* rot */
            NEED(3);
            v = st[sp - 1];
            st[sp - 1] = st[sp - 2];
            st[sp - 2] = st[sp - 3];
            st[sp - 3] = v;
            break;
        case 0x06: /* deref */
            NEED(1);
            if (!rd(st[sp - 1], &v, opaque))
                return False;
            st[sp - 1] = v;
            break;
        case 0x19: NEED(1); if ((Long)st[sp - 1] < 0) st[sp - 1] = -st[sp - 1]; break;
        case 0x1f: NEED(1); st[sp - 1] = -st[sp - 1]; break;
        case 0x20: NEED(1); st[sp - 1] = ~st[sp - 1]; break;
        case 0x23: NEED(1); st[sp - 1] += get_uleb(&c); break;
        case 0x1a: case 0x1b: case 0x1c: case 0x1d: case 0x1e: case 0x21: case 0x22:
        case 0x24: case 0x25: case 0x26: case 0x27: case 0x29: case 0x2a: case 0x2b:
        case 0x2c: case 0x2d: case 0x2e:
            NEED(2);
            w = st[--sp];
            v = st[sp - 1];
            switch (op) {
            case 0x1a: v &= w; break;
            case 0x1b: if (w == 0) return False; v = (Addr)((Long)v / (Long)w); break;
            case 0x1c: v -= w; break;
            case 0x1d: if (w == 0) return False; v %= w; break;
            case 0x1e: v *= w; break;
            case 0x21: v |= w; break;
            case 0x22: v += w; break;
            case 0x24: v = w >= 64 ? 0 : v << w; break;
            case 0x25: v = w >= 64 ? 0 : v >> w; break;
            case 0x26: v = (Addr)((Long)v >> (w >= 64 ? 63 : w)); break;
            case 0x27: v ^= w; break;
            case 0x29: v = v == w; break;
            case 0x2a: v = (Long)v >= (Long)w; break;
            case 0x2b: v = (Long)v > (Long)w; break;
            case 0x2c: v = (Long)v <= (Long)w; break;
            case 0x2d: v = (Long)v < (Long)w; break;
            case 0x2e: v = v != w; break;
            }
            st[sp - 1] = v;
            break;
        case 0x2f:   /* skip */
        case 0x28: { /* bra */
            Short d = (Short)get_bytes(&c, 2);
            if (op == 0x28) {
                NEED(1);
                if (st[--sp] == 0)
                    break;
            }
            if (c.bad || (d < 0 && (SizeT)(-(Int)d) > (SizeT)(c.p - p)) ||
                (d > 0 && (SizeT)d > (SizeT)(c.end - c.p)))
                return False;
            c.p += d;
            break;
        }
        case 0x96: break; /* nop */
        default: return False;
        }
        if (c.bad)
            return False;
    }
#undef NEED
#undef PUSH
    if (sp == 0)
        return False;
    *out = st[sp - 1];
    return True;
}

/* Callee-saved registers keep their value when no rule says otherwise. */
#define CALLEE_SAVED_MASK                                                                  \
    ((1u << DW_RBX) | (1u << DW_RBP) | (1u << DW_R12) | (1u << DW_R13) | (1u << DW_R14) |  \
     (1u << DW_R15))

static Bool callee_saved(UInt reg)
{
    return (CALLEE_SAVED_MASK >> reg) & 1u;
}

static Bool fits_int(Long v)
{
    return v == (Long)(Int)v;
}

static Bool make_compact(const Row *row, CompactRow *c)
{
    if (row->cfa_how != CFA_REG || row->cfa_reg >= DW_NREGS || !fits_int(row->cfa_off))
        return False;
    c->cfa_reg = (UChar)row->cfa_reg;
    c->cfa_off = (Int)row->cfa_off;
    c->ruled = 0;
    for (UInt reg = 0; reg < DW_NREGS; reg++) {
        const Rule *u = &row->r[reg];
        if (u->how == R_EXPR || u->how == R_VAL_EXPR || !fits_int(u->off))
            return False;
        c->how[reg] = u->how;
        c->off[reg] = (Int)u->off;
        if (u->how != R_UNSPEC)
            c->ruled |= 1u << reg;
    }
    return True;
}

/* apply_row for a compact row. */
static Bool apply_compact(const CompactRow *row, CfiRegs *r, CfiReadFn rd, void *opaque)
{
    Addr base;
    if (!reg_value(r, row->cfa_reg, &base))
        return False;
    Addr cfa = base + (Addr)(Long)row->cfa_off;
    CfiRegs n;
    /* The registers without a rule: %rsp is the CFA, the callee-saved
       ones keep their values, the others are unknown.  Then the rules. */
    n.known = r->known & CALLEE_SAVED_MASK & ~row->ruled;
    for (UInt m = n.known; m != 0; m &= m - 1) {
        UInt reg = (UInt)__builtin_ctz(m);
        n.regs[reg] = r->regs[reg];
    }
    if (!(row->ruled & (1u << DW_RSP))) {
        n.regs[DW_RSP] = cfa;
        n.known |= 1u << DW_RSP;
    }
    for (UInt m = row->ruled; m != 0; m &= m - 1) {
        UInt reg = (UInt)__builtin_ctz(m);
        Addr v = 0;
        Bool ok = False;
        switch (row->how[reg]) {
        case R_SAME: ok = reg_value(r, reg, &v); break;
        case R_OFFSET: ok = rd(cfa + (Addr)(Long)row->off[reg], &v, opaque); break;
        case R_VAL_OFFSET: v = cfa + (Addr)(Long)row->off[reg]; ok = True; break;
        case R_REG: ok = reg_value(r, (ULong)row->off[reg], &v); break;
        default: break;
        }
        if (ok) {
            n.regs[reg] = v;
            n.known |= 1u << reg;
        }
    }
    if (!(n.known & (1u << DW_RIP)) || !(n.known & (1u << DW_RSP)))
        return False;
    *r = n;
    return True;
}

static Bool apply_row(const Row *row, CfiRegs *r, CfiReadFn rd, void *opaque)
{
    Addr cfa;
    if (row->cfa_how == CFA_REG) {
        Addr base;
        if (!reg_value(r, row->cfa_reg, &base))
            return False;
        cfa = base + (Addr)row->cfa_off;
    } else if (row->cfa_how == CFA_EXPR) {
        if (!eval_expr(row->cfa_expr, row->cfa_len, r, False, 0, rd, opaque, &cfa))
            return False;
    } else {
        return False;
    }
    CfiRegs n;
    memset(&n, 0, sizeof n);
    for (UInt reg = 0; reg < DW_NREGS; reg++) {
        const Rule *u = &row->r[reg];
        Addr v = 0, a;
        Bool ok = False;
        switch (u->how) {
        case R_UNSPEC:
            if (reg == DW_RSP) {
                v = cfa;
                ok = True;
            } else if (callee_saved(reg)) {
                ok = reg_value(r, reg, &v);
            }
            break;
        case R_SAME: ok = reg_value(r, reg, &v); break;
        case R_OFFSET: ok = rd(cfa + (Addr)u->off, &v, opaque); break;
        case R_VAL_OFFSET: v = cfa + (Addr)u->off; ok = True; break;
        case R_REG: ok = reg_value(r, (ULong)u->off, &v); break;
        case R_EXPR:
            ok = eval_expr(u->expr, u->len, r, True, cfa, rd, opaque, &a) && rd(a, &v, opaque);
            break;
        case R_VAL_EXPR: ok = eval_expr(u->expr, u->len, r, True, cfa, rd, opaque, &v); break;
        default: break;
        }
        if (ok) {
            n.regs[reg] = v;
            n.known |= 1u << reg;
        }
    }
    if (!(n.known & (1u << DW_RIP)) || !(n.known & (1u << DW_RSP)))
        return False; /* the outermost frame (rip undefined), or unusable */
    *r = n;
    return True;
}

Bool ML_(cfi_unwind)(CfiInfo *ci, CfiRegs *r, Bool exact_ip, CfiReadFn rd, void *opaque,
                     Bool *signal_frame)
{
    if (!(r->known & (1u << DW_RIP)))
        return False;
    Addr a = r->regs[DW_RIP] - (exact_ip ? 0 : 1);
    CacheEnt *ce = cache_slot(a);
    if (ce->key == a && ce->ci == ci && ce->compact) {
        *signal_frame = ce->signal;
        return apply_compact(&ce->row, r, rd, opaque);
    }
    UInt from;
    const FdeIdx *fi = find_fde(ci, a, &from);
    Row row;
    Bool sig = False;
    if (fi == NULL || !compute_row(ci, fi, a, &row, &sig))
        return False;
    ce->key = a;
    ce->ci = ci;
    ce->signal = sig;
    ce->compact = make_compact(&row, &ce->row);
    *signal_frame = sig;
    return apply_row(&row, r, rd, opaque);
}
