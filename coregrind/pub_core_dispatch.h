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
} VgDispatch;

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
