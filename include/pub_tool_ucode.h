/*--------------------------------------------------------------------*/
/*--- UCode: the instrumentation IR skins add to blocks.           ---*/
/*---                                               pub_tool_ucode.h ---*/
/*--------------------------------------------------------------------*/

/* A UCodeBlock is one superblock of guest code as SK_(instrument)
   receives it: guest instructions in execution order (it may continue
   past conditional branches, which then leave it through side exits, and
   into the targets of direct jumps), each with its decoded operands.  The
   skin adds UCode before or after any instruction.  The core copies the
   guest instructions and compiles the UCode around them: it finds host
   registers for the skin's temporaries, preserves guest registers and
   flags where they are live, and switches stacks for C calls, so a skin
   never has to ask "is this register free?" or "did I clobber the flags?".

   The services that build UCode (VG_(uc_*), VG_(cb_*)) are declared in
   vg_skin.h; this header holds the types they use. */

#ifndef PUB_TOOL_UCODE_H
#define PUB_TOOL_UCODE_H

#include "pub_tool_basics.h"

typedef struct UCodeBlock UCodeBlock;

/*--- Guest instructions, as decoded ----------------------------------------*/

/* Guest general-purpose registers by hardware number (the same numbers as
   VG_GUEST_OFFSET_GPR / 8 in pub_tool_guest.h). */
enum {
    VG_RAX = 0, VG_RCX, VG_RDX, VG_RBX, VG_RSP, VG_RBP, VG_RSI, VG_RDI,
    VG_R8, VG_R9, VG_R10, VG_R11, VG_R12, VG_R13, VG_R14, VG_R15,
    VG_NO_REG = 0xFF,
    VG_RIP_REG = 0xFE /* base of a rip-relative operand */
};
typedef UInt RegSet; /* bit r set: guest GPR r */

/* The arithmetic flags, as a set. */
enum {
    VG_FLAG_CF = 1 << 0, VG_FLAG_PF = 1 << 1, VG_FLAG_AF = 1 << 2,
    VG_FLAG_ZF = 1 << 3, VG_FLAG_SF = 1 << 4, VG_FLAG_OF = 1 << 5,
    VG_FLAG_DF = 1 << 6,
    VG_FLAGS_ARITH = 0x3F
};
typedef UInt FlagSet;

typedef enum {
    VG_MEM_READ = 1,
    VG_MEM_WRITE = 2,
    VG_MEM_MODIFY = 3 /* read, then written */
} MemAccess;

/* One memory access of an instruction.  Explicit operands come as
   capstone decodes them, corrected by the core's fix-up table (cmpxchg is
   a modify; SSE/AVX stores are writes; lea, nop, prefetch and clflush
   access nothing); implicit ones are added: the stack slot of push, pop,
   call, ret and leave, and the [rsi]/[rdi] elements of string
   instructions.  The address is [seg: base + index * scale + disp]. */
typedef struct {
    UChar base, index;  /* VG_RAX.. / VG_NO_REG / VG_RIP_REG (base only) */
    UChar scale;        /* 1, 2, 4, 8 */
    UChar seg;          /* 0, or 'f' / 'g' for %fs / %gs */
    UChar access;       /* MemAccess */
    Bool implicit;      /* the stack slot or string element, not an operand */
    Bool vector_index;  /* VSIB (gathers): base+disp only; the index is a vector */
    UShort size;        /* bytes accessed (one element for string instructions) */
    Long disp;          /* for a push/call slot: -size (relative to rsp) */
} GuestMemOp;

typedef enum {
    VG_IK_PLAIN,      /* anything that does not transfer control */
    VG_IK_JUMP,       /* jmp: direct (target known) or indirect */
    VG_IK_CJUMP,      /* conditional branch (jcc, loop, jrcxz) */
    VG_IK_CALL,       /* call: direct or indirect */
    VG_IK_RET,
    VG_IK_SYSCALL,
    VG_IK_CLIENTREQ,  /* Valgrind's magic client-request sequence */
    VG_IK_OTHER       /* cpuid, int3, ud2, hlt, ... */
} InsnKind;

#define VG_MAX_MEMOPS 3

typedef struct {
    Addr addr;
    UInt len;
    const UChar *bytes;
    UInt kind;          /* InsnKind */
    Bool is_direct;     /* jump/call/cjump with a known target */
    Addr target;        /* ... that target */
    Bool side_exit;     /* a cjump whose fall-through stays in the block */
    Bool rep;           /* rep/repe/repne string instruction */
    UInt n_mem;
    GuestMemOp mem[VG_MAX_MEMOPS];
    RegSet regs_read, regs_written;
    FlagSet flags_read, flags_written;
    const HChar *mnemonic; /* for humans: "mov", "rep movsb", ... */
} GuestInsn;

/*--- UCode ---------------------------------------------------------------------*/

/* A temporary: a virtual register of 64 bits.  0 is "no temp".  A temp
   may be used anywhere after the point where it was defined, including
   at later instructions (the core keeps it in memory across the guest
   code), but not on a path where it was not defined (e.g. after an
   VG_(uc_endif) for a temp defined inside the if). */
typedef UInt Temp;
#define VG_NO_TEMP ((Temp)0)

/* Where UCode is added, relative to guest instruction i:
   VG_BEFORE  runs before it;
   VG_AFTER   runs after it, on the path to the next instruction (for a
              conditional branch: the not-taken path; not allowed after an
              instruction that always transfers control: jmp, call, ret,
              syscall, ...);
   VG_TAKEN   for a conditional branch only: runs on the taken path.
   A rep-prefixed string instruction with UCode attached runs one
   iteration at a time: its BEFORE and AFTER code run once per iteration,
   and its memory operands are that iteration's elements. */
typedef enum { VG_BEFORE = 0, VG_AFTER = 1, VG_TAKEN = 2 } UCWhere;

typedef enum {
    VG_UC_ADD, VG_UC_SUB, VG_UC_AND, VG_UC_OR, VG_UC_XOR,
    VG_UC_SHL, VG_UC_SHR, VG_UC_SAR
} UCBinop;

/* Conditions of VG_(uc_if): compare a with b as 64-bit values. */
typedef enum {
    VG_UC_EQ, VG_UC_NE,
    VG_UC_LTU, VG_UC_LEU, VG_UC_GTU, VG_UC_GEU,
    VG_UC_LTS, VG_UC_LES, VG_UC_GTS, VG_UC_GES
} UCCond;

/* C helpers called by UCode: up to 6 word arguments, one word result. */
typedef UWord (*UCHelper)();

/* Flags of VG_(uc_ccall). */
enum {
    /* The helper does not use floating-point/vector registers (compile it
       with __attribute__((target("general-regs-only"))) or in a file built
       with -mgeneral-regs-only): the call then skips saving the guest's
       x87/SSE/AVX state, which makes it several times cheaper. */
    VG_CCALL_GPR_ONLY = 1,
    /* The helper may want a stack trace or the guest's registers: the core
       stores the guest's rip, rsp and rbp in the thread state first (it
       always does for helpers without VG_CCALL_GPR_ONLY). */
    VG_CCALL_NEEDS_CONTEXT = 2
};

/*--- Skin extensions of UCode ------------------------------------------------------*/

/* A skin may add its own UCode operations, as the paper's Memcheck does:
   it registers how many temps the operation reads and writes (its
   use/def), how many scratch registers it needs, whether it clobbers the
   flags, and a code generator.  The generator gets the host registers the
   core allocated (ins, then outs, then scratch) and emits x86-64 bytes
   through VG_(ucx_emit).  It must not touch other registers, the stack,
   or (unless declared) the flags.  Constants given as inputs
   (VG_(uc_const)) are cheap: the core keeps them in registers across the
   block's groups while it can. */
typedef struct UCExtEmitter UCExtEmitter;
typedef void (*UCExtGen)(UCExtEmitter *em, const UInt *host_regs, ULong imm);

typedef struct {
    const HChar *name;
    UInt n_in, n_out, n_scratch;
    Bool clobbers_flags;
    UCExtGen gen;
    /* The first output may be given the first input's register when that
       input is not used after the operation (the generator must then
       read it before writing the output). */
    Bool inplace;
} UCExtOp;

#endif /* PUB_TOOL_UCODE_H */
