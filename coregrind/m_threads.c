/*--------------------------------------------------------------------*/
/*--- Guest threads and the big lock.                    m_threads.c ---*/
/*--------------------------------------------------------------------*/

/* Each guest thread runs on its own kernel thread (a pthread of the
   core).  One big lock lets one of them at a time run guest code or touch
   the core's shared state (translation table, address space, skin).  A
   thread gives the lock up around system calls that may block, and, when
   another thread has waited for it for a time slice, at its next return
   to the scheduler: the waiter pokes it with VG_SIGPOKE, which makes it
   leave translated code soon (m_signals.c).  The lock is a ticket lock,
   so it is handed over in arrival order. */

#include "pub_core_basics.h"
#include "pub_core_threads.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_scheduler.h"
#include "pub_core_signals.h"
#include "pub_core_tooliface.h"

#include <errno.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define TIME_SLICE_NS (20 * 1000 * 1000)

/*--- The big lock ---------------------------------------------------------------------*/

static pthread_mutex_t lock_mx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t lock_cv = PTHREAD_COND_INITIALIZER;
static ULong ticket_next, ticket_serving;
static ThreadState *lock_holder;
static Int n_live = 1;
static ThreadState *exiting_ts; /* VG_(threads_stop_others): the only one left */

/* A kernel thread whose guest thread died with the process: it waits for
   the core's exit, which ends it. */
static VG_NORETURN void park_until_exit(void)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;)
        pause();
}

void VG_(acquire_lock)(ThreadState *ts)
{
    pthread_mutex_lock(&lock_mx);
    ULong mine = ticket_next++;
    while (ticket_serving != mine) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += TIME_SLICE_NS;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        if (pthread_cond_timedwait(&lock_cv, &lock_mx, &until) == ETIMEDOUT &&
            ticket_serving != mine && lock_holder != NULL) {
            /* The holder has had its time slice: ask it to yield. */
            VG_(do_syscall3)(SYS_tgkill, (UWord)getpid(), (UWord)lock_holder->os_tid,
                             VG_SIGPOKE);
        }
    }
    if (exiting_ts != NULL && ts != exiting_ts) {
        /* Dead with the process: its turn passes on. */
        ticket_serving++;
        pthread_cond_broadcast(&lock_cv);
        pthread_mutex_unlock(&lock_mx);
        park_until_exit();
    }
    lock_holder = ts;
    pthread_mutex_unlock(&lock_mx);
}

void VG_(release_lock)(ThreadState *ts)
{
    pthread_mutex_lock(&lock_mx);
    vg_assert(lock_holder == ts);
    lock_holder = NULL;
    ticket_serving++;
    pthread_cond_broadcast(&lock_cv);
    pthread_mutex_unlock(&lock_mx);
}

void VG_(yield_lock)(ThreadState *ts)
{
    ts->yield_requested = 0;
    VG_(release_lock)(ts);
    VG_(acquire_lock)(ts);
}

Int VG_(n_live_threads)(void)
{
    return n_live;
}

/*--- Creating threads ---------------------------------------------------------------------*/

typedef struct {
    ThreadState *ts;
    Addr child_tid; /* CLONE_CHILD_SETTID */
    sem_t started;
} StartInfo;

static void *thread_main(void *arg)
{
    StartInfo *si = arg;
    ThreadState *ts = si->ts;
    Addr ctid = si->child_tid;
    ts->os_tid = (Int)VG_(do_syscall0)(SYS_gettid);
    ts->host_thread = (UWord)pthread_self();
    VG_(install_threadstate)(ts);
    sem_post(&si->started); /* si is the parent's; gone after this */
    VG_(sig_thread_init)(ts);
    VG_(acquire_lock)(ts);
    if (ctid != 0 && VG_(am_is_valid_for_client)(ctid, sizeof(Int), PROT_WRITE))
        *(Int *)ctid = ts->os_tid;
    VG_(scheduler_run)(ts);
}

SysRes VG_(thread_clone)(ThreadState *parent, UWord flags, Addr child_stack, Addr ptid,
                         Addr ctid, Addr tls)
{
    const UWord needed = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
    if ((flags & needed) != needed)
        return VG_(mk_SysRes_Error)(EINVAL);
    ThreadId tid = VG_(alloc_tid)();
    if (tid == VG_INVALID_THREADID) {
        static Bool warned;
        if (!warned && VG_(clo_verbosity) > 0)
            VG_(umsg)("Warning: --max-threads=%d reached: thread creation fails with EAGAIN",
                      VG_(clo_max_threads));
        warned = True;
        return VG_(mk_SysRes_Error)(EAGAIN);
    }
    ThreadState *ts = VG_(alloc_threadstate)(tid);
    memcpy(ts->gpr, parent->gpr, sizeof ts->gpr);
    memcpy(ts->xsave, parent->xsave, sizeof ts->xsave);
    ts->gpr[R_RAX] = 0;
    if (child_stack != 0)
        ts->gpr[R_RSP] = child_stack;
    ts->rip = parent->rip; /* after the syscall */
    ts->rflags = parent->rflags;
    ts->fs_base = (flags & CLONE_SETTLS) ? tls : parent->fs_base;
    ts->gs_base = parent->gs_base;
    ts->sig_mask = parent->sig_mask;
    ts->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
    ts->alive = True;
    const NSegment *seg = VG_(am_find_segment)(ts->gpr[R_RSP] - 1);
    if (seg != NULL) {
        /* Up to the end of the page, as Valgrind's: glibc's clone pops
           the function and its argument off the new stack and calls it,
           so the first return address is above the sp it passed. */
        Addr top = VG_PGROUNDUP(ts->gpr[R_RSP]);
        ts->stack_lo = seg->start;
        ts->stack_hi = top < seg->end ? top : seg->end;
    }
    VG_TRACK(pre_thread_create, parent->tid, tid);

    StartInfo si;
    si.ts = ts;
    si.child_tid = (flags & CLONE_CHILD_SETTID) ? ctid : 0;
    sem_init(&si.started, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t pt;
    Int r = pthread_create(&pt, &attr, thread_main, &si);
    pthread_attr_destroy(&attr);
    if (r != 0) {
        VG_(ibl_free_threadstate)(ts);
        return VG_(mk_SysRes_Error)((UWord)r);
    }
    /* The child uses si until it posts: wait for that even if a signal
       (our own poke) interrupts the wait. */
    while (sem_wait(&si.started) != 0)
        ;
    sem_destroy(&si.started);
    n_live++;
    if ((flags & CLONE_PARENT_SETTID) &&
        VG_(am_is_valid_for_client)(ptid, sizeof(Int), PROT_WRITE))
        *(Int *)ptid = ts->os_tid;
    VG_TRACK(post_thread_create, parent->tid, tid);
    return VG_(mk_SysRes_Success)((UWord)ts->os_tid);
}

/*--- Ending threads -----------------------------------------------------------------------*/

VG_NORETURN void VG_(thread_exit)(ThreadState *ts)
{
    VG_TRACK(thread_exit, ts->tid);
    /* What the kernel does for CLONE_CHILD_CLEARTID: pthread_join waits on it. */
    Addr ctid = ts->clear_child_tid;
    if (ctid != 0 && VG_(am_is_valid_for_client)(ctid, sizeof(Int), PROT_WRITE)) {
        *(Int *)ctid = 0;
        VG_(do_syscall6)(SYS_futex, ctid, FUTEX_WAKE, 1, 0, 0, 0);
    }
    /* No more signals here: the kernel sends them to the other threads. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    VG_(signals_set_thread)(NULL);
    ts->alive = False;
    n_live--;
    VG_(ibl_free_threadstate)(ts);
    VG_(release_lock)(ts);
    pthread_exit(NULL);
}

void VG_(threads_stop_others)(ThreadState *ts)
{
    exiting_ts = ts;
    for (ThreadId t = VG_(next_thread)(VG_INVALID_THREADID); t != VG_INVALID_THREADID;
         t = VG_(next_thread)(t)) {
        ThreadState *o = VG_(threadstate_of)(t);
        if (o != ts) {
            o->alive = False;
            n_live--;
        }
    }
}

/*--- fork --------------------------------------------------------------------------------------*/

void VG_(threads_atfork_child)(ThreadState *ts)
{
    /* Only the forking thread exists in the child. */
    for (ThreadId t = 1; t < 1024; t++) {
        ThreadState *o = VG_(threadstate_of)(t);
        if (o != NULL && o != ts)
            VG_(ibl_free_threadstate)(o);
    }
    pthread_mutex_init(&lock_mx, NULL);
    pthread_cond_init(&lock_cv, NULL);
    ticket_next = 1;
    ticket_serving = 0;
    lock_holder = ts;
    n_live = 1;
    ts->os_tid = (Int)VG_(do_syscall0)(SYS_gettid);
}

void VG_(threads_init)(ThreadState *first)
{
    first->alive = True;
    first->os_tid = (Int)VG_(do_syscall0)(SYS_gettid);
    first->host_thread = (UWord)pthread_self();
    VG_(acquire_lock)(first);
}
