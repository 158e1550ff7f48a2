/*--------------------------------------------------------------------*/
/*--- Guest threads and the big lock.              pub_core_threads.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_THREADS_H
#define PUB_CORE_THREADS_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"
#include "pub_tool_tooliface.h" /* SysRes */

/* Start-up: first is the main thread, which takes the lock. */
void VG_(threads_init)(ThreadState *first);

/* The big lock: only its holder runs guest code or changes the core's
   shared state.  Handed over in arrival order; a thread that waits more
   than a time slice pokes the holder into yielding. */
void VG_(acquire_lock)(ThreadState *ts);
void VG_(release_lock)(ThreadState *ts);
void VG_(yield_lock)(ThreadState *ts);

Int VG_(n_live_threads)(void);

/* clone with CLONE_VM|CLONE_THREAD: a new guest thread on a new kernel
   thread; returns its kernel thread id as clone does. */
SysRes VG_(thread_clone)(ThreadState *parent, UWord flags, Addr child_stack, Addr ptid,
                         Addr ctid, Addr tls);

/* The process is exiting (exit_group, or exit of the last thread) from
   ts, which holds the lock and runs the C library's freeres before the
   core exits: every other thread is dead from now on, as exit_group makes
   it (Valgrind kills them before its freeres too).  They are no longer
   live (VG_(next_thread), VG_(n_live_threads)) and never run guest code
   again: a kernel thread of theirs that comes back for the lock (from a
   blocking system call) parks until the process ends. */
void VG_(threads_stop_others)(ThreadState *ts);

/* The calling guest thread exits (not the last one). */
VG_NORETURN void VG_(thread_exit)(ThreadState *ts);

/* In the child of a fork: ts is the only thread, holding the lock. */
void VG_(threads_atfork_child)(ThreadState *ts);

#endif /* PUB_CORE_THREADS_H */
