/*--------------------------------------------------------------------*/
/*--- Stack traces of guest threads.                  m_stacktrace.c ---*/
/*--------------------------------------------------------------------*/

/* Unwinds a guest stack: CFI first (m_debuginfo), then a signal
   trampoline (glibc's __restore_rt, or one the signals code recognises),
   then the frame-pointer chain.  Every stack read is inside the stack's
   bounds and checked with the address-space manager first, so a trace
   ends cleanly at the stack's end or at garbage, never with a fault.

   ips[0] is the thread's current instruction; the others are return
   addresses.  Names and lines of a return address are those of ip-1
   (the call), but the return address is what is stored and printed. */

#include "pub_core_basics.h"
#include "pub_core_stacktrace.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_clientreq.h"
#include "pub_core_debuginfo.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_threadstate.h"
#include "pub_core_tooliface.h"

#include <string.h>
#include <sys/mman.h>

#define MAX_INLINED 32

/*--- Reading the stack ----------------------------------------------------------*/

typedef struct {
    Addr lo, hi;       /* the stack: reads outside fail */
    Addr ok_lo, ok_hi; /* part of it known to be readable client memory */
} Bounds;

static Bool read_stack_word(Addr a, Addr *out, void *opaque)
{
    Bounds *b = opaque;
    if (a < b->lo || a >= b->hi || b->hi - a < sizeof(Addr))
        return False;
    if (a < b->ok_lo || a + sizeof(Addr) > b->ok_hi) {
        /* One segment lookup covers the following reads in it. */
        const NSegment *s = VG_(am_find_segment)(a);
        if (s == NULL || !(s->prot & PROT_READ) ||
            !VG_(am_is_valid_for_client)(a, sizeof(Addr), PROT_READ))
            return False;
        b->ok_lo = s->start > b->lo ? s->start : b->lo;
        b->ok_hi = s->end < b->hi ? s->end : b->hi;
        if (a + sizeof(Addr) > b->ok_hi)
            return VG_(am_is_valid_for_client)(a, sizeof(Addr), PROT_READ) &&
                   (memcpy(out, (const void *)a, sizeof(Addr)), True);
    }
    memcpy(out, (const void *)a, sizeof(Addr));
    return True;
}

static Bool is_client_stack_kind(SegKind k)
{
    return k == SkAnonC || k == SkFileC || k == SkShmC;
}

/* The client segment holding sp, as bounds; empty if none. */
static void segment_bounds(Addr sp, Addr *lo, Addr *hi)
{
    const NSegment *s = VG_(am_find_segment)(sp);
    if (s != NULL && is_client_stack_kind(s->kind)) {
        *lo = s->start;
        *hi = s->end;
    } else {
        *lo = *hi = sp;
    }
}

void VG_(thread_stack_bounds)(ThreadId tid, Addr sp, Addr *lo, Addr *hi)
{
    if (VG_(client_stack_of)(sp, lo, hi))
        return;
    const ThreadState *ts = tid != VG_INVALID_THREADID ? VG_(threadstate_of)(tid) : NULL;
    if (ts != NULL && ts->stack_lo < ts->stack_hi && sp >= ts->stack_lo && sp < ts->stack_hi) {
        *lo = ts->stack_lo;
        *hi = ts->stack_hi;
        return;
    }
    segment_bounds(sp, lo, hi);
}

/*--- Signal frames ------------------------------------------------------------------*/

static Bool (*sigframe_unwinder)(UnwindFullRegs *r, StackReadFn rd, void *opaque);

void VG_(set_sigframe_unwinder)(Bool (*fn)(UnwindFullRegs *r, StackReadFn rd, void *opaque))
{
    sigframe_unwinder = fn;
}

/* glibc's __restore_rt: mov $15,%rax; syscall (rt_sigreturn). */
static const UChar restore_rt_code[9] = {0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05};

/* The kernel's rt_sigframe seen from the trampoline: the handler's ret
   popped pretcode, so sp is the ucontext.  Its mcontext (after
   uc_flags, uc_link and the 24-byte uc_stack) holds the interrupted
   registers as r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip. */
#define UC_MCONTEXT 40
static const UChar mcontext_to_hw[17] = {R_R8,  R_R9,  R_R10, R_R11, R_R12, R_R13,
                                         R_R14, R_R15, R_RDI, R_RSI, R_RBP, R_RBX,
                                         R_RDX, R_RAX, R_RCX, R_RSP, 16 /* rip */};

static Bool restore_rt_step(UnwindFullRegs *r, Bounds *b)
{
    if (!(r->known & (1u << R_RSP)) ||
        !VG_(am_is_valid_for_client)(r->ip, sizeof restore_rt_code, PROT_READ) ||
        memcmp((const void *)r->ip, restore_rt_code, sizeof restore_rt_code) != 0)
        return False;
    Addr uc = r->gpr[R_RSP];
    UnwindFullRegs n;
    memset(&n, 0, sizeof n);
    for (UInt i = 0; i < 17; i++) {
        Addr v;
        if (!read_stack_word(uc + UC_MCONTEXT + 8 * i, &v, b))
            return False;
        if (mcontext_to_hw[i] == 16) {
            n.ip = v;
        } else {
            n.gpr[mcontext_to_hw[i]] = v;
            n.known |= 1u << mcontext_to_hw[i];
        }
    }
    *r = n;
    return True;
}

static Bool sigframe_step(UnwindFullRegs *r, Bounds *b)
{
    if (restore_rt_step(r, b))
        return True;
    UnwindFullRegs n = *r;
    if (sigframe_unwinder != NULL && sigframe_unwinder(&n, read_stack_word, b)) {
        *r = n;
        return True;
    }
    return False;
}

/*--- Frame pointers -------------------------------------------------------------------*/

static Bool fp_step(UnwindFullRegs *r, Bounds *b)
{
    UInt need = (1u << R_RBP) | (1u << R_RSP);
    if ((r->known & need) != need)
        return False;
    Addr fp = r->gpr[R_RBP], saved_fp, ret;
    if (fp < r->gpr[R_RSP] || !read_stack_word(fp, &saved_fp, b) ||
        !read_stack_word(fp + 8, &ret, b))
        return False;
    UnwindFullRegs n;
    memset(&n, 0, sizeof n);
    n.ip = ret;
    n.gpr[R_RSP] = fp + 16;
    n.gpr[R_RBP] = saved_fp;
    n.known = need;
    *r = n;
    return True;
}

/*--- Unwinding -----------------------------------------------------------------------*/

/* --merge-recursive-frames=N: if the return address just added, the
   n-th, equals one at most N frames before it, the frames in between
   are one turn of a recursive cycle already in the trace: they are
   dropped, and the count of frames kept is returned.  Checked at every
   frame added, so a cycle is shown once, from its first turn, and the
   frames dropped do not count against --num-callers. */
static UInt merge_recursion(const Addr *ips, UInt n)
{
    UInt max_dist = (UInt)VG_(clo_merge_recursive_frames);
    for (UInt dist = 1; dist <= max_dist && dist < n; dist++) {
        if (ips[n - 1] == ips[n - 1 - dist])
            return n - dist;
    }
    return n;
}

static UInt unwind(UnwindFullRegs *r, Bounds *b, Addr *ips, UInt max)
{
    if (max == 0)
        return 0;
    UInt n = 0;
    ips[n++] = r->ip;
    Bool exact = True; /* the first ip, and an ip interrupted by a signal */
    while (n < max) {
        Addr old_sp = r->gpr[R_RSP];
        UnwindFullRegs nr = *r;
        Bool sig = False;
        Bool ok = VG_(use_CF_info_full)(&nr, exact, read_stack_word, b, &sig);
        if (!ok) {
            nr = *r;
            ok = sigframe_step(&nr, b);
            sig = ok;
        }
        if (!ok) {
            nr = *r;
            ok = fp_step(&nr, b);
        }
        if (!ok || nr.ip == 0 || !(nr.known & (1u << R_RSP)))
            break;
        Addr sp = nr.gpr[R_RSP];
        if (sig) {
            /* The interrupted code may have run on another stack
               (sigaltstack): unwind within that one from here on. */
            if (sp < b->lo || sp >= b->hi) {
                segment_bounds(sp, &b->lo, &b->hi);
                b->ok_lo = b->ok_hi = 0;
            }
        } else if (sp <= old_sp) {
            break; /* no progress: a loop or garbage */
        }
        ips[n++] = nr.ip;
        n = merge_recursion(ips, n);
        exact = sig;
        *r = nr;
    }
    return n;
}

UInt VG_(get_StackTrace_from)(Addr ip, Addr sp, Addr fp, Addr stack_lo, Addr stack_hi,
                              Addr *ips, UInt max)
{
    UnwindFullRegs r;
    memset(&r, 0, sizeof r);
    r.ip = ip;
    r.gpr[R_RSP] = sp;
    r.gpr[R_RBP] = fp;
    r.known = (1u << R_RSP) | (1u << R_RBP);
    Bounds b = {stack_lo, stack_hi, 0, 0};
    return unwind(&r, &b, ips, max);
}

UInt VG_(get_StackTrace)(ThreadId tid, Addr *ips, UInt max)
{
    const ThreadState *ts = VG_(threadstate_of)(tid);
    if (ts == NULL || max == 0)
        return 0;
    UnwindFullRegs r;
    r.ip = ts->rip;
    memcpy(r.gpr, ts->gpr, sizeof r.gpr);
    r.known = 0xFFFF;
    Bounds b = {0, 0, 0, 0};
    VG_(thread_stack_bounds)(tid, ts->gpr[R_RSP], &b.lo, &b.hi);
    return unwind(&r, &b, ips, max);
}

/*--- Printing ---------------------------------------------------------------------------*/

Addr VG_(StackTrace_lookup_ip)(const Addr *ips, UInt i)
{
    return i == 0 ? ips[0] : ips[i] - 1;
}

/* How many frames to show: up to the outermost "main" if there is one,
   else up to the innermost below-main function; all of them with
   --show-below-main=yes. */
static UInt frames_to_show(const Addr *ips, UInt n)
{
    UInt shown = n;
    if (VG_(clo_show_below_main))
        return n;
    for (UInt k = n; k > 0; k--) {
        const HChar *fn;
        if (!VG_(get_fnname_raw)(VG_(StackTrace_lookup_ip)(ips, k - 1), &fn))
            continue;
        if (strcmp(fn, "main") == 0) {
            shown = k;
            break;
        }
        if (VG_(is_below_main_name)(fn))
            shown = k;
    }
    return shown;
}

void VG_(apply_StackTrace)(void (*action)(UInt i, Addr ip, Addr lookup_ip, void *opaque),
                           void *opaque, const Addr *ips, UInt n)
{
    UInt shown = frames_to_show(ips, n);
    for (UInt i = 0; i < shown; i++)
        action(i, ips[i], VG_(StackTrace_lookup_ip)(ips, i), opaque);
}

static void print_frame(UInt i, Addr ip, Addr look, void *opaque)
{
    InlinedFrame fr[MAX_INLINED];
    const HChar *obj = NULL;
    HChar buf[4096];
    VG_(get_objname)(look, &obj);
    UInt k = VG_(get_inlined_frames)(look, fr, MAX_INLINED);
    if (k == 0) {
        memset(&fr[0], 0, sizeof fr[0]);
        k = 1;
    }
    /* Valgrind prints callers at their return address - 1 (inside the
       call instruction), the address it looks them up at. */
    for (UInt j = 0; j < k; j++) {
        VG_(describe_frame)(look, fr[j].fnname, fr[j].dir, fr[j].file, fr[j].line, obj, buf,
                            sizeof buf);
        VG_(umsg)("   %s %s", i == 0 && j == 0 ? "at" : "by", buf);
    }
}

void VG_(pp_StackTrace)(const Addr *ips, UInt n)
{
    if (n == 0)
        return;
    VG_(apply_StackTrace)(print_frame, NULL, ips, n);
}

void VG_(print_client_backtrace)(ThreadState *ts)
{
    UInt max = VG_(clo_num_callers) > 0 ? (UInt)VG_(clo_num_callers) : 1;
    Addr ips[500];
    if (max > VG_N_ELEMS(ips))
        max = VG_N_ELEMS(ips);
    UInt n = VG_(get_StackTrace)(ts->tid, ips, max);
    VG_(pp_StackTrace)(ips, n);
}
