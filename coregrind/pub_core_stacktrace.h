/*--------------------------------------------------------------------*/
/*--- Stack traces of guest threads.             pub_core_stacktrace.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_STACKTRACE_H
#define PUB_CORE_STACKTRACE_H

#include "pub_core_basics.h"
#include "pub_core_debuginfo.h" /* UnwindFullRegs, StackReadFn */

/* The guest stack of thread tid, innermost first (ips[0] is the current
   instruction), at most max frames: CFI unwinding, frame pointers where
   there is no CFI.  The registers are the thread's as last saved in its
   ThreadState (rip, gpr[RSP], gpr[RBP]): the core saves them before it
   calls anything that may want a stack trace. */
UInt VG_(get_StackTrace)(ThreadId tid, Addr *ips, UInt max);

/* The same from explicit registers and stack bounds. */
UInt VG_(get_StackTrace_from)(Addr ip, Addr sp, Addr fp, Addr stack_lo, Addr stack_hi,
                              Addr *ips, UInt max);

/* Prints a trace as Valgrind does, one VG_(umsg) line per frame, inlined
   calls expanded: "   at 0x...: fn (file.c:12)" then "   by 0x...: ...". */
void VG_(pp_StackTrace)(const Addr *ips, UInt n);

/* The stack bounds to unwind thread tid within: a stack registered with
   VALGRIND_STACK_REGISTER holding sp, else the thread's stack_lo/hi when
   set and holding sp, else the client segment holding sp. */
void VG_(thread_stack_bounds)(ThreadId tid, Addr sp, Addr *lo, Addr *hi);

/* Where frame i's names and lines are looked up: ips[0] itself, ips[i]-1
   for the return addresses (the call instruction). */
Addr VG_(StackTrace_lookup_ip)(const Addr *ips, UInt i);

/* Calls action for each frame VG_(pp_StackTrace) would show (frames
   below main are cut), with the address to print and the address to
   look up.  For the error manager's XML and suppression matching. */
void VG_(apply_StackTrace)(void (*action)(UInt i, Addr ip, Addr lookup_ip, void *opaque),
                           void *opaque, const Addr *ips, UInt n);

/* For the signals code: recognises a signal trampoline frame of its own
   making (glibc's __restore_rt is recognised already) and steps *r to
   the interrupted frame, reading the stack only through rd.  Returns
   False if r->ip is not such a trampoline. */
void VG_(set_sigframe_unwinder)(Bool (*fn)(UnwindFullRegs *r, StackReadFn rd, void *opaque));

#endif /* PUB_CORE_STACKTRACE_H */
