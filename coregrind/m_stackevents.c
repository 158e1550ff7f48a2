/*--------------------------------------------------------------------*/
/*--- Stack events: following the guest's stack pointer.           ---*/
/*---                                             m_stackevents.c ---*/
/*--------------------------------------------------------------------*/

/* When the skin tracks new_mem_stack or die_mem_stack (or their fast
   paths), every instruction that writes %rsp gets UCode, added to its
   block around the skin's own instrumentation:

   - a constant change (push, pop, call, ret, add/sub $imm, lea
     imm(%rsp)): the skin's inline UCode (SK_(uc_new_mem_stack) /
     SK_(uc_die_mem_stack)) if it gives some, else a call of the size's
     fast path, else of the general handler.  Growth is announced before
     the instruction and before the skin's own UCode for it (a push's
     store must find its slot in use); shrinking after it, or, for a ret,
     before it but after the skin's UCode (which checks the ret's load).
   - any other change (mov %rbp, %rsp; leave; and $-16, %rsp; ...): the
     old value is kept in a temp, and after the instruction a helper
     compares it with the new one; a difference of more than
     --max-stackframe is a switch to another stack, not a growth.

   All addresses are offset by the 128-byte red zone: the area just below
   the stack pointer is in use. */

#include "pub_core_basics.h"
#include "pub_core_stackevents.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_threadstate.h"
#include "pub_core_tooliface.h"
#include "pub_core_translate.h"
#include "pub_core_ucode.h"

#include <capstone/capstone.h>

#define RED_ZONE 128
/* Any function as a UCode helper (void or not: the result is ignored). */
#define AS_HELPER(f) ((UCHelper)(void (*)(void))(f))

/*--- Which instructions change %rsp, and by how much ---------------------------------*/

static Bool is_rsp(const cs_x86_op *op)
{
    return op->type == X86_OP_REG && op->reg == X86_REG_RSP;
}

/* The constant change of %rsp by ci, if it is one. */
static Bool constant_delta(const cs_insn *ci, Long *delta)
{
    const cs_x86 *x = &ci->detail->x86;
    switch (ci->id) {
    case X86_INS_PUSH:
        *delta = x->op_count == 1 && x->operands[0].type != X86_OP_IMM
                     ? -(Long)x->operands[0].size
                     : -8;
        return *delta == -8 || *delta == -2;
    case X86_INS_PUSHFQ:
        *delta = -8;
        return True;
    case X86_INS_POP:
        if (x->op_count != 1 || is_rsp(&x->operands[0]))
            return False; /* pop %rsp: rsp = the popped value */
        *delta = x->operands[0].size;
        return *delta == 8 || *delta == 2;
    case X86_INS_POPFQ:
        *delta = 8;
        return True;
    case X86_INS_CALL:
        *delta = -8;
        return True;
    case X86_INS_RET:
        *delta = 8 + (x->op_count == 1 && x->operands[0].type == X86_OP_IMM
                          ? x->operands[0].imm
                          : 0);
        return True;
    case X86_INS_ADD:
    case X86_INS_SUB:
        if (x->op_count != 2 || !is_rsp(&x->operands[0]) || x->operands[1].type != X86_OP_IMM)
            return False;
        *delta = ci->id == X86_INS_ADD ? x->operands[1].imm : -x->operands[1].imm;
        return True;
    case X86_INS_LEA:
        if (x->op_count != 2 || !is_rsp(&x->operands[0]) ||
            x->operands[1].mem.base != X86_REG_RSP || x->operands[1].mem.index != X86_REG_INVALID ||
            x->operands[1].mem.segment != X86_REG_INVALID)
            return False;
        *delta = x->operands[1].mem.disp;
        return True;
    default:
        return False;
    }
}

/*--- The handlers -----------------------------------------------------------------------------*/

static UCHelper new_fast_path(SizeT len)
{
    switch (len) {
    case 4: return AS_HELPER(VG_(skin).track_new_mem_stack_4);
    case 8: return AS_HELPER(VG_(skin).track_new_mem_stack_8);
    case 16: return AS_HELPER(VG_(skin).track_new_mem_stack_16);
    case 32: return AS_HELPER(VG_(skin).track_new_mem_stack_32);
    case 112: return AS_HELPER(VG_(skin).track_new_mem_stack_112);
    case 128: return AS_HELPER(VG_(skin).track_new_mem_stack_128);
    default: return NULL;
    }
}

static UCHelper die_fast_path(SizeT len)
{
    switch (len) {
    case 4: return AS_HELPER(VG_(skin).track_die_mem_stack_4);
    case 8: return AS_HELPER(VG_(skin).track_die_mem_stack_8);
    case 16: return AS_HELPER(VG_(skin).track_die_mem_stack_16);
    case 32: return AS_HELPER(VG_(skin).track_die_mem_stack_32);
    case 112: return AS_HELPER(VG_(skin).track_die_mem_stack_112);
    case 128: return AS_HELPER(VG_(skin).track_die_mem_stack_128);
    default: return NULL;
    }
}

static Bool tracks_new(void)
{
    return VG_(skin).track_new_mem_stack || VG_(skin).track_new_mem_stack_4 ||
           VG_(skin).track_new_mem_stack_8 || VG_(skin).track_new_mem_stack_16 ||
           VG_(skin).track_new_mem_stack_32 || VG_(skin).track_new_mem_stack_112 ||
           VG_(skin).track_new_mem_stack_128;
}

static Bool tracks_die(void)
{
    return VG_(skin).track_die_mem_stack || VG_(skin).track_die_mem_stack_4 ||
           VG_(skin).track_die_mem_stack_8 || VG_(skin).track_die_mem_stack_16 ||
           VG_(skin).track_die_mem_stack_32 || VG_(skin).track_die_mem_stack_112 ||
           VG_(skin).track_die_mem_stack_128;
}

Bool VG_(tracks_stack_events)(void)
{
    return tracks_new() || tracks_die();
}

static UInt call_flags(void)
{
    return VG_(needs).gpr_only_stack_events ? VG_CCALL_GPR_ONLY : 0;
}

/* The warning for a stack switch, a few times only (as Valgrind). */
static void stack_switch(Addr old_sp, Addr new_sp)
{
    static UInt n_warned;
    if (n_warned >= 3 || VG_(clo_verbosity) < 1)
        return;
    n_warned++;
    VG_(umsg)("Warning: client switching stacks?  SP change: %#lx --> %#lx", old_sp, new_sp);
    VG_(umsg)("         to suppress, use: --max-stackframe=%lu or greater",
              old_sp > new_sp ? old_sp - new_sp : new_sp - old_sp);
    if (n_warned == 3)
        VG_(umsg)("         further instances of this message will not be shown.");
}

/* A change of %rsp by an instruction whose change is not constant. */
static void stack_moved(Addr old_sp, Addr new_sp)
{
    if (new_sp < old_sp) {
        if (old_sp - new_sp > (UWord)VG_(clo_max_stackframe))
            stack_switch(old_sp, new_sp);
        else if (VG_(skin).track_new_mem_stack)
            VG_(skin).track_new_mem_stack(new_sp - RED_ZONE, old_sp - new_sp);
    } else if (new_sp > old_sp) {
        if (new_sp - old_sp > (UWord)VG_(clo_max_stackframe))
            stack_switch(old_sp, new_sp);
        else if (VG_(skin).track_die_mem_stack)
            VG_(skin).track_die_mem_stack(old_sp - RED_ZONE, new_sp - old_sp);
    }
}

/* The same, callable without saving the vector state: only when the
   skin's handlers do not use it either.  The rare warning path (printf
   uses vector registers) saves it itself. */
static UChar warn_xsave[VG_XSAVE_SIZE] __attribute__((aligned(64)));

__attribute__((target("general-regs-only"))) static void stack_moved_gpr(Addr old_sp,
                                                                        Addr new_sp)
{
    UWord delta = new_sp < old_sp ? old_sp - new_sp : new_sp - old_sp;
    if (delta > (UWord)VG_(clo_max_stackframe)) {
        __asm__ volatile("xsave64 %0" : "=m"(warn_xsave) : "a"(7), "d"(0) : "memory");
        stack_switch(old_sp, new_sp);
        __asm__ volatile("xrstor64 %0" : : "m"(warn_xsave), "a"(7), "d"(0) : "memory");
    } else if (new_sp < old_sp) {
        if (VG_(skin).track_new_mem_stack)
            VG_(skin).track_new_mem_stack(new_sp - RED_ZONE, delta);
    } else if (VG_(skin).track_die_mem_stack) {
        VG_(skin).track_die_mem_stack(old_sp - RED_ZONE, delta);
    }
}

/*--- Adding the UCode -----------------------------------------------------------------------------*/

/* At the current point: the event for a constant change of the region
   [rsp + offset, +len). */
static void constant_event(UCodeBlock *cb, Bool grow, Long offset, SizeT len)
{
    if (grow ? VG_(skin).uc_new_mem_stack(cb, offset, len)
             : VG_(skin).uc_die_mem_stack(cb, offset, len))
        return;
    Temp sp = VG_(uc_get_reg)(cb, VG_RSP);
    Temp a = VG_(uc_binop_imm)(cb, VG_UC_ADD, sp, offset);
    UCHelper fast = grow ? new_fast_path(len) : die_fast_path(len);
    if (fast != NULL) {
        VG_(uc_ccall)(cb, fast, call_flags(), 1, &a);
        return;
    }
    UCHelper general = grow ? AS_HELPER(VG_(skin).track_new_mem_stack)
                            : AS_HELPER(VG_(skin).track_die_mem_stack);
    if (general != NULL) {
        Temp args[2] = {a, VG_(uc_const)(cb, len)};
        VG_(uc_ccall)(cb, general, call_flags(), 2, args);
    }
}

static Bool transfers_control(const GuestInsn *gi)
{
    return gi->kind != VG_IK_PLAIN;
}

/* The change of %rsp by instruction i: True with *delta if constant (0
   if it does not write %rsp). */
static Bool insn_delta(UCodeBlock *cb, UInt i, Long *delta)
{
    const GuestInsn *gi = VG_(cb_insn)(cb, i);
    *delta = 0;
    if (!(gi->regs_written & (1u << VG_RSP)))
        return True;
    return constant_delta(cb->cs[i], delta);
}

/* A change by an instruction that is not constant: compare before and
   after it. */
static void add_moved_check(UCodeBlock *cb, UInt i)
{
    VG_(uc_at)(cb, i, VG_BEFORE);
    Temp old_sp = VG_(uc_get_reg)(cb, VG_RSP);
    VG_(uc_at)(cb, i, VG_AFTER);
    Temp new_sp = VG_(uc_get_reg)(cb, VG_RSP);
    VG_(uc_if)(cb, VG_UC_NE, old_sp, new_sp);
    Temp args[2] = {old_sp, new_sp};
    Bool gpr = VG_(needs).gpr_only_stack_events;
    VG_(uc_ccall)(cb, gpr ? AS_HELPER(stack_moved_gpr) : AS_HELPER(stack_moved), call_flags(), 2,
                  args);
    VG_(uc_endif)(cb);
}

/* The event at the current point for a change of rsp: a constant
   region [rsp + offset - RED_ZONE, +len). */
static void event_at(UCodeBlock *cb, Bool grow, Long offset, SizeT len)
{
    constant_event(cb, grow, offset - RED_ZONE, len);
}

/* Constant changes are announced per segment rather than per
   instruction: a segment is a run of instructions of the block up to a
   control transfer (included) or an instruction whose change is not
   constant.  Its lowest point is announced as one growth before its first
   instruction (and before the skin's UCode there); what it gives back, as
   one shrink after its last instruction, or for a control transfer just
   before it, after the skin's UCode.  A prologue of pushes and a sub is
   one event, an epilogue of pops and a ret another.  The stack is thus in
   use a few instructions early and late, never too little. */
void VG_(add_stack_events)(UCodeBlock *cb, Bool late)
{
    Bool want_new = tracks_new(), want_die = tracks_die();
    UInt n = cb->n_insns;
    for (UInt i = 0; i < n;) {
        Long d;
        if (!insn_delta(cb, i, &d)) {
            if (!late && !transfers_control(VG_(cb_insn)(cb, i)))
                add_moved_check(cb, i);
            i++;
            continue;
        }
        Long cur = 0, low = 0, last_delta = 0;
        UInt j = i;
        for (; j < n; j++) {
            if (!insn_delta(cb, j, &d))
                break;
            cur += d;
            if (cur < low)
                low = cur;
            last_delta = d;
            if (transfers_control(VG_(cb_insn)(cb, j))) {
                j++;
                break;
            }
        }
        UInt last = j - 1;
        if (low < 0 && want_new && !late) {
            VG_(uc_at)(cb, i, VG_BEFORE);
            event_at(cb, True, low, (SizeT)-low);
        }
        if (cur > low && want_die) {
            if (transfers_control(VG_(cb_insn)(cb, last))) {
                if (late) {
                    VG_(uc_at)(cb, last, VG_BEFORE);
                    event_at(cb, False, low - (cur - last_delta), (SizeT)(cur - low));
                }
            } else if (!late) {
                VG_(uc_at)(cb, last, VG_AFTER);
                event_at(cb, False, low - cur, (SizeT)(cur - low));
            }
        }
        i = j;
    }
}
