/*--------------------------------------------------------------------*/
/*--- Signals: the guest's virtual signal state, the core's host    ---*/
/*--- handlers, frames on the guest stack.              m_signals.c ---*/
/*--------------------------------------------------------------------*/

/* How signals flow (docs/internals.md, "Signals"):
   - Each host thread's mask is its guest thread's mask minus the
     synchronous fault signals (and VG_SIGPOKE), so the kernel decides
     which thread gets a signal and keeps blocked ones pending, as it
     would for the client.
   - The core's handler (on the core's alternate stack) queues a guest
     signal in the thread's ThreadState and makes the thread return to the
     scheduler soon: in translated code it unchains the current block's
     exits and empties the thread's inline-lookup table; in the client
     syscall routine it skips a call that has not started; in the core it
     leaves a flag the scheduler checks.
   - The scheduler delivers: a frame in the kernel's rt_sigframe layout on
     the guest stack (or its alternate stack), registers set as the kernel
     sets them, or the default action.  rt_sigreturn is emulated.
   - A fault in translated code is mapped back to the guest instruction
     (m_signals' VG_(recover_guest_state)) and delivered the same way. */

#include "pub_core_basics.h"
#include "pub_core_signals.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_dispatch.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_scheduler.h"
#include "pub_core_threadstate.h"
#include "pub_core_tooliface.h"
#include "pub_core_transtab.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define ALTSTACK_SIZE (64 * 1024)
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31) /* linux/signal.h */
#endif
#define NSIG_ALL 64
#define BIT(sig) (1UL << ((sig)-1))

/* Signals the core keeps for itself: never blocked for real. */
#define SYNC_SIGS (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGFPE) | BIT(SIGILL) | BIT(SIGTRAP))
#define CORE_SIGS (SYNC_SIGS | BIT(VG_SIGPOKE))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))

/* The calling kernel thread's guest thread, for the handlers (they must
   not depend on %gs being set up). */
static __thread ThreadState *handler_ts;

/*--- The guest's dispositions -------------------------------------------------------*/

/* The kernel's struct sigaction for rt_sigaction. */
typedef struct {
    UWord handler;
    UWord flags;
    UWord restorer;
    UWord mask;
} KSigaction;

#define SA_RESTORER_FLAG 0x04000000UL

static KSigaction guest_act[NSIG_ALL + 1];

UWord VG_(sig_handler_of)(Int sig)
{
    return (sig >= 1 && sig <= NSIG_ALL) ? guest_act[sig].handler : (UWord)SIG_DFL;
}

static Bool default_ignores(Int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static Bool default_stops(Int sig)
{
    return sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU || sig == SIGSTOP;
}

static void raw_sigaction(Int sig, const KSigaction *act)
{
    VG_(do_syscall4)(SYS_rt_sigaction, (UWord)sig, (UWord)act, 0, 8);
}

static void async_handler(int sig, siginfo_t *si, void *ucv);
static void sync_handler(int sig, siginfo_t *si, void *ucv);
static void poke_handler(int sig, siginfo_t *si, void *ucv);
void vg_sig_restorer(void);

/* The host disposition that serves the guest's for sig. */
static void install_host_disposition(Int sig)
{
    if (sig == SIGKILL || sig == SIGSTOP)
        return;
    KSigaction k;
    memset(&k, 0, sizeof k);
    k.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER_FLAG;
    k.restorer = (UWord)vg_sig_restorer;
    k.mask = ~0UL & ~UNBLOCKABLE;
    if (sig == VG_SIGPOKE) {
        k.handler = (UWord)poke_handler;
    } else if (BIT(sig) & SYNC_SIGS) {
        k.handler = (UWord)sync_handler;
        k.flags |= SA_NODEFER;
    } else if (guest_act[sig].handler == (UWord)SIG_IGN) {
        k.handler = (UWord)SIG_IGN;
    } else if (guest_act[sig].handler == (UWord)SIG_DFL &&
               (default_ignores(sig) || default_stops(sig))) {
        k.handler = (UWord)SIG_DFL; /* the kernel does the same for the client */
    } else {
        k.handler = (UWord)async_handler;
    }
    raw_sigaction(sig, &k);
}

/* glibc's sa_restorer is not ours to use: the core's handlers return
   through this (rt_sigreturn). */
__asm__(".text\n"
        ".globl vg_sig_restorer\n"
        "vg_sig_restorer:\n"
        "    mov $15, %rax\n"
        "    syscall\n");

/*--- Masks ------------------------------------------------------------------------------*/

UWord VG_(sig_host_mask_of)(UWord guest_mask)
{
    return guest_mask & ~CORE_SIGS;
}

void VG_(sig_apply_mask)(ThreadState *ts)
{
    UWord host = VG_(sig_host_mask_of)(ts->sig_mask);
    VG_(do_syscall4)(SYS_rt_sigprocmask, SIG_SETMASK, (UWord)&host, 0, 8);
}

/*--- Queueing and interrupting -----------------------------------------------------------*/

static Bool blocked(const ThreadState *ts, Int sig)
{
    return (ts->sig_mask & BIT(sig)) != 0;
}

Bool VG_(sig_deliverable)(ThreadState *ts)
{
    for (UInt i = 0; i < ts->n_sigq; i++)
        if (!blocked(ts, ts->sigq[i].si_signo))
            return True;
    return False;
}

/* Standard signals are not queued twice; realtime ones are. */
static void queue_signal(ThreadState *ts, const siginfo_t *si)
{
    Int sig = si->si_signo;
    if (sig < SIGRTMIN) {
        for (UInt i = 0; i < ts->n_sigq; i++)
            if (ts->sigq[i].si_signo == sig)
                return;
    }
    if (ts->n_sigq == VG_SIGQ_MAX)
        return; /* as the kernel's queue, a limit: further ones are lost */
    ts->sigq[ts->n_sigq++] = *si;
}

extern const UChar vg_csys_check[], vg_csys_insn[], vg_csys_interrupted[];

/* Makes the thread interrupted at host context uc get back to the
   scheduler soon. */
static void interrupt_thread(ThreadState *ts, ucontext_t *uc)
{
    Addr pc = (Addr)uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (Addr)vg_csys_check && pc <= (Addr)vg_csys_insn) {
        /* The client syscall has not started: do not start it. */
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(Addr)vg_csys_interrupted;
        return;
    }
    TBlock *b = VG_(find_block_by_host)(pc);
    if (b == NULL && pc >= VG_(layout).cache_lo && pc < VG_(layout).cache_lo + 4096)
        b = VG_(find_block_by_host)(ts->jump_slot); /* about to enter it */
    if (b != NULL) {
        VG_(unchain_block_exits)(b);
        VG_(ibl_flush_thread)(ts);
    }
}

static void async_handler(int sig, siginfo_t *si, void *ucv)
{
    ThreadState *ts = handler_ts;
    if (ts == NULL)
        return;
    queue_signal(ts, si);
    ts->sig_interrupt = 1;
    ts->interrupted = 1;
    interrupt_thread(ts, ucv);
}

static void poke_handler(int sig, siginfo_t *si, void *ucv)
{
    ThreadState *ts = handler_ts;
    if (ts == NULL)
        return;
    ts->yield_requested = 1;
    ts->interrupted = 1;
    interrupt_thread(ts, ucv);
}

/*--- Guest state at a fault in translated code ---------------------------------------------*/

/* gregs[] index of each hardware register number. */
static const Int greg_of_hw[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                                   REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                                   REG_R12, REG_R13, REG_R14, REG_R15};

#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U
#define GUEST_XSTATE_SIZE 832 /* x87 + SSE + AVX, standard format */

static void copy_xstate_from(ThreadState *ts, const ucontext_t *uc)
{
    const UChar *fp = (const UChar *)uc->uc_mcontext.fpregs;
    if (fp == NULL)
        return;
    UInt magic, size = 512;
    memcpy(&magic, fp + 464, 4);
    if (magic == FP_XSTATE_MAGIC1) {
        memcpy(&size, fp + 464 + 12, 4); /* sw_reserved.xstate_size */
        if (size > GUEST_XSTATE_SIZE)
            size = GUEST_XSTATE_SIZE;
    }
    memcpy(ts->xsave, fp, size);
}

Bool VG_(recover_guest_state)(ThreadState *ts, const void *ucv, Addr *guest_ip)
{
    const ucontext_t *uc = ucv;
    Addr pc = (Addr)uc->uc_mcontext.gregs[REG_RIP];
    TBlock *b = VG_(find_block_by_host)(pc);
    if (b == NULL || b->n_insns == 0)
        return False;
    UInt off = (UInt)(pc - (Addr)b->host), i = 0;
    while (i + 1 < b->n_insns && b->insn_host_off[i + 1] <= off)
        i++;
    for (Int r = 0; r < 16; r++)
        ts->gpr[r] = (b->insn_held[i] >> r) & 1 ? ts->uc_save[r]
                                                : (UWord)uc->uc_mcontext.gregs[greg_of_hw[r]];
    ULong rec = b->insn_recover[i];
    for (; rec != 0; rec >>= 8) {
        UInt pair = (UInt)(rec & 0xFF);
        ts->gpr[(pair >> 3) & 15] = ts->spill[pair & 7];
    }
    ts->rflags = (UWord)uc->uc_mcontext.gregs[REG_EFL];
    ts->rip = b->insn_addr[i];
    copy_xstate_from(ts, uc);
    *guest_ip = ts->rip;
    return True;
}

/*--- Synchronous faults ------------------------------------------------------------------------*/

static VG_NORETURN void core_crash(Int sig, const siginfo_t *si, Addr pc)
{
    VG_(printf)("\nvalgrind: the 'impossible' happened:\n"
                "   the core caught signal %d (fault address %p) at core address %p\n",
                sig, si->si_addr, (void *)pc);
    VG_(core_panic)("fatal signal in the core");
}

static void sync_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    Addr pc = (Addr)uc->uc_mcontext.gregs[REG_RIP];
    if (sig == SIGSEGV && si->si_code == SEGV_ACCERR &&
        VG_(am_code_write_fault)((Addr)si->si_addr))
        return; /* self-modifying code: the write runs again */
    ThreadState *ts = handler_ts;
    if (si->si_code <= 0) {
        /* Sent (kill, tgkill, sigqueue), not raised by an instruction. */
        async_handler(sig, si, ucv);
        return;
    }
    Addr guest_ip;
    if (ts == NULL || !VG_(recover_guest_state)(ts, uc, &guest_ip))
        core_crash(sig, si, pc);
    /* Back to the scheduler, which delivers the fault (fault_exit returns
       from the thread's run_translations). */
    ts->fault_sig = sig;
    ts->fault_info = *si;
    if (sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)
        ts->fault_info.si_addr = (void *)guest_ip;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)VG_(dispatch).fault_exit;
}

/*--- Set-up --------------------------------------------------------------------------------------*/

void VG_(signals_set_thread)(ThreadState *ts)
{
    handler_ts = ts;
}

void VG_(sig_thread_init)(ThreadState *ts)
{
    stack_t ss;
    ss.ss_sp = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    vg_assert(ss.ss_sp != MAP_FAILED);
    ss.ss_size = ALTSTACK_SIZE;
    ss.ss_flags = 0;
    vg_assert(sigaltstack(&ss, NULL) == 0);
    VG_(signals_set_thread)(ts);
    VG_(sig_apply_mask)(ts);
}

void VG_(sigstartup)(void)
{
    /* The client starts with the dispositions and mask we inherited. */
    for (Int sig = 1; sig <= NSIG_ALL; sig++) {
        KSigaction old;
        memset(&old, 0, sizeof old);
        if (sig != SIGKILL && sig != SIGSTOP &&
            VG_(do_syscall4)(SYS_rt_sigaction, (UWord)sig, 0, (UWord)&old, 8) == 0 &&
            old.handler == (UWord)SIG_IGN)
            guest_act[sig].handler = (UWord)SIG_IGN;
        install_host_disposition(sig);
    }
}

void VG_(sig_atfork_child)(ThreadState *ts)
{
    (void)ts; /* the child keeps the thread's alternate stack (copied) */
}

/*--- The signal syscalls -------------------------------------------------------------------------*/

SysRes VG_(sys_sigaction)(Int sig, const void *actp, void *oldp, SizeT sigsetsize)
{
    if (sigsetsize != 8 || sig < 1 || sig > NSIG_ALL || sig == VG_SIGPOKE)
        return VG_(mk_SysRes_Error)(EINVAL);
    if (actp != NULL && (sig == SIGKILL || sig == SIGSTOP))
        return VG_(mk_SysRes_Error)(EINVAL);
    if (oldp && !VG_(am_is_valid_for_client)((Addr)oldp, sizeof(KSigaction), PROT_WRITE))
        return VG_(mk_SysRes_Error)(EFAULT);
    if (actp && !VG_(am_is_valid_for_client)((Addr)actp, sizeof(KSigaction), PROT_READ))
        return VG_(mk_SysRes_Error)(EFAULT);
    KSigaction prev = guest_act[sig];
    if (actp) {
        KSigaction k;
        memcpy(&k, actp, sizeof k);
        k.mask &= ~UNBLOCKABLE;
        guest_act[sig] = k;
        install_host_disposition(sig);
    }
    if (oldp)
        memcpy(oldp, &prev, sizeof prev);
    return VG_(mk_SysRes_Success)(0);
}

SysRes VG_(sys_sigprocmask)(ThreadState *ts, Int how, const UWord *set, UWord *oldset,
                            SizeT sigsetsize)
{
    if (sigsetsize != 8)
        return VG_(mk_SysRes_Error)(EINVAL);
    if (set && !VG_(am_is_valid_for_client)((Addr)set, 8, PROT_READ))
        return VG_(mk_SysRes_Error)(EFAULT);
    if (oldset && !VG_(am_is_valid_for_client)((Addr)oldset, 8, PROT_WRITE))
        return VG_(mk_SysRes_Error)(EFAULT);
    UWord old = ts->sig_mask;
    if (set) {
        UWord s = *set;
        switch (how) {
        case SIG_BLOCK:
            ts->sig_mask |= s;
            break;
        case SIG_UNBLOCK:
            ts->sig_mask &= ~s;
            break;
        case SIG_SETMASK:
            ts->sig_mask = s;
            break;
        default:
            return VG_(mk_SysRes_Error)(EINVAL);
        }
        ts->sig_mask &= ~UNBLOCKABLE;
        VG_(sig_apply_mask)(ts);
        if (VG_(sig_deliverable)(ts))
            ts->interrupted = 1;
    }
    if (oldset)
        *oldset = old;
    return VG_(mk_SysRes_Success)(0);
}

typedef struct {
    UWord ss_sp;
    Int ss_flags;
    Int pad;
    UWord ss_size;
} KStack;

static Bool on_altstack(const ThreadState *ts, Addr sp)
{
    return ts->altstack_size != 0 && !(ts->altstack_flags & SS_DISABLE) &&
           sp > ts->altstack_sp && sp <= ts->altstack_sp + ts->altstack_size;
}

static void current_altstack(const ThreadState *ts, KStack *k)
{
    memset(k, 0, sizeof *k);
    k->ss_sp = ts->altstack_sp;
    k->ss_size = ts->altstack_size;
    k->ss_flags = ts->altstack_size == 0 ? SS_DISABLE : ts->altstack_flags;
    if (on_altstack(ts, ts->gpr[R_RSP]))
        k->ss_flags = SS_ONSTACK;
}

SysRes VG_(sys_sigaltstack)(ThreadState *ts, const void *ssp, void *ossp)
{
    if (ossp && !VG_(am_is_valid_for_client)((Addr)ossp, sizeof(KStack), PROT_WRITE))
        return VG_(mk_SysRes_Error)(EFAULT);
    if (ssp && !VG_(am_is_valid_for_client)((Addr)ssp, sizeof(KStack), PROT_READ))
        return VG_(mk_SysRes_Error)(EFAULT);
    KStack old;
    current_altstack(ts, &old);
    if (ssp) {
        KStack k;
        memcpy(&k, ssp, sizeof k);
        if (on_altstack(ts, ts->gpr[R_RSP]))
            return VG_(mk_SysRes_Error)(EPERM);
        Int flags = (Int)((UInt)k.ss_flags & ~SS_AUTODISARM);
        if (flags != 0 && flags != SS_DISABLE)
            return VG_(mk_SysRes_Error)(EINVAL);
        if (flags == SS_DISABLE) {
            ts->altstack_sp = 0;
            ts->altstack_size = 0;
            ts->altstack_flags = SS_DISABLE;
        } else {
            if (k.ss_size < (UWord)MINSIGSTKSZ)
                return VG_(mk_SysRes_Error)(ENOMEM);
            ts->altstack_sp = k.ss_sp;
            ts->altstack_size = k.ss_size;
            ts->altstack_flags = (Int)((UInt)k.ss_flags & SS_AUTODISARM);
        }
    }
    if (ossp)
        memcpy(ossp, &old, sizeof old);
    return VG_(mk_SysRes_Success)(0);
}

void VG_(sig_temp_mask_begin)(ThreadState *ts, UWord mask)
{
    ts->sig_saved_mask = ts->sig_mask;
    ts->sig_temp_mask = True;
    ts->sig_mask = mask & ~UNBLOCKABLE;
    VG_(sig_apply_mask)(ts);
}

void VG_(sig_temp_mask_end)(ThreadState *ts)
{
    if (!ts->sig_temp_mask)
        return;
    ts->sig_mask = ts->sig_saved_mask;
    ts->sig_temp_mask = False;
    VG_(sig_apply_mask)(ts);
}

/*--- Frames ------------------------------------------------------------------------------------------*/

/* The kernel's x86-64 signal frame. */
typedef struct {
    UWord r8, r9, r10, r11, r12, r13, r14, r15;
    UWord rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    UShort cs, gs, fs, ss;
    UWord err, trapno, oldmask, cr2;
    UWord fpstate;
    UWord reserved1[8];
} KSigcontext;

typedef struct {
    UWord uc_flags;
    UWord uc_link;
    KStack uc_stack;
    KSigcontext uc_mcontext;
    UWord uc_sigmask;
} KUcontext;

typedef struct {
    UWord pretcode;
    KUcontext uc;
    siginfo_t info;
} KRtSigframe;

_Static_assert(sizeof(KSigcontext) == 256, "sigcontext layout");
_Static_assert(sizeof(KUcontext) == 304, "ucontext layout");

static const Int sc_of_hw[16] = {13, 14, 12, 11, 15, 10, 9, 8, 0, 1, 2, 3, 4, 5, 6, 7};

static UWord *sc_reg(KSigcontext *sc, Int hw)
{
    return &((UWord *)sc)[sc_of_hw[hw]];
}

static Bool never_restarted(UWord sysno)
{
    switch (sysno) {
    case SYS_rt_sigsuspend: case SYS_rt_sigtimedwait: case SYS_epoll_wait:
    case SYS_epoll_pwait: case SYS_poll: case SYS_ppoll: case SYS_select:
    case SYS_pselect6: case SYS_nanosleep: case SYS_clock_nanosleep: case SYS_io_getevents:
    case SYS_semop: case SYS_semtimedop: case SYS_pause:
        return True;
    default:
        return False;
    }
}

/* The first queued signal ts may receive now. */
static Int next_deliverable(ThreadState *ts)
{
    for (UInt i = 0; i < ts->n_sigq; i++)
        if (!blocked(ts, ts->sigq[i].si_signo))
            return (Int)i;
    return -1;
}

Bool VG_(sig_restart_syscall)(ThreadState *ts, UWord sysno)
{
    Int q = next_deliverable(ts);
    if (q < 0)
        return True; /* interrupted for nothing the client sees: go on */
    Int sig = ts->sigq[q].si_signo;
    UWord h = guest_act[sig].handler;
    if (h == (UWord)SIG_IGN || (h == (UWord)SIG_DFL && default_ignores(sig)))
        return True;
    if (h == (UWord)SIG_DFL)
        return False; /* fatal anyway */
    return (guest_act[sig].flags & SA_RESTART) && !never_restarted(sysno);
}

/* Builds the frame for sig with info on the guest stack of ts and points
   the guest at the handler. */
static void push_frame(ThreadState *ts, Int sig, const siginfo_t *info, Bool fault)
{
    const KSigaction *act = &guest_act[sig];
    Addr old_sp = ts->gpr[R_RSP], sp = old_sp;
    Bool use_alt = (act->flags & SA_ONSTACK) && ts->altstack_size != 0 &&
                   !(ts->altstack_flags & SS_DISABLE) && !on_altstack(ts, sp);
    if (use_alt)
        sp = ts->altstack_sp + ts->altstack_size;
    else
        sp -= 128; /* the red zone */
    Addr fp = (sp - (GUEST_XSTATE_SIZE + 4)) & ~(Addr)63;
    Addr frame = ((fp - sizeof(KRtSigframe)) & ~(Addr)15) - 8;
    SizeT len = old_sp > frame && !use_alt ? old_sp - frame : sp - frame;
    if (!VG_(am_is_valid_for_client)(frame, sp - frame, PROT_READ | PROT_WRITE)) {
        /* No room for the frame: the kernel would kill with SIGSEGV. */
        VG_(fatal_signal)(ts, SIGSEGV, "Access not within mapped region", frame, True);
    }
    VG_TRACK(pre_deliver_signal, ts->tid, sig, use_alt);
    /* In use from the handler's own red zone up: to the interrupted
       code's red zone, or to the top of the alternate stack. */
    VG_TRACK(new_mem_stack, frame - 128, use_alt ? sp - frame + 128 : len);

    /* The extended state, with the software-reserved bytes that say so. */
    UChar *fpb = (UChar *)fp;
    memcpy(fpb, ts->xsave, GUEST_XSTATE_SIZE);
    UInt sw[12];
    memset(sw, 0, sizeof sw);
    sw[0] = FP_XSTATE_MAGIC1;
    sw[1] = GUEST_XSTATE_SIZE + 4;
    sw[2] = 7; /* xfeatures, low half */
    sw[4] = GUEST_XSTATE_SIZE;
    memcpy(fpb + 464, sw, sizeof sw);
    UInt m2 = FP_XSTATE_MAGIC2;
    memcpy(fpb + GUEST_XSTATE_SIZE, &m2, 4);

    KRtSigframe *f = (KRtSigframe *)frame;
    memset(f, 0, sizeof *f);
    f->pretcode = (act->flags & SA_RESTORER_FLAG) ? act->restorer : 0;
    f->uc.uc_flags = 0x7; /* UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS */
    current_altstack(ts, &f->uc.uc_stack);
    KSigcontext *sc = &f->uc.uc_mcontext;
    for (Int r = 0; r < 16; r++)
        *sc_reg(sc, r) = ts->gpr[r];
    sc->rip = ts->rip;
    sc->eflags = ts->rflags;
    sc->cs = 0x33;
    sc->ss = 0x2b;
    if (fault) {
        sc->trapno = sig == SIGSEGV ? 14 : sig == SIGFPE ? 0 : sig == SIGILL ? 6 : 13;
        sc->err = sig == SIGSEGV ? 4 : 0;
        sc->cr2 = (UWord)info->si_addr;
    }
    UWord restore_mask = ts->sig_temp_mask ? ts->sig_saved_mask : ts->sig_mask;
    sc->oldmask = restore_mask;
    sc->fpstate = fp;
    f->uc.uc_sigmask = restore_mask;
    f->info = *info;
    VG_TRACK(post_mem_write, Vg_CoreSignal, ts->tid, frame, sizeof *f);
    VG_TRACK(post_mem_write, Vg_CoreSignal, ts->tid, fp, GUEST_XSTATE_SIZE + 4);

    /* The handler's mask: the current one, the action's, and sig itself. */
    UWord mask = ts->sig_mask | act->mask;
    if (!(act->flags & SA_NODEFER))
        mask |= BIT(sig);
    ts->sig_temp_mask = False;
    ts->sig_mask = mask & ~UNBLOCKABLE;
    VG_(sig_apply_mask)(ts);
    if (act->flags & SA_RESETHAND) {
        guest_act[sig].handler = (UWord)SIG_DFL;
        install_host_disposition(sig);
    }

    ts->gpr[R_RSP] = frame;
    ts->gpr[R_RDI] = (UWord)sig;
    ts->gpr[R_RSI] = (UWord)&f->info;
    ts->gpr[R_RDX] = (UWord)&f->uc;
    ts->gpr[R_RAX] = 0;
    ts->rflags &= ~(UWord)(0x400 | 0x100 | 0x10000); /* DF, TF, RF */
    ts->rip = act->handler;
    if (use_alt && ((UInt)ts->altstack_flags & SS_AUTODISARM))
        ts->altstack_size = 0;
}

void VG_(sys_sigreturn)(ThreadState *ts)
{
    Addr frame = ts->gpr[R_RSP] - 8;
    if (!VG_(am_is_valid_for_client)(frame, sizeof(KRtSigframe), PROT_READ))
        VG_(fatal_signal)(ts, SIGSEGV, "Access not within mapped region", frame, True);
    const KRtSigframe *f = (const KRtSigframe *)frame;
    const KSigcontext *sc = &f->uc.uc_mcontext;
    Addr old_sp = ts->gpr[R_RSP];
    for (Int r = 0; r < 16; r++)
        ts->gpr[r] = *sc_reg((KSigcontext *)sc, r);
    ts->rip = sc->rip;
    /* The flags a program may change: CF PF AF ZF SF TF DF OF AC. */
    const UWord user_flags = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x40000;
    ts->rflags = (ts->rflags & ~user_flags) | (sc->eflags & user_flags);
    if (sc->fpstate != 0 &&
        VG_(am_is_valid_for_client)(sc->fpstate, GUEST_XSTATE_SIZE, PROT_READ)) {
        memcpy(ts->xsave, (const void *)sc->fpstate, GUEST_XSTATE_SIZE);
        /* Only components we save may be marked present. */
        ULong *xstate_bv = (ULong *)(ts->xsave + 512);
        *xstate_bv &= 7;
    }
    ts->sig_mask = f->uc.uc_sigmask & ~UNBLOCKABLE;
    ts->sig_temp_mask = False;
    VG_(sig_apply_mask)(ts);
    /* The frame (and the handler's red zone) is no longer in use, unless
       the handler ran on another stack (sigaltstack): then nothing
       between the two stacks changes. */
    Addr new_sp = ts->gpr[R_RSP];
    if (new_sp > old_sp && new_sp - old_sp <= (UWord)VG_(clo_max_stackframe))
        VG_TRACK(die_mem_stack, old_sp - 128, new_sp - old_sp);
    VG_TRACK(post_deliver_signal, ts->tid, (Int)f->info.si_signo);
    if (VG_(sig_deliverable)(ts))
        ts->interrupted = 1;
}

/*--- Delivery ---------------------------------------------------------------------------------------------*/

static const HChar *fault_reason(Int sig, Int code)
{
    switch (sig) {
    case SIGSEGV:
        return code == SEGV_ACCERR   ? "Bad permissions for mapped region"
               : code == SI_KERNEL ? "General Protection Fault"
                                   : "Access not within mapped region";
    case SIGBUS:
        return code == BUS_ADRALN ? "Invalid address alignment"
               : code == BUS_OBJERR ? "Object specific hardware error"
                                    : "Non-existent physical address";
    case SIGFPE:
        return code == FPE_INTDIV ? "Integer divide by zero"
               : code == FPE_INTOVF ? "Integer overflow"
                                    : "Floating point exception";
    case SIGILL:
        return "Illegal opcode";
    default:
        return NULL;
    }
}

/* One signal: its handler's frame, or its default action. */
static Bool deliver_one(ThreadState *ts, const siginfo_t *info, Bool fault)
{
    Int sig = info->si_signo;
    UWord h = guest_act[sig].handler;
    if (fault && (h == (UWord)SIG_IGN || blocked(ts, sig)))
        h = (UWord)SIG_DFL; /* a blocked or ignored fault kills, as on Linux */
    if (h == (UWord)SIG_IGN)
        return False;
    if (h == (UWord)SIG_DFL) {
        if (default_ignores(sig))
            return False;
        if (default_stops(sig)) {
            kill(getpid(), SIGSTOP);
            return False;
        }
        const HChar *reason = fault ? fault_reason(sig, info->si_code) : NULL;
        VG_(fatal_signal)(ts, sig, reason, (Addr)info->si_addr, info->si_code > 0);
    }
    push_frame(ts, sig, info, fault);
    return True;
}

Bool VG_(deliver_pending)(ThreadState *ts)
{
    Bool any = False;
    Int q;
    while ((q = next_deliverable(ts)) >= 0) {
        siginfo_t info = ts->sigq[q];
        memmove(&ts->sigq[q], &ts->sigq[q + 1], (ts->n_sigq - (UInt)q - 1) * sizeof info);
        ts->n_sigq--;
        any |= deliver_one(ts, &info, False);
    }
    VG_(sig_temp_mask_end)(ts);
    ts->sig_interrupt = VG_(sig_deliverable)(ts);
    return any;
}

void VG_(deliver_fault)(ThreadState *ts)
{
    siginfo_t info = ts->fault_info;
    info.si_signo = ts->fault_sig;
    deliver_one(ts, &info, True);
}
