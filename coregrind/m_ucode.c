/*--------------------------------------------------------------------*/
/*--- UCode: building it, decoding guest instructions for skins,    ---*/
/*--- liveness.                                           m_ucode.c ---*/
/*--------------------------------------------------------------------*/

/* The services a skin uses in SK_(instrument) to read a block and add
   UCode to it (declared in toolfuncs.def), the guest-instruction view
   with the core's fix-ups of what capstone 4 gets wrong, and the
   liveness of guest registers and flags that lets the lowering
   (m_ucode_lower.c) skip saving what nobody reads. */

#include "pub_core_basics.h"
#include "pub_core_ucode.h"
#include "pub_core_libcprint.h"
#include "pub_core_translate.h"

#include <capstone/capstone.h>
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

/*--- Misuse by a skin -------------------------------------------------------------*/

static VG_NORETURN void misuse(const HChar *fn, const HChar *why)
{
    HChar buf[256];
    VG_(snprintf)(buf, sizeof buf, "VG_(%s): %s", fn, why);
    VG_(skin_panic)(buf);
}

/*--- The block --------------------------------------------------------------------------*/

void VG_(ucode_init_block)(UCodeBlock *cb, Addr guest, const void *const *insns,
                           const UChar *side_exit, UInt n)
{
    static ULong serial;
    memset(cb, 0, sizeof *cb);
    cb->serial = ++serial;
    cb->guest_addr = guest;
    cb->n_insns = n;
    cb->cs = insns;
    cb->side_exit = side_exit;
    cb->open_if = -1;
}

void VG_(ucode_free_block)(UCodeBlock *cb)
{
    free(cb->gi);
    free(cb->gi_done);
    free(cb->u);
    free(cb->live_in);
    free(cb->flive_in);
    cb->gi = NULL;
    cb->gi_done = NULL;
    cb->u = NULL;
    cb->live_in = NULL;
    cb->flive_in = NULL;
}

UInt VG_(cb_n_insns)(const UCodeBlock *cb)
{
    return cb->n_insns;
}

Addr VG_(cb_guest_addr)(const UCodeBlock *cb)
{
    return cb->guest_addr;
}

const GuestInsn *VG_(cb_insn)(UCodeBlock *cb, UInt i)
{
    if (i >= cb->n_insns)
        misuse("cb_insn", "instruction index out of range");
    if (cb->gi == NULL) {
        cb->gi = calloc(cb->n_insns ? cb->n_insns : 1, sizeof *cb->gi);
        cb->gi_done = calloc(cb->n_insns ? cb->n_insns : 1, 1);
        vg_assert(cb->gi && cb->gi_done);
    }
    if (!cb->gi_done[i]) {
        VG_(decode_guest_insn)(cb->cs[i], cb->side_exit[i], &cb->gi[i]);
        cb->gi_done[i] = 1;
    }
    return &cb->gi[i];
}

/* Instructions 0 .. VG_MAX_BLOCK_INSNS - 1, three anchors each. */
_Static_assert(UC_ANCHOR(VG_MAX_BLOCK_INSNS, 0) <= 192, "UCodeBlock.anchor_first too small");

Bool VG_(ucode_has_at)(const UCodeBlock *cb, UInt anchor)
{
    return anchor < 64 * VG_N_ELEMS(cb->anchors) &&
           (cb->anchors[anchor / 64] >> (anchor % 64) & 1) != 0;
}

/*--- Adding UCode ---------------------------------------------------------------------------*/

static UInstr *add(UCodeBlock *cb, UOKind kind)
{
    if (cb->n_u == cb->cap_u) {
        cb->cap_u = cb->cap_u ? 2 * cb->cap_u : 64;
        cb->u = realloc(cb->u, cb->cap_u * sizeof *cb->u);
        vg_assert(cb->u != NULL);
    }
    UInstr *u = &cb->u[cb->n_u++];
    memset(u, 0, sizeof *u);
    u->kind = (UChar)kind;
    u->anchor = (UShort)cb->cur_anchor;
    UInt a = cb->cur_anchor;
    vg_assert(a < VG_N_ELEMS(cb->anchor_first) && cb->n_u <= 0xFFFF);
    if (!VG_(ucode_has_at)(cb, a)) {
        cb->anchors[a / 64] |= 1ull << (a % 64);
        cb->anchor_first[a] = (UShort)(cb->n_u - 1);
    }
    cb->anchor_end[a] = (UShort)cb->n_u;
    return u;
}

/* A block whose skin wants more temps than fit is translated again with
   fewer instructions (the temps handed out past the limit are never
   compiled). */
static Temp new_temp(UCodeBlock *cb, const HChar *fn)
{
    (void)fn;
    if (cb->n_temps + 1 >= VG_UC_MAX_TEMPS) {
        cb->too_many_temps = True;
        return cb->n_temps ? cb->n_temps : 1;
    }
    return ++cb->n_temps;
}

static void check_temp(UCodeBlock *cb, Temp t, const HChar *fn)
{
    if (cb->too_many_temps)
        return;
    if (t == VG_NO_TEMP || t > cb->n_temps)
        misuse(fn, "argument is not a temp of this block");
}

void VG_(uc_at)(UCodeBlock *cb, UInt insn, UCWhere where)
{
    if (insn >= cb->n_insns)
        misuse("uc_at", "instruction index out of range");
    if (cb->open_if >= 0)
        misuse("uc_at", "VG_(uc_if) without VG_(uc_endif)");
    const GuestInsn *g = VG_(cb_insn)(cb, insn);
    if (where == VG_TAKEN && g->kind != VG_IK_CJUMP)
        misuse("uc_at", "VG_TAKEN is only for conditional branches");
    if (where == VG_AFTER && g->kind != VG_IK_PLAIN && g->kind != VG_IK_CJUMP)
        misuse("uc_at", "no code runs after an instruction that always transfers control");
    if (where != VG_BEFORE && where != VG_AFTER && where != VG_TAKEN)
        misuse("uc_at", "bad position");
    cb->cur_anchor = UC_ANCHOR(insn, where);
}

Temp VG_(uc_const)(UCodeBlock *cb, ULong value)
{
    UInstr *u = add(cb, UO_CONST);
    u->imm = value;
    return u->dst = new_temp(cb, "uc_const");
}

Temp VG_(uc_get_reg)(UCodeBlock *cb, UInt reg)
{
    if (reg > VG_R15)
        misuse("uc_get_reg", "not a general-purpose register");
    UInstr *u = add(cb, UO_GET);
    u->reg = (UChar)reg;
    return u->dst = new_temp(cb, "uc_get_reg");
}

void VG_(uc_put_reg)(UCodeBlock *cb, UInt reg, Temp value)
{
    if (reg > VG_R15 || reg == VG_RSP)
        misuse("uc_put_reg", "not a general-purpose register other than rsp");
    check_temp(cb, value, "uc_put_reg");
    UInstr *u = add(cb, UO_PUT);
    u->reg = (UChar)reg;
    u->src[0] = value;
    u->nsrc = 1;
}

Temp VG_(uc_ea)(UCodeBlock *cb, UInt insn, UInt memop)
{
    if (insn >= cb->n_insns || memop >= VG_(cb_insn)(cb, insn)->n_mem)
        misuse("uc_ea", "no such memory operand");
    UInstr *u = add(cb, UO_EA);
    u->insn = (UShort)insn;
    u->op = (UChar)memop;
    return u->dst = new_temp(cb, "uc_ea");
}

static void check_size(UInt size, const HChar *fn)
{
    if (size != 1 && size != 2 && size != 4 && size != 8)
        misuse(fn, "size must be 1, 2, 4 or 8");
}

Temp VG_(uc_load)(UCodeBlock *cb, UInt size, Temp addr)
{
    check_size(size, "uc_load");
    check_temp(cb, addr, "uc_load");
    UInstr *u = add(cb, UO_LOAD);
    u->size = (UChar)size;
    u->src[0] = addr;
    u->nsrc = 1;
    return u->dst = new_temp(cb, "uc_load");
}

void VG_(uc_store)(UCodeBlock *cb, UInt size, Temp addr, Temp value)
{
    check_size(size, "uc_store");
    check_temp(cb, addr, "uc_store");
    check_temp(cb, value, "uc_store");
    UInstr *u = add(cb, UO_STORE);
    u->size = (UChar)size;
    u->src[0] = addr;
    u->src[1] = value;
    u->nsrc = 2;
}

Temp VG_(uc_binop)(UCodeBlock *cb, UCBinop op, Temp a, Temp b)
{
    if ((UInt)op > VG_UC_SAR)
        misuse("uc_binop", "bad operation");
    check_temp(cb, a, "uc_binop");
    check_temp(cb, b, "uc_binop");
    UInstr *u = add(cb, UO_BINOP);
    u->op = (UChar)op;
    u->src[0] = a;
    u->src[1] = b;
    u->nsrc = 2;
    return u->dst = new_temp(cb, "uc_binop");
}

Temp VG_(uc_binop_imm)(UCodeBlock *cb, UCBinop op, Temp a, Long imm)
{
    if ((UInt)op > VG_UC_SAR)
        misuse("uc_binop_imm", "bad operation");
    if (imm != (Long)(Int)imm || (op >= VG_UC_SHL && (imm < 0 || imm > 63)))
        misuse("uc_binop_imm", "immediate out of range");
    check_temp(cb, a, "uc_binop_imm");
    UInstr *u = add(cb, UO_BINOP_IMM);
    u->op = (UChar)op;
    u->src[0] = a;
    u->nsrc = 1;
    u->imm = (ULong)imm;
    return u->dst = new_temp(cb, "uc_binop_imm");
}

static void start_if(UCodeBlock *cb, UInstr *u)
{
    if (cb->open_if >= 0)
        misuse("uc_if", "ifs do not nest");
    cb->open_if = (Int)(u - cb->u);
}

void VG_(uc_if)(UCodeBlock *cb, UCCond cond, Temp a, Temp b)
{
    if ((UInt)cond > VG_UC_GES)
        misuse("uc_if", "bad condition");
    check_temp(cb, a, "uc_if");
    check_temp(cb, b, "uc_if");
    UInstr *u = add(cb, UO_IF);
    u->op = (UChar)cond;
    u->src[0] = a;
    u->src[1] = b;
    u->nsrc = 2;
    start_if(cb, u);
}

void VG_(uc_if_imm)(UCodeBlock *cb, UCCond cond, Temp a, Long imm)
{
    if ((UInt)cond > VG_UC_GES)
        misuse("uc_if_imm", "bad condition");
    if (imm != (Long)(Int)imm)
        misuse("uc_if_imm", "immediate out of range");
    check_temp(cb, a, "uc_if_imm");
    UInstr *u = add(cb, UO_IF_IMM);
    u->op = (UChar)cond;
    u->src[0] = a;
    u->nsrc = 1;
    u->imm = (ULong)imm;
    start_if(cb, u);
}

void VG_(uc_endif)(UCodeBlock *cb)
{
    if (cb->open_if < 0)
        misuse("uc_endif", "no VG_(uc_if) to end");
    if (cb->u[cb->open_if].anchor != cb->cur_anchor)
        misuse("uc_endif", "the if started at another instruction");
    add(cb, UO_ENDIF);
    cb->open_if = -1;
}

Temp VG_(uc_ccall)(UCodeBlock *cb, UCHelper fn, UInt flags, UInt nargs, const Temp *args)
{
    if (nargs > 6)
        misuse("uc_ccall", "at most 6 arguments");
    if (fn == NULL)
        misuse("uc_ccall", "no function");
    for (UInt i = 0; i < nargs; i++)
        check_temp(cb, args[i], "uc_ccall");
    UInstr *u = add(cb, UO_CCALL);
    u->fn = (void *)fn;
    u->flags = (UChar)flags;
    u->nsrc = (UChar)nargs;
    for (UInt i = 0; i < nargs; i++)
        u->src[i] = args[i];
    return u->dst = new_temp(cb, "uc_ccall");
}

void VG_(uc_inc)(UCodeBlock *cb, ULong *counter, ULong by)
{
    if (counter == NULL)
        misuse("uc_inc", "no counter");
    UInstr *u = add(cb, UO_INC);
    u->imm = (ULong)(Addr)counter;
    u->imm2 = by;
}

/*--- Extensions --------------------------------------------------------------------------------*/

#define MAX_EXTS 64
static UCExtOp exts[MAX_EXTS];
static UInt n_exts;

UInt VG_(uc_register_ext)(const UCExtOp *op)
{
    if (n_exts == MAX_EXTS)
        misuse("uc_register_ext", "too many extensions");
    if (op == NULL || op->gen == NULL || op->n_in + op->n_out + op->n_scratch > UC_MAX_SRC ||
        op->n_in + op->n_out + op->n_scratch > 10)
        misuse("uc_register_ext", "bad extension description");
    exts[n_exts] = *op;
    return n_exts++;
}

const UCExtOp *VG_(ucode_ext)(UInt op)
{
    vg_assert(op < n_exts);
    return &exts[op];
}

void VG_(uc_ext)(UCodeBlock *cb, UInt opcode, const Temp *in, Temp *out, ULong imm)
{
    if (opcode >= n_exts)
        misuse("uc_ext", "unknown extension opcode");
    const UCExtOp *x = &exts[opcode];
    for (UInt i = 0; i < x->n_in; i++)
        check_temp(cb, in[i], "uc_ext");
    UInstr *u = add(cb, UO_EXT);
    u->op = (UChar)opcode;
    u->imm = imm;
    UInt k = 0;
    for (UInt i = 0; i < x->n_in; i++)
        u->src[k++] = in[i];
    for (UInt i = 0; i < x->n_out; i++)
        u->src[k++] = out[i] = new_temp(cb, "uc_ext");
    u->nsrc = (UChar)k;
}

/*--- Helpers for the common cases --------------------------------------------------------------*/

void VG_(uc_count_insn)(UCodeBlock *cb, UInt insn, ULong *counter)
{
    VG_(uc_at)(cb, insn, VG_BEFORE);
    VG_(uc_inc)(cb, counter, 1);
}

void VG_(uc_call_on_each_access)(UCodeBlock *cb, UCHelper fn, UInt flags)
{
    for (UInt i = 0; i < cb->n_insns; i++) {
        const GuestInsn *g = VG_(cb_insn)(cb, i);
        for (UInt k = 0; k < g->n_mem; k++) {
            VG_(uc_at)(cb, i, VG_BEFORE);
            Temp args[3];
            args[0] = VG_(uc_ea)(cb, i, k);
            args[1] = VG_(uc_const)(cb, g->mem[k].size);
            args[2] = VG_(uc_const)(cb, g->mem[k].access);
            VG_(uc_ccall)(cb, fn, flags, 3, args);
        }
    }
}

void VG_(uc_call_at_entry)(UCodeBlock *cb, UCHelper fn, UInt flags, UWord arg)
{
    if (cb->n_insns == 0)
        return;
    VG_(uc_at)(cb, 0, VG_BEFORE);
    Temp a = VG_(uc_const)(cb, arg);
    VG_(uc_ccall)(cb, fn, flags, 1, &a);
}

/*--- Guest instructions as skins see them ---------------------------------------------------------*/

static UInt xsave_size;

UInt VG_(xsave_area_size)(void)
{
    if (xsave_size == 0) {
        UInt a, b, c, d;
        __cpuid_count(0xD, 0, a, b, c, d);
        xsave_size = b ? b : 512;
    }
    return xsave_size;
}

static UInt kind_of(const cs_insn *ci)
{
    switch (ci->id) {
    case X86_INS_JMP: return VG_IK_JUMP;
    case X86_INS_CALL: return VG_IK_CALL;
    case X86_INS_RET: return VG_IK_RET;
    case X86_INS_SYSCALL: return VG_IK_SYSCALL;
    case X86_INS_LOOP: case X86_INS_LOOPE: case X86_INS_LOOPNE: case X86_INS_JRCXZ:
    case X86_INS_JECXZ:
        return VG_IK_CJUMP;
    case X86_INS_CPUID: case X86_INS_INT3: case X86_INS_UD2: case X86_INS_UD0:
    case X86_INS_XBEGIN: case X86_INS_SYSENTER: case X86_INS_SYSEXIT: case X86_INS_SYSRET:
    case X86_INS_HLT: case X86_INS_INT: case X86_INS_INT1: case X86_INS_INTO:
    case X86_INS_IRET: case X86_INS_IRETD: case X86_INS_IRETQ: case X86_INS_LJMP:
    case X86_INS_LCALL: case X86_INS_RETF: case X86_INS_RETFQ:
        return VG_IK_OTHER;
    default:
        return VG_(is_jcc)(ci->id) ? VG_IK_CJUMP : VG_IK_PLAIN;
    }
}

/* String instructions: element size, and whether they read [rsi] and
   read or write [rdi]. */
static Bool string_op(UInt id, UInt *size, Bool *rsi_r, UInt *rdi_acc)
{
    *rsi_r = False;
    *rdi_acc = 0;
    switch (id) {
    case X86_INS_MOVSB: *size = 1; *rsi_r = True; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_MOVSW: *size = 2; *rsi_r = True; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_MOVSQ: *size = 8; *rsi_r = True; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_STOSB: *size = 1; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_STOSW: *size = 2; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_STOSD: *size = 4; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_STOSQ: *size = 8; *rdi_acc = VG_MEM_WRITE; return True;
    case X86_INS_LODSB: *size = 1; *rsi_r = True; return True;
    case X86_INS_LODSW: *size = 2; *rsi_r = True; return True;
    case X86_INS_LODSD: *size = 4; *rsi_r = True; return True;
    case X86_INS_LODSQ: *size = 8; *rsi_r = True; return True;
    case X86_INS_CMPSB: *size = 1; *rsi_r = True; *rdi_acc = VG_MEM_READ; return True;
    case X86_INS_CMPSW: *size = 2; *rsi_r = True; *rdi_acc = VG_MEM_READ; return True;
    case X86_INS_CMPSQ: *size = 8; *rsi_r = True; *rdi_acc = VG_MEM_READ; return True;
    case X86_INS_SCASB: *size = 1; *rdi_acc = VG_MEM_READ; return True;
    case X86_INS_SCASW: *size = 2; *rdi_acc = VG_MEM_READ; return True;
    case X86_INS_SCASD: *size = 4; *rdi_acc = VG_MEM_READ; return True;
    case X86_INS_SCASQ: *size = 8; *rdi_acc = VG_MEM_READ; return True;
    default: return False;
    }
}

/* movsd and cmpsd are also SSE2 instructions (with ModRM); the string
   forms have no operands capstone marks as registers. */
static Bool is_string_form(const cs_insn *ci)
{
    const cs_x86 *x = &ci->detail->x86;
    for (UInt i = 0; i < x->op_count; i++)
        if (x->operands[i].type == X86_OP_REG && x->operands[i].reg >= X86_REG_XMM0 &&
            x->operands[i].reg <= X86_REG_XMM31)
            return False;
    return ci->detail->x86.encoding.modrm_offset == 0;
}

static void add_mem(GuestInsn *g, UInt base, UInt index, UInt scale, Long disp, UInt size,
                    UInt access, Bool implicit)
{
    if (g->n_mem == VG_MAX_MEMOPS)
        return;
    GuestMemOp *m = &g->mem[g->n_mem++];
    memset(m, 0, sizeof *m);
    m->base = (UChar)base;
    m->index = (UChar)index;
    m->scale = (UChar)scale;
    m->disp = disp;
    m->size = (UShort)size;
    m->access = (UChar)access;
    m->implicit = implicit;
}

static UInt vg_reg(x86_reg r)
{
    Int h = VG_(hwreg_of)(r);
    if (h == R_RIP)
        return VG_RIP_REG;
    return h < 0 ? VG_NO_REG : (UInt)h;
}

static Bool is_vector_reg(x86_reg r)
{
    return (r >= X86_REG_XMM0 && r <= X86_REG_XMM31) || (r >= X86_REG_YMM0 && r <= X86_REG_YMM31) ||
           (r >= X86_REG_ZMM0 && r <= X86_REG_ZMM31);
}

static void explicit_mem(const cs_insn *ci, GuestInsn *g)
{
    const cs_x86 *x = &ci->detail->x86;
    switch (ci->id) {
    case X86_INS_LEA: case X86_INS_NOP: case X86_INS_PREFETCH: case X86_INS_PREFETCHNTA:
    case X86_INS_PREFETCHT0: case X86_INS_PREFETCHT1: case X86_INS_PREFETCHT2:
    case X86_INS_PREFETCHW: case X86_INS_CLFLUSH: case X86_INS_CLFLUSHOPT: case X86_INS_CLWB:
        return; /* no access happens */
    default:
        break;
    }
    for (UInt i = 0; i < x->op_count; i++) {
        const cs_x86_op *o = &x->operands[i];
        if (o->type != X86_OP_MEM)
            continue;
        UInt access = o->access & (CS_AC_READ | CS_AC_WRITE);
        switch (ci->id) {
        case X86_INS_CMPXCHG: case X86_INS_CMPXCHG8B: case X86_INS_CMPXCHG16B:
            access = VG_MEM_MODIFY;
            break;
        case X86_INS_CMP: case X86_INS_TEST: case X86_INS_BT: case X86_INS_PUSH:
        case X86_INS_JMP: case X86_INS_CALL:
            break;
        default:
            /* capstone 4 marks the destination of SSE/AVX stores (movdqa
               [m],x; vmovdqu [m],y; pextrd [m],x, ...) as read. */
            if (i == 0 && access == CS_AC_READ && x->op_count >= 2)
                access = VG_MEM_WRITE;
            break;
        }
        if (access == 0)
            access = VG_MEM_READ;
        UInt size = o->size;
        switch (ci->id) {
        case X86_INS_FXSAVE: case X86_INS_FXSAVE64: case X86_INS_FXRSTOR:
        case X86_INS_FXRSTOR64:
            size = 512;
            break;
        case X86_INS_XSAVE: case X86_INS_XSAVE64: case X86_INS_XSAVEC: case X86_INS_XSAVEC64:
        case X86_INS_XSAVEOPT: case X86_INS_XSAVEOPT64: case X86_INS_XRSTOR:
        case X86_INS_XRSTOR64:
            /* How much of the area is accessed depends on the feature
               mask in edx:eax at run time, and on the format (xsavec
               compacts): the legacy region and the header, which every
               area has, are what is known to be accessed. */
            size = 576;
            break;
        case X86_INS_CMPXCHG16B:
            size = 16;
            break;
        default:
            break;
        }
        if (size == 0)
            size = 8;
        Bool vsib = is_vector_reg(o->mem.index);
        add_mem(g, vg_reg(o->mem.base), vsib ? VG_NO_REG : vg_reg(o->mem.index),
                o->mem.scale ? (UInt)o->mem.scale : 1, o->mem.disp, size, access, False);
        GuestMemOp *m = &g->mem[g->n_mem - 1];
        m->vector_index = vsib;
        if (o->mem.segment == X86_REG_FS)
            m->seg = 'f';
        else if (o->mem.segment == X86_REG_GS)
            m->seg = 'g';
    }
}

static FlagSet flags_of(ULong ef, ULong bits_cf, ULong bits_pf, ULong bits_af, ULong bits_zf,
                        ULong bits_sf, ULong bits_of, ULong bits_df)
{
    FlagSet f = 0;
    if (ef & bits_cf) f |= VG_FLAG_CF;
    if (ef & bits_pf) f |= VG_FLAG_PF;
    if (ef & bits_af) f |= VG_FLAG_AF;
    if (ef & bits_zf) f |= VG_FLAG_ZF;
    if (ef & bits_sf) f |= VG_FLAG_SF;
    if (ef & bits_of) f |= VG_FLAG_OF;
    if (ef & bits_df) f |= VG_FLAG_DF;
    return f;
}

static void flags_and_regs(const cs_insn *ci, GuestInsn *g)
{
    cs_regs rd, wr;
    uint8_t nrd = 0, nwr = 0;
    Bool reads_rflags = False, writes_rflags = False;
    if (cs_regs_access(VG_(capstone_handle)(), ci, rd, &nrd, wr, &nwr) == CS_ERR_OK) {
        for (UInt i = 0; i < nrd; i++) {
            UInt r = vg_reg(rd[i]);
            if (r <= VG_R15)
                g->regs_read |= 1u << r;
            reads_rflags |= rd[i] == X86_REG_EFLAGS;
        }
        for (UInt i = 0; i < nwr; i++) {
            UInt r = vg_reg(wr[i]);
            if (r <= VG_R15)
                g->regs_written |= 1u << r;
            writes_rflags |= wr[i] == X86_REG_EFLAGS;
        }
    } else {
        g->regs_read = g->regs_written = 0xFFFF;
        reads_rflags = writes_rflags = True;
    }
    for (UInt i = 0; i < g->n_mem; i++) {
        if (g->mem[i].base <= VG_R15)
            g->regs_read |= 1u << g->mem[i].base;
        if (g->mem[i].index <= VG_R15)
            g->regs_read |= 1u << g->mem[i].index;
    }
    ULong ef = ci->detail->x86.eflags;
    g->flags_read = flags_of(ef, X86_EFLAGS_TEST_CF, X86_EFLAGS_TEST_PF, X86_EFLAGS_TEST_AF,
                             X86_EFLAGS_TEST_ZF, X86_EFLAGS_TEST_SF, X86_EFLAGS_TEST_OF,
                             X86_EFLAGS_TEST_DF);
    g->flags_written = flags_of(
        ef, X86_EFLAGS_MODIFY_CF | X86_EFLAGS_RESET_CF | X86_EFLAGS_SET_CF | X86_EFLAGS_UNDEFINED_CF,
        X86_EFLAGS_MODIFY_PF | X86_EFLAGS_RESET_PF | X86_EFLAGS_SET_PF | X86_EFLAGS_UNDEFINED_PF,
        X86_EFLAGS_MODIFY_AF | X86_EFLAGS_RESET_AF | X86_EFLAGS_SET_AF | X86_EFLAGS_UNDEFINED_AF,
        X86_EFLAGS_MODIFY_ZF | X86_EFLAGS_RESET_ZF | X86_EFLAGS_SET_ZF | X86_EFLAGS_UNDEFINED_ZF,
        X86_EFLAGS_MODIFY_SF | X86_EFLAGS_RESET_SF | X86_EFLAGS_SET_SF | X86_EFLAGS_UNDEFINED_SF,
        X86_EFLAGS_MODIFY_OF | X86_EFLAGS_RESET_OF | X86_EFLAGS_SET_OF | X86_EFLAGS_UNDEFINED_OF,
        X86_EFLAGS_MODIFY_DF | X86_EFLAGS_RESET_DF | X86_EFLAGS_SET_DF);
    /* capstone 4 leaves eflags empty for pushf/lahf (reads) and for
       pcmpistri/vcomisd/ptest/... (writes) but lists rflags in the
       register sets: take that as all flags. */
    if (reads_rflags && g->flags_read == 0)
        g->flags_read = VG_FLAGS_ARITH | VG_FLAG_DF;
    if (writes_rflags && g->flags_written == 0)
        g->flags_written = VG_FLAGS_ARITH;
    switch (ci->id) {
    case X86_INS_ADC: case X86_INS_SBB: case X86_INS_RCL: case X86_INS_RCR: case X86_INS_CMC:
    case X86_INS_ADCX: case X86_INS_ADOX:
        g->flags_read |= VG_FLAG_CF | VG_FLAG_OF; /* capstone 4 misses TEST_CF */
        break;
    case X86_INS_PUSHF: case X86_INS_PUSHFQ: case X86_INS_LAHF:
        g->flags_read |= VG_FLAGS_ARITH | VG_FLAG_DF;
        break;
    case X86_INS_SYSCALL:
        /* capstone 4 says syscall modifies every flag; to the program it
           preserves them and copies them into r11. */
        g->flags_written = 0;
        g->flags_read = VG_FLAGS_ARITH | VG_FLAG_DF;
        g->regs_written |= 1u << VG_RCX | 1u << VG_R11 | 1u << VG_RAX;
        g->regs_read |= 0xFFFF; /* the kernel may read any argument register */
        break;
    default:
        break;
    }
    if (g->rep || (ci->detail->x86.prefix[0] != 0 && g->n_mem > 0 && g->mem[0].implicit))
        g->flags_read |= VG_FLAG_DF;
}

void VG_(decode_guest_insn)(const void *cip, Bool side_exit, GuestInsn *g)
{
    const cs_insn *ci = cip;
    const cs_x86 *x = &ci->detail->x86;
    memset(g, 0, sizeof *g);
    g->addr = ci->address;
    g->len = ci->size;
    g->bytes = ci->bytes;
    g->mnemonic = ci->mnemonic;
    g->kind = kind_of(ci);
    g->side_exit = side_exit;
    if ((g->kind == VG_IK_JUMP || g->kind == VG_IK_CALL || g->kind == VG_IK_CJUMP) &&
        x->op_count >= 1 && x->operands[0].type == X86_OP_IMM) {
        g->is_direct = True;
        g->target = (Addr)x->operands[0].imm;
    }
    UInt esize, rdi_acc;
    Bool rsi_r;
    if (string_op(ci->id, &esize, &rsi_r, &rdi_acc) && is_string_form(ci)) {
        g->rep = x->prefix[0] == X86_PREFIX_REP || x->prefix[0] == X86_PREFIX_REPNE;
        if (rsi_r)
            add_mem(g, VG_RSI, VG_NO_REG, 1, 0, esize, VG_MEM_READ, True);
        if (rdi_acc)
            add_mem(g, VG_RDI, VG_NO_REG, 1, 0, esize, rdi_acc, True);
    } else {
        /* The stack slot of push/pop/call/ret/leave comes first for pops
           (read before the operand is written) and last for pushes. */
        switch (ci->id) {
        case X86_INS_POP: case X86_INS_POPF: case X86_INS_POPFQ: case X86_INS_RET:
            add_mem(g, VG_RSP, VG_NO_REG, 1, 0, 8, VG_MEM_READ, True);
            break;
        case X86_INS_LEAVE:
            add_mem(g, VG_RBP, VG_NO_REG, 1, 0, 8, VG_MEM_READ, True);
            break;
        default:
            break;
        }
        explicit_mem(ci, g);
        switch (ci->id) {
        case X86_INS_PUSH: case X86_INS_PUSHF: case X86_INS_PUSHFQ: case X86_INS_CALL: {
            UInt sz = (x->prefix[2] == X86_PREFIX_OPSIZE && ci->id != X86_INS_CALL) ? 2 : 8;
            add_mem(g, VG_RSP, VG_NO_REG, 1, -(Long)sz, sz, VG_MEM_WRITE, True);
            break;
        }
        default:
            break;
        }
    }
    flags_and_regs(ci, g);
}

/*--- Liveness --------------------------------------------------------------------------------------*/

static Bool is_full_width(x86_reg r)
{
    switch (r) {
    case X86_REG_RAX: case X86_REG_RBX: case X86_REG_RCX: case X86_REG_RDX:
    case X86_REG_RSI: case X86_REG_RDI: case X86_REG_RBP: case X86_REG_RSP:
    case X86_REG_R8: case X86_REG_R9: case X86_REG_R10: case X86_REG_R11:
    case X86_REG_R12: case X86_REG_R13: case X86_REG_R14: case X86_REG_R15:
    case X86_REG_EAX: case X86_REG_EBX: case X86_REG_ECX: case X86_REG_EDX:
    case X86_REG_ESI: case X86_REG_EDI: case X86_REG_EBP: case X86_REG_ESP:
    case X86_REG_R8D: case X86_REG_R9D: case X86_REG_R10D: case X86_REG_R11D:
    case X86_REG_R12D: case X86_REG_R13D: case X86_REG_R14D: case X86_REG_R15D:
        return True;
    default:
        return False;
    }
}

/* Registers an instruction certainly overwrites entirely: 64- or 32-bit
   destinations (the latter zero-extend), not conditional ones. */
static RegSet full_writes(const cs_insn *ci)
{
    switch (ci->id) {
    case X86_INS_CMOVA: case X86_INS_CMOVAE: case X86_INS_CMOVB: case X86_INS_CMOVBE:
    case X86_INS_CMOVE: case X86_INS_CMOVG: case X86_INS_CMOVGE: case X86_INS_CMOVL:
    case X86_INS_CMOVLE: case X86_INS_CMOVNE: case X86_INS_CMOVNO: case X86_INS_CMOVNP:
    case X86_INS_CMOVNS: case X86_INS_CMOVO: case X86_INS_CMOVP: case X86_INS_CMOVS:
    case X86_INS_CMPXCHG: case X86_INS_CMPXCHG8B: case X86_INS_CMPXCHG16B:
        return 0;
    default:
        break;
    }
    cs_regs rd, wr;
    uint8_t nrd = 0, nwr = 0;
    if (cs_regs_access(VG_(capstone_handle)(), ci, rd, &nrd, wr, &nwr) != CS_ERR_OK)
        return 0;
    RegSet s = 0;
    for (UInt i = 0; i < nwr; i++) {
        UInt h = vg_reg(wr[i]);
        if (is_full_width(wr[i]) && h <= VG_R15)
            s |= 1u << h;
    }
    return s;
}

/* Flags an instruction certainly writes (shifts and rotates by %cl may
   leave them alone). */
static FlagSet full_flag_writes(const cs_insn *ci, const GuestInsn *g)
{
    const cs_x86 *x = &ci->detail->x86;
    switch (ci->id) {
    case X86_INS_SHL: case X86_INS_SHR: case X86_INS_SAR: case X86_INS_SAL:
    case X86_INS_ROL: case X86_INS_ROR: case X86_INS_RCL: case X86_INS_RCR:
    case X86_INS_SHLD: case X86_INS_SHRD:
        if (x->op_count >= 2 && x->operands[x->op_count - 1].type == X86_OP_IMM &&
            (x->operands[x->op_count - 1].imm & 63) != 0 && ci->id != X86_INS_ROL &&
            ci->id != X86_INS_ROR && ci->id != X86_INS_RCL && ci->id != X86_INS_RCR)
            return g->flags_written;
        return 0;
    default:
        return g->flags_written & ~VG_FLAG_DF;
    }
}

static void compute_liveness(UCodeBlock *cb)
{
    UInt n = cb->n_insns;
    cb->live_in = calloc(n + 1, sizeof(RegSet));
    cb->flive_in = calloc(n + 1, sizeof(FlagSet));
    vg_assert(cb->live_in && cb->flive_in);
    RegSet live = 0xFFFF;
    FlagSet flive = VG_FLAGS_ARITH | VG_FLAG_DF;
    cb->live_in[n] = live;
    cb->flive_in[n] = flive;
    for (Int i = (Int)n - 1; i >= 0; i--) {
        const GuestInsn *g = VG_(cb_insn)(cb, (UInt)i);
        const cs_insn *ci = cb->cs[i];
        if (g->kind != VG_IK_PLAIN) {
            /* Side exits and block ends: everything may be read there. */
            live = 0xFFFF;
            flive = VG_FLAGS_ARITH | VG_FLAG_DF;
        }
        live = (live & ~full_writes(ci)) | g->regs_read;
        flive = (flive & ~full_flag_writes(ci, g)) | g->flags_read;
        cb->live_in[i] = live | (1u << VG_RSP);
        cb->flive_in[i] = flive;
    }
}

RegSet VG_(ucode_live_regs)(UCodeBlock *cb, UInt anchor)
{
    if (cb->live_in == NULL)
        compute_liveness(cb);
    UInt insn = anchor / 3, where = anchor % 3;
    if (where == VG_BEFORE)
        return cb->live_in[insn];
    if (where == VG_TAKEN)
        return 0xFFFF;
    return insn + 1 < cb->n_insns ? cb->live_in[insn + 1] : 0xFFFF;
}

FlagSet VG_(ucode_live_flags)(UCodeBlock *cb, UInt anchor)
{
    if (cb->flive_in == NULL)
        compute_liveness(cb);
    UInt insn = anchor / 3, where = anchor % 3;
    if (where == VG_BEFORE)
        return cb->flive_in[insn];
    if (where == VG_TAKEN)
        return VG_FLAGS_ARITH | VG_FLAG_DF;
    return insn + 1 < cb->n_insns ? cb->flive_in[insn + 1] : VG_FLAGS_ARITH | VG_FLAG_DF;
}

/*--- Debug dump ----------------------------------------------------------------------------------------*/

static const HChar *binop_name(UInt op)
{
    static const HChar *n[] = {"add", "sub", "and", "or", "xor", "shl", "shr", "sar"};
    return op < VG_N_ELEMS(n) ? n[op] : "?";
}

static const HChar *cond_name(UInt c)
{
    static const HChar *n[] = {"eq", "ne", "ltu", "leu", "gtu", "geu", "lts", "les", "gts", "ges"};
    return c < VG_N_ELEMS(n) ? n[c] : "?";
}

static const HChar *reg_name(UInt r)
{
    static const HChar *n[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                 "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
    return r < 16 ? n[r] : "?";
}

void VG_(ucode_dump)(UCodeBlock *cb)
{
    if (cb == NULL || cb->n_u == 0) {
        VG_(printf)("  (none)\n");
        return;
    }
    static const HChar *where[3] = {"before", "after", "taken"};
    UInt last_anchor = ~0u;
    for (UInt i = 0; i < cb->n_u; i++) {
        const UInstr *u = &cb->u[i];
        if (u->anchor != last_anchor) {
            UInt insn = u->anchor / 3;
            VG_(printf)("  %s %#lx:\n", where[u->anchor % 3],
                        (unsigned long)((const cs_insn *)cb->cs[insn])->address);
            last_anchor = u->anchor;
        }
        switch ((UOKind)u->kind) {
        case UO_CONST: VG_(printf)("    t%u = %#llx\n", u->dst, u->imm); break;
        case UO_GET: VG_(printf)("    t%u = GET %%%s\n", u->dst, reg_name(u->reg)); break;
        case UO_PUT: VG_(printf)("    PUT %%%s = t%u\n", reg_name(u->reg), u->src[0]); break;
        case UO_EA: VG_(printf)("    t%u = EA insn %u mem %u\n", u->dst, u->insn, u->op); break;
        case UO_LOAD: VG_(printf)("    t%u = LD%u [t%u]\n", u->dst, u->size * 8, u->src[0]); break;
        case UO_STORE:
            VG_(printf)("    ST%u [t%u] = t%u\n", u->size * 8, u->src[0], u->src[1]);
            break;
        case UO_BINOP:
            VG_(printf)("    t%u = %s t%u, t%u\n", u->dst, binop_name(u->op), u->src[0], u->src[1]);
            break;
        case UO_BINOP_IMM:
            VG_(printf)("    t%u = %s t%u, %lld\n", u->dst, binop_name(u->op), u->src[0],
                        (long long)u->imm);
            break;
        case UO_IF:
            VG_(printf)("    IF t%u %s t%u {\n", u->src[0], cond_name(u->op), u->src[1]);
            break;
        case UO_IF_IMM:
            VG_(printf)("    IF t%u %s %lld {\n", u->src[0], cond_name(u->op), (long long)u->imm);
            break;
        case UO_ENDIF: VG_(printf)("    }\n"); break;
        case UO_CCALL:
            VG_(printf)("    t%u = CCALL %p(", u->dst, u->fn);
            for (UInt k = 0; k < u->nsrc; k++)
                VG_(printf)("%st%u", k ? ", " : "", u->src[k]);
            VG_(printf)(")%s\n", (u->flags & VG_CCALL_GPR_ONLY) ? " gpr-only" : "");
            break;
        case UO_INC:
            VG_(printf)("    INC [%#llx] += %llu\n", u->imm, u->imm2);
            break;
        case UO_EXT:
            VG_(printf)("    EXT %s(", VG_(ucode_ext)(u->op)->name);
            for (UInt k = 0; k < u->nsrc; k++)
                VG_(printf)("%st%u", k ? ", " : "", u->src[k]);
            VG_(printf)(") imm %#llx\n", u->imm);
            break;
        }
    }
}
