/*--------------------------------------------------------------------*/
/*--- A small x86-64 emitter for the code the core writes.          ---*/
/*---                                               pub_core_emit.h ---*/
/*--------------------------------------------------------------------*/

/* Not an assembler: only the forms the translator and the dispatcher
   need, each written out explicitly.  Guest instructions are never
   re-assembled from scratch: they are copied, and at most their ModRM
   memory operand is re-encoded (emit_guest_with_mem). */

#ifndef PUB_CORE_EMIT_H
#define PUB_CORE_EMIT_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h" /* R_* register numbers */

/* Emitting past limit sets overflow and writes nothing more; the caller
   checks it at the end (and retries with less to emit).  Fields returned
   for later patching stay within EMIT_SLACK bytes past limit, which the
   buffer must provide. */
typedef struct {
    UChar *start; /* first byte of this emission */
    UChar *p;     /* next byte */
    UChar *limit; /* one past the last usable byte */
    Bool overflow;
} Emit;
#define EMIT_SLACK 64

/* A memory operand: [base + index*scale + disp], optionally %gs: or %fs:.
   base/index are R_* or R_NONE; rip-relative is base == R_RIP. */
#define R_RIP 16
typedef struct {
    Int base, index, scale;
    Long disp;
    UChar seg; /* 0, 0x64 (%fs) or 0x65 (%gs) */
} EMem;

static inline EMem emem(Int base, Int index, Int scale, Long disp)
{
    EMem m = {base, index, scale, disp, 0};
    return m;
}
static inline EMem emem_gs(Long disp)
{
    EMem m = {R_NONE, R_NONE, 1, disp, 0x65};
    return m;
}

/* Condition codes, as in the low nibble of jcc/setcc/cmovcc opcodes. */
enum { CC_O = 0, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A,
       CC_S, CC_NS, CC_P, CC_NP, CC_L, CC_GE, CC_LE, CC_G };

void emit_byte(Emit *e, UChar b);
void emit_u32(Emit *e, UInt v);
void emit_u64(Emit *e, ULong v);
void emit_bytes(Emit *e, const UChar *b, UInt n);

/* Generic reg/mem form: [seg] [66] [REX] opcode... modrm(reg, mem).
   opsize: 8 sets REX.W, 2 emits 0x66, 4 and 1 emit neither. */
void emit_op_rm(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, const EMem *m);
/* Register-register form: opcode modrm(11, reg, rm). */
void emit_op_rr(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, Int rm);

/* The same where reg (and for _rr also rm) names a byte register: a REX
   prefix is forced for registers 4-7 so they mean spl/bpl/sil/dil. */
void emit_op_rm_byte(Emit *e, const UChar *opc, UInt nopc, Int reg, const EMem *m);
void emit_op_rr_byte(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, Int rm);

void emit_mov_load(Emit *e, Int reg, const EMem *m);  /* mov reg64, m64 */
void emit_mov_store(Emit *e, const EMem *m, Int reg); /* mov m64, reg64 */
void emit_mov_rr(Emit *e, Int dst, Int src);          /* mov dst64, src64 */
void emit_lea(Emit *e, Int reg, const EMem *m);        /* lea reg64, m */
void emit_movabs(Emit *e, Int reg, ULong imm);        /* shortest mov reg64, imm */
void emit_mov_m32_imm(Emit *e, const EMem *m, UInt imm); /* mov dword m, imm32 */
void emit_mov_m64_simm(Emit *e, const EMem *m, Int imm); /* mov qword m, simm32 */
void emit_push_simm32(Emit *e, Int imm);
void emit_pop(Emit *e, Int reg);
void emit_push(Emit *e, Int reg);
void emit_jmp_mem(Emit *e, const EMem *m); /* jmp qword m */

/* Branches.  emit_jmp32/emit_jcc32 return the address of their rel32 so
   it can be patched later; targets may be given as 0 and patched. */
UChar *emit_jmp32(Emit *e, const UChar *target);
UChar *emit_jcc32(Emit *e, Int cc, const UChar *target);
UChar *emit_rel8_branch(Emit *e, UChar opcode, const UChar *target); /* jrcxz, loop... */
void patch_rel32(UChar *rel32_field, const UChar *target);
void patch_rel8(UChar *rel8_field, const UChar *target);

/* Is target reachable with a rel32 from the end of an instruction at
   insn_end? */
Bool rel32_reaches(const UChar *insn_end, Addr target);

/*--- Guest instructions with a re-encoded memory operand ---------------------*/

/* How a guest instruction's bytes are laid out around its ModRM. */
typedef struct {
    const UChar *bytes;
    UInt len;
    UInt n_legacy;   /* legacy prefixes (incl. segment) occupy [0, n_legacy) */
    Int seg_pos;     /* index of a 0x64/0x65 prefix, or -1 */
    Int rex_pos;     /* index of REX, or -1 */
    Int vex_pos;     /* index of 0xC4/0xC5, or -1 */
    UInt opc_pos;    /* first opcode byte (after REX/VEX) */
    UInt modrm_pos;
    UInt mem_end;    /* one past ModRM/SIB/displacement */
} InsnLayout;

/* Fills L from the instruction's bytes and the ModRM offset capstone
   reports; False if the layout is not one we can rewrite (EVEX, XOP,
   no ModRM memory operand). */
Bool layout_insn(InsnLayout *L, const UChar *bytes, UInt len, UInt modrm_pos);

/* Emits the instruction with its memory operand replaced by m, keeping
   the reg field, opcode, prefixes (minus the segment prefix if drop_seg)
   and any trailing immediate. */
void emit_guest_with_mem(Emit *e, const InsnLayout *L, const EMem *m, Bool drop_seg);

#endif /* PUB_CORE_EMIT_H */
