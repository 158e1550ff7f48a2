/*--------------------------------------------------------------------*/
/*--- Signals.                                      pub_core_signals.h ---*/
/*--------------------------------------------------------------------*/

/* The guest's signal state is virtual: its dispositions live here, its
   blocked mask in each ThreadState.  Each host thread's real signal mask
   mirrors its guest thread's (minus the synchronous fault signals, which
   the core never blocks), so the kernel routes and queues signals exactly
   as it would for the client.  The core's handler queues what arrives for
   the guest and gets the thread back to the scheduler, which builds the
   frame on the guest stack (rt_sigframe layout) before running more
   guest code.  See docs/internals.md, "Signals". */

#ifndef PUB_CORE_SIGNALS_H
#define PUB_CORE_SIGNALS_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"
#include "pub_tool_tooliface.h" /* SysRes */

/* The host signal the core uses to make a thread yield the big lock or
   look at its pending signals (hidden from the client). */
#define VG_SIGPOKE 64

/* Installs the core's handlers (start-up) and the calling thread's
   alternate signal stack (every thread). */
void VG_(sigstartup)(void);
void VG_(sig_thread_init)(ThreadState *ts);

/* Tells the handlers which guest thread the calling kernel thread runs. */
void VG_(signals_set_thread)(ThreadState *ts);

/* If the host context ucv (a ucontext_t) was interrupted in translated
   code, fills ts with the guest's registers at the start of the guest
   instruction being executed, sets *guest_ip to it and returns True. */
Bool VG_(recover_guest_state)(ThreadState *ts, const void *ucv, Addr *guest_ip);

/* The host mask that serves a guest mask (the core's signals removed). */
UWord VG_(sig_host_mask_of)(UWord guest_mask);

/* Makes the host mask of the calling thread match ts's guest mask. */
void VG_(sig_apply_mask)(ThreadState *ts);

/* Delivers ts's pending guest signals that its mask does not block
   (frames on the guest stack, default actions).  A fatal one does not
   return.  Returns True if a handler was set up. */
Bool VG_(deliver_pending)(ThreadState *ts);

/* Does ts have a pending signal its mask lets through? */
Bool VG_(sig_deliverable)(ThreadState *ts);

/* The fault recorded by the handler (exit EXIT_FAULT): delivered to the
   guest's handler, or fatal. */
void VG_(deliver_fault)(ThreadState *ts);

/* After a syscall returned -EINTR because of a signal: should it be
   restarted (the handler of the signal delivered has SA_RESTART)?  Called
   before VG_(deliver_pending). */
Bool VG_(sig_restart_syscall)(ThreadState *ts, UWord sysno);

/* The signal syscalls, emulated. */
SysRes VG_(sys_sigaction)(Int sig, const void *act, void *oldact, SizeT sigsetsize);
SysRes VG_(sys_sigprocmask)(ThreadState *ts, Int how, const UWord *set, UWord *oldset,
                            SizeT sigsetsize);
SysRes VG_(sys_sigaltstack)(ThreadState *ts, const void *ss, void *oss);
void VG_(sys_sigreturn)(ThreadState *ts);

/* For syscalls that wait with a temporary mask (rt_sigsuspend, ppoll,
   pselect6, epoll_pwait): while they run, ts's guest mask is `mask`; the
   signals they return for are delivered under it, and the frame restores
   the mask the thread had before. */
void VG_(sig_temp_mask_begin)(ThreadState *ts, UWord mask);
void VG_(sig_temp_mask_end)(ThreadState *ts);

/* Guest's disposition of sig: the handler value (SIG_DFL/SIG_IGN/address). */
UWord VG_(sig_handler_of)(Int sig);

/* In the child after fork: the alternate stack of the only thread. */
void VG_(sig_atfork_child)(ThreadState *ts);

#endif /* PUB_CORE_SIGNALS_H */
