/*--------------------------------------------------------------------*/
/*--- Entering and leaving translated code.       pub_core_dispatch.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_DISPATCH_H
#define PUB_CORE_DISPATCH_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"

/* Addresses of the routines m_dispatch.c writes into the first bytes of
   the code cache (so translations reach them with rel32 jumps). */
typedef struct {
    Addr enter;       /* C-callable: void enter(Addr host_code); %gs = thread */
    Addr exit_common; /* all GPRs are guest values; exit_kind/arg are set */
    Addr exit_stub;   /* what block exit stubs jump to (sets EXIT_STUB) */
    Addr lookup_miss; /* inline lookup failed: %rdx = target, rax/rcx/rdx spilled */
    Addr fault_exit;  /* where a fault handler resumes a thread: back to the
                         scheduler with EXIT_FAULT (guest state already saved) */
    Addr escape;      /* C-callable: void escape(ThreadState *ts): run natively */
    Addr escape_slot; /* 8-byte slot holding the guest address escape jumps to */
    Addr helper_call; /* a C call for out-of-line UCode, described by a
                         VgCallDesc at ThreadState.call_desc */
} VgDispatch;

/* What helper_call calls, written into the out-of-line code right after
   the jump to it; it returns to the code that follows the descriptor. */
typedef struct {
    ULong fn;          /* the helper */
    ULong guest_ip;    /* for VG_CALL_CTX */
    UInt arg_off[6];   /* the arguments' ThreadState offsets (uc_temp slots) */
    UInt result_off;   /* where the result goes */
    UInt flags;        /* VG_CALL_* */
} VgCallDesc;
#define VG_CALL_CTX 1         /* store the guest's rip and rbp first */
#define VG_CALL_FULL 2        /* save the guest's vector state around it */
#define VG_CALL_RBP_SAVED 4   /* the guest's rbp is in uc_save, not in %rbp */
_Static_assert(sizeof(VgCallDesc) == 48, "VgCallDesc layout");

extern VgDispatch VG_(dispatch);

/* Writes the routines into [area, area + size). */
void VG_(dispatch_init)(UChar *area, SizeT size);

/* Runs translated code at host_code for the calling thread (whose %gs is
   its ThreadState) until it exits to the core; returns the exit kind. */
ExitKind VG_(run_translations)(ThreadState *ts, Addr host_code);

/* Leaves the JIT for good: loads the guest state into the real CPU
   (including the guest's %fs/%gs bases) and jumps to ts->rip natively. */
VG_NORETURN void VG_(escape_to_native)(ThreadState *ts);

#endif /* PUB_CORE_DISPATCH_H */
