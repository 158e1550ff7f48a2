/*--------------------------------------------------------------------*/
/*--- Lowering UCode to host code.                   m_ucode_lower.c ---*/
/*--------------------------------------------------------------------*/

/* The UCode at one insertion point (a "group") is compiled between the
   copied guest instructions.  Guest registers live in host registers, so
   every host register a temp uses is taken from the guest: its guest value
   is saved to ThreadState.uc_save first when something may still read it
   (liveness), and put back afterwards.  Registers the guest no longer
   needs are used first.  The flags are saved (lahf/seto) only if the group
   clobbers them and they are live.  Temps used at later points live in
   ThreadState.uc_temp between groups.

   Allocation runs twice per group: a dry run finds which host registers
   the group takes (so the prologue can save them all, which keeps the
   out-of-line slow paths consistent with the main line), then the real
   run emits the code with the same decisions. */

#include "pub_core_basics.h"
#include "pub_core_ucode.h"
#include "pub_core_emit.h"
#include "pub_core_libcprint.h"
#include "pub_core_threadstate.h"
#include "pub_core_dispatch.h"

#include <cpuid.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/*--- Out-of-line buffer ---------------------------------------------------------------*/

Emit VG_(ool_emit)(UCOol *ool)
{
    Emit e = {ool->buf + ool->len, ool->buf + ool->len, ool->buf + UC_OOL_SIZE - EMIT_SLACK,
              ool->overflow};
    return e;
}

void VG_(ool_commit)(UCOol *ool, const Emit *e)
{
    if (e->overflow)
        ool->overflow = True;
    ool->len = (UInt)(e->p - ool->buf);
}

void VG_(ool_jump_to_main)(UCOol *ool, const UChar *rel32_in_buf, UChar *target)
{
    if (ool->n_to_main == UC_OOL_RELOCS) {
        ool->overflow = True;
        return;
    }
    ool->to_main[ool->n_to_main].off = (UInt)(rel32_in_buf - ool->buf);
    ool->to_main[ool->n_to_main].target = target;
    ool->n_to_main++;
}

void VG_(ool_jump_from_main)(UCOol *ool, UChar *field, UInt off)
{
    if (ool->n_from_main == UC_OOL_RELOCS) {
        ool->overflow = True;
        return;
    }
    ool->from_main[ool->n_from_main].field = field;
    ool->from_main[ool->n_from_main].off = off;
    ool->n_from_main++;
}

/*--- Host features ---------------------------------------------------------------------*/

static Int have_bmi2 = -1;

static Bool bmi2(void)
{
    if (have_bmi2 < 0) {
        UInt a, b, c, d;
        __cpuid_count(7, 0, a, b, c, d);
        have_bmi2 = (b >> 8) & 1;
    }
    return have_bmi2 == 1;
}

/* Does the CPU have xsaveopt (it skips unchanged state)? */
static Bool xsaveopt(void)
{
    static Int have = -1;
    if (have < 0) {
        UInt a, b, c, d;
        __cpuid_count(0xD, 1, a, b, c, d);
        have = a & 1;
    }
    return have == 1;
}

/*--- Per-block temp facts ------------------------------------------------------------------*/

typedef struct {
    UShort def_anchor;   /* where the temp is defined */
    UShort last_anchor;  /* the last point using it */
    Bool in_slot;        /* its value has been stored to uc_temp (emission order) */
} TempInfo;

static TempInfo *temp_info;
static ULong temp_info_serial;

/* Computed once per block (the UCode does not change while it is lowered). */
static void prepare_temps(const UCodeBlock *cb)
{
    if (temp_info_serial == cb->serial)
        return;
    free(temp_info);
    temp_info = calloc(cb->n_temps + 1, sizeof *temp_info);
    vg_assert(temp_info != NULL);
    for (UInt i = 0; i < cb->n_u; i++) {
        const UInstr *u = &cb->u[i];
        UInt nsrc = u->nsrc;
        if (u->kind == UO_EXT)
            nsrc = VG_(ucode_ext)(u->op)->n_in;
        for (UInt k = 0; k < nsrc; k++) {
            TempInfo *ti = &temp_info[u->src[k]];
            if (u->anchor > ti->last_anchor)
                ti->last_anchor = u->anchor;
        }
        if (u->kind == UO_EXT) {
            const UCExtOp *x = VG_(ucode_ext)(u->op);
            for (UInt k = x->n_in; k < x->n_in + x->n_out; k++) {
                temp_info[u->src[k]].def_anchor = u->anchor;
                if (temp_info[u->src[k]].last_anchor < u->anchor)
                    temp_info[u->src[k]].last_anchor = u->anchor;
            }
        } else if (u->dst) {
            temp_info[u->dst].def_anchor = u->anchor;
            if (temp_info[u->dst].last_anchor < u->anchor)
                temp_info[u->dst].last_anchor = u->anchor;
        }
    }
    temp_info_serial = cb->serial;
}

/*--- The lowering state of one group -------------------------------------------------------*/

#define HIDDEN_BASE (VG_UC_MAX_TEMPS) /* pseudo-temps for scratch registers */
#define N_TEMPS_ALL (VG_UC_MAX_TEMPS + 8)
/* The per-temp arrays of Lower are N_TEMPS_ALL long; Lower is allocated
   once and reused. */

typedef struct {
    UCodeBlock *cb;
    UInt anchor;
    Bool dry;
    Emit *main;       /* the block's body */
    Emit oole;        /* when inside an if: the out-of-line buffer */
    Emit *e;          /* where code goes now */
    UCOol *ool;
    Addr guest_ip;
    RegSet live;      /* guest registers live at the point */
    Bool flags_live;
    UInt taken;       /* host registers taken from the guest (all the group) */
    UInt ever_taken;  /* result of the dry run */
    Bool clobbers_flags;
    Bool main_clobbers_saved; /* clobbers_flags of the main line, during an if */
    Bool save_fl_main;        /* the group saves the flags around all its code */
    Bool ool_saves_flags;     /* the current if's out-of-line code does */
    Int reg_of[N_TEMPS_ALL];
    Temp holder[16];
    UInt busy;        /* the registers with a holder */
    UInt first, end;  /* the group's UInstrs are cb->u[first..end) with this anchor */
    Int last_use[N_TEMPS_ALL]; /* index in cb->u of the last use inside the group */
    Bool slot[N_TEMPS_ALL];     /* value in uc_temp (during this pass) */
    Int n_hidden;
    /* inside an if */
    Int snap_reg[N_TEMPS_ALL];
    Temp snap_holder[16];
    UChar *resume;    /* main-line address after the if's jump */
    Bool in_if;
    RegSet get_regs;  /* guest registers read by UO_GET in the group */
    UInt held_in;     /* host registers not holding their guest value on entry */
    UInt saved;       /* ... whose guest value is in uc_save (entry, then puts) */
    UInt avoid;       /* registers the next guest instructions use */
    UInt rconst_valid; /* registers known to hold rconst[r] (for reuse) */
    ULong rconst[16];
    UInt ool_touched; /* registers written in the current if's out-of-line code */
    const UCHeld *held; /* the state on entry */
    UInt n_gtemps;    /* the temps the group uses (and the hidden ones) */
    Temp gtemps[N_TEMPS_ALL];
} Lower;

static const Int alloc_order[15] = {R_RAX, R_RCX, R_RDX, R_RSI, R_RDI, R_R8,  R_R9, R_R10,
                                    R_R11, R_RBX, R_RBP, R_R12, R_R13, R_R14, R_R15};
static const Int caller_saved[9] = {R_RAX, R_RCX, R_RDX, R_RSI, R_RDI,
                                    R_R8,  R_R9,  R_R10, R_R11};

static EMem gs(Int off)
{
    return emem_gs(off);
}

/* Picks a free host register.  Free ones first: those an earlier group
   already took (their guest value is saved), those the guest no longer
   needs; among them, those the next guest instructions leave alone, so
   that they need not be given back before them; registers holding a
   constant that may be reused come late. */
static Int pick_reg(Lower *L)
{
    UInt cand = ~L->busy & (L->dry ? 0xFFFFu : L->ever_taken);
    UInt held = L->held_in, avoid = L->avoid, konst = L->rconst_valid;
    UInt dead = ~(L->live | L->get_regs) & ~(1u << R_RBP);
    const UInt tiers[7] = {held & ~avoid & ~konst, dead & ~avoid, held & ~konst, dead, held,
                           ~avoid, 0xFFFFu};
    for (UInt k = 0; k < VG_N_ELEMS(tiers); k++) {
        UInt m = cand & tiers[k];
        if (m == 0)
            continue;
        for (UInt i = 0; i < VG_N_ELEMS(alloc_order); i++)
            if (m & (1u << alloc_order[i]))
                return alloc_order[i];
    }
    VG_(core_panic)("UCode needs more host registers than there are");
}

static void bind_to(Lower *L, Temp t, Int r)
{
    L->holder[r] = t;
    L->busy |= 1u << r;
    L->reg_of[t] = r;
    L->taken |= 1u << r;
}

static Int bind(Lower *L, Temp t)
{
    Int r = pick_reg(L);
    bind_to(L, t, r);
    L->rconst_valid &= ~(1u << r); /* about to be overwritten */
    if (L->in_if)
        L->ool_touched |= 1u << r;
    return r;
}

static Int def(Lower *L, Temp t);

/* A free register known to hold value (a constant an earlier group or
   operation left), or -1. */
static Int reg_holding(Lower *L, ULong value)
{
    for (UInt m = L->rconst_valid & ~L->busy & (L->dry ? 0xFFFFu : L->ever_taken); m != 0;
         m &= m - 1) {
        Int r = __builtin_ctz(m);
        if (L->rconst[r] == value)
            return r;
    }
    return -1;
}

static void lower_const(Lower *L, const UInstr *u)
{
    Int r = reg_holding(L, u->imm);
    if (r >= 0) {
        vg_assert(L->reg_of[u->dst] < 0);
        bind_to(L, u->dst, r);
        return;
    }
    r = def(L, u->dst);
    emit_movabs(L->e, r, u->imm);
    L->rconst[r] = u->imm;
    L->rconst_valid |= 1u << r;
}

static void unbind(Lower *L, Temp t)
{
    Int r = L->reg_of[t];
    if (r >= 0) {
        L->holder[r] = 0;
        L->busy &= ~(1u << r);
        L->reg_of[t] = -1;
    }
}

static Temp new_hidden(Lower *L)
{
    vg_assert(L->n_hidden < 8);
    Temp h = (Temp)(HIDDEN_BASE + L->n_hidden++);
    L->reg_of[h] = -1;
    bind(L, h);
    return h;
}

static void free_hidden(Lower *L)
{
    for (Int i = 0; i < L->n_hidden; i++)
        unbind(L, (Temp)(HIDDEN_BASE + i));
    L->n_hidden = 0;
}

/* The host register of temp t, loading it from its slot if needed. */
static Int use(Lower *L, Temp t)
{
    if (L->reg_of[t] >= 0)
        return L->reg_of[t];
    if (!L->slot[t])
        VG_(skin_panic)("UCode uses a temp on a path where it was not defined");
    Int r = bind(L, t);
    EMem m = gs(TS_OFF_UC_TEMP(t));
    emit_mov_load(L->e, r, &m);
    return r;
}

static Int def(Lower *L, Temp t)
{
    vg_assert(L->reg_of[t] < 0);
    return bind(L, t);
}

/* After temp t was defined: keep it in memory if a later point uses it. */
static void after_def(Lower *L, Temp t)
{
    if (temp_info[t].last_anchor != L->anchor) {
        EMem m = gs(TS_OFF_UC_TEMP(t));
        emit_mov_store(L->e, &m, L->reg_of[t]);
        L->slot[t] = True;
        if (!L->dry)
            temp_info[t].in_slot = True;
    }
}

/* Frees the registers of temps whose last use in the group was op i. */
static void release_after(Lower *L, UInt i)
{
    for (UInt m = L->busy; m != 0; m &= m - 1) {
        Temp t = L->holder[__builtin_ctz(m)];
        if (t < HIDDEN_BASE && L->last_use[t] <= (Int)i)
            unbind(L, t);
    }
}

/* Where the guest value of register r is now: its host register unless
   the group took that register (then uc_save). */
static Bool guest_in_save(const Lower *L, Int r)
{
    return ((L->ever_taken | L->held_in) & (1u << r)) != 0;
}

/*--- Small encodings --------------------------------------------------------------------------*/

static void emit_movzx_load(Emit *e, Int dst, Int addr, UInt size)
{
    EMem m = emem(addr, R_NONE, 1, 0);
    if (size == 1) {
        static const UChar op[] = {0x0F, 0xB6};
        emit_op_rm(e, 4, op, 2, dst, &m);
    } else if (size == 2) {
        static const UChar op[] = {0x0F, 0xB7};
        emit_op_rm(e, 4, op, 2, dst, &m);
    } else if (size == 4) {
        static const UChar op = 0x8B;
        emit_op_rm(e, 4, &op, 1, dst, &m);
    } else {
        emit_mov_load(e, dst, &m);
    }
}

static void emit_store_sized(Emit *e, Int addr, Int val, UInt size)
{
    EMem m = emem(addr, R_NONE, 1, 0);
    static const UChar mov8 = 0x88, mov = 0x89;
    if (size == 1)
        emit_op_rm_byte(e, &mov8, 1, val, &m);
    else if (size == 2)
        emit_op_rm(e, 2, &mov, 1, val, &m);
    else if (size == 4)
        emit_op_rm(e, 4, &mov, 1, val, &m);
    else
        emit_mov_store(e, &m, val);
}

/* BMI2 shlx/shrx/sarx dst, src, count: flag-free. pp: 1 (66) shlx,
   2 (F3) sarx, 3 (F2) shrx. */
static void emit_bmi2_shift(Emit *e, UInt pp, Int dst, Int src, Int count)
{
    emit_byte(e, 0xC4);
    emit_byte(e, (UChar)((dst >= 8 ? 0 : 0x80) | 0x40 | (src >= 8 ? 0 : 0x20) | 0x02));
    emit_byte(e, (UChar)(0x80 | ((~count & 15) << 3) | pp));
    emit_byte(e, 0xF7);
    emit_byte(e, (UChar)(0xC0 | (dst & 7) << 3 | (src & 7)));
}

static void emit_alu_rr(Emit *e, UChar opcode, Int dst, Int src)
{
    emit_op_rr(e, 8, &opcode, 1, src, dst); /* op r/m64(dst), r64(src) */
}

static void emit_alu_imm(Emit *e, UInt ext, Int dst, Long imm)
{
    if (imm >= -128 && imm <= 127) {
        static const UChar op = 0x83;
        emit_op_rr(e, 8, &op, 1, (Int)ext, dst);
        emit_byte(e, (UChar)(SChar)imm);
    } else {
        static const UChar op = 0x81;
        emit_op_rr(e, 8, &op, 1, (Int)ext, dst);
        emit_u32(e, (UInt)imm);
    }
}

static void emit_shift_imm(Emit *e, UInt ext, Int dst, UInt imm)
{
    static const UChar op = 0xC1;
    emit_op_rr(e, 8, &op, 1, (Int)ext, dst);
    emit_byte(e, (UChar)imm);
}

static void save_flags(Emit *e)
{
    EMem tmp = gs(TS_OFF_UC_RAX_TMP), fl = gs(TS_OFF_UC_FLAGS);
    emit_mov_store(e, &tmp, R_RAX);
    emit_byte(e, 0x9F); /* lahf */
    emit_byte(e, 0x0F); /* seto al */
    emit_byte(e, 0x90);
    emit_byte(e, 0xC0);
    emit_mov_store(e, &fl, R_RAX);
    emit_mov_load(e, R_RAX, &tmp);
}

static void restore_flags(Emit *e)
{
    EMem tmp = gs(TS_OFF_UC_RAX_TMP), fl = gs(TS_OFF_UC_FLAGS);
    emit_mov_store(e, &tmp, R_RAX);
    emit_mov_load(e, R_RAX, &fl);
    emit_byte(e, 0x04); /* add al, 0x7f: OF = (al == 1) */
    emit_byte(e, 0x7F);
    emit_byte(e, 0x9E); /* sahf */
    emit_mov_load(e, R_RAX, &tmp);
}

/*--- Operations ------------------------------------------------------------------------------------*/

static void lower_get(Lower *L, const UInstr *u)
{
    Int d = def(L, u->dst);
    if (guest_in_save(L, u->reg)) {
        EMem m = gs(TS_OFF_UC_SAVE(u->reg));
        emit_mov_load(L->e, d, &m);
    } else if (d != u->reg) {
        emit_mov_rr(L->e, d, u->reg);
    }
}

static void lower_put(Lower *L, const UInstr *u)
{
    Int s = use(L, u->src[0]);
    if (guest_in_save(L, u->reg)) {
        EMem m = gs(TS_OFF_UC_SAVE(u->reg));
        emit_mov_store(L->e, &m, s);
        L->saved |= 1u << u->reg;
    } else if (s != u->reg) {
        emit_mov_rr(L->e, u->reg, s);
    }
}

/* The guest value of register r into host register into (or r itself if
   it is still in place): returns the register holding it. */
static Int guest_reg_value(Lower *L, Int r, Int into)
{
    if (!guest_in_save(L, r))
        return r;
    EMem m = gs(TS_OFF_UC_SAVE(r));
    emit_mov_load(L->e, into, &m);
    return into;
}

static void lower_ea(Lower *L, const UInstr *u)
{
    const GuestInsn *g = VG_(cb_insn)(L->cb, u->insn);
    const GuestMemOp *mo = &g->mem[u->op];
    Int d = def(L, u->dst);
    Emit *e = L->e;
    if (mo->base == VG_RIP_REG) {
        emit_movabs(e, d, (ULong)(g->addr + g->len + (Addr)mo->disp));
        return;
    }
    Int base = mo->base <= VG_R15 ? mo->base : R_NONE;
    Int index = (mo->index <= VG_R15 && !mo->vector_index) ? mo->index : R_NONE;
    Bool base_saved = base != R_NONE && guest_in_save(L, base);
    Bool index_saved = index != R_NONE && guest_in_save(L, index);
    /* Allocation must not depend on where the guest values are (the dry
       run does not know yet): a scratch whenever two registers could be
       needed besides d. */
    Int h = R_NONE;
    if ((base != R_NONE && index != R_NONE) || mo->seg)
        h = L->reg_of[new_hidden(L)];
    if (base_saved)
        base = guest_reg_value(L, base, d);
    if (index_saved)
        index = guest_reg_value(L, index, base_saved ? h : d);
    EMem m = emem(base, index, mo->scale ? mo->scale : 1, mo->disp);
    if (base == R_NONE && index == R_NONE)
        emit_movabs(e, d, (ULong)mo->disp);
    else
        emit_lea(e, d, &m);
    if (mo->seg) {
        EMem sb = gs(mo->seg == 'f' ? TS_OFF_FS_BASE : TS_OFF_GS_BASE);
        emit_mov_load(e, h, &sb);
        EMem sum = emem(d, h, 1, 0);
        emit_lea(e, d, &sum);
    }
}

static void lower_binop(Lower *L, const UInstr *u, Bool with_imm)
{
    Emit *e = L->e;
    Int a = use(L, u->src[0]);
    Int b = with_imm ? R_NONE : use(L, u->src[1]);
    Long imm = (Long)u->imm;
    Int d = def(L, u->dst);
    switch ((UCBinop)u->op) {
    case VG_UC_ADD:
    case VG_UC_SUB: {
        if (with_imm) {
            EMem m = emem(a, R_NONE, 1, u->op == VG_UC_ADD ? imm : -imm);
            emit_lea(e, d, &m);
        } else if (u->op == VG_UC_ADD) {
            EMem m = emem(a, b, 1, 0);
            emit_lea(e, d, &m);
        } else {
            /* d = a - b without clobbering b: via neg if d == b. */
            L->clobbers_flags = True;
            if (d == b) {
                static const UChar neg = 0xF7;
                emit_op_rr(e, 8, &neg, 1, 3, d);
                EMem m = emem(d, a, 1, 0);
                emit_lea(e, d, &m);
            } else {
                if (d != a)
                    emit_mov_rr(e, d, a);
                emit_alu_rr(e, 0x29, d, b);
            }
        }
        break;
    }
    case VG_UC_AND:
    case VG_UC_OR:
    case VG_UC_XOR: {
        static const UChar rr_op[] = {0x21, 0x09, 0x31};
        static const UInt imm_ext[] = {4, 1, 6};
        UInt k = u->op == VG_UC_AND ? 0 : u->op == VG_UC_OR ? 1 : 2;
        if (with_imm && u->op == VG_UC_AND && (imm == 0xFF || imm == 0xFFFF)) {
            UChar op[] = {0x0F, (UChar)(imm == 0xFF ? 0xB6 : 0xB7)};
            if (imm == 0xFF)
                emit_op_rr_byte(e, 4, op, 2, d, a); /* movzx d, a8 */
            else
                emit_op_rr(e, 4, op, 2, d, a);
            break;
        }
        L->clobbers_flags = True;
        if (!with_imm && d == b) {
            emit_alu_rr(e, rr_op[k], d, a); /* commutative */
            break;
        }
        if (d != a)
            emit_mov_rr(e, d, a);
        if (with_imm)
            emit_alu_imm(e, imm_ext[k], d, imm);
        else
            emit_alu_rr(e, rr_op[k], d, b);
        break;
    }
    case VG_UC_SHL:
    case VG_UC_SHR:
    case VG_UC_SAR: {
        UInt pp = u->op == VG_UC_SHL ? 1 : u->op == VG_UC_SAR ? 2 : 3;
        UInt ext = u->op == VG_UC_SHL ? 4 : u->op == VG_UC_SAR ? 7 : 5;
        if (with_imm) {
            if (u->op == VG_UC_SHL && imm >= 1 && imm <= 3) {
                EMem m = emem(R_NONE, a, 1 << imm, 0);
                emit_lea(e, d, &m);
            } else if (bmi2()) {
                Int h = L->reg_of[new_hidden(L)];
                emit_movabs(e, h, (ULong)imm);
                emit_bmi2_shift(e, pp, d, a, h);
            } else {
                L->clobbers_flags = True;
                if (d != a)
                    emit_mov_rr(e, d, a);
                emit_shift_imm(e, ext, d, (UInt)imm);
            }
        } else if (bmi2()) {
            emit_bmi2_shift(e, pp, d, a, b);
        } else {
            VG_(core_panic)("UCode shifts by a temp need BMI2 on this host");
        }
        break;
    }
    }
}

static Int cc_of_cond(UInt c)
{
    static const Int cc[] = {CC_E, CC_NE, CC_B, CC_BE, CC_A, CC_AE, CC_L, CC_LE, CC_G, CC_GE};
    return cc[c];
}

static void open_ool(Lower *L, UChar *field);

/* if (a == 0) / if (a != 0) while the guest's flags are live: with
   jrcxz, which leaves them alone (cheaper than saving and restoring
   them), %rcx lent for the test:
       mov %rcx, %gs:TMP ; mov a, %rcx ; jrcxz 1f ; mov %gs:TMP, %rcx
       NE: jmp OOL        EQ: jmp 2f
   1:  mov %gs:TMP, %rcx
       EQ: jmp OOL
   2:  (resume)
   Returns the rel32 field of the jump to the out-of-line code. */
static UChar *flag_free_test_zero(Lower *L, Int a, Bool jump_if_nonzero)
{
    Emit *e = L->main;
    EMem tmp = gs(TS_OFF_UC_RCX_TMP);
    emit_mov_store(e, &tmp, R_RCX);
    if (a != R_RCX)
        emit_mov_rr(e, R_RCX, a);
    UChar *zero = emit_rel8_branch(e, 0xE3, NULL); /* jrcxz */
    emit_mov_load(e, R_RCX, &tmp);
    UChar *field, *skip = NULL;
    if (jump_if_nonzero)
        field = emit_jmp32(e, NULL);
    else
        skip = emit_rel8_branch(e, 0xEB, NULL); /* jmp rel8 */
    patch_rel8(zero, e->p);
    emit_mov_load(e, R_RCX, &tmp);
    if (!jump_if_nonzero) {
        field = emit_jmp32(e, NULL);
        patch_rel8(skip, e->p);
    }
    return field;
}

static void begin_if(Lower *L, const UInstr *u, UInt idx)
{
    Emit *e = L->main;
    Int a = use(L, u->src[0]);
    if (u->kind == UO_IF_IMM && u->imm == 0 && (u->op == VG_UC_EQ || u->op == VG_UC_NE) &&
        L->flags_live) {
        release_after(L, idx);
        UChar *field = flag_free_test_zero(L, a, u->op == VG_UC_NE);
        L->resume = e->p;
        open_ool(L, field);
        return;
    }
    if (u->kind == UO_IF_IMM) {
        Long imm = (Long)u->imm;
        if (imm == 0 && (u->op == VG_UC_EQ || u->op == VG_UC_NE)) {
            static const UChar test = 0x85;
            emit_op_rr(e, 8, &test, 1, a, a);
        } else {
            emit_alu_imm(e, 7, a, imm);
        }
    } else {
        Int b = use(L, u->src[1]);
        emit_alu_rr(e, 0x39, a, b); /* cmp a, b */
    }
    L->clobbers_flags = True;
    release_after(L, idx);
    UChar *field = emit_jcc32(e, cc_of_cond(u->op), NULL);
    L->resume = e->p;
    open_ool(L, field);
}

/* Starts the out-of-line code of an if, reached through the rel32 field. */
static void open_ool(Lower *L, UChar *field)
{
    L->oole = VG_(ool_emit)(L->ool);
    if (!L->dry)
        VG_(ool_jump_from_main)(L->ool, field, L->ool->len);
    else
        patch_rel32(field, field + 4); /* harmless until the real run */
    L->e = &L->oole;
    L->in_if = True;
    /* Flags clobbered out of line only are saved there, not on every run
       of the main line. */
    L->main_clobbers_saved = L->clobbers_flags;
    L->clobbers_flags = False;
    L->ool_touched = 0;
    L->ool_saves_flags = !L->dry && L->flags_live && !L->save_fl_main;
    if (L->ool_saves_flags)
        save_flags(L->e);
    for (UInt k = 0; k < L->n_gtemps; k++)
        L->snap_reg[L->gtemps[k]] = L->reg_of[L->gtemps[k]];
    memcpy(L->snap_holder, L->holder, sizeof L->snap_holder);
}

static void end_if(Lower *L, UInt idx)
{
    Emit *e = L->e;
    /* Temps of the main line that nothing after the if uses are dropped. */
    for (UInt k = 0; k < L->n_gtemps; k++) {
        Temp t = L->gtemps[k];
        if (t >= HIDDEN_BASE || L->snap_reg[t] < 0)
            continue;
        if (L->last_use[t] > (Int)idx || temp_info[t].last_anchor != L->anchor)
            continue;
        L->snap_holder[L->snap_reg[t]] = 0;
        L->snap_reg[t] = -1;
    }
    /* Put the main line's temps back where the main line has them. */
    for (UInt k = 0; k < L->n_gtemps; k++) {
        Temp t = L->gtemps[k];
        Int want = L->snap_reg[t], now = L->reg_of[t];
        if (want < 0 || want == now)
            continue;
        if (now >= 0 && !L->slot[t]) {
            EMem m = gs(TS_OFF_UC_TEMP(t));
            emit_mov_store(e, &m, now);
            L->slot[t] = True;
        }
    }
    for (UInt k = 0; k < L->n_gtemps; k++) {
        Temp t = L->gtemps[k];
        Int want = L->snap_reg[t];
        if (want < 0 || want == L->reg_of[t])
            continue;
        vg_assert(L->slot[t]);
        EMem m = gs(TS_OFF_UC_TEMP(t));
        emit_mov_load(e, want, &m);
    }
    if (L->ool_saves_flags)
        restore_flags(e);
    L->clobbers_flags = L->main_clobbers_saved;
    /* What the out-of-line code wrote is unknown to the main line. */
    L->rconst_valid &= ~L->ool_touched;
    UChar *rel = emit_jmp32(e, NULL);
    if (!L->dry) {
        VG_(ool_jump_to_main)(L->ool, rel, L->resume);
        VG_(ool_commit)(L->ool, e);
    }
    for (UInt k = 0; k < L->n_gtemps; k++)
        L->reg_of[L->gtemps[k]] = L->snap_reg[L->gtemps[k]];
    memcpy(L->holder, L->snap_holder, sizeof L->holder);
    L->busy = 0;
    for (Int r = 0; r < 16; r++)
        if (L->holder[r] != 0)
            L->busy |= 1u << r;
    L->e = L->main;
    L->in_if = False;
}

/* A call from out-of-line code (a slow path): through the dispatcher's
   helper_call, which saves and restores everything, with a descriptor
   right after the jump; 24 bytes of code and 48 of data instead of about
   200 bytes of saving and restoring at every call site.  Needs one
   register the guest does not hold a value in; False if there is none. */
static Bool compact_call(Lower *L, const UInstr *u)
{
    UInt free_regs = (L->dry ? L->taken : L->ever_taken) | L->held_in;
    free_regs &= ~(1u << R_RSP);
    if (free_regs == 0)
        return False;
    Int s = __builtin_ctz(free_regs);
    Emit *e = L->e;
    /* lea s, [rip + desc] ; mov gs:CALL_DESC, s ; jmp gs:HELPER_CALL ; desc */
    emit_byte(e, (UChar)(0x48 | (s >= 8 ? 4 : 0))); /* lea s, [rip + disp32] */
    emit_byte(e, 0x8D);
    emit_byte(e, (UChar)(0x05 | (s & 7) << 3));
    emit_u32(e, 0);
    UChar *disp = e->p - 4, *after_lea = e->p;
    EMem cd = gs(TS_OFF_CALL_DESC), hc = gs(TS_OFF_HELPER_CALL);
    emit_mov_store(e, &cd, s);
    emit_jmp_mem(e, &hc);
    Int d = (Int)(e->p - after_lea);
    memcpy(disp, &d, 4);
    VgCallDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.fn = (ULong)(Addr)u->fn;
    desc.guest_ip = L->guest_ip;
    for (UInt k = 0; k < 6; k++)
        desc.arg_off[k] = TS_OFF_UC_TEMP(k < u->nsrc ? u->src[k] : 0);
    desc.result_off = TS_OFF_UC_TEMP(u->dst);
    Bool full = !(u->flags & VG_CCALL_GPR_ONLY);
    desc.flags = (full || (u->flags & VG_CCALL_NEEDS_CONTEXT) ? VG_CALL_CTX : 0) |
                 (full ? VG_CALL_FULL : 0) | (guest_in_save(L, R_RBP) ? VG_CALL_RBP_SAVED : 0);
    emit_bytes(e, (const UChar *)&desc, sizeof desc);
    L->slot[u->dst] = True;
    if (!L->dry)
        temp_info[u->dst].in_slot = True;
    L->clobbers_flags = True;
    L->rconst_valid &= ~(1u << s);
    L->ool_touched |= 1u << s;
    return True;
}

static void lower_ccall(Lower *L, const UInstr *u, UInt idx)
{
    Emit *e = L->e;
    /* Temps still needed after the call, and the arguments, go to memory:
       the call clobbers the caller-saved registers. */
    for (Int r = 0; r < 16; r++) {
        Temp t = L->holder[r];
        if (t == 0 || t >= HIDDEN_BASE)
            continue;
        Bool needed_later = L->last_use[t] > (Int)idx || temp_info[t].last_anchor != L->anchor;
        Bool is_arg = False;
        for (UInt k = 0; k < u->nsrc; k++)
            is_arg |= u->src[k] == t;
        if ((needed_later || is_arg) && !L->slot[t]) {
            EMem m = gs(TS_OFF_UC_TEMP(t));
            emit_mov_store(e, &m, r);
            L->slot[t] = True;
        }
    }
    for (UInt k = 0; k < u->nsrc; k++) {
        Temp t = u->src[k];
        if (!L->slot[t]) {
            Int r = use(L, t);
            EMem m = gs(TS_OFF_UC_TEMP(t));
            emit_mov_store(e, &m, r);
            L->slot[t] = True;
        }
    }
    for (Int r = 0; r < 16; r++)
        if (L->holder[r] != 0 && L->holder[r] < HIDDEN_BASE)
            unbind(L, L->holder[r]);
    if (L->in_if && compact_call(L, u))
        return;

    /* Guest values still in caller-saved registers survive on the core
       stack. */
    Int pushed[9], np = 0;
    for (UInt i = 0; i < VG_N_ELEMS(caller_saved); i++) {
        Int r = caller_saved[i];
        if (guest_in_save(L, r))
            continue;
        if ((L->live | L->get_regs) & (1u << r))
            pushed[np++] = r;
    }
    EMem grsp = gs(TS_OFF_GPR(R_RSP)), hrsp = gs(TS_OFF_HOST_RSP);
    emit_mov_store(e, &grsp, R_RSP);
    emit_mov_load(e, R_RSP, &hrsp);
    /* pushfq keeps the guest's DF (the helper needs DF clear) and aligns
       the core stack (8 mod 16, now 0).  The arithmetic flags are the
       group's to save (clobbers_flags), which is cheaper than popfq. */
    emit_byte(e, 0x9C); /* pushfq */
    L->clobbers_flags = True;
    for (Int i = 0; i < np; i++)
        emit_push(e, pushed[i]);
    Bool pad = (np & 1) != 0;
    if (pad) {
        EMem m = emem(R_RSP, R_NONE, 1, -8);
        emit_lea(e, R_RSP, &m);
    }
    emit_byte(e, 0xFC); /* cld */
    Bool full = !(u->flags & VG_CCALL_GPR_ONLY);
    if (full || (u->flags & VG_CCALL_NEEDS_CONTEXT)) {
        EMem rip = gs(TS_OFF_RIP), rbp = gs(TS_OFF_GPR(R_RBP));
        emit_movabs(e, R_RAX, L->guest_ip);
        emit_mov_store(e, &rip, R_RAX);
        Int v = guest_reg_value(L, R_RBP, R_RAX);
        emit_mov_store(e, &rbp, v);
    }
    static const UChar xs[] = {0x0F, 0xAE};
    EMem xarea = gs(TS_OFF_XSAVE);
    if (full) {
        emit_movabs(e, R_RAX, 7);
        emit_movabs(e, R_RDX, 0);
        emit_op_rm(e, 8, xs, 2, xsaveopt() ? 6 : 4, &xarea); /* xsave(opt)64 */
    }
    static const Int argreg[6] = {R_RDI, R_RSI, R_RDX, R_RCX, R_R8, R_R9};
    for (UInt k = 0; k < u->nsrc; k++) {
        EMem m = gs(TS_OFF_UC_TEMP(u->src[k]));
        emit_mov_load(e, argreg[k], &m);
    }
    emit_movabs(e, R_RAX, (ULong)(Addr)u->fn);
    static const UChar call_rax[] = {0xFF, 0xD0};
    emit_bytes(e, call_rax, 2);
    EMem res = gs(TS_OFF_UC_TEMP(u->dst));
    emit_mov_store(e, &res, R_RAX);
    L->slot[u->dst] = True;
    if (!L->dry)
        temp_info[u->dst].in_slot = True;
    if (full) {
        emit_movabs(e, R_RAX, 7);
        emit_movabs(e, R_RDX, 0);
        emit_op_rm(e, 8, xs, 2, 5, &xarea); /* xrstor64 */
    }
    if (pad) {
        EMem m = emem(R_RSP, R_NONE, 1, 8);
        emit_lea(e, R_RSP, &m);
    }
    for (Int i = np - 1; i >= 0; i--)
        emit_pop(e, pushed[i]);
    /* The callee clobbered the caller-saved registers. */
    UInt clobbered = 0;
    for (UInt i = 0; i < VG_N_ELEMS(caller_saved); i++)
        clobbered |= 1u << caller_saved[i];
    L->rconst_valid &= ~clobbered;
    if (L->in_if)
        L->ool_touched |= clobbered;
    /* DF back as it was: testb $4, 1(%rsp); jz 1f; std; 1: lea 8(%rsp), %rsp */
    static const UChar restore_df[] = {0xF6, 0x44, 0x24, 0x01, 0x04, 0x74, 0x01, 0xFD};
    emit_bytes(e, restore_df, sizeof restore_df);
    EMem drop = emem(R_RSP, R_NONE, 1, 8);
    emit_lea(e, R_RSP, &drop);
    emit_mov_load(e, R_RSP, &grsp);
}

static void lower_inc(Lower *L, const UInstr *u)
{
    Emit *e = L->e;
    Int h = L->reg_of[new_hidden(L)];
    emit_movabs(e, h, u->imm);
    EMem m = emem(h, R_NONE, 1, 0);
    Long by = (Long)u->imm2;
    if (!L->flags_live && by == (Long)(Int)by) {
        /* add qword [h], by */
        L->clobbers_flags = True;
        static const UChar op81 = 0x81, op83 = 0x83;
        if (by >= -128 && by <= 127) {
            emit_op_rm(e, 8, &op83, 1, 0, &m);
            emit_byte(e, (UChar)(SChar)by);
        } else {
            emit_op_rm(e, 8, &op81, 1, 0, &m);
            emit_u32(e, (UInt)by);
        }
        return;
    }
    /* Flag-free: load, lea, store. */
    Int v = L->reg_of[new_hidden(L)];
    emit_mov_load(e, v, &m);
    if (by == (Long)(Int)by) {
        EMem s = emem(v, R_NONE, 1, by);
        emit_lea(e, v, &s);
    } else {
        Int w = L->reg_of[new_hidden(L)];
        emit_movabs(e, w, (ULong)by);
        EMem s = emem(v, w, 1, 0);
        emit_lea(e, v, &s);
    }
    emit_mov_store(e, &m, v);
}

struct UCExtEmitter {
    Emit *e;
};

void VG_(ucx_emit)(UCExtEmitter *em, const UChar *bytes, UInt n)
{
    emit_bytes(em->e, bytes, n);
}

static void lower_ext(Lower *L, const UInstr *u, UInt idx)
{
    const UCExtOp *x = VG_(ucode_ext)(u->op);
    UInt regs[UC_MAX_SRC + 8];
    UInt k = 0;
    for (UInt i = 0; i < x->n_in; i++)
        regs[k++] = (UInt)use(L, u->src[i]);
    /* In place: the first output in the first input's register, if that
       input dies here and is no other input. */
    Temp in0 = x->n_in > 0 ? u->src[0] : 0;
    Bool inplace = x->inplace && x->n_in > 0 && x->n_out > 0 && in0 < HIDDEN_BASE &&
                   L->last_use[in0] <= (Int)idx && temp_info[in0].last_anchor == L->anchor;
    for (UInt i = 1; inplace && i < x->n_in; i++)
        inplace = u->src[i] != in0;
    for (UInt i = 0; i < x->n_out; i++) {
        if (i == 0 && inplace) {
            Int r = L->reg_of[in0];
            unbind(L, in0);
            bind_to(L, u->src[x->n_in], r);
            L->rconst_valid &= ~(1u << r);
            if (L->in_if)
                L->ool_touched |= 1u << r;
            regs[k++] = (UInt)r;
            continue;
        }
        regs[k++] = (UInt)def(L, u->src[x->n_in + i]);
    }
    for (UInt i = 0; i < x->n_scratch; i++)
        regs[k++] = (UInt)L->reg_of[new_hidden(L)];
    if (x->clobbers_flags)
        L->clobbers_flags = True;
    UCExtEmitter em = {L->e};
    x->gen(&em, regs, u->imm);
}

/*--- A group -----------------------------------------------------------------------------------*/

static void run(Lower *L)
{
    UCodeBlock *cb = L->cb;
    for (UInt k = 0; k < L->n_gtemps; k++) {
        Temp t = L->gtemps[k];
        L->reg_of[t] = -1;
        L->slot[t] = t < HIDDEN_BASE && temp_info[t].in_slot;
    }
    memset(L->holder, 0, sizeof L->holder);
    L->busy = 0;
    L->taken = 0;
    L->n_hidden = 0;
    L->rconst_valid = L->held->const_valid & L->held->held;
    memcpy(L->rconst, L->held->const_value, sizeof L->rconst);
    L->e = L->main;
    L->in_if = False;
    for (UInt i = L->first; i < L->end; i++) {
        const UInstr *u = &cb->u[i];
        if (u->anchor != L->anchor)
            continue;
        switch ((UOKind)u->kind) {
        case UO_CONST:
            lower_const(L, u);
            break;
        case UO_GET:
            lower_get(L, u);
            break;
        case UO_PUT:
            lower_put(L, u);
            break;
        case UO_EA:
            lower_ea(L, u);
            break;
        case UO_LOAD: {
            Int a = use(L, u->src[0]);
            emit_movzx_load(L->e, def(L, u->dst), a, u->size);
            break;
        }
        case UO_STORE: {
            Int a = use(L, u->src[0]), v = use(L, u->src[1]);
            emit_store_sized(L->e, a, v, u->size);
            break;
        }
        case UO_BINOP:
            lower_binop(L, u, False);
            break;
        case UO_BINOP_IMM:
            lower_binop(L, u, True);
            break;
        case UO_IF:
        case UO_IF_IMM:
            begin_if(L, u, i);
            break;
        case UO_ENDIF:
            end_if(L, i);
            break;
        case UO_CCALL:
            lower_ccall(L, u, i);
            break;
        case UO_INC:
            lower_inc(L, u);
            break;
        case UO_EXT:
            lower_ext(L, u, i);
            break;
        }
        if (u->kind != UO_EXT && u->dst != 0 && L->reg_of[u->dst] >= 0)
            after_def(L, u->dst);
        if (u->kind == UO_EXT) {
            const UCExtOp *x = VG_(ucode_ext)(u->op);
            for (UInt k = x->n_in; k < x->n_in + x->n_out; k++)
                after_def(L, u->src[k]);
        }
        free_hidden(L);
        if (u->kind != UO_IF && u->kind != UO_IF_IMM)
            release_after(L, i);
    }
    vg_assert(!L->in_if);
}

void VG_(ucode_lower)(UCodeBlock *cb, UInt anchor, Emit *e, UCOol *ool, Addr guest_ip,
                     UCHeld *held)
{
    prepare_temps(cb);
    static Lower *the_lower;
    if (the_lower == NULL) {
        the_lower = calloc(1, sizeof *the_lower); /* reg_of is never -2 (seen) */
        vg_assert(the_lower != NULL);
    }
    Lower *L = the_lower;
    memset(L, 0, offsetof(Lower, reg_of));
    L->get_regs = 0;
    L->cb = cb;
    L->anchor = anchor;
    L->ool = ool;
    L->guest_ip = guest_ip;
    L->live = VG_(ucode_live_regs)(cb, anchor);
    L->flags_live = (VG_(ucode_live_flags)(cb, anchor) & VG_FLAGS_ARITH) != 0;
    L->held_in = held->held;
    L->saved = held->saved;
    L->avoid = held->avoid;
    L->held = held;
    L->first = cb->n_u;
    if (!VG_(ucode_has_at)(cb, anchor))
        return;
    for (UInt i = cb->anchor_first[anchor]; i < cb->anchor_end[anchor]; i++) {
        const UInstr *u = &cb->u[i];
        if (u->anchor != anchor)
            continue;
        if (L->first == cb->n_u)
            L->first = i;
        L->end = i + 1;
        if (u->kind == UO_GET)
            L->get_regs |= 1u << u->reg;
        /* A helper that takes the guest's context reads %rbp from the
           save area if UCode borrowed it: it must be saved even where the
           guest code has no further use for it. */
        if (u->kind == UO_CCALL && (!(u->flags & VG_CCALL_GPR_ONLY) ||
                                    (u->flags & VG_CCALL_NEEDS_CONTEXT)))
            L->get_regs |= 1u << R_RBP;
    }
    if (L->first == cb->n_u)
        return;
    /* The temps of the group (each once) and their last uses in it. */
    L->n_gtemps = 0;
    for (UInt i = L->first; i < L->end; i++) {
        const UInstr *u = &cb->u[i];
        if (u->anchor != anchor)
            continue;
        Temp ts[UC_MAX_SRC + 1];
        UInt nt = u->nsrc;
        memcpy(ts, u->src, nt * sizeof(Temp));
        if (u->dst)
            ts[nt++] = u->dst;
        for (UInt k = 0; k < nt; k++) {
            Temp t = ts[k];
            if (L->reg_of[t] != -2) {
                L->reg_of[t] = -2; /* seen */
                L->last_use[t] = -1;
                L->gtemps[L->n_gtemps++] = t;
            }
        }
        UInt nsrc = u->kind == UO_EXT ? VG_(ucode_ext)(u->op)->n_in : u->nsrc;
        for (UInt k = 0; k < nsrc; k++)
            L->last_use[u->src[k]] = (Int)i;
        if (u->dst && L->last_use[u->dst] < (Int)i)
            L->last_use[u->dst] = (Int)i;
    }
    for (Int h = 0; h < 8; h++)
        L->gtemps[L->n_gtemps++] = (Temp)(HIDDEN_BASE + h);

    /* Dry run: into a scratch buffer, to learn the registers and flags. */
    static UChar scratch[65536];
    Emit dry = {scratch, scratch, scratch + sizeof scratch - EMIT_SLACK, False};
    L->dry = True;
    L->main = &dry;
    L->ever_taken = 0;
    run(L);
    UInt taken = L->taken;
    Bool clob = L->clobbers_flags;

    /* The real run. */
    L->dry = False;
    L->main = e;
    L->ever_taken = taken;
    L->clobbers_flags = False;
    L->saved = held->saved;
    Bool save_fl = clob && L->flags_live;
    L->save_fl_main = save_fl;
    if (save_fl)
        save_flags(e);
    /* Guest values of the registers taken now go to uc_save (%rbp always:
       context helpers and stack traces read it there). */
    for (Int r = 0; r < 16; r++) {
        UInt bit = 1u << r;
        if (!(taken & bit) || (L->held_in & bit))
            continue;
        if ((L->live | L->get_regs | (1u << R_RBP)) & bit) {
            EMem m = gs(TS_OFF_UC_SAVE(r));
            emit_mov_store(e, &m, r);
            L->saved |= bit;
        }
    }
    run(L);
    vg_assert(L->taken == taken || (L->taken & ~taken) == 0);
    if (save_fl)
        restore_flags(e);
    /* The registers taken stay taken: the translator gives each back
       (VG_(ucode_give_back)) just before guest code that uses it. */
    held->held = L->held_in | taken;
    held->saved = L->saved;
    held->const_valid = L->rconst_valid & held->held;
    memcpy(held->const_value, L->rconst, sizeof L->rconst);
}

void VG_(ucode_give_back)(Emit *e, UCHeld *held, UInt regs)
{
    for (Int r = 0; r < 16; r++) {
        UInt bit = 1u << r;
        if (!(held->held & regs & bit))
            continue;
        if (held->saved & bit) {
            EMem m = gs(TS_OFF_UC_SAVE(r));
            emit_mov_load(e, r, &m);
        }
        held->held &= ~bit;
        held->saved &= ~bit;
        held->const_valid &= ~bit;
    }
}
