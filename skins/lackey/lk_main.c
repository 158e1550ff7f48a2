/*--------------------------------------------------------------------*/
/*--- Lackey: counts what the client executes.           lk_main.c ---*/
/*--------------------------------------------------------------------*/

/* Counts guest instructions, superblocks, conditional branches (taken or
   not), calls, and memory accesses by kind and size, all with inline
   counters (no helper calls); --trace-mem=yes prints every instruction
   and access in Valgrind lackey's format, from helpers that only touch
   general-purpose registers (cheap to call).  The counts of a straight
   line of instructions are added once, at its start.

   Counting differs from Valgrind's lackey where Valgrind counts its own
   IR: it also counts the conditional exits VEX makes for cmpxchg and rep
   instructions as Jccs (we count branch instructions), and a repe/repne
   instruction stopped by its condition counts its iterations there but
   iterations + 1 here. */

#include "vg_skin.h"

#include <string.h>

/*--- Command line options ----------------------------------------------------*/

static Bool clo_trace_mem = False;
static const HChar *clo_fnname = "main";

static Bool lk_process_cmd_line_option(const HChar *arg)
{
    if (VG_(bool_clo)(arg, "--trace-mem", &clo_trace_mem))
        return True;
    if (VG_(str_clo)(arg, "--fnname", &clo_fnname))
        return True;
    return False;
}

static void lk_print_usage(void)
{
    VG_(printf)("    --trace-mem=no|yes        print every instruction and memory access [no]\n"
                "    --fnname=NAME             count calls to function NAME [main]\n");
}

static void lk_print_debug_usage(void)
{
    VG_(printf)("    (none)\n");
}

/*--- Counters ------------------------------------------------------------------*/

static ULong n_sb_entered, n_sb_completed, n_guest_instrs;
static ULong n_jccs, n_jccs_not_taken, n_calls, n_fn_calls;

/* Memory accesses by kind (load, store, modify) and size class. */
#define N_SIZES 8
static const UInt size_class_bytes[N_SIZES] = {1, 2, 4, 8, 16, 32, 64, 0};
static ULong n_access[3][N_SIZES];

static UInt size_class(UInt size)
{
    for (UInt i = 0; i < N_SIZES - 1; i++)
        if (size_class_bytes[i] == size)
            return i;
    return N_SIZES - 1; /* other sizes (xsave areas, fxsave, ...) */
}

/*--- --trace-mem output ------------------------------------------------------------*/

/* Formatted by hand into a buffer, so the helpers need no vector
   registers and can be called without saving the guest's. */
#define TRACE_BUF 65536
static HChar trace_buf[TRACE_BUF];
static UInt trace_len;

__attribute__((target("general-regs-only"))) static void trace_flush(void)
{
    VG_(log_write)(trace_buf, trace_len);
    trace_len = 0;
}

__attribute__((target("general-regs-only"))) static void trace_hex(UWord v, UInt min_digits)
{
    HChar tmp[16];
    UInt n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0 || n < min_digits);
    while (n > 0)
        trace_buf[trace_len++] = tmp[--n];
}

__attribute__((target("general-regs-only"))) static void trace_dec(UWord v)
{
    HChar tmp[24];
    UInt n = 0;
    do {
        tmp[n++] = (HChar)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        trace_buf[trace_len++] = tmp[--n];
}

/* "I  0401ab70,3" / " L 1fff000708,8" lines, as Valgrind's lackey prints. */
__attribute__((target("general-regs-only"))) static UWord trace_line(UWord kind, UWord addr,
                                                                     UWord size)
{
    if (trace_len > TRACE_BUF - 64)
        trace_flush();
    static const HChar tags[4][3] = {{'I', ' ', ' '}, {' ', 'L', ' '}, {' ', 'S', ' '},
                                     {' ', 'M', ' '}};
    trace_buf[trace_len++] = tags[kind][0];
    trace_buf[trace_len++] = tags[kind][1];
    trace_buf[trace_len++] = tags[kind][2];
    trace_hex(addr, 8);
    trace_buf[trace_len++] = ',';
    trace_dec(size);
    trace_buf[trace_len++] = '\n';
    return 0;
}

/*--- Instrumentation ------------------------------------------------------------------*/

static void trace_call(UCodeBlock *cb, UWord kind, Temp addr, UWord size)
{
    Temp args[3];
    args[0] = VG_(uc_const)(cb, kind);
    args[1] = addr;
    args[2] = VG_(uc_const)(cb, size);
    VG_(uc_ccall)(cb, (UCHelper)trace_line, VG_CCALL_GPR_ONLY, 3, args);
}

/* The counter updates of one straight-line run (every instruction in it
   runs if the first does), added up and emitted once at its start. */
#define MAX_RUN_COUNTERS 32
typedef struct {
    UInt n;
    ULong *counter[MAX_RUN_COUNTERS];
    ULong by[MAX_RUN_COUNTERS];
} RunCounts;

static void run_add(RunCounts *rc, ULong *counter, ULong by)
{
    for (UInt i = 0; i < rc->n; i++) {
        if (rc->counter[i] == counter) {
            rc->by[i] += by;
            return;
        }
    }
    sk_assert(rc->n < MAX_RUN_COUNTERS);
    rc->counter[rc->n] = counter;
    rc->by[rc->n++] = by;
}

static ULong *access_counter(const GuestMemOp *m)
{
    UInt kind = m->access == VG_MEM_MODIFY ? 2 : m->access == VG_MEM_WRITE ? 1 : 0;
    return &n_access[kind][size_class(m->size)];
}

static void instrument_insn(UCodeBlock *cb, UInt i, const GuestInsn *g, RunCounts *rc)
{
    const HChar *fn;
    VG_(uc_at)(cb, i, VG_BEFORE);
    if (VG_(get_fnname_if_entry)(g->addr, &fn) && strcmp(fn, clo_fnname) == 0)
        VG_(uc_inc)(cb, &n_fn_calls, 1);
    if (clo_trace_mem)
        trace_call(cb, 0, VG_(uc_const)(cb, g->addr), g->len);
    for (UInt k = 0; k < g->n_mem; k++) {
        const GuestMemOp *m = &g->mem[k];
        /* A rep instruction's accesses happen once per iteration. */
        if (g->rep)
            VG_(uc_inc)(cb, access_counter(m), 1);
        else
            run_add(rc, access_counter(m), 1);
        if (clo_trace_mem) {
            UInt kind = m->access == VG_MEM_MODIFY ? 3 : m->access == VG_MEM_WRITE ? 2 : 1;
            trace_call(cb, kind, VG_(uc_ea)(cb, i, k), m->size);
        }
    }
    if (g->kind == VG_IK_CALL)
        run_add(rc, &n_calls, 1);
    if (g->kind == VG_IK_CJUMP) {
        /* Taken = total - not taken; the not-taken path of a side exit is
           the next run, which counts it with its own (cheaper than the
           taken path, where everything is live). */
        run_add(rc, &n_jccs, 1);
        if (!g->side_exit) {
            VG_(uc_at)(cb, i, VG_AFTER);
            VG_(uc_inc)(cb, &n_jccs_not_taken, 1);
        }
    }
}

static UCodeBlock *lk_instrument(UCodeBlock *cb, Addr guest_addr)
{
    UInt n = VG_(cb_n_insns)(cb);
    if (n == 0)
        return cb;
    /* A rep string instruction counts once in its run and once more per
       iteration: iterations + 1 in all, as Valgrind's lackey counts it. */
    RunCounts rc = {0};
    run_add(&rc, &n_sb_entered, 1);
    UInt run_start = 0;
    for (UInt i = 0; i < n; i++) {
        const GuestInsn *g = VG_(cb_insn)(cb, i);
        if (g->rep) {
            VG_(uc_at)(cb, i, VG_BEFORE);
            VG_(uc_inc)(cb, &n_guest_instrs, 1);
        }
        run_add(&rc, &n_guest_instrs, 1);
        instrument_insn(cb, i, g, &rc);
        if (i == n - 1)
            run_add(&rc, &n_sb_completed, 1);
        if (g->side_exit || i == n - 1) {
            VG_(uc_at)(cb, run_start, VG_BEFORE);
            for (UInt k = 0; k < rc.n; k++)
                VG_(uc_inc)(cb, rc.counter[k], rc.by[k]);
            rc.n = 0;
            run_start = i + 1;
            if (g->side_exit)
                run_add(&rc, &n_jccs_not_taken, 1);
        }
    }
    return cb;
}

/*--- Results ----------------------------------------------------------------------------------*/

/* 1234567 -> "1,234,567" */
static const HChar *commas(ULong v, HChar *buf)
{
    HChar tmp[32];
    Int n = VG_(snprintf)(tmp, sizeof tmp, "%llu", v);
    Int o = 0;
    for (Int i = 0; i < n; i++) {
        buf[o++] = tmp[i];
        if ((n - i - 1) % 3 == 0 && i != n - 1)
            buf[o++] = ',';
    }
    buf[o] = 0;
    return buf;
}

static void lk_fini(Int exitcode)
{
    HChar a[32], b[32];
    if (trace_len > 0)
        trace_flush();
    VG_(umsg)("Counted %s call%s to %s()", commas(n_fn_calls, a), n_fn_calls == 1 ? "" : "s",
              clo_fnname);
    VG_(umsg)("%s", "");
    VG_(umsg)("Jccs:");
    VG_(umsg)("  total:         %s", commas(n_jccs, a));
    ULong taken = n_jccs - n_jccs_not_taken;
    VG_(umsg)("  taken:         %s (%llu%%)", commas(taken, b),
              n_jccs ? (taken * 100 + n_jccs / 2) / n_jccs : 0);
    VG_(umsg)("%s", "");
    VG_(umsg)("Executed:");
    VG_(umsg)("  SBs entered:   %s", commas(n_sb_entered, a));
    VG_(umsg)("  SBs completed: %s", commas(n_sb_completed, a));
    VG_(umsg)("  guest instrs:  %s", commas(n_guest_instrs, a));
    VG_(umsg)("  calls:         %s", commas(n_calls, a));
    VG_(umsg)("%s", "");
    VG_(umsg)("Ratios:");
    VG_(umsg)("  guest instrs : SB entered  = %llu : 10",
              n_sb_entered ? 10 * n_guest_instrs / n_sb_entered : 0);
    VG_(umsg)("%s", "");
    VG_(umsg)("Memory accesses by size:");
    VG_(umsg)("   Size        Loads       Stores     Modifies");
    VG_(umsg)("   ---------------------------------------------");
    for (UInt s = 0; s < N_SIZES; s++) {
        if (n_access[0][s] + n_access[1][s] + n_access[2][s] == 0)
            continue;
        HChar l[32], st[32], m[32], sz[16];
        if (size_class_bytes[s])
            VG_(snprintf)(sz, sizeof sz, "%u", size_class_bytes[s]);
        else
            VG_(snprintf)(sz, sizeof sz, "other");
        VG_(umsg)("   %-5s %12s %12s %12s", sz, commas(n_access[0][s], l),
                  commas(n_access[1][s], st), commas(n_access[2][s], m));
    }
    VG_(umsg)("%s", "");
    VG_(umsg)("Exit code:       %d", exitcode);
}

/*--- Start-up ----------------------------------------------------------------------------------*/

static void lk_pre_clo_init(void)
{
    VG_(details_name)("Lackey");
    VG_(details_description)("an example skin");
    VG_(details_copyright_author)("Copyright (C) 2026, the vgcore authors.");
    VG_(needs_command_line_options)();
    SK_(init_process_cmd_line_option)(lk_process_cmd_line_option);
    SK_(init_print_usage)(lk_print_usage);
    SK_(init_print_debug_usage)(lk_print_debug_usage);
    SK_(init_instrument)(lk_instrument);
    SK_(init_fini)(lk_fini);
}

VG_DETERMINE_INTERFACE_VERSION(lk_pre_clo_init, 0);
