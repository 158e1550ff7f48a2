/*--------------------------------------------------------------------*/
/*--- The scheduler: runs translations, serves their exits.         ---*/
/*---                                                 m_scheduler.c ---*/
/*--------------------------------------------------------------------*/

/* Translated code runs until it leaves the code cache through an exit
   stub (a direct jump to something not yet chained, a syscall, cpuid, a
   client request, a fault) or a miss of the inline lookup.  This loop
   serves each, chains what it can, and goes back in. */

#include "pub_core_basics.h"
#include "pub_core_scheduler.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_clientreq.h"
#include "pub_core_cpuid.h"
#include "pub_core_dispatch.h"
#include "pub_core_errormgr.h"
#include "pub_core_execontext.h"
#include "pub_core_fdtrack.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_debuginfo.h"
#include "pub_core_redir.h"
#include "pub_core_sanity.h"
#include "pub_core_signals.h"
#include "pub_core_syswrap.h"
#include "pub_core_threads.h"
#include "pub_core_tooliface.h"
#include "pub_core_translate.h"
#include "pub_core_transtab.h"
#include "pub_core_xml.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static __thread ThreadId running_tid = 1;
static HChar *client_exe;

ThreadId VG_(get_running_tid)(void)
{
    return running_tid;
}

Int VG_(getpid)(void)
{
    return (Int)getpid();
}

VG_NORETURN void VG_(exit)(Int status)
{
    VG_(xml_finish)();
    _exit(status);
}

const HChar *VG_(client_exe_path)(void)
{
    return client_exe ? client_exe : "";
}

void VG_(set_client_exe_path)(const HChar *path)
{
    client_exe = strdup(path);
}

static Addr client_entry;
static ULong startup_handles; /* VG_(di_next_handle) at the entry; 0: not there yet */

void VG_(set_client_entry)(Addr exe_entry)
{
    client_entry = exe_entry;
}

void VG_(atfork_child)(void)
{
    /* Nothing yet: the child inherits the whole core, single-threaded. */
}

/*--- Statistics ----------------------------------------------------------------------------*/

static void print_stats(ThreadState *ts)
{
    const VgTransStats *s = &VG_(tt_stats);
    ULong entries = ts->stat_blocks, hits = ts->stat_ibl_hits;
    ULong misses = s->lookups_in_c, disp = s->dispatcher_entries;
    ULong chained = entries > hits + disp ? entries - hits - disp : 0;
    VG_(dmsg)("translations: %llu blocks, %llu guest insns, %llu guest bytes -> %llu "
              "code-cache bytes (expansion %.2fx)",
              s->blocks_translated, s->guest_insns, s->guest_bytes, s->host_bytes,
              s->guest_bytes ? (Double)s->host_bytes / (Double)s->guest_bytes : 0.0);
    VG_(dmsg)("block entries: %llu; through chained jumps %.1f%%, inline lookups %.1f%%, "
              "the dispatcher %.1f%%",
              entries, entries ? 100.0 * (Double)chained / (Double)entries : 0.0,
              entries ? 100.0 * (Double)hits / (Double)entries : 0.0,
              entries ? 100.0 * (Double)disp / (Double)entries : 0.0);
    VG_(dmsg)("inline lookup: %llu hits, %llu misses (hit rate %.2f%%); %llu exits chained",
              hits, misses, hits + misses ? 100.0 * (Double)hits / (Double)(hits + misses) : 0.0,
              s->exits_chained);
    VG_(dmsg)("code cache: %llu sectors evicted (%llu blocks), %llu blocks discarded",
              s->sectors_evicted, s->blocks_evicted, s->blocks_discarded);
    VgResident r;
    VG_(am_resident)(&r);
    VG_(dmsg)("resident memory: client %llu KiB, shadow %llu KiB (%.3f of the client's; ratio "
              "%.3f), code cache %llu KiB, core %llu KiB; peak of the process %llu KiB",
              r.client_kb, r.shadow_kb,
              r.client_kb ? (Double)r.shadow_kb / (Double)r.client_kb : 0.0, VG_(layout).ratio,
              r.cache_kb, r.core_kb, r.peak_kb);
}

/*--- Exits ------------------------------------------------------------------------------------*/

/* The end of every run: the skin's results, the error summary, the XML
   closed.  Valgrind's order: an empty line, the FINISHED status, the
   open file descriptors (--track-fds), the skin's fini, the errors.  The
   empty line ends the text log's banner section, so with --xml=yes,
   where there is no banner, there is none. */
static void finish_run(Int status)
{
    if (VG_(clo_verbosity) > 0 && !VG_(xml_output)())
        VG_(umsg)("%s", "");
    VG_(xml_status)(True);
    VG_(fd_show_open)();
    VG_(skin).fini(status);
    VG_(show_all_errors)();
    VG_(xml_finish)();
}

/*--- freeres: the C library's and the C++ runtime's own heap, freed ------------------------------*/

/* Before a skin that follows the heap reports what is left at exit,
   __gnu_cxx::__freeres and __libc_freeres free what libstdc++ and glibc
   keep for the life of the process (stdio buffers, the emergency
   exception pool, locale data...), as Valgrind does: the exiting thread
   runs a trampoline of ours that calls them and then asks the core to
   exit for real.  The other threads are dead by then, as exit_group makes
   them (VG_(threads_stop_others)): they do not run meanwhile, and their
   registers are no longer roots of the leak search, as in Valgrind. */
static Bool freeres_running;
static Int freeres_status;

/* The address of the freeres function NAME in an object of the
   client's start-up set, or 0.  Valgrind calls them through weak
   references that ld.so binds when it loads the start-up objects, so a
   libstdc++ that a plugin brings in later by dlopen keeps its emergency
   pool at exit; so do we. */
static Addr startup_freeres_fn(const HChar *name)
{
    Addr fn = 0;
    if (!VG_(di_lookup_symbol)(name, &fn))
        return 0;
    if (startup_handles != 0 && VG_(di_handle_of)(fn) >= startup_handles)
        return 0;
    return fn;
}

static Bool start_freeres(ThreadState *ts, Int status)
{
    if (freeres_running || !VG_(needs).replace_malloc ||
        (!VG_(clo_run_libc_freeres) && !VG_(clo_run_cxx_freeres)))
        return False;
    Addr fn[2] = {0, 0};
    if (VG_(clo_run_cxx_freeres))
        fn[0] = startup_freeres_fn("_ZN9__gnu_cxx9__freeresEv");
    if (VG_(clo_run_libc_freeres))
        fn[1] = startup_freeres_fn("__libc_freeres");
    if (fn[0] == 0 && fn[1] == 0)
        return False;
    /* movabs $fn, %rax; call *%rax (each), then the FREERES_DONE request:
       lea args(%rip), %rax; the magic preamble; xchg %rbx, %rbx; ud2. */
    UChar code[128];
    UInt n = 0;
    for (UInt i = 0; i < 2; i++) {
        if (fn[i] == 0)
            continue;
        code[n++] = 0x48;
        code[n++] = 0xB8;
        memcpy(code + n, &fn[i], 8);
        n += 8;
        code[n++] = 0xFF;
        code[n++] = 0xD0;
    }
    static const UChar request[] = {0x48, 0xC1, 0xC7, 0x03, 0x48, 0xC1, 0xC7, 0x0D, 0x48, 0xC1,
                                    0xC7, 0x3D, 0x48, 0xC1, 0xC7, 0x33, 0x48, 0x87, 0xDB,
                                    0x0F, 0x0B};
    UInt lea = n;
    code[n++] = 0x48; /* lea args(%rip), %rax */
    code[n++] = 0x8D;
    code[n++] = 0x05;
    n += 4;
    memcpy(code + n, request, sizeof request);
    n += sizeof request;
    n = VG_ROUNDUP(n, 8);
    Int disp = (Int)(n - (lea + 7));
    memcpy(code + lea + 3, &disp, 4);
    UWord args[6] = {VG_USERREQ__FREERES_DONE, 0, 0, 0, 0, 0};
    memcpy(code + n, args, sizeof args);
    n += sizeof args;
    Addr stub = VG_(client_code)(code, n);
    if (stub == 0)
        return False;
    freeres_running = True;
    freeres_status = status;
    VG_(threads_stop_others)(ts);
    Addr old_sp = ts->gpr[R_RSP];
    Addr sp = (old_sp - 256) & ~15UL;
    VG_TRACK(new_mem_stack, sp - 128, old_sp - sp);
    ts->gpr[R_RSP] = sp;
    ts->rip = stub;
    return True;
}

void VG_(client_exit_request)(ThreadState *ts, Int status)
{
    if (!start_freeres(ts, status))
        VG_(client_exit)(ts, status);
}

void VG_(freeres_done)(ThreadState *ts)
{
    if (freeres_running)
        VG_(client_exit)(ts, freeres_status);
}

Bool VG_(in_freeres)(Int *status)
{
    *status = freeres_status;
    return freeres_running;
}

VG_NORETURN void VG_(client_exit)(ThreadState *ts, Int status)
{
    VG_(threads_stop_others)(ts);
    VG_TRACK(thread_exit, ts->tid);
    finish_run(status);
    if (VG_(stats_enabled)())
        print_stats(ts);
    if (VG_(clo_sanity_level) >= 1)
        VG_(sanity_check)(1);
    _exit(VG_(errormgr_exit_status)(status));
}

/* Valgrind's <fatal_signal> record. */
static void print_fatal_signal_xml(ThreadState *ts, Int signo, const HChar *abbrev,
                                   const HChar *reason, Addr fault_addr)
{
    VG_(printf_xml)("<fatal_signal>\n  <tid>%u</tid>\n  <signo>%d</signo>\n", ts->tid, signo);
    VG_(printf_xml)("  <signame>SIG%s</signame>\n", abbrev ? abbrev : "?");
    if (reason) {
        VG_(printf_xml_element)(2, "event", "%s", reason);
        VG_(printf_xml)("  <siaddr>0x%lX</siaddr>\n", (unsigned long)fault_addr);
    }
    VG_(pp_ExeContext)(VG_(record_ExeContext)(ts->tid, 0));
    VG_(printf_xml)("</fatal_signal>\n\n");
}

/* Does signal signo's default action dump core? */
static Bool dumps_core(Int signo)
{
    switch (signo) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return True;
    default:
        return False;
    }
}

VG_NORETURN void VG_(fatal_signal)(ThreadState *ts, Int signo, const HChar *reason,
                                   Addr fault_addr, Bool from_kernel)
{
    Int status;
    if (VG_(in_freeres)(&status))
        VG_(client_exit)(ts, status); /* the program was exiting anyway */
    /* The signal kills the whole process: the other threads are gone
       before the skin reports (their registers are no roots of its leak
       search), as in Valgrind. */
    VG_(threads_stop_others)(ts);
    const HChar *abbrev = sigabbrev_np(signo);
    if (VG_(xml_output)()) {
        print_fatal_signal_xml(ts, signo, abbrev, reason, fault_addr);
    } else if (VG_(clo_verbosity) >= 1 || (dumps_core(signo) && from_kernel)) {
        VG_(umsg)("%s", "");
        VG_(umsg)("Process terminating with default action of signal %d (SIG%s)", signo,
                  abbrev ? abbrev : "?");
        if (reason)
            VG_(umsg)(" %s at address 0x%lX", reason, (unsigned long)fault_addr);
        VG_(print_client_backtrace)(ts);
    }
    if (signo == SIGSEGV && reason) {
        VG_(umsg)(" If you believe this happened as a result of a stack");
        VG_(umsg)(" overflow in your program's main thread (unlikely but");
        VG_(umsg)(" possible), you can try to increase the size of the");
        VG_(umsg)(" main thread stack using the --main-stacksize= flag.");
        VG_(umsg)(" The main thread stack size used in this run was %lu.",
                  (unsigned long)(VG_(layout).stack_hi - VG_(layout).stack_lo));
    }
    finish_run(128 + signo);
    signal(signo, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signo);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(signo);
    _exit(128 + signo);
}

/* A fault the translator found (ud2, int3, a jump to memory without
   code, ...): delivered as the kernel would, to the guest's handler if
   it has one. */
static void synthetic_fault(ThreadState *ts, Int sig, Int code, Addr addr, Addr rip)
{
    ts->rip = rip;
    ts->fault_sig = sig;
    memset(&ts->fault_info, 0, sizeof ts->fault_info);
    ts->fault_info.si_signo = sig;
    ts->fault_info.si_code = code;
    ts->fault_info.si_addr = (void *)addr;
    VG_(deliver_fault)(ts);
}

static void unrecognised_insn(ThreadState *ts, Addr at)
{
    HChar bytes[64] = "";
    SizeT n = 0;
    for (UInt i = 0; i < 8 && VG_(am_is_valid_for_client)(at + i, 1, 0); i++)
        n += (SizeT)snprintf(bytes + n, sizeof bytes - n, " 0x%02X", ((const UChar *)at)[i]);
    VG_(printf)("vgcore: unhandled instruction bytes:%s\n", bytes);
    VG_(umsg)("valgrind: Unrecognised instruction at address %#lx.", (unsigned long)at);
    VG_(umsg)("Your program just tried to execute an instruction that the core did not");
    VG_(umsg)("recognise (or that is hidden from it by the virtual CPUID).");
    synthetic_fault(ts, SIGILL, ILL_ILLOPN, at, at);
}

/*--- The loop --------------------------------------------------------------------------------*/

static TBlock *find_or_translate(ThreadState *ts, Addr guest)
{
    TBlock *b = VG_(lookup_block)(guest);
    if (b != NULL)
        return b;
    if (startup_handles == 0 && guest == client_entry)
        startup_handles = VG_(di_next_handle)();
    if (VG_(clo_max_translations) >= 0 &&
        VG_(tt_stats).blocks_translated >= (ULong)VG_(clo_max_translations)) {
        if (VG_(clo_verbosity) > 1)
            VG_(dmsg)("--max-translations=%d reached: running natively from %#lx",
                      VG_(clo_max_translations), (unsigned long)guest);
        VG_(escape_to_native)(ts);
    }
    return VG_(translate)(guest);
}

static void emulate_cpuid(ThreadState *ts)
{
    UInt out[4];
    VG_(guest_cpuid)((UInt)ts->gpr[R_RAX], (UInt)ts->gpr[R_RCX], out);
    ts->gpr[R_RAX] = out[0];
    ts->gpr[R_RBX] = out[1];
    ts->gpr[R_RCX] = out[2];
    ts->gpr[R_RDX] = out[3];
}

/* Serves the exit x; returns the block to run next, or NULL to look up
   ts->rip. */
static TBlock *serve_exit(ThreadState *ts, UWord stub)
{
    TExit *x = VG_(exit_of_stub)(stub);
    vg_assert2(x != NULL, "exit stub at cache offset %#lx has no block", stub);
    Addr at = x->target;
    ts->rip = at;
    switch ((TExitKind)x->kind) {
    case XK_DIRECT: {
        TBlock *b = find_or_translate(ts, at);
        /* Translating may have evicted the block we came from. */
        x = VG_(exit_of_stub)(stub);
        if (x != NULL && x->patch_off != 0 && x->linked_to == NULL)
            VG_(chain_exit)(x, b);
        return b;
    }
    case XK_SYSCALL:
        VG_(client_syscall)(ts);
        return NULL;
    case XK_CPUID:
        emulate_cpuid(ts);
        return NULL;
    case XK_CLIENTREQ:
        VG_(handle_client_request)(ts);
        return NULL;
    case XK_NRADDR:
        ts->gpr[R_RAX] = ts->nraddr;
        return NULL;
    case XK_NOREDIR:
        /* call *%rax, returning to the address after the sequence. */
        ts->gpr[R_RSP] -= 8;
        *(Addr *)ts->gpr[R_RSP] = at;
        ts->rip = ts->gpr[R_RAX] | VG_NOREDIR_BIT;
        return NULL;
    case XK_SIGILL:
        synthetic_fault(ts, SIGILL, ILL_ILLOPN, at, at);
        return NULL;
    case XK_UNDECODED:
        unrecognised_insn(ts, at);
        return NULL;
    case XK_SIGTRAP:
        synthetic_fault(ts, SIGTRAP, SI_KERNEL, 0, at);
        return NULL;
    case XK_SIGSEGV:
        synthetic_fault(ts, SIGSEGV, SI_KERNEL, 0, at);
        return NULL;
    case XK_NOTEXEC: {
        const NSegment *seg = VG_(am_find_segment)(at);
        Bool mapped = seg && seg->kind != SkFree && seg->kind != SkNone;
        VG_(skin).bad_jump(ts->tid, at);
        synthetic_fault(ts, SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, at, at);
        return NULL;
    }
    }
    vg_assert2(0, "unknown exit kind %u", x->kind);
    return NULL;
}

VG_NORETURN void VG_(scheduler_run)(ThreadState *ts)
{
    running_tid = ts->tid;
    VG_TRACK(thread_run, ts->tid);
    TBlock *b = NULL;
    ULong n_entries = 0;
    for (;;) {
        if (ts->interrupted) {
            /* A signal arrived, or another thread wants the lock. */
            ts->interrupted = 0;
            if (VG_(deliver_pending)(ts))
                b = NULL;
            if (ts->yield_requested)
                VG_(yield_lock)(ts);
        }
        if (b == NULL)
            b = find_or_translate(ts, ts->rip);
        VG_(tt_stats).dispatcher_entries++;
        if (VG_(clo_sanity_level) >= 2 && (++n_entries & 0xFFF) == 0)
            VG_(sanity_check)(VG_(clo_sanity_level));
        ExitKind k = VG_(run_translations)(ts, (Addr)b->host + b->body_off);
        b = NULL;
        switch (k) {
        case EXIT_LOOKUP:
            VG_(tt_stats).lookups_in_c++;
            b = find_or_translate(ts, ts->rip);
            VG_(ibl_insert)(ts, ts->rip, (Addr)b->host);
            break;
        case EXIT_STUB:
            b = serve_exit(ts, ts->exit_arg & 0xFFFFFFFFu);
            break;
        case EXIT_FAULT:
            VG_(deliver_fault)(ts);
            break;
        default:
            vg_assert2(0, "translated code exited with kind %d", (int)k);
        }
    }
}
