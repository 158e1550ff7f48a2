/*--------------------------------------------------------------------*/
/*--- The translator: decode a guest block with capstone, let the   ---*/
/*--- skin instrument it, and lower it into the code cache.         ---*/
/*---                                                 m_translate.c ---*/
/*--------------------------------------------------------------------*/

/* Copy-and-annotate: guest instructions are copied as they are, and only
   what cannot run unchanged at another address or under the core is
   rewritten (docs/internals.md, "Translation").  Everything emitted here
   is flag-free (mov, lea, jrcxz, jmp), so the guest's rflags never need
   saving around it. */

#include "pub_core_basics.h"
#include "pub_core_translate.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_dispatch.h"
#include "pub_core_emit.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_redir.h"
#include "pub_core_stackevents.h"
#include "pub_core_threadstate.h"
#include "pub_core_tooliface.h"
#include "pub_core_ucode.h"

#include <capstone/capstone.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_EXITS 8
#define MAX_BLOCK_HOST 60000

static csh cs_handle;
static cs_insn *insns[VG_MAX_BLOCK_INSNS + 1];

/*--- Capstone registers -> hardware numbers ----------------------------------------*/

static Int hwreg(x86_reg r);

Int VG_(hwreg_of)(UInt r)
{
    return hwreg((x86_reg)r);
}

csh VG_(capstone_handle)(void)
{
    return cs_handle;
}

static Int hwreg(x86_reg r)
{
    switch (r) {
    case X86_REG_AL: case X86_REG_AH: case X86_REG_AX: case X86_REG_EAX: case X86_REG_RAX:
        return R_RAX;
    case X86_REG_CL: case X86_REG_CH: case X86_REG_CX: case X86_REG_ECX: case X86_REG_RCX:
        return R_RCX;
    case X86_REG_DL: case X86_REG_DH: case X86_REG_DX: case X86_REG_EDX: case X86_REG_RDX:
        return R_RDX;
    case X86_REG_BL: case X86_REG_BH: case X86_REG_BX: case X86_REG_EBX: case X86_REG_RBX:
        return R_RBX;
    case X86_REG_SPL: case X86_REG_SP: case X86_REG_ESP: case X86_REG_RSP:
        return R_RSP;
    case X86_REG_BPL: case X86_REG_BP: case X86_REG_EBP: case X86_REG_RBP:
        return R_RBP;
    case X86_REG_SIL: case X86_REG_SI: case X86_REG_ESI: case X86_REG_RSI:
        return R_RSI;
    case X86_REG_DIL: case X86_REG_DI: case X86_REG_EDI: case X86_REG_RDI:
        return R_RDI;
    case X86_REG_R8B: case X86_REG_R8W: case X86_REG_R8D: case X86_REG_R8: return R_R8;
    case X86_REG_R9B: case X86_REG_R9W: case X86_REG_R9D: case X86_REG_R9: return R_R9;
    case X86_REG_R10B: case X86_REG_R10W: case X86_REG_R10D: case X86_REG_R10: return R_R10;
    case X86_REG_R11B: case X86_REG_R11W: case X86_REG_R11D: case X86_REG_R11: return R_R11;
    case X86_REG_R12B: case X86_REG_R12W: case X86_REG_R12D: case X86_REG_R12: return R_R12;
    case X86_REG_R13B: case X86_REG_R13W: case X86_REG_R13D: case X86_REG_R13: return R_R13;
    case X86_REG_R14B: case X86_REG_R14W: case X86_REG_R14D: case X86_REG_R14: return R_R14;
    case X86_REG_R15B: case X86_REG_R15W: case X86_REG_R15D: case X86_REG_R15: return R_R15;
    case X86_REG_RIP: case X86_REG_EIP: return R_RIP;
    default: return R_NONE;
    }
}

static Bool is_high_byte(x86_reg r)
{
    return r == X86_REG_AH || r == X86_REG_BH || r == X86_REG_CH || r == X86_REG_DH;
}

void VG_(translate_init)(void)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs_handle) != CS_ERR_OK)
        VG_(core_panic)("cannot open capstone");
    /* Detail must be on before cs_malloc, or it allocates no detail. */
    cs_option(cs_handle, CS_OPT_DETAIL, CS_OPT_ON);
    for (UInt i = 0; i < VG_N_ELEMS(insns); i++)
        insns[i] = cs_malloc(cs_handle);
}

/*--- The block being translated --------------------------------------------------*/

typedef struct {
    Addr guest;
    UInt n;             /* decoded instructions */
    Emit e;
    UChar *host;        /* start of the block's code */
    TBlock *meta;
    UChar *exit_jump[MAX_EXITS]; /* rel32 fields that lead to each exit's stub */
    Bool ends;          /* the last instruction ended the block */
    UShort host_off[VG_MAX_BLOCK_INSNS + 1];
    Addr gaddr[VG_MAX_BLOCK_INSNS + 1];
    ULong recover[VG_MAX_BLOCK_INSNS + 1];
    UInt cur;           /* the instruction being lowered */
    UInt n_recover;     /* spills recorded for it */
    UCodeBlock *cb;     /* the skin's UCode, or NULL if it added none */
    UCOol *ool;
    UCHeld held;        /* host registers UCode has not given back to the guest */
    Bool eager;         /* give them back after every group (rep loops) */
    UShort insn_held[VG_MAX_BLOCK_INSNS + 1]; /* saved ones, per instruction */
} Tr;

static union {
    TBlock b;
    UChar space[sizeof(TBlock) + MAX_EXITS * sizeof(TExit)];
} meta_space;

static void add_exit(Tr *t, TExitKind kind, Addr target, UChar *jump_rel32, Bool chainable)
{
    TBlock *m = t->meta;
    vg_assert(m->n_exits < MAX_EXITS);
    TExit *x = &m->exits[m->n_exits];
    memset(x, 0, sizeof *x);
    x->kind = (UChar)kind;
    x->target = target;
    x->patch_off = chainable ? (UInt)(jump_rel32 - t->host) : 0;
    t->exit_jump[m->n_exits] = jump_rel32;
    m->n_exits++;
}

/* An exit through a plain jmp at the current position. */
static void give_back(Tr *t, UInt regs);

static void end_with(Tr *t, TExitKind kind, Addr target)
{
    give_back(t, 0xFFFF); /* the guest's registers, all in place at exits */
    UChar *f = emit_jmp32(&t->e, NULL);
    add_exit(t, kind, target, f, kind == XK_DIRECT);
    t->ends = True;
}

static UInt guest_refs(const cs_insn *ci);

/* Gives the registers in regs that UCode holds back to the guest. */
static void give_back(Tr *t, UInt regs)
{
    VG_(ucode_give_back)(&t->e, &t->held, regs);
}

/* Compiles the UCode at (insn, where), if any, at the current position.
   The registers it takes stay taken until guest code needs them; it
   avoids those of the next few instructions. */
static void group(Tr *t, UInt insn, UCWhere where, Addr guest_ip)
{
    if (t->cb == NULL || !VG_(ucode_has_at)(t->cb, UC_ANCHOR(insn, where)))
        return;
    UInt avoid = 0;
    for (UInt k = where == VG_BEFORE ? insn : insn + 1; k < t->n && k < insn + 4; k++)
        avoid |= guest_refs(insns[k]);
    t->held.avoid = avoid;
    VG_(ucode_lower)(t->cb, UC_ANCHOR(insn, where), &t->e, t->ool, guest_ip, &t->held);
    if (t->eager)
        give_back(t, 0xFFFF);
}

static Bool has_group(const Tr *t, UInt insn, UCWhere where)
{
    return t->cb != NULL && VG_(ucode_has_at)(t->cb, UC_ANCHOR(insn, where));
}

/* A conditional direct branch with cc: its taken path (UCode at TAKEN,
   then the exit), and its not-taken path continuing here. */
static void emit_cond_exit(Tr *t, Int cc, Addr target)
{
    Emit *e = &t->e;
    if (!has_group(t, t->cur, VG_TAKEN)) {
        UChar *f = emit_jcc32(e, cc, NULL);
        add_exit(t, XK_DIRECT, target, f, True);
        return;
    }
    UChar *skip = emit_jcc32(e, cc ^ 1, NULL);
    UCHeld before = t->held;
    group(t, t->cur, VG_TAKEN, target);
    give_back(t, 0xFFFF);
    t->held = before;
    UChar *f = emit_jmp32(e, NULL);
    add_exit(t, XK_DIRECT, target, f, True);
    patch_rel32(skip, e->p);
}


/*--- Spilling ----------------------------------------------------------------------------*/

static void raw_spill(Emit *e, Int reg, Int slot)
{
    EMem m = emem_gs(TS_OFF_SPILL(slot));
    emit_mov_store(e, &m, reg);
}

/* Spills a guest register around a rewritten instruction, and records
   where its guest value is while the instruction runs, so that a fault
   there can be reported with the guest's registers. */
static void spill(Tr *t, Int reg, Int slot)
{
    raw_spill(&t->e, reg, slot);
    vg_assert(t->n_recover < VG_RECOVER_MAX);
    t->recover[t->cur] |= (ULong)(0x80 | reg << 3 | slot) << (8 * t->n_recover);
    t->n_recover++;
}

static void unspill(Emit *e, Int reg, Int slot)
{
    EMem m = emem_gs(TS_OFF_SPILL(slot));
    emit_mov_load(e, reg, &m);
}

/* Registers an instruction reads or writes, explicitly or implicitly, as
   a mask of hardware numbers; *high_byte says if it names ah/bh/ch/dh. */
static UInt regs_used(const cs_insn *ci, Bool *high_byte)
{
    cs_regs rd, wr;
    uint8_t nrd = 0, nwr = 0;
    UInt mask = 1u << R_RSP;
    *high_byte = False;
    if (cs_regs_access(cs_handle, ci, rd, &nrd, wr, &nwr) == CS_ERR_OK) {
        for (UInt i = 0; i < nrd; i++) {
            Int r = hwreg(rd[i]);
            if (r >= 0 && r < 16)
                mask |= 1u << r;
            *high_byte |= is_high_byte(rd[i]);
        }
        for (UInt i = 0; i < nwr; i++) {
            Int r = hwreg(wr[i]);
            if (r >= 0 && r < 16)
                mask |= 1u << r;
            *high_byte |= is_high_byte(wr[i]);
        }
    } else {
        mask = 0xFFFF; /* unknown: avoid everything we can */
    }
    /* capstone 4 misses implicit operands of these (dependencies.md). */
    switch (ci->id) {
    case X86_INS_CMPXCHG:
        mask |= 1u << R_RAX;
        break;
    case X86_INS_CMPXCHG8B:
    case X86_INS_CMPXCHG16B:
        mask |= 1u << R_RAX | 1u << R_RDX | 1u << R_RCX | 1u << R_RBX;
        break;
    default:
        break;
    }
    if (ci->detail->x86.prefix[0] != 0) /* rep/repne/lock: be conservative */
        mask |= 1u << R_RAX | 1u << R_RCX | 1u << R_RSI | 1u << R_RDI;
    return mask;
}

/* Every general register an instruction may read or write: what capstone
   says, and everything for the instructions whose implicit operands it
   is known to miss or report unreliably. */
static UInt guest_refs(const cs_insn *ci)
{
    switch (ci->id) {
    case X86_INS_XLATB: case X86_INS_RDTSC: case X86_INS_RDTSCP: case X86_INS_XGETBV:
    case X86_INS_XSAVE: case X86_INS_XSAVE64: case X86_INS_XSAVEC: case X86_INS_XSAVEC64:
    case X86_INS_XSAVEOPT: case X86_INS_XSAVEOPT64: case X86_INS_XRSTOR: case X86_INS_XRSTOR64:
    case X86_INS_MULX: case X86_INS_MASKMOVQ: case X86_INS_MASKMOVDQU:
    case X86_INS_VMASKMOVDQU: case X86_INS_PCMPESTRI: case X86_INS_PCMPESTRM:
    case X86_INS_VPCMPESTRI: case X86_INS_VPCMPESTRM: case X86_INS_PCMPISTRI:
    case X86_INS_VPCMPISTRI: case X86_INS_MONITOR: case X86_INS_MWAIT: case X86_INS_IN:
    case X86_INS_OUT: case X86_INS_LAHF: case X86_INS_SAHF:
        return 0xFFFF;
    default: {
        Bool hb;
        return regs_used(ci, &hb);
    }
    }
}

static Int pick_scratch(UInt *used, Bool high_byte)
{
    static const Int order[] = {R_RAX, R_RCX, R_RDX, R_RBX, R_RSI, R_RDI, R_R8, R_R9,
                                R_R10, R_R11, R_R14, R_R15, R_R12, R_R13, R_RBP};
    for (UInt i = 0; i < VG_N_ELEMS(order); i++) {
        Int r = order[i];
        if (high_byte && r >= 8)
            continue;
        if (!(*used & (1u << r))) {
            *used |= 1u << r;
            return r;
        }
    }
    VG_(core_panic)("no scratch register free for a rewritten instruction");
}

/*--- Memory operands that cannot be copied ------------------------------------------------*/

static const cs_x86_op *mem_operand(const cs_insn *ci)
{
    const cs_x86 *x = &ci->detail->x86;
    for (UInt i = 0; i < x->op_count; i++)
        if (x->operands[i].type == X86_OP_MEM)
            return &x->operands[i];
    return NULL;
}

static Bool needs_rewrite(const cs_x86_op *mo)
{
    return mo && (mo->mem.base == X86_REG_RIP || mo->mem.segment == X86_REG_FS ||
                  mo->mem.segment == X86_REG_GS);
}

static void unsupported(const cs_insn *ci, const HChar *why)
{
    VG_(core_panic)("cannot translate '%s %s' at %#lx: %s", ci->mnemonic, ci->op_str,
                    (unsigned long)ci->address, why);
}

/* Emits the instruction laid out in L, whose memory operand mo (as decoded
   from the guest instruction ending at guest_next) is rip-relative or
   %fs/%gs-based.  used: registers the instruction touches. */
static void emit_rewritten(Tr *t, const cs_insn *ci, const InsnLayout *L, const cs_x86_op *mo,
                           Addr guest_next, UInt used, Bool high_byte)
{
    Emit *e = &t->e;
    if (mo->mem.base == X86_REG_RIP) {
        Addr target = guest_next + (Addr)mo->mem.disp;
        if (rel32_reaches(e->p + L->len, target)) {
            EMem m = {R_RIP, R_NONE, 1, (Long)target, 0};
            emit_guest_with_mem(e, L, &m, False);
            return;
        }
        Int r = pick_scratch(&used, high_byte);
        spill(t, r, SPILL_S0);
        emit_movabs(e, r, target);
        EMem m = emem(r, R_NONE, 1, 0);
        emit_guest_with_mem(e, L, &m, False);
        unspill(e, r, SPILL_S0);
        return;
    }
    /* %fs: or %gs: -> the guest's base from the thread state, plus the
       operand's own base, index and displacement. */
    Int base = hwreg(mo->mem.base), index = hwreg(mo->mem.index);
    Int scale = mo->mem.scale;
    if (base == R_RIP || index == R_RIP)
        unsupported(ci, "segment-relative rip operand");
    Int r1 = pick_scratch(&used, high_byte), r2 = R_NONE;
    spill(t, r1, SPILL_S0);
    EMem segbase = emem_gs(mo->mem.segment == X86_REG_FS ? TS_OFF_FS_BASE : TS_OFF_GS_BASE);
    EMem m;
    if (base != R_NONE && index != R_NONE) {
        r2 = pick_scratch(&used, high_byte);
        spill(t, r2, SPILL_S1);
        EMem sum = emem(base, index, scale, 0);
        emit_lea(e, r2, &sum);
        m = emem(r1, r2, 1, mo->mem.disp);
    } else if (base != R_NONE) {
        m = base == R_RSP ? emem(R_RSP, r1, 1, mo->mem.disp) : emem(r1, base, 1, mo->mem.disp);
    } else if (index != R_NONE) {
        m = emem(r1, index, scale, mo->mem.disp);
    } else {
        m = emem(r1, R_NONE, 1, mo->mem.disp);
    }
    emit_mov_load(e, r1, &segbase);
    emit_guest_with_mem(e, L, &m, True);
    if (r2 != R_NONE)
        unspill(e, r2, SPILL_S1);
    unspill(e, r1, SPILL_S0);
}

/* mov between the accumulator and %fs:/%gs:moffs64 (opcodes A0-A3), which
   has no ModRM: re-encoded as the ModRM form (8A/8B/88/89 with reg = al/
   eax/rax) at [seg base + moffs]. */
static Bool lower_moffs(Tr *t, const cs_insn *ci, const cs_x86_op *mo, UInt used)
{
    const UChar *b = ci->bytes;
    UInt i = 0;
    UChar buf[16];
    UInt n = 0;
    while (i < ci->size && (b[i] == 0x64 || b[i] == 0x65 || b[i] == 0x66 || b[i] == 0x67 ||
                            b[i] == 0xF0 || b[i] == 0xF2 || b[i] == 0xF3 || b[i] == 0x2E ||
                            b[i] == 0x36 || b[i] == 0x3E || b[i] == 0x26))
        buf[n++] = b[i++];
    UInt n_legacy = n;
    Int rex = -1;
    if (i < ci->size && (b[i] & 0xF0) == 0x40)
        rex = b[i++];
    if (i >= ci->size || b[i] < 0xA0 || b[i] > 0xA3 || mo->mem.segment == X86_REG_INVALID)
        return False;
    static const UChar modrm_op[4] = {0x8A, 0x8B, 0x88, 0x89};
    UChar op = modrm_op[b[i] - 0xA0];
    Int seg_pos = -1;
    for (UInt k = 0; k < n_legacy; k++)
        if (buf[k] == 0x64 || buf[k] == 0x65)
            seg_pos = (Int)k;
    if (rex >= 0)
        buf[n++] = (UChar)(rex & 0x48);
    buf[n++] = op;
    UInt modrm_pos = n;
    /* [disp32] absolute: the real displacement goes in through the EMem. */
    buf[n++] = 0x04;
    buf[n++] = 0x25;
    buf[n++] = 0, buf[n++] = 0, buf[n++] = 0, buf[n++] = 0;
    InsnLayout L;
    memset(&L, 0, sizeof L);
    L.bytes = buf;
    L.len = n;
    L.n_legacy = n_legacy;
    L.seg_pos = seg_pos;
    L.rex_pos = rex >= 0 ? (Int)n_legacy : -1;
    L.vex_pos = -1;
    L.opc_pos = n_legacy + (rex >= 0 ? 1 : 0);
    L.modrm_pos = modrm_pos;
    L.mem_end = n;
    Emit *e = &t->e;
    Long moffs = mo->mem.disp;
    Int r1 = pick_scratch(&used, False);
    spill(t, r1, SPILL_S0);
    EMem segbase = emem_gs(mo->mem.segment == X86_REG_FS ? TS_OFF_FS_BASE : TS_OFF_GS_BASE);
    emit_mov_load(e, r1, &segbase);
    EMem m;
    Int r2 = R_NONE;
    if (moffs == (Long)(Int)moffs) {
        m = emem(r1, R_NONE, 1, moffs);
    } else {
        r2 = pick_scratch(&used, False);
        spill(t, r2, SPILL_S1);
        emit_movabs(e, r2, (ULong)moffs);
        m = emem(r1, r2, 1, 0);
    }
    emit_guest_with_mem(e, &L, &m, True);
    if (r2 != R_NONE)
        unspill(e, r2, SPILL_S1);
    unspill(e, r1, SPILL_S0);
    return True;
}

/* An ordinary instruction: copied, unless its memory operand needs help. */
static void lower_plain(Tr *t, const cs_insn *ci)
{
    const cs_x86_op *mo = mem_operand(ci);
    if (!needs_rewrite(mo)) {
        emit_bytes(&t->e, ci->bytes, ci->size);
        return;
    }
    Addr next = ci->address + ci->size;
    switch (ci->id) {
    case X86_INS_LEA: {
        /* lea ignores segments; a rip-relative one is just a constant. */
        const cs_x86_op *dst = &ci->detail->x86.operands[0];
        if (mo->mem.base != X86_REG_RIP) {
            emit_bytes(&t->e, ci->bytes, ci->size);
            return;
        }
        Addr target = next + (Addr)mo->mem.disp;
        if (dst->size == 8) {
            emit_movabs(&t->e, hwreg(dst->reg), target);
            return;
        }
        if (dst->size == 4) {
            emit_movabs(&t->e, hwreg(dst->reg), (UInt)target);
            return;
        }
        break;
    }
    case X86_INS_NOP:
    case X86_INS_PREFETCH: case X86_INS_PREFETCHNTA: case X86_INS_PREFETCHT0:
    case X86_INS_PREFETCHT1: case X86_INS_PREFETCHT2: case X86_INS_PREFETCHW:
        return; /* hints: nothing to run */
    default:
        break;
    }
    Bool hb;
    UInt used = regs_used(ci, &hb);
    if (ci->detail->x86.encoding.modrm_offset == 0 && lower_moffs(t, ci, mo, used))
        return;
    InsnLayout L;
    if (!layout_insn(&L, ci->bytes, ci->size, ci->detail->x86.encoding.modrm_offset))
        unsupported(ci, "memory operand without a ModRM encoding");
    emit_rewritten(t, ci, &L, mo, next, used, hb);
}

/*--- Indirect branches -------------------------------------------------------------------*/

/* Inline lookup of the guest target in %rdx, with rax/rcx/rdx spilled:
 *     movzx eax, dx
 *     mov   rcx, gs:[IBL_TAG + rax*8]     ; -guest of the entry
 *     lea   rcx, [rcx + rdx]              ; 0 iff it is our target
 *     jrcxz 1f
 *     jmp   lookup_miss
 * 1:  jmp   gs:[IBL_HOST + rax*8]         ; the translation's lookup entry
 */
static void emit_lookup(Tr *t)
{
    Emit *e = &t->e;
    static const UChar movzx[] = {0x0F, 0xB7};
    emit_op_rr(e, 4, movzx, 2, R_RAX, R_RDX);
    EMem tag = {R_NONE, R_RAX, 8, TS_OFF_IBL_TAG, 0x65};
    emit_mov_load(e, R_RCX, &tag);
    EMem sum = emem(R_RCX, R_RDX, 1, 0);
    emit_lea(e, R_RCX, &sum);
    UChar *to_hit = emit_rel8_branch(e, 0xE3, NULL);
    emit_jmp32(e, (const UChar *)VG_(dispatch).lookup_miss);
    patch_rel8(to_hit, e->p);
    if (VG_(stats_enabled)()) {
        EMem hits = emem_gs(TS_OFF_STAT_IBL_HITS);
        emit_mov_load(e, R_RCX, &hits);
        EMem inc = emem(R_RCX, R_NONE, 1, 1);
        emit_lea(e, R_RCX, &inc);
        emit_mov_store(e, &hits, R_RCX);
    }
    EMem host = {R_NONE, R_RAX, 8, TS_OFF_IBL_HOST, 0x65};
    emit_jmp_mem(e, &host);
    t->ends = True;
}

static void spill_lookup_regs(Tr *t)
{
    spill(t, R_RAX, SPILL_RAX);
    spill(t, R_RCX, SPILL_RCX);
    spill(t, R_RDX, SPILL_RDX);
}

/* mov rdx, <the r/m operand of call/jmp r/m64> */
static void emit_target_to_rdx(Tr *t, const cs_insn *ci)
{
    const cs_x86_op *op = &ci->detail->x86.operands[0];
    if (op->type == X86_OP_REG) {
        Int r = hwreg(op->reg);
        if (r != R_RDX)
            emit_mov_rr(&t->e, R_RDX, r);
        return;
    }
    vg_assert(op->type == X86_OP_MEM);
    /* Rebuild the instruction as "mov rdx, m64": same prefixes and memory
       encoding, REX.W, opcode 8B, reg field 2. */
    InsnLayout L;
    if (!layout_insn(&L, ci->bytes, ci->size, ci->detail->x86.encoding.modrm_offset))
        unsupported(ci, "indirect branch operand");
    UChar buf[20];
    UInt n = 0;
    for (UInt i = 0; i < L.n_legacy; i++)
        if (ci->bytes[i] != 0x66) /* operand size is 64 bits regardless */
            buf[n++] = ci->bytes[i];
    Int seg_pos = -1;
    for (UInt i = 0; i < n; i++)
        if (buf[i] == 0x64 || buf[i] == 0x65)
            seg_pos = (Int)i;
    UInt n_legacy = n;
    UChar rex = 0x48;
    if (L.rex_pos >= 0)
        rex |= ci->bytes[L.rex_pos] & 0x03;
    buf[n++] = rex;
    buf[n++] = 0x8B;
    UInt modrm_pos = n;
    buf[n++] = (UChar)((ci->bytes[L.modrm_pos] & 0xC7) | (R_RDX << 3));
    for (UInt i = L.modrm_pos + 1; i < L.mem_end; i++)
        buf[n++] = ci->bytes[i];
    InsnLayout M;
    memset(&M, 0, sizeof M);
    M.bytes = buf;
    M.len = n;
    M.n_legacy = n_legacy;
    M.seg_pos = seg_pos;
    M.rex_pos = (Int)n_legacy;
    M.vex_pos = -1;
    M.opc_pos = n_legacy + 1;
    M.modrm_pos = modrm_pos;
    M.mem_end = n;
    if (!needs_rewrite(op)) {
        emit_bytes(&t->e, buf, n);
        return;
    }
    UInt used = 1u << R_RSP | 1u << R_RDX;
    Int b = hwreg(op->mem.base), x = hwreg(op->mem.index);
    if (b >= 0 && b < 16)
        used |= 1u << b;
    if (x >= 0 && x < 16)
        used |= 1u << x;
    emit_rewritten(t, ci, &M, op, ci->address + ci->size, used, False);
}

/* Pushes a guest return address without a scratch register. */
static void emit_push_return(Tr *t, Addr ret)
{
    Emit *e = &t->e;
    if ((Long)ret == (Long)(Int)ret) {
        emit_push_simm32(e, (Int)ret);
        return;
    }
    /* Store first, then move rsp: a fault on the store leaves the guest
       exactly before its call. */
    EMem lo = emem(R_RSP, R_NONE, 1, -8), hi = emem(R_RSP, R_NONE, 1, -4);
    emit_mov_m32_imm(e, &lo, (UInt)ret);
    emit_mov_m32_imm(e, &hi, (UInt)(ret >> 32));
    EMem down = emem(R_RSP, R_NONE, 1, -8);
    emit_lea(e, R_RSP, &down);
}

/*--- Control transfers ------------------------------------------------------------------*/

static Int cc_of(UInt id)
{
    switch (id) {
    case X86_INS_JO: return CC_O;
    case X86_INS_JNO: return CC_NO;
    case X86_INS_JB: return CC_B;
    case X86_INS_JAE: return CC_AE;
    case X86_INS_JE: return CC_E;
    case X86_INS_JNE: return CC_NE;
    case X86_INS_JBE: return CC_BE;
    case X86_INS_JA: return CC_A;
    case X86_INS_JS: return CC_S;
    case X86_INS_JNS: return CC_NS;
    case X86_INS_JP: return CC_P;
    case X86_INS_JNP: return CC_NP;
    case X86_INS_JL: return CC_L;
    case X86_INS_JGE: return CC_GE;
    case X86_INS_JLE: return CC_LE;
    case X86_INS_JG: return CC_G;
    default: return -1;
    }
}

Bool VG_(is_jcc)(UInt id)
{
    return cc_of(id) >= 0;
}

static Addr imm_target(const cs_insn *ci)
{
    const cs_x86 *x = &ci->detail->x86;
    vg_assert(x->op_count >= 1 && x->operands[0].type == X86_OP_IMM);
    return (Addr)x->operands[0].imm;
}

/* Returns True if ci is a control transfer (and has been lowered). */
static Bool lower_control(Tr *t, const cs_insn *ci)
{
    Addr next = ci->address + ci->size;
    Emit *e = &t->e;
    Int cc = cc_of(ci->id);
    if (cc >= 0) {
        emit_cond_exit(t, cc, imm_target(ci));
        group(t, t->cur, VG_AFTER, next);
        end_with(t, XK_DIRECT, next);
        return True;
    }
    switch (ci->id) {
    case X86_INS_JMP:
        if (ci->detail->x86.operands[0].type == X86_OP_IMM) {
            end_with(t, XK_DIRECT, imm_target(ci));
        } else {
            spill_lookup_regs(t);
            emit_target_to_rdx(t, ci);
            emit_lookup(t);
        }
        return True;
    case X86_INS_CALL:
        if (ci->detail->x86.operands[0].type == X86_OP_IMM) {
            emit_push_return(t, next);
            end_with(t, XK_DIRECT, imm_target(ci));
        } else {
            spill_lookup_regs(t);
            emit_target_to_rdx(t, ci);
            emit_push_return(t, next);
            emit_lookup(t);
        }
        return True;
    case X86_INS_RET: {
        spill_lookup_regs(t);
        emit_pop(e, R_RDX);
        const cs_x86 *x = &ci->detail->x86;
        if (x->op_count == 1 && x->operands[0].type == X86_OP_IMM && x->operands[0].imm) {
            EMem up = emem(R_RSP, R_NONE, 1, x->operands[0].imm);
            emit_lea(e, R_RSP, &up);
        }
        emit_lookup(t);
        return True;
    }
    case X86_INS_LOOP: case X86_INS_LOOPE: case X86_INS_LOOPNE:
    case X86_INS_JRCXZ: case X86_INS_JECXZ: {
        /* Keep the rel8 instruction, aimed just past a jump to the
           not-taken path:
               loop 1f ; jmp 2f ; 1: <taken UCode> jmp exit(target)
               2: <after UCode> jmp exit(next) */
        emit_bytes(e, ci->bytes, ci->size - 1u);
        UChar *rel8 = e->p;
        emit_byte(e, 0);
        UChar *to_fall = emit_jmp32(e, NULL);
        patch_rel8(rel8, e->p);
        group(t, t->cur, VG_TAKEN, imm_target(ci));
        UChar *taken = emit_jmp32(e, NULL);
        add_exit(t, XK_DIRECT, imm_target(ci), taken, True);
        patch_rel32(to_fall, e->p);
        group(t, t->cur, VG_AFTER, next);
        end_with(t, XK_DIRECT, next);
        return True;
    }
    case X86_INS_SYSCALL:
        end_with(t, XK_SYSCALL, next);
        return True;
    case X86_INS_CPUID:
        end_with(t, XK_CPUID, next);
        return True;
    case X86_INS_INT3:
        end_with(t, XK_SIGTRAP, next);
        return True;
    case X86_INS_UD2: case X86_INS_UD0: case X86_INS_XBEGIN:
    case X86_INS_SYSENTER: case X86_INS_SYSEXIT: case X86_INS_SYSRET:
        end_with(t, XK_SIGILL, ci->address);
        return True;
    case X86_INS_HLT: case X86_INS_INT: case X86_INS_INT1: case X86_INS_INTO:
    case X86_INS_IRET: case X86_INS_IRETD: case X86_INS_IRETQ:
    case X86_INS_LJMP: case X86_INS_LCALL: case X86_INS_RETF: case X86_INS_RETFQ:
        end_with(t, XK_SIGSEGV, ci->address);
        return True;
    default:
        return False;
    }
}

/*--- The client-request magic ----------------------------------------------------------------*/

static const UChar magic_preamble[16] = {
    0x48, 0xC1, 0xC7, 0x03, 0x48, 0xC1, 0xC7, 0x0D,
    0x48, 0xC1, 0xC7, 0x3D, 0x48, 0xC1, 0xC7, 0x33};
#define MAGIC_LEN 19

/* If the magic sequence starts at a (with avail readable bytes), returns
   the exit kind it asks for, else -1. */
static Int magic_at(Addr a, SizeT avail)
{
    if (avail < MAGIC_LEN || memcmp((const void *)a, magic_preamble, 16) != 0)
        return -1;
    const UChar *x = (const UChar *)a + 16;
    if (x[0] != 0x48 || x[1] != 0x87)
        return -1;
    switch (x[2]) {
    case 0xDB: return XK_CLIENTREQ; /* xchg rbx,rbx */
    case 0xC9: return XK_NRADDR;    /* xchg rcx,rcx */
    case 0xD2: return XK_NOREDIR;   /* xchg rdx,rdx */
    case 0xFF: return XK_DIRECT;    /* xchg rdi,rdi: IR injection, a no-op here */
    default: return -1;
    }
}

/*--- Decoding ---------------------------------------------------------------------------------*/

/* Readable-and-executable bytes from a, across adjacent segments. */
static SizeT exec_bytes_from(Addr a)
{
    SizeT n = 0;
    for (;;) {
        const NSegment *s = VG_(am_find_segment)(a + n);
        if (s == NULL || (s->prot & (PROT_READ | PROT_EXEC)) != (PROT_READ | PROT_EXEC))
            return n;
        if (s->kind != SkAnonC && s->kind != SkFileC && s->kind != SkShmC &&
            s->kind != SkKernel)
            return n;
        n = s->end - a;
        if (n > 4096)
            return n;
    }
}

/*--- Putting a block together --------------------------------------------------------------------*/

static void emit_stubs(Tr *t)
{
    Emit *e = &t->e;
    TBlock *m = t->meta;
    for (UInt i = 0; i < m->n_exits; i++) {
        TExit *x = &m->exits[i];
        x->stub_off = (UInt)(e->p - t->host);
        patch_rel32(t->exit_jump[i], e->p);
        EMem arg = emem_gs(TS_OFF_EXIT_ARG);
        emit_mov_m32_imm(e, &arg, (UInt)VG_(cache_offset)(e->p));
        emit_jmp32(e, (const UChar *)VG_(dispatch).exit_stub);
    }
}

/* The lookup entry (restores what the inline lookup spilled), then the
   body's entry, counting block entries under --stats. */
static void emit_prologue(Tr *t)
{
    Emit *e = &t->e;
    unspill(e, R_RAX, SPILL_RAX);
    unspill(e, R_RCX, SPILL_RCX);
    unspill(e, R_RDX, SPILL_RDX);
    t->meta->body_off = (UInt)(e->p - t->host);
    if (VG_(stats_enabled)()) {
        raw_spill(e, R_RAX, SPILL_S4);
        EMem cnt = emem_gs(TS_OFF_STAT_BLOCKS);
        emit_mov_load(e, R_RAX, &cnt);
        EMem inc = emem(R_RAX, R_NONE, 1, 1);
        emit_lea(e, R_RAX, &inc);
        emit_mov_store(e, &cnt, R_RAX);
        unspill(e, R_RAX, SPILL_S4);
    }
}

/* How the instruction at each position of a block is lowered. */
typedef enum {
    M_NORMAL,      /* copied or rewritten; a control transfer ends the block */
    M_SIDE_EXIT,   /* jcc whose fall-through continues in the block */
    M_FOLLOW_JMP   /* direct jmp whose target continues in the block */
} LowerMode;

typedef struct {
    UInt n;                 /* instructions decoded */
    UChar mode[VG_MAX_BLOCK_INSNS];
    UChar mode_side_exit[VG_MAX_BLOCK_INSNS]; /* 1 where mode is M_SIDE_EXIT */
    GExtent ext[VG_MAX_EXTENTS];
    UInt n_ext;
    Addr next;              /* where a block that just stops goes on */
    Int magic;              /* the block is a client-request sequence */
    Bool not_exec;          /* the entry is not executable memory */
} Decoded;

#define MAX_SIDE_EXITS (MAX_EXITS - 2)

static Bool ends_block(UInt id)
{
    switch (id) {
    case X86_INS_JMP: case X86_INS_CALL: case X86_INS_RET: case X86_INS_LOOP:
    case X86_INS_LOOPE: case X86_INS_LOOPNE: case X86_INS_JRCXZ: case X86_INS_JECXZ:
    case X86_INS_SYSCALL: case X86_INS_CPUID: case X86_INS_INT3: case X86_INS_UD2:
    case X86_INS_UD0: case X86_INS_XBEGIN: case X86_INS_SYSENTER: case X86_INS_SYSEXIT:
    case X86_INS_SYSRET: case X86_INS_HLT: case X86_INS_INT: case X86_INS_INT1:
    case X86_INS_INTO: case X86_INS_IRET: case X86_INS_IRETD: case X86_INS_IRETQ:
    case X86_INS_LJMP: case X86_INS_LCALL: case X86_INS_RETF: case X86_INS_RETFQ:
        return True;
    default:
        return cc_of(id) >= 0;
    }
}

static Bool in_extents(const Decoded *d, Addr a)
{
    for (UInt i = 0; i < d->n_ext; i++)
        if (a >= d->ext[i].base && a < d->ext[i].base + d->ext[i].len)
            return True;
    return a == d->ext[d->n_ext - 1].base + d->ext[d->n_ext - 1].len;
}

/* May the block go on at target (a direct jmp)?  Not into code
   already translated (chain to it instead), not back into itself, and
   not past the extent limit. */
static Bool may_follow(const Decoded *d, Addr target)
{
    return d->n_ext < VG_MAX_EXTENTS && !in_extents(d, target) &&
           VG_(lookup_block)(target) == NULL && !VG_(redir_is_redirected)(target) &&
           exec_bytes_from(target) > 0 &&
           magic_at(target, exec_bytes_from(target)) < 0;
}

/* Instructions in the hint-NOP space (0F 1E) that capstone 4 cannot
   decode: rdsspd/rdsspq (F3 [REX] 0F 1E /1, register form).  Without CET
   shadow stacks, which the virtual CPUID does not offer, they execute as
   NOPs, so the guest bytes can be copied.  Fills ci as a NOP of the same
   length at a. */
static Bool decode_hint_nop(Addr a, SizeT avail, cs_insn *ci)
{
    const UChar *b = (const UChar *)a;
    UInt i = 0;
    if (avail < 4 || b[i++] != 0xF3)
        return False;
    if ((b[i] & 0xF0) == 0x40)
        i++;
    if (i + 3 > avail || b[i] != 0x0F || b[i + 1] != 0x1E || (b[i + 2] & 0xF8) != 0xC8)
        return False;
    UInt len = i + 3;
    static const UChar nops[][8] = {{0}, {0}, {0}, {0x0F, 0x1F, 0x00},
                                    {0x0F, 0x1F, 0x40, 0x00}, {0x0F, 0x1F, 0x44, 0x00, 0x00}};
    const uint8_t *code = nops[len];
    size_t size = len;
    uint64_t addr = a;
    if (!cs_disasm_iter(cs_handle, &code, &size, &addr, ci) || ci->size != len)
        return False;
    memcpy(ci->bytes, b, len);
    return True;
}

/* Decodes the superblock at guest: straight-line code continuing past
   conditional branches (side exits) and into the targets of direct jumps,
   up to VG_MAX_BLOCK_INSNS instructions. */
static void decode_block(Addr guest, Decoded *d, UInt max_insns)
{
    memset(d, 0, sizeof *d);
    d->magic = -1;
    SizeT avail = exec_bytes_from(guest);
    if (avail == 0) {
        d->not_exec = True;
        d->next = guest;
        return;
    }
    d->magic = magic_at(guest, avail);
    if (d->magic >= 0) {
        d->ext[0].base = guest;
        d->ext[0].len = MAGIC_LEN;
        d->n_ext = 1;
        d->next = guest + MAGIC_LEN;
        return;
    }
    Addr a = guest, limit = guest + avail;
    UInt n_side = 0;
    d->ext[0].base = guest;
    d->n_ext = 1;
    while (d->n < max_insns) {
        /* A client request starts a block of its own; so does a
           redirected function, so that the redirection applies. */
        if (a >= limit ||
            (d->n > 0 && (magic_at(a, limit - a) >= 0 || VG_(redir_is_redirected)(a))))
            break;
        const uint8_t *code = (const uint8_t *)a;
        size_t size = limit - a < 16 ? limit - a : 16;
        uint64_t addr = a;
        cs_insn *ci = insns[d->n];
        if (!cs_disasm_iter(cs_handle, &code, &size, &addr, ci) &&
            !decode_hint_nop(a, limit - a, ci))
            break;
        d->mode[d->n] = M_NORMAL;
        d->ext[d->n_ext - 1].len += ci->size;
        d->n++;
        a += ci->size;
        if (!ends_block(ci->id))
            continue;
        Bool room = d->n < max_insns - 1;
        if (cc_of(ci->id) >= 0 && n_side < MAX_SIDE_EXITS && room) {
            d->mode[d->n - 1] = M_SIDE_EXIT;
            d->mode_side_exit[d->n - 1] = 1;
            n_side++;
            continue;
        }
        /* Direct jumps are followed; calls are not: their callees would be
           decoded again into every caller (measured: 1.8x the decoding on
           python for no gain). */
        if (ci->id == X86_INS_JMP && room && ci->detail->x86.operands[0].type == X86_OP_IMM) {
            Addr target = imm_target(ci);
            if (may_follow(d, target)) {
                d->mode[d->n - 1] = M_FOLLOW_JMP;
                d->ext[d->n_ext].base = target;
                d->ext[d->n_ext].len = 0;
                d->n_ext++;
                a = target;
                limit = target + exec_bytes_from(target);
                continue;
            }
        }
        break;
    }
    d->next = a;
}

/* A rep-prefixed string instruction with UCode attached, one iteration
   at a time (the UCode runs per element):
       top:  jrcxz 1f ; jmp 2f
       1:    jmp done
       2:    <BEFORE> <the instruction without rep> lea rcx,[rcx-1] <AFTER>
             [repe: jne done | repne: je done]
             jmp top
       done: */
static void lower_rep_loop(Tr *t, const cs_insn *ci)
{
    Emit *e = &t->e;
    UChar *top = e->p;
    emit_byte(e, 0xE3); /* jrcxz +2 */
    emit_byte(e, 0x02);
    emit_byte(e, 0xEB); /* jmp +5 */
    emit_byte(e, 0x05);
    UChar *to_done = emit_jmp32(e, NULL);
    group(t, t->cur, VG_BEFORE, ci->address);
    UChar rep = ci->detail->x86.prefix[0];
    UInt k = 0;
    UChar bytes[16];
    Bool dropped = False;
    for (UInt i = 0; i < ci->size; i++) {
        UChar b = ci->bytes[i];
        if (!dropped && i < 4 && (b == 0xF3 || b == 0xF2)) {
            dropped = True; /* the rep prefix */
            continue;
        }
        bytes[k++] = b;
    }
    emit_bytes(e, bytes, k);
    EMem dec = emem(R_RCX, R_NONE, 1, -1);
    emit_lea(e, R_RCX, &dec);
    group(t, t->cur, VG_AFTER, ci->address);
    UChar *to_done2 = NULL;
    Bool zf_test = ci->id == X86_INS_CMPSB || ci->id == X86_INS_CMPSW ||
                   ci->id == X86_INS_CMPSQ || ci->id == X86_INS_SCASB ||
                   ci->id == X86_INS_SCASW || ci->id == X86_INS_SCASD ||
                   ci->id == X86_INS_SCASQ;
    if (zf_test)
        to_done2 = emit_jcc32(e, rep == X86_PREFIX_REPE ? CC_NE : CC_E, NULL);
    emit_jmp32(e, top);
    patch_rel32(to_done, e->p);
    if (to_done2)
        patch_rel32(to_done2, e->p);
}

static Bool is_rep_string(const cs_insn *ci, UCodeBlock *cb, UInt i)
{
    return cb != NULL && VG_(cb_insn)(cb, i)->rep &&
           (VG_(ucode_has_at)(cb, UC_ANCHOR(i, VG_BEFORE)) ||
            VG_(ucode_has_at)(cb, UC_ANCHOR(i, VG_AFTER)));
}

/* Appends the out-of-line code after the body and relocates its jumps. */
static void append_ool(Tr *t)
{
    UCOol *ool = t->ool;
    if (ool->len == 0)
        return;
    if (ool->overflow) {
        t->e.overflow = True;
        return;
    }
    UChar *base = t->e.p;
    emit_bytes(&t->e, ool->buf, ool->len);
    if (t->e.overflow)
        return;
    for (UInt i = 0; i < ool->n_to_main; i++)
        patch_rel32(base + ool->to_main[i].off, ool->to_main[i].target);
    for (UInt i = 0; i < ool->n_from_main; i++)
        patch_rel32(ool->from_main[i].field, base + ool->from_main[i].off);
}

static UCOol the_ool;

/* One try at translating the block at guest with at most max_insns
   instructions; NULL if its code did not fit. */
static TBlock *translate_attempt(Addr key, Addr guest, UInt max_insns)
{
    Tr t;
    Decoded d;
    memset(&t, 0, sizeof t);
    memset(&meta_space, 0, sizeof meta_space);
    t.guest = guest;
    t.meta = &meta_space.b;
    decode_block(guest, &d, max_insns);
    t.n = d.n;

    UCodeBlock cb;
    VG_(ucode_init_block)(&cb, guest, (const void *const *)insns, d.mode_side_exit, d.n);
    Bool stack_events = VG_(tracks_stack_events)();
    if (stack_events)
        VG_(add_stack_events)(&cb, False);
    UCodeBlock *out = VG_(skin).instrument(&cb, guest);
    vg_assert2(out == &cb, "instrumentation returned another block");
    if (cb.open_if >= 0)
        VG_(skin_panic)("VG_(uc_if) without VG_(uc_endif) at the end of SK_(instrument)");
    if (stack_events && cb.open_if < 0)
        VG_(add_stack_events)(&cb, True);
    if (cb.too_many_temps) {
        if (max_insns == 1)
            VG_(skin_panic)("one instruction's UCode needs more temps than a block may have");
        VG_(ucode_free_block)(&cb);
        return NULL;
    }
    t.cb = VG_(ucode_any)(&cb) ? &cb : NULL;
    t.ool = &the_ool;
    the_ool.len = the_ool.n_to_main = the_ool.n_from_main = the_ool.n_exits = 0;
    the_ool.overflow = False;

    t.e = VG_(cache_reserve)(MAX_BLOCK_HOST);
    t.host = t.e.p;
    t.meta->host = t.host;
    t.meta->guest = key;
    emit_prologue(&t);
    if (key != guest && !(key & VG_NOREDIR_BIT)) {
        /* A redirected function: a wrapper's VG_GET_ORIG_FN asks for the
           function it replaced. */
        EMem lo = emem_gs(TS_OFF_NRADDR), hi = emem_gs(TS_OFF_NRADDR + 4);
        emit_mov_m32_imm(&t.e, &lo, (UInt)key);
        emit_mov_m32_imm(&t.e, &hi, (UInt)(key >> 32));
    }

    for (UInt i = 0; i < d.n && !t.ends; i++) {
        const cs_insn *ci = insns[i];
        t.host_off[i] = (UShort)(t.e.p - t.host);
        t.gaddr[i] = ci->address;
        t.cur = i;
        t.n_recover = 0;
        t.recover[i] = 0;
        Addr next = ci->address + ci->size;
        if (is_rep_string(ci, t.cb, i)) {
            give_back(&t, 0xFFFF);
            t.insn_held[i] = 0;
            t.eager = True;
            lower_rep_loop(&t, ci);
            t.eager = False;
            continue;
        }
        group(&t, i, VG_BEFORE, ci->address);
        /* Registers UCode holds go back before guest code that uses them,
           all of them before anything but a plain copy. */
        Bool plain = d.mode[i] == M_NORMAL && !ends_block(ci->id) &&
                     !needs_rewrite(mem_operand(ci));
        if (d.mode[i] != M_FOLLOW_JMP)
            give_back(&t, plain ? guest_refs(ci) : 0xFFFF);
        t.insn_held[i] = (UShort)t.held.saved;
        switch ((LowerMode)d.mode[i]) {
        case M_SIDE_EXIT:
            emit_cond_exit(&t, cc_of(ci->id), imm_target(ci));
            group(&t, i, VG_AFTER, next);
            break;
        case M_FOLLOW_JMP:
            break;
        case M_NORMAL:
            if (!lower_control(&t, ci)) {
                lower_plain(&t, ci);
                group(&t, i, VG_AFTER, next);
            }
            break;
        }
    }
    give_back(&t, 0xFFFF);
    UInt n = d.n;
    if (d.magic >= 0) {
        t.host_off[0] = (UShort)(t.e.p - t.host);
        t.gaddr[0] = guest;
        t.recover[0] = 0;
        n = 1;
        end_with(&t, (TExitKind)d.magic, d.next);
    } else if (d.not_exec) {
        end_with(&t, XK_NOTEXEC, guest);
    } else if (d.n == 0) {
        d.ext[0].len = 1;
        end_with(&t, XK_UNDECODED, guest);
    } else if (!t.ends) {
        end_with(&t, XK_DIRECT, d.next); /* block limit or undecodable next */
    }
    append_ool(&t);
    emit_stubs(&t);
    if (t.e.overflow) {
        VG_(ucode_free_block)(&cb);
        return NULL;
    }

    TBlock *m = t.meta;
    memcpy(m->ext, d.ext, sizeof d.ext);
    m->n_ext = (UChar)(d.not_exec ? 0 : d.n_ext);
    m->n_insns = (UShort)n;
    m->host_len = (UInt)(t.e.p - t.host);
    m->insn_host_off = t.host_off;
    m->insn_addr = t.gaddr;
    m->insn_recover = t.recover;
    m->insn_held = t.insn_held;
    for (UInt i = 0; i < m->n_ext; i++) {
        VG_(am_note_code)(m->ext[i].base);
        VG_(am_protect_code)(m->ext[i].base, m->ext[i].len);
    }
    TBlock *b = VG_(cache_commit)(m);
    if (VG_(clo_should_trace_block)(key) || (key != guest && VG_(clo_should_trace_block)(guest)))
        VG_(dump_block)(b, &cb);
    VG_(ucode_free_block)(&cb);
    return b;
}

/* A block whose code does not fit (or whose UCode needs too many temps)
   is translated again with half the instructions. */
TBlock *VG_(translate)(Addr key)
{
    Addr guest = VG_(redir_code_for)(key);
    for (UInt max = VG_MAX_BLOCK_INSNS; max >= 1; max /= 2) {
        TBlock *b = translate_attempt(key, guest, max);
        if (b != NULL)
            return b;
    }
    VG_(core_panic)("the translation of one instruction at %#lx does not fit in %u bytes",
                    (unsigned long)guest, MAX_BLOCK_HOST);
}

/*--- Debug dump -----------------------------------------------------------------------------------*/

static const HChar *exit_kind_name(UInt k)
{
    static const HChar *names[] = {"direct",  "syscall", "cpuid",   "clientreq",
                                   "nraddr",  "noredir", "sigill",  "undecoded",
                                   "sigtrap", "sigsegv", "notexec"};
    return k < VG_N_ELEMS(names) ? names[k] : "?";
}

void VG_(dump_block)(const TBlock *b, UCodeBlock *cb)
{
    UInt glen = 0;
    for (UInt i = 0; i < b->n_ext; i++)
        glen += b->ext[i].len;
    VG_(printf)("==== block %#lx (%u guest insns in %u extents, %u guest bytes -> %u host "
                "bytes)\n",
                (unsigned long)b->guest, b->n_insns, b->n_ext, glen, b->host_len);
    VG_(printf)("---- guest code\n");
    cs_insn *ci = insns[VG_MAX_BLOCK_INSNS];
    for (UInt i = 0; i < b->n_insns; i++) {
        const uint8_t *gcode = (const uint8_t *)b->insn_addr[i];
        size_t gsize = 16;
        uint64_t gaddr = b->insn_addr[i];
        if (cs_disasm_iter(cs_handle, &gcode, &gsize, &gaddr, ci))
            VG_(printf)("  %#lx:  %s %s\n", (unsigned long)ci->address, ci->mnemonic,
                        ci->op_str);
    }
    VG_(printf)("---- instrumentation\n");
    VG_(ucode_dump)(cb);
    VG_(printf)("---- emitted code (lookup entry %p, body +%u)\n", (void *)b->host,
                b->body_off);
    const uint8_t *code = b->host;
    size_t size = b->host_len;
    uint64_t addr = (uint64_t)(Addr)b->host;
    for (UInt i = 0; i < b->n_exits; i++) {
        const TExit *x = &b->exits[i];
        VG_(printf)("  exit %u: %s -> %#lx, stub +%u%s\n", i, exit_kind_name(x->kind),
                    (unsigned long)x->target, x->stub_off,
                    x->linked_to ? " (chained)" : "");
    }
    while (size > 0 && cs_disasm_iter(cs_handle, &code, &size, &addr, ci))
        VG_(printf)("  %p:  %s %s\n", (void *)(Addr)ci->address, ci->mnemonic, ci->op_str);
    VG_(printf)("====\n");
}
