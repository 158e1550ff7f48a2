/*--------------------------------------------------------------------*/
/*--- Per-thread state blocks and the inline lookup tables.         ---*/
/*---                                              m_threadstate.c ---*/
/*--------------------------------------------------------------------*/

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"
#include "pub_core_dispatch.h"
#include "pub_core_options.h"

#include <asm/prctl.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* The generated code and the dispatcher hard-code these offsets. */
_Static_assert(offsetof(ThreadState, spill) == TS_OFF_SPILL(0), "spill");
_Static_assert(offsetof(ThreadState, gpr) == TS_OFF_GPR(0), "gpr");
_Static_assert(offsetof(ThreadState, rip) == TS_OFF_RIP, "rip");
_Static_assert(offsetof(ThreadState, rflags) == TS_OFF_RFLAGS, "rflags");
_Static_assert(offsetof(ThreadState, fs_base) == TS_OFF_FS_BASE, "fs_base");
_Static_assert(offsetof(ThreadState, gs_base) == TS_OFF_GS_BASE, "gs_base");
_Static_assert(offsetof(ThreadState, host_rsp) == TS_OFF_HOST_RSP, "host_rsp");
_Static_assert(offsetof(ThreadState, exit_kind) == TS_OFF_EXIT_KIND, "exit_kind");
_Static_assert(offsetof(ThreadState, exit_arg) == TS_OFF_EXIT_ARG, "exit_arg");
_Static_assert(offsetof(ThreadState, jump_slot) == TS_OFF_JUMP_SLOT, "jump_slot");
_Static_assert(offsetof(ThreadState, self) == TS_OFF_SELF, "self");
_Static_assert(offsetof(ThreadState, stat_ibl_hits) == TS_OFF_STAT_IBL_HITS, "hits");
_Static_assert(offsetof(ThreadState, stat_blocks) == TS_OFF_STAT_BLOCKS, "blocks");
_Static_assert(offsetof(ThreadState, uc_flags) == TS_OFF_UC_FLAGS, "uc_flags");
_Static_assert(offsetof(ThreadState, uc_rax_tmp) == TS_OFF_UC_RAX_TMP, "uc_rax_tmp");
_Static_assert(offsetof(ThreadState, nraddr) == TS_OFF_NRADDR, "nraddr");
_Static_assert(offsetof(ThreadState, uc_rcx_tmp) == TS_OFF_UC_RCX_TMP, "uc_rcx_tmp");
_Static_assert(offsetof(ThreadState, call_desc) == TS_OFF_CALL_DESC, "call_desc");
_Static_assert(offsetof(ThreadState, call_resume) == TS_OFF_CALL_RESUME, "call_resume");
_Static_assert(offsetof(ThreadState, helper_call) == TS_OFF_HELPER_CALL, "helper_call");
_Static_assert(offsetof(ThreadState, uc_save) == TS_OFF_UC_SAVE(0), "uc_save");
_Static_assert(offsetof(ThreadState, uc_temp) == TS_OFF_UC_TEMP(0), "uc_temp");
_Static_assert(offsetof(ThreadState, xsave) == TS_OFF_XSAVE, "xsave");
_Static_assert(offsetof(ThreadState, ibl_tag) == TS_OFF_IBL_TAG, "ibl_tag");
_Static_assert(offsetof(ThreadState, ibl_host) == TS_OFF_IBL_HOST, "ibl_host");

/* Slot 0 is never used: thread ids start at 1.  The table has
   --max-threads + 1 slots, made at the first allocation (after the
   options). */
static ThreadState **threads;
static UInt n_slots;

static void make_table(void)
{
    n_slots = (UInt)VG_(clo_max_threads) + 1;
    threads = VG_(calloc)("threadstate.table", n_slots, sizeof *threads);
}

/*--- Allocation ------------------------------------------------------------*/

ThreadState *VG_(alloc_threadstate)(ThreadId tid)
{
    if (threads == NULL)
        make_table();
    vg_assert(tid > 0 && tid < n_slots);
    vg_assert(threads[tid] == NULL);
    /* Fresh anonymous memory is zero: every lookup entry then has tag 0,
       which matches only guest address 0, at index 0.  Pointing that one
       entry at the miss routine keeps a jump to 0 from landing on host 0. */
    void *p = mmap(NULL, sizeof(ThreadState), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        VG_(core_panic)("cannot allocate a thread state");
    ThreadState *ts = p;
    ts->self = (UWord)ts;
    ts->tid = tid;
    ts->ibl_host[0] = VG_(dispatch).lookup_miss;
    ts->helper_call = VG_(dispatch).helper_call;
    threads[tid] = ts;
    return ts;
}

void VG_(install_threadstate)(ThreadState *ts)
{
    Word r = VG_(do_syscall2)(SYS_arch_prctl, ARCH_SET_GS, (UWord)ts);
    vg_assert2(r == 0, "arch_prctl(ARCH_SET_GS) failed: %ld", (long)r);
}

ThreadState *VG_(get_threadstate)(void)
{
    UWord self;
    __asm__ volatile("movq %%gs:0x100, %0" : "=r"(self));
    return (ThreadState *)self;
}

ThreadState *VG_(threadstate_of)(ThreadId tid)
{
    if (tid == 0 || tid >= n_slots)
        return NULL;
    return threads[tid];
}

void VG_(init_guest_xstate)(ThreadState *ts)
{
    /* The core's own FPU/SSE/AVX state is the architectural default the
       kernel gives a new process (fcw 0x37f, mxcsr 0x1f80). */
    memset(ts->xsave, 0, sizeof ts->xsave);
    __asm__ volatile("xsave64 %0" : "=m"(ts->xsave) : "a"(7), "d"(0) : "memory");
}

/*--- Inline lookup tables ------------------------------------------------*/

static void ibl_clear_entry(ThreadState *ts, UInt i)
{
    ts->ibl_tag[i] = 0;
    ts->ibl_host[i] = (i == 0) ? VG_(dispatch).lookup_miss : 0;
}

void VG_(ibl_insert)(ThreadState *ts, Addr guest, Addr host_lookup_entry)
{
    UInt i = (UInt)(guest & (VG_IBL_SIZE - 1));
    /* Host first, then tag: the tag is what makes the entry match. */
    ts->ibl_host[i] = host_lookup_entry;
    ts->ibl_tag[i] = (UWord)0 - guest;
}

void VG_(ibl_remove_range)(Addr host_lo, Addr host_hi)
{
    for (UInt t = 0; t < n_slots; t++) {
        ThreadState *ts = threads[t];
        if (ts == NULL)
            continue;
        for (UInt i = 0; i < VG_IBL_SIZE; i++) {
            if (ts->ibl_host[i] >= host_lo && ts->ibl_host[i] < host_hi)
                ibl_clear_entry(ts, i);
        }
    }
}

void VG_(ibl_flush_thread)(ThreadState *ts)
{
    /* A zero tag only matches guest address 0, at index 0, whose host
       entry is the miss routine: the other host entries need not change. */
    memset(ts->ibl_tag, 0, sizeof ts->ibl_tag);
}

void VG_(ibl_free_threadstate)(ThreadState *ts)
{
    vg_assert(threads[ts->tid] == ts);
    threads[ts->tid] = NULL;
    munmap(ts, sizeof *ts);
}

ThreadId VG_(alloc_tid)(void)
{
    for (ThreadId t = 1; t < n_slots; t++)
        if (threads[t] == NULL)
            return t;
    return VG_INVALID_THREADID;
}

void VG_(ibl_flush_all)(void)
{
    for (UInt t = 0; t < n_slots; t++) {
        ThreadState *ts = threads[t];
        if (ts == NULL)
            continue;
        for (UInt i = 0; i < VG_IBL_SIZE; i++) {
            if (ts->ibl_tag[i] != 0 || ts->ibl_host[i] != 0)
                ibl_clear_entry(ts, i);
        }
    }
}

/*--- Services for skins --------------------------------------------------------------*/

ThreadId VG_(next_thread)(ThreadId tid)
{
    for (ThreadId t = tid + 1; t < n_slots; t++)
        if (threads[t] != NULL && threads[t]->alive)
            return t;
    return VG_INVALID_THREADID;
}

Bool VG_(get_thread_gprs)(ThreadId tid, UWord *gprs16)
{
    ThreadState *ts = VG_(threadstate_of)(tid);
    if (ts == NULL || !ts->alive)
        return False;
    memcpy(gprs16, ts->gpr, 16 * sizeof(UWord));
    return True;
}

Bool VG_(get_thread_stack)(ThreadId tid, Addr *sp, Addr *lo, Addr *hi)
{
    ThreadState *ts = VG_(threadstate_of)(tid);
    if (ts == NULL || !ts->alive)
        return False;
    *sp = ts->gpr[R_RSP];
    *lo = ts->stack_lo;
    *hi = ts->stack_hi;
    return True;
}
