/*--------------------------------------------------------------------*/
/*--- Running guest code.                        pub_core_scheduler.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_SCHEDULER_H
#define PUB_CORE_SCHEDULER_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"

/* Runs ts's guest code until the client exits; never returns. */
VG_NORETURN void VG_(scheduler_run)(ThreadState *ts);

/* The client asked to exit with status: runs the skin's fini, prints the
   statistics, and exits the process. */
VG_NORETURN void VG_(client_exit)(ThreadState *ts, Int status);

/* The client asked to exit with status: runs the freeres functions first
   when the skin follows the heap (then returns: the thread goes on at
   them), else exits. */
void VG_(client_exit_request)(ThreadState *ts, Int status);
/* The freeres trampoline finished (VG_USERREQ__FREERES_DONE): exits. */
void VG_(freeres_done)(ThreadState *ts);
/* Are the freeres functions running (and the exit status, if so)? */
Bool VG_(in_freeres)(Int *status);

/* The client's executable (what /proc/self/exe should show it). */
const HChar *VG_(client_exe_path)(void);
void VG_(set_client_exe_path)(const HChar *path);

/* The executable's entry point (AT_ENTRY): when the client first gets
   there, the objects loaded so far are its start-up set, whose freeres
   functions run at exit (not those of objects dlopen'ed later). */
void VG_(set_client_entry)(Addr exe_entry);

/* In the child of a fork: whatever per-process state needs resetting. */
void VG_(atfork_child)(void);

/* Kills the client with signo, its default action: Valgrind's "Process
   terminating with default action of signal N" report (with reason and
   fault_addr if reason is not NULL) and the guest stack of ts, the skin's
   fini, then death by the same signal.  from_kernel: the kernel sent the
   signal (si_code > 0: a fault, SIGXCPU, ...), not a process (kill,
   tgkill, raise, abort); with -q the report is only made for a signal
   from the kernel whose default action dumps core, as in Valgrind. */
VG_NORETURN void VG_(fatal_signal)(ThreadState *ts, Int signo, const HChar *reason,
                                   Addr fault_addr, Bool from_kernel);

#endif /* PUB_CORE_SCHEDULER_H */
