/*--------------------------------------------------------------------*/
/*--- UCode: the core's side.                        pub_core_ucode.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_UCODE_H
#define PUB_CORE_UCODE_H

#include "pub_core_basics.h"
#include "pub_core_emit.h"
#include "pub_tool_ucode.h"

/* One UCode operation.  Temps are numbered from 1 per block. */
typedef enum {
    UO_CONST,    /* dst = imm */
    UO_GET,      /* dst = guest reg */
    UO_PUT,      /* guest reg = src0 */
    UO_EA,       /* dst = address of memop `op` of instruction `insn` */
    UO_LOAD,     /* dst = zero-extended size bytes at [src0] */
    UO_STORE,    /* size bytes at [src0] = src1 */
    UO_BINOP,    /* dst = src0 op src1 */
    UO_BINOP_IMM,/* dst = src0 op imm */
    UO_IF,       /* if (src0 cond src1) { ...out of line... } */
    UO_IF_IMM,   /* if (src0 cond imm) { ... } */
    UO_ENDIF,
    UO_CCALL,    /* dst = fn(src0..) */
    UO_INC,      /* *(ULong *)imm += imm2 */
    UO_EXT       /* skin extension `op`: ins, then outs, in src[] */
} UOKind;

#define UC_MAX_SRC 8

typedef struct {
    UChar kind, op, size, flags;
    UChar nsrc, reg;
    UShort insn;
    UShort anchor; /* insn * 3 + UCWhere */
    Temp dst;
    Temp src[UC_MAX_SRC];
    ULong imm, imm2;
    void *fn;
} UInstr;

struct UCodeBlock {
    ULong serial;             /* unique per block: identifies it in caches */
    Addr guest_addr;
    UInt n_insns;
    const void *const *cs;    /* the capstone instructions */
    const UChar *side_exit;   /* per insn: a jcc that does not end the block */
    GuestInsn *gi;            /* decoded on demand */
    UChar *gi_done;
    UInstr *u;
    UInt n_u, cap_u;
    UInt cur_anchor;
    ULong anchors[4];         /* a bit per anchor that has UCode */
    UShort anchor_first[192], anchor_end[192]; /* its UCode is within [first, end) */
    Int open_if;              /* index of the unmatched UO_IF, or -1 */
    Temp n_temps;
    Bool too_many_temps;      /* translate this block again, shorter */
    /* Liveness, per instruction, computed when lowering. */
    RegSet *live_in;
    FlagSet *flive_in;
};

#define UC_ANCHOR(insn, where) ((insn) * 3u + (UInt)(where))

/* Sets up cb for the n decoded instructions (cs_insn pointers). */
void VG_(ucode_init_block)(UCodeBlock *cb, Addr guest, const void *const *insns,
                           const UChar *side_exit, UInt n);
void VG_(ucode_free_block)(UCodeBlock *cb);

/* Does cb have UCode at this anchor / at all? */
Bool VG_(ucode_has_at)(const UCodeBlock *cb, UInt anchor);
static inline Bool VG_(ucode_any)(const UCodeBlock *cb)
{
    return cb->n_u > 0;
}

/* Guest registers / flags that may be read after the point (before insn
   i, or after it) before being written. */
RegSet VG_(ucode_live_regs)(UCodeBlock *cb, UInt anchor);
FlagSet VG_(ucode_live_flags)(UCodeBlock *cb, UInt anchor);

/* Out-of-line code of a block (slow paths of uc_if, taken-path UCode),
   built in a side buffer and appended after the block's body; its jumps
   to and from the body are relocated then. */
#define UC_OOL_SIZE 32768
#define UC_OOL_RELOCS 256
typedef struct UCOol {
    UChar buf[UC_OOL_SIZE];
    UInt len;
    Bool overflow;
    UInt n_to_main, n_from_main, n_exits;
    struct { UInt off; UChar *target; } to_main[UC_OOL_RELOCS];     /* rel32 in buf -> body */
    struct { UChar *field; UInt off; } from_main[UC_OOL_RELOCS];   /* rel32 in body -> buf */
    struct { UInt off; UInt exit_idx; } exits[UC_OOL_RELOCS];      /* block exit jumps in buf */
} UCOol;

/* An Emit that appends to ool's buffer. */
Emit VG_(ool_emit)(UCOol *ool);
/* Takes back what an Emit from VG_(ool_emit) wrote. */
void VG_(ool_commit)(UCOol *ool, const Emit *e);
/* A rel32 at e's position in ool (already emitted) that must reach target. */
void VG_(ool_jump_to_main)(UCOol *ool, const UChar *rel32_in_buf, UChar *target);
/* A rel32 field in the body that must reach ool offset off. */
void VG_(ool_jump_from_main)(UCOol *ool, UChar *field, UInt off);

/* Host registers UCode took from the guest and has not given back yet
   (lazily, across guest instructions that leave them alone): held, their
   host register does not hold the guest value; saved, it is in
   ThreadState.uc_save (else the guest value was dead).  avoid: registers
   the next guest instructions use, which a group should not take. */
typedef struct {
    UInt held, saved, avoid;
    UInt const_valid;   /* held registers known to contain const_value[r] */
    ULong const_value[16];
} UCHeld;

/* Compiles the UCode at anchor into e (mainline) and ool (its out-of-line
   slow paths).  guest_ip is the guest address the UCode runs at (for C
   calls that want the context).  held is updated with the registers the
   group took. */
void VG_(ucode_lower)(UCodeBlock *cb, UInt anchor, Emit *e, UCOol *ool, Addr guest_ip,
                      UCHeld *held);

/* Puts the guest values of the held registers in regs back in place. */
void VG_(ucode_give_back)(Emit *e, UCHeld *held, UInt regs);

/* Prints the block's UCode (debug dump). */
void VG_(ucode_dump)(UCodeBlock *cb);

/* The GuestInsn of the capstone instruction ci (fix-ups applied). */
void VG_(decode_guest_insn)(const void *ci, Bool side_exit, GuestInsn *out);

/* The registered extension opcode op. */
const UCExtOp *VG_(ucode_ext)(UInt op);

/* Size of the XSAVE area for the enabled features (cpuid 0xD). */
UInt VG_(xsave_area_size)(void);

#endif /* PUB_CORE_UCODE_H */
