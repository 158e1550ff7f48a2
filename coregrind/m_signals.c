/*--------------------------------------------------------------------*/
/*--- Host signals: faults in translated code and in the core.      ---*/
/*---                                                   m_signals.c ---*/
/*--------------------------------------------------------------------*/

/* The core handles the synchronous signals (SIGSEGV, SIGBUS, SIGFPE,
   SIGILL, SIGTRAP) on its own alternate stack.  A write to a page that
   holds translated code is self-modifying code: handled and retried.  A
   fault in translated code belongs to the guest: its registers are
   recovered from the host context (and the spill slots of the faulting
   instruction's code), and the signal goes to the guest.  A fault anywhere
   else is a bug of the core. */

#include "pub_core_basics.h"
#include "pub_core_signals.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_libcprint.h"
#include "pub_core_scheduler.h"
#include "pub_core_threadstate.h"
#include "pub_core_transtab.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define ALTSTACK_SIZE (64 * 1024)

/* The calling kernel thread's guest thread, for the handlers (they must
   not depend on %gs being set up). */
static __thread ThreadState *handler_ts;

void VG_(signals_set_thread)(ThreadState *ts)
{
    handler_ts = ts;
}

/*--- Guest state at a fault in translated code ---------------------------------------*/

/* gregs[] index of each hardware register number. */
static const Int greg_of_hw[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                                   REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                                   REG_R12, REG_R13, REG_R14, REG_R15};

#define FP_XSTATE_MAGIC 0x46505853U

static void copy_xstate_from(ThreadState *ts, const ucontext_t *uc)
{
    const UChar *fp = (const UChar *)uc->uc_mcontext.fpregs;
    if (fp == NULL)
        return;
    UInt magic, size = 512;
    memcpy(&magic, fp + 464, 4);
    if (magic == FP_XSTATE_MAGIC) {
        memcpy(&size, fp + 464 + 12, 4); /* sw_reserved.xstate_size */
        if (size > VG_XSAVE_SIZE)
            size = VG_XSAVE_SIZE;
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
        ts->gpr[r] = (UWord)uc->uc_mcontext.gregs[greg_of_hw[r]];
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

/*--- Handlers ----------------------------------------------------------------------------*/

static const HChar *fault_reason(Int sig, Int code)
{
    switch (sig) {
    case SIGSEGV:
        return code == SEGV_ACCERR ? "Bad permissions for mapped region"
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
    Addr guest_ip;
    if (ts == NULL || !VG_(recover_guest_state)(ts, uc, &guest_ip))
        core_crash(sig, si, pc);
    /* Synchronous signals raised by a user (kill) are not faults.  For
       SIGILL, SIGFPE and SIGTRAP the kernel's address is the (host)
       instruction's: report the guest's. */
    Bool is_fault = si->si_code > 0;
    Addr where = (sig == SIGSEGV || sig == SIGBUS) ? (Addr)si->si_addr : guest_ip;
    VG_(fatal_signal)(ts, sig, is_fault ? fault_reason(sig, si->si_code) : NULL, where);
}

void VG_(sigstartup)(void)
{
    stack_t ss;
    ss.ss_sp = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    vg_assert(ss.ss_sp != MAP_FAILED);
    ss.ss_size = ALTSTACK_SIZE;
    ss.ss_flags = 0;
    vg_assert(sigaltstack(&ss, NULL) == 0);
    static const Int sync_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = sync_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigfillset(&sa.sa_mask);
    for (UInt i = 0; i < VG_N_ELEMS(sync_sigs); i++)
        vg_assert(sigaction(sync_sigs[i], &sa, NULL) == 0);
}
