/*--------------------------------------------------------------------*/
/*--- Per-thread state, reached from translated code via %gs.       ---*/
/*---                                        pub_core_threadstate.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_THREADSTATE_H
#define PUB_CORE_THREADSTATE_H

#include "pub_core_basics.h"

#include <signal.h>

/* Hardware register numbers, as in ModRM/REX encodings and as the guest
   GPRs are stored in ThreadState.gpr[]. */
enum {
    R_RAX = 0, R_RCX, R_RDX, R_RBX, R_RSP, R_RBP, R_RSI, R_RDI,
    R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
    R_NONE = -1
};

/* Spill slots used by code the core emits (never by the guest). */
enum {
    SPILL_RAX = 0, /* inline lookup: saved %rax, %rcx, %rdx */
    SPILL_RCX,
    SPILL_RDX,
    SPILL_S0, /* scratch registers of rewritten memory operands */
    SPILL_S1,
    SPILL_S2,
    SPILL_S3,
    SPILL_S4,
    VG_N_SPILL
};

/* Why translated code returned to the scheduler (ThreadState.exit_kind). */
typedef enum {
    EXIT_NONE = 0,
    EXIT_STUB,     /* through a block's exit stub; exit_arg = stub offset */
    EXIT_LOOKUP,   /* an indirect branch missed the inline table; rip = target */
    EXIT_INTERRUPT, /* asked to stop (signal, thread switch); rip = where to resume */
    EXIT_FAULT      /* a synchronous fault; the guest state is in the ThreadState */
} ExitKind;

#define VG_UC_MAX_TEMPS 1024 /* temps per block */
#define VG_SIGQ_MAX 64       /* queued guest signals per thread */
#define VG_IBL_BITS 16
#define VG_IBL_SIZE (1u << VG_IBL_BITS)
#define VG_XSAVE_SIZE 4096

typedef struct ThreadState {
    /*--- Read and written by generated code: offsets below are fixed ---*/
    UWord spill[VG_N_SPILL]; /* 0x000 */
    UWord gpr[16];           /* 0x040: guest GPRs while outside the code cache */
    UWord rip;               /* 0x0c0 */
    UWord rflags;            /* 0x0c8 */
    UWord fs_base;           /* 0x0d0: the guest's %fs base */
    UWord gs_base;           /* 0x0d8: the guest's %gs base */
    UWord host_rsp;          /* 0x0e0: core stack pointer while in the cache */
    UWord exit_kind;         /* 0x0e8 */
    UWord exit_arg;          /* 0x0f0 */
    UWord jump_slot;         /* 0x0f8 */
    UWord self;              /* 0x100 */
    UWord stat_ibl_hits;     /* 0x108: inline lookup hits (--stats only) */
    UWord stat_blocks;       /* 0x110: block entries (--stats only) */
    UWord uc_flags;          /* 0x118: guest flags saved around UCode (lahf/seto) */
    UWord uc_rax_tmp;        /* 0x120: %rax while the flags are saved/restored */
    UWord nraddr;            /* 0x128: the function a redirected block replaced */
    UWord uc_rcx_tmp;        /* 0x130: %rcx while UCode tests with jrcxz */
    UWord call_desc;         /* 0x138: the helper_call descriptor (below) */
    UWord call_resume;       /* 0x140: where helper_call returns to */
    UWord helper_call;       /* 0x148: VG_(dispatch).helper_call */
    UWord pad1[(0x180 - 0x150) / 8];
    UWord uc_save[16];       /* 0x180: guest GPRs whose host registers UCode uses */
    UWord pad0[(0x1000 - 0x200) / 8];
    UWord uc_temp[VG_UC_MAX_TEMPS]; /* 0x1000: UCode temps kept in memory */
    UChar xsave[VG_XSAVE_SIZE] __attribute__((aligned(64))); /* 0x3000 */
    /* Inline lookup table: ibl_tag[i] = -guest, ibl_host[i] = lookup entry. */
    UWord ibl_tag[VG_IBL_SIZE];  /* 0x4000 */
    UWord ibl_host[VG_IBL_SIZE]; /* 0x4000 + 8 * VG_IBL_SIZE */

    /*--- C only ---*/
    ThreadId tid;
    Int os_tid;
    UWord stack_lo, stack_hi; /* client stack of this thread, if known */
    Bool alive;

    /* Signals (m_signals.c): bit sig-1 of a mask is signal sig. */
    UWord sig_mask;               /* the guest's blocked signals */
    UWord sig_saved_mask;         /* during a temporary mask (sigsuspend...) */
    Bool sig_temp_mask;
    volatile UInt sig_interrupt;  /* a guest signal is queued for this thread */
    volatile UInt interrupted;    /* back to the scheduler: signals or a yield */
    volatile UInt yield_requested;
    UInt n_sigq;
    siginfo_t sigq[VG_SIGQ_MAX];  /* queued guest signals, oldest first */
    Addr altstack_sp;             /* the guest's sigaltstack */
    SizeT altstack_size;
    Int altstack_flags;
    Int fault_sig;                /* the fault behind an EXIT_FAULT exit */
    siginfo_t fault_info;

    /* Threads (m_threads.c). */
    Addr clear_child_tid;         /* CLONE_CHILD_CLEARTID / set_tid_address */
    UWord host_thread;            /* pthread_t of the kernel thread running it */
    HChar name[16];               /* prctl(PR_SET_NAME)'s, "" until set */
} ThreadState;

#define TS_OFF_SPILL(i) (0x000 + 8 * (i))
#define TS_OFF_GPR(r) (0x040 + 8 * (r))
#define TS_OFF_RIP 0x0c0
#define TS_OFF_RFLAGS 0x0c8
#define TS_OFF_FS_BASE 0x0d0
#define TS_OFF_GS_BASE 0x0d8
#define TS_OFF_HOST_RSP 0x0e0
#define TS_OFF_EXIT_KIND 0x0e8
#define TS_OFF_EXIT_ARG 0x0f0
#define TS_OFF_JUMP_SLOT 0x0f8
#define TS_OFF_SELF 0x100
#define TS_OFF_STAT_IBL_HITS 0x108
#define TS_OFF_STAT_BLOCKS 0x110
#define TS_OFF_UC_FLAGS 0x118
#define TS_OFF_UC_RAX_TMP 0x120
#define TS_OFF_NRADDR 0x128
#define TS_OFF_UC_RCX_TMP 0x130
#define TS_OFF_CALL_DESC 0x138
#define TS_OFF_CALL_RESUME 0x140
#define TS_OFF_HELPER_CALL 0x148
#define TS_OFF_UC_SAVE(r) (0x180 + 8 * (r))
#define TS_OFF_UC_TEMP(t) (0x1000 + 8 * (t))
#define TS_OFF_XSAVE 0x3000
#define TS_OFF_IBL_TAG 0x4000
#define TS_OFF_IBL_HOST (0x4000 + 8 * VG_IBL_SIZE)

/* Creates the state of a new guest thread, in core memory, and returns it.
   Its lookup table is empty. */
ThreadState *VG_(alloc_threadstate)(ThreadId tid);

/* Makes ts the state of the calling kernel thread: sets the host %gs base. */
void VG_(install_threadstate)(ThreadState *ts);

/* The running thread's state (the calling kernel thread's). */
ThreadState *VG_(get_threadstate)(void);
ThreadState *VG_(threadstate_of)(ThreadId tid);

/* Empties every thread's inline lookup table (after translations die). */
void VG_(ibl_flush_all)(void);
/* Empties one thread's (async-signal-safe). */
void VG_(ibl_flush_thread)(ThreadState *ts);

/* A free thread id, or VG_INVALID_THREADID; forgetting a dead thread. */
ThreadId VG_(alloc_tid)(void);
void VG_(ibl_free_threadstate)(ThreadState *ts);
/* Removes host addresses in [lo, hi) from every thread's lookup table. */
void VG_(ibl_remove_range)(Addr host_lo, Addr host_hi);
/* Inserts guest -> host (a translation's lookup entry) into ts's table. */
void VG_(ibl_insert)(ThreadState *ts, Addr guest, Addr host_lookup_entry);

/* Initial XSAVE image for new threads: the state the core started with. */
void VG_(init_guest_xstate)(ThreadState *ts);

#endif /* PUB_CORE_THREADSTATE_H */
