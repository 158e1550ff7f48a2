/*--------------------------------------------------------------------*/
/*--- Addrcheck: options, events, instrumentation.        ac_main.c ---*/
/*--------------------------------------------------------------------*/

/* Every load and store of the client is checked inline: its address's
   shadow (ac_shadow.c) is loaded and tested by a few instructions that
   leave the guest's flags alone (a UCode extension, below); only when
   that quick test fails (a bad access, or one near the edge of
   addressable memory, where the quick test is conservative) does a C
   helper look at the exact bits and report an error.  The core's events
   keep the A bits exact: mappings, brk, the stack (with inline UCode for
   the common sizes), the heap (through vg_replace_malloc and the core's
   client heap). */

#include "ac_include.h"
#include "memcheck.h"
#include "vg_preload.h"

#include <stdlib.h>
#include <string.h>

/*--- Options ----------------------------------------------------------------------------*/

MacLeakCheckMode MAC_(clo_leak_check) = MAC_LeakCheckSummary;
UInt MAC_(clo_show_leak_kinds) = MAC_LEAK_BIT(MAC_Unreached) | MAC_LEAK_BIT(MAC_Possible);
UInt MAC_(clo_errors_for_leak_kinds) = MAC_LEAK_BIT(MAC_Unreached) | MAC_LEAK_BIT(MAC_Possible);
Bool MAC_(clo_partial_loads_ok) = True;
Bool MAC_(clo_show_mismatched_frees) = True;
/* Check accesses relative to %rsp at or above its red zone?  They are
   addressable by construction unless the program is off its stack, and
   are a third of all accesses: Dr. Memory skips them too by default. */
static Bool clo_check_stack_access = False;
VgRes MAC_(clo_leak_resolution) = Vg_HighRes;
/* --ignore-range-below-sp=FIRST-LAST: accesses wholly inside
   [sp - FIRST, sp - LAST] are not reported (FIRST == 0: none). */
static ULong clo_below_sp_first, clo_below_sp_last;
/* --workaround-gcc296-bugs=yes: accesses starting up to 1024 bytes below
   the red zone under the stack pointer are not reported (Memcheck's rule). */
static Bool clo_workaround_gcc296_bugs = False;
/* Options asking for what Addrcheck cannot do: said once, after parsing. */
static Bool clo_wants_definedness = False;
static Bool clo_xtree_leak = False;

static void add_ignore_range(Addr lo, Addr hi);
static Bool parse_ignore_ranges(const HChar *val);
static Bool parse_below_sp(const HChar *arg, const HChar *val);

static Bool ac_process_option(const HChar *arg)
{
    const HChar *val;
    Bool b;
    if (VG_(str_clo)(arg, "--leak-check", &val)) {
        if (strcmp(val, "no") == 0)
            MAC_(clo_leak_check) = MAC_LeakCheckNo;
        else if (strcmp(val, "summary") == 0)
            MAC_(clo_leak_check) = MAC_LeakCheckSummary;
        else if (strcmp(val, "full") == 0 || strcmp(val, "yes") == 0)
            MAC_(clo_leak_check) = MAC_LeakCheckFull;
        else
            VG_(fmsg_bad_option)(arg, "'%s' is not one of no, summary, full\n", val);
    } else if (VG_(str_clo)(arg, "--show-leak-kinds", &val)) {
        if (!MAC_(parse_leak_kinds)(val, &MAC_(clo_show_leak_kinds)))
            VG_(fmsg_bad_option)(arg, "'%s' is not a set of leak kinds\n", val);
    } else if (VG_(str_clo)(arg, "--errors-for-leak-kinds", &val)) {
        if (!MAC_(parse_leak_kinds)(val, &MAC_(clo_errors_for_leak_kinds)))
            VG_(fmsg_bad_option)(arg, "'%s' is not a set of leak kinds\n", val);
    } else if (VG_(str_clo)(arg, "--leak-check-heuristics", &val)) {
        if (!MAC_(parse_leak_heuristics)(val, &MAC_(clo_leak_check_heuristics)))
            VG_(fmsg_bad_option)(arg, "'%s' is not a set of leak heuristics\n", val);
    } else if (VG_(bool_clo)(arg, "--show-reachable", &b)) {
        /* The old spelling of --show-leak-kinds. */
        if (b)
            MAC_(clo_show_leak_kinds) = 0xF;
        else
            MAC_(clo_show_leak_kinds) &= ~MAC_LEAK_BIT(MAC_Reachable);
    } else if (VG_(bool_clo)(arg, "--show-possibly-lost", &b)) {
        if (b)
            MAC_(clo_show_leak_kinds) |= MAC_LEAK_BIT(MAC_Possible);
        else
            MAC_(clo_show_leak_kinds) &= ~MAC_LEAK_BIT(MAC_Possible);
    } else if (VG_(str_clo)(arg, "--leak-resolution", &val)) {
        if (strcmp(val, "low") == 0)
            MAC_(clo_leak_resolution) = Vg_LowRes;
        else if (strcmp(val, "med") == 0)
            MAC_(clo_leak_resolution) = Vg_MedRes;
        else if (strcmp(val, "high") == 0)
            MAC_(clo_leak_resolution) = Vg_HighRes;
        else
            VG_(fmsg_bad_option)(arg, "'%s' is not one of low, med, high\n", val);
    } else if (VG_(bool_clo)(arg, "--check-stack-access", &clo_check_stack_access)) {
    } else if (VG_(bool_clo)(arg, "--partial-loads-ok", &MAC_(clo_partial_loads_ok))) {
    } else if (VG_(bool_clo)(arg, "--show-mismatched-frees", &MAC_(clo_show_mismatched_frees))) {
    } else if (VG_(bool_clo)(arg, "--undef-value-errors", &b) ||
               VG_(bool_clo)(arg, "--track-origins", &b)) {
        /* Memcheck's V-bit options: accepted, so that Memcheck command
           lines work unchanged; Addrcheck has no V bits, so =no is what it
           does and =yes gets a warning. */
        if (b)
            clo_wants_definedness = True;
    } else if (VG_(str_clo)(arg, "--expensive-definedness-checks", &val)) {
        /* The precision of definedness tracking: nothing to tune here. */
        if (strcmp(val, "no") != 0 && strcmp(val, "auto") != 0 && strcmp(val, "yes") != 0)
            VG_(fmsg_bad_option)(arg, "'%s' is not one of no, auto, yes\n", val);
    } else if (VG_(bool_clo)(arg, "--xtree-leak", &clo_xtree_leak)) {
    } else if (VG_(str_clo)(arg, "--xtree-leak-file", &val)) {
    } else if (VG_(str_clo)(arg, "--ignore-ranges", &val)) {
        if (!parse_ignore_ranges(val))
            VG_(fmsg_bad_option)(arg, "--ignore-ranges: invalid syntax, or end < start in range,"
                                      " or a range of more than 64M\n");
    } else if (VG_(str_clo)(arg, "--ignore-range-below-sp", &val)) {
        if (!parse_below_sp(arg, val))
            return True;
    } else if (VG_(bool_clo)(arg, "--workaround-gcc296-bugs", &clo_workaround_gcc296_bugs)) {
        /* Deprecated in Memcheck, which warns; so do we (post_clo_init). */
    } else {
        return False;
    }
    return True;
}

static void ac_print_usage(void)
{
    VG_(printf)(
        "    --leak-check=no|summary|full     search for memory leaks at exit?  [summary]\n"
        "    --leak-resolution=low|med|high   differentiation of leak stack traces [high]\n"
        "    --show-leak-kinds=kind1,kind2,.. which leak kinds to show?\n"
        "                                            [definite,possible]\n"
        "    --errors-for-leak-kinds=kind1,kind2,..  which leak kinds are errors?\n"
        "                                            [definite,possible]\n"
        "        where kind is one of:\n"
        "          definite indirect possible reachable all none\n"
        "    --leak-check-heuristics=heur1,heur2,... which heuristics to use for\n"
        "        improving leak search false positive [all]\n"
        "        where heur is one of:\n"
        "          stdstring length64 newarray multipleinheritance all none\n"
        "    --show-reachable=yes             same as --show-leak-kinds=all\n"
        "    --partial-loads-ok=no|yes        are aligned loads of partly addressable\n"
        "                                     memory (vector code) fine? [yes]\n"
        "    --show-mismatched-frees=no|yes   report free/delete/delete[] that do not\n"
        "                                     match the allocation? [yes]\n"
        "    --check-stack-access=no|yes      check accesses relative to the stack\n"
        "                                     pointer (push, pop, locals)? [no: only\n"
        "                                     those below its red zone]\n"
        "    --ignore-ranges=0xPP-0xQQ[,0xRR-0xSS]   assume given addresses are OK\n"
        "    --ignore-range-below-sp=<number>-<number>  do not report errors for\n"
        "                                     accesses at the given offsets below SP\n"
        "    --workaround-gcc296-bugs=no|yes  ignore accesses up to 1 KiB below the stack\n"
        "                                     pointer's red zone [no].  Deprecated:\n"
        "                                     use --ignore-range-below-sp instead\n"
        "    --undef-value-errors=no|yes, --track-origins=no|yes,\n"
        "    --expensive-definedness-checks=no|auto|yes\n"
        "                                     Memcheck's, about definedness: accepted;\n"
        "                                     Addrcheck has no V bits (=yes warns)\n"
        "    --xtree-leak=no|yes, --xtree-leak-file=<file>\n"
        "                                     accepted; no xtree file is written\n"
        "  (--malloc-fill, --free-fill, --keep-stacktraces, --freelist-vol and\n"
        "   --freelist-big-blocks are the core's: see the malloc options above)\n");
}

static void ac_print_debug_usage(void)
{
    VG_(printf)("    (none)\n");
}

/*--- Ranges where address errors are not reported ------------------------------------------*/

typedef struct {
    Addr lo, hi;
} ACRange;
static ACRange *ignore_ranges;
static UInt n_ignore_ranges;

static void add_ignore_range(Addr lo, Addr hi)
{
    ignore_ranges = VG_(realloc)("ac.ignore", ignore_ranges,
                                 (n_ignore_ranges + 1) * sizeof *ignore_ranges);
    ignore_ranges[n_ignore_ranges++] = (ACRange){lo, hi};
}

/* "0xPP-0xQQ[,0xRR-0xSS]...": QQ is the range's last byte; a range must
   not be longer than 64M (as Memcheck: a typo more likely than intent). */
static Bool parse_ignore_ranges(const HChar *val)
{
    const HChar *p = val;
    for (;;) {
        HChar *end;
        if (strncmp(p, "0x", 2) != 0)
            return False;
        unsigned long lo = strtoul(p + 2, &end, 16);
        if (end == p + 2 || end[0] != '-' || strncmp(end + 1, "0x", 2) != 0)
            return False;
        p = end + 3;
        unsigned long last = strtoul(p, &end, 16);
        if (end == p || last < lo || last - lo >= 0x4000000UL)
            return False;
        add_ignore_range(lo, last + 1 == 0 ? ~0UL : last + 1);
        if (*end == '\0')
            return True;
        if (*end != ',')
            return False;
        p = end + 1;
    }
}

/* "FIRST-LAST", decimal, FIRST > LAST > 0; Memcheck's words on errors. */
static Bool parse_below_sp(const HChar *arg, const HChar *val)
{
    HChar *end;
    if (val[0] < '0' || val[0] > '9')
        goto syntax;
    unsigned long long first = strtoull(val, &end, 10);
    if (end[0] != '-' || end[1] < '0' || end[1] > '9')
        goto syntax;
    unsigned long long last = strtoull(end + 1, &end, 10);
    if (*end != '\0')
        goto syntax;
    if (first > 1000000 || last > 1000000)
        VG_(fmsg_bad_option)(arg, "--ignore-range-below-sp: suspiciously large offset(s): "
                                  "%llu and %llu\n", first, last);
    if (first <= last || last == 0)
        VG_(fmsg_bad_option)(arg, "--ignore-range-below-sp: invalid offsets (the first must "
                                  "be larger): %llu and %llu\n", first, last);
    clo_below_sp_first = first;
    clo_below_sp_last = last;
    return True;
syntax:
    VG_(fmsg_bad_option)(arg, "--ignore-range-below-sp: invalid syntax.  "
                              "Expected \"...=decimalnumber-decimalnumber\".\n");
    return False;
}

/* An access of size bytes at a, relative to tid's stack pointer, that
   --ignore-range-below-sp or --workaround-gcc296-bugs says not to report. */
static Bool below_sp_ignored(ThreadId tid, Addr a, SizeT size)
{
    Addr sp, lo, hi;
    if (clo_below_sp_first == 0 && !clo_workaround_gcc296_bugs)
        return False;
    if (!VG_(get_thread_stack)(tid, &sp, &lo, &hi))
        return False;
    if (clo_workaround_gcc296_bugs) {
        Addr zone = sp - 128; /* the bottom of the ABI's red zone */
        if (a < zone && zone - a <= 1024)
            return True;
    }
    return clo_below_sp_first != 0 && a >= sp - clo_below_sp_first &&
           a + size - 1 <= sp - clo_below_sp_last && a + size - 1 >= a;
}

static void set_reporting(Addr a, SizeT len, Bool enable)
{
    if (len == 0)
        return;
    Addr hi = a + len < a ? ~0UL : a + len;
    if (!enable) {
        add_ignore_range(a, hi);
        return;
    }
    for (UInt i = 0; i < n_ignore_ranges; i++) {
        if (ignore_ranges[i].lo == a && ignore_ranges[i].hi == hi) {
            ignore_ranges[i] = ignore_ranges[--n_ignore_ranges];
            return;
        }
    }
}

__attribute__((target("general-regs-only"))) static Bool reporting_ignored(Addr a)
{
    for (UInt i = 0; i < n_ignore_ranges; i++)
        if (a >= ignore_ranges[i].lo && a < ignore_ranges[i].hi)
            return True;
    return False;
}

/*--- Events --------------------------------------------------------------------------------*/

static void ac_new_mem_mapped(Addr a, SizeT len, Bool rr, Bool ww, Bool xx, ULong di_handle)
{
    if (rr || ww || xx)
        AC_(make_accessible)(a, len);
    else
        AC_(make_noaccess)(a, len);
}

static void ac_new_mem_brk(Addr a, SizeT len, ThreadId tid)
{
    AC_(make_accessible)(a, len);
}

static void ac_die_mem(Addr a, SizeT len)
{
    AC_(make_noaccess)(a, len);
}

/* mprotect: PROT_NONE memory (guard pages) is not addressable; memory
   made accessible again is. */
static void ac_change_mem_mprotect(Addr a, SizeT len, Bool rr, Bool ww, Bool xx)
{
    ac_new_mem_mapped(a, len, rr, ww, xx, 0);
}

static void ac_copy_mem_remap(Addr from, Addr to, SizeT len)
{
    AC_(copy_accessibility)(from, to, len);
}

/* The stack's handlers run from translated code without the vector
   registers saved (need gpr_only_stack_events). */
#define GPR_ONLY __attribute__((target("general-regs-only")))

GPR_ONLY static void ac_new_mem_stack(Addr a, SizeT len)
{
    AC_(make_accessible)(a, len);
}

GPR_ONLY static void ac_die_mem_stack(Addr a, SizeT len)
{
    AC_(make_noaccess)(a, len);
}

#define STACK_FAST_PATHS(N)                                                                   \
    GPR_ONLY static void ac_new_mem_stack_##N(Addr a)                                          \
    {                                                                                          \
        AC_(make_accessible)(a, N);                                                            \
    }                                                                                          \
    GPR_ONLY static void ac_die_mem_stack_##N(Addr a)                                          \
    {                                                                                          \
        AC_(make_noaccess)(a, N);                                                              \
    }
STACK_FAST_PATHS(4)
STACK_FAST_PATHS(8)
STACK_FAST_PATHS(16)
STACK_FAST_PATHS(32)
STACK_FAST_PATHS(112)
STACK_FAST_PATHS(128)

/* The core about to read or write client memory for a system call. */
static void check_param(ThreadId tid, const HChar *what, Addr a, SizeT size, Bool is_write)
{
    Addr bad;
    if (size == 0 || AC_(is_accessible)(a, size, &bad))
        return;
    if (!reporting_ignored(bad))
        MAC_(record_param_error)(tid, bad, what, is_write);
}

static void ac_pre_mem_read(CorePart part, ThreadId tid, const HChar *s, Addr a, SizeT size)
{
    check_param(tid, s, a, size, False);
}

static void ac_pre_mem_write(CorePart part, ThreadId tid, const HChar *s, Addr a, SizeT size)
{
    check_param(tid, s, a, size, True);
}

static void ac_pre_mem_read_asciiz(CorePart part, ThreadId tid, const HChar *s, Addr a)
{
    for (Addr p = a;; p++) {
        if (!AC_(is_accessible_byte)(p)) {
            if (!reporting_ignored(p))
                MAC_(record_param_error)(tid, p, s, False);
            return;
        }
        if (*(const volatile HChar *)p == '\0')
            return;
    }
}

/*--- The client heap ---------------------------------------------------------------------------*/

static void ac_heap_alloc(ThreadId tid, Addr a, SizeT size, UInt kind, Bool zeroed)
{
    AC_(make_accessible)(a, size);
}

static void ac_heap_free(ThreadId tid, Addr a, SizeT size)
{
    AC_(make_noaccess)(a, size);
}

static void ac_heap_resize(ThreadId tid, Addr a, SizeT old_size, SizeT new_size)
{
    if (new_size > old_size)
        AC_(make_accessible)(a + old_size, new_size - old_size);
    else
        AC_(make_noaccess)(a + new_size, old_size - new_size);
}

static void ac_heap_bad_free(ThreadId tid, Addr a, UInt free_kind, UInt why)
{
    if (why == VG_BADFREE_NO_POOL)
        MAC_(record_illegal_mempool_error)(tid, a);
    else
        MAC_(record_free_error)(tid, a, free_kind);
}

static void ac_heap_mismatch(ThreadId tid, Addr a, UInt alloc_kind, UInt free_kind)
{
    if (MAC_(clo_show_mismatched_frees))
        MAC_(record_freemismatch_error)(tid, a, alloc_kind, free_kind);
}

/*--- Inline checks ------------------------------------------------------------------------------*/

/* Two UCode extensions do the shadow arithmetic without touching the
   flags (with BMI2; without, they shift and the core saves the flags):

   AC_EXT_CHECK  in: an address; imm: L (1, 2, 4, 8).  Loads L shadow
                 bytes at the address's shadow and inverts them: the
                 result is 0 if they are all ones.  At ratio 1/8 L = 2
                 covers any access of up to 8 bytes (its granule and the
                 next); 4 and 8 cover 16 and 32 bytes.
   AC_EXT_STACK  (below) marks stack memory inline. */

static UInt ext_check;
static Bool have_bmi2;

static void emit_bytes(UCExtEmitter *em, const UChar *b, UInt n)
{
    VG_(ucx_emit)(em, b, n);
}

/* pext dst, src, mask (all registers). */
static void e_pext(UCExtEmitter *em, UInt dst, UInt src, UInt mask)
{
    UChar b[5] = {0xC4,
                  (UChar)((((~dst >> 3) & 1) << 7) | 0x40 | (((~mask >> 3) & 1) << 5) | 0x02),
                  (UChar)(0x80 | ((~src & 15) << 3) | 0x02), 0xF5,
                  (UChar)(0xC0 | ((dst & 7) << 3) | (mask & 7))};
    emit_bytes(em, b, 5);
}

/* mov src, dst ; shl $lsh, dst ; shr $rsh, dst (flags clobbered). */
static void e_shift_pair(UCExtEmitter *em, UInt dst, UInt src, UInt lsh, UInt rsh)
{
    UChar mov[3] = {(UChar)(0x48 | ((src >> 3) << 2) | (dst >> 3)), 0x89,
                    (UChar)(0xC0 | ((src & 7) << 3) | (dst & 7))};
    UChar shl[4] = {(UChar)(0x48 | (dst >> 3)), 0xC1, (UChar)(0xE0 | (dst & 7)), (UChar)lsh};
    UChar shr[4] = {(UChar)(0x48 | (dst >> 3)), 0xC1, (UChar)(0xE8 | (dst & 7)), (UChar)rsh};
    emit_bytes(em, mov, 3);
    emit_bytes(em, shl, 4);
    emit_bytes(em, shr, 4);
}

/* The pext mask that turns an address into its shadow byte's index:
   (a mod client_end) >> shift in one flag-free instruction. */
static ULong index_mask(void)
{
    UInt shift = AC_(shadow_byte_per_byte)() ? 0 : 3;
    return (VG_(client_end)() - 1) & ~((1UL << shift) - 1);
}

/* dst = the index of a's shadow byte; mask: a register holding
   index_mask() (with BMI2; without, shifts that clobber the flags). */
static void e_shadow_index(UCExtEmitter *em, UInt dst, UInt a, UInt mask)
{
    if (have_bmi2) {
        e_pext(em, dst, a, mask);
    } else {
        UInt bits = (UInt)__builtin_ctzl(VG_(client_end)());
        UInt shift = AC_(shadow_byte_per_byte)() ? 0 : 3;
        e_shift_pair(em, dst, a, 64 - bits, 64 - bits + shift);
    }
}

/* Loads L bytes at (base + index), zero-extended, into dst. */
static void e_load_indexed(UCExtEmitter *em, UInt dst, UInt base, UInt index, UInt L)
{
    UChar b[9];
    UInt n = 0;
    UChar rex = (UChar)(0x40 | ((dst >> 3) << 2) | ((index >> 3) << 1) | (base >> 3));
    if (L == 8)
        rex |= 0x08;
    if (rex != 0x40)
        b[n++] = rex;
    if (L == 1) {
        b[n++] = 0x0F;
        b[n++] = 0xB6;
    } else if (L == 2) {
        b[n++] = 0x0F;
        b[n++] = 0xB7;
    } else {
        b[n++] = 0x8B;
    }
    Bool need_disp = (base & 7) == 5; /* rbp/r13 as a base need a displacement */
    b[n++] = (UChar)((need_disp ? 0x40 : 0x00) | ((dst & 7) << 3) | 0x04);
    b[n++] = (UChar)(((index & 7) << 3) | (base & 7));
    if (need_disp)
        b[n++] = 0;
    emit_bytes(em, b, n);
}

/* not dst, on the low L bytes (the rest stays as it is: zero). */
static void e_not(UCExtEmitter *em, UInt dst, UInt L)
{
    UChar b[4];
    UInt n = 0;
    if (L == 2)
        b[n++] = 0x66;
    UChar rex = (UChar)(0x40 | (dst >> 3) | (L == 8 ? 0x08 : 0));
    if (rex != 0x40 || (L == 1 && dst >= 4))
        b[n++] = rex;
    b[n++] = L == 1 ? 0xF6 : 0xF7;
    b[n++] = (UChar)(0xD0 | (dst & 7));
    emit_bytes(em, b, n);
}

/* regs: the address, index_mask(), the shadow base (constants the core
   keeps in registers across the block), out (may be the address's). */
static void gen_check(UCExtEmitter *em, const UInt *regs, ULong imm)
{
    UInt a = regs[0], mask = regs[1], base = regs[2], out = regs[3], L = (UInt)imm;
    e_shadow_index(em, out, a, mask);
    e_load_indexed(em, out, base, out, L);
    e_not(em, out, L);
}


/*--- The slow path ----------------------------------------------------------------------------*/

/* info: the access's size (bits 0-15), MemAccess (16-17), and the offset
   of the 8-byte chunk whose quick check failed (24-31, for accesses
   checked in chunks: only the chunk holding the first bad byte reports). */
#define INFO(size, access, chunk) ((UWord)(size) | (UWord)(access) << 16 | (UWord)(chunk) << 24)

static UChar report_xsave[8192] __attribute__((aligned(64)));

/* Memcheck's --partial-loads-ok: an aligned load of a word or more (vector
   code reading past the end of a string) with at least one addressable
   byte is fine. */
GPR_ONLY static Bool partial_load_ok(Addr a, SizeT size)
{
    if (!MAC_(clo_partial_loads_ok) || size < 4 || (size & (size - 1)) != 0 ||
        (a & (size - 1)) != 0)
        return False;
    for (SizeT i = 0; i < size; i++)
        if (AC_(is_accessible_byte)(a + i))
            return True;
    return False;
}

GPR_ONLY static void report(Addr a, SizeT size, UInt access)
{
    ThreadId tid = VG_(get_running_tid)();
    /* The error manager uses vector registers: save the guest's. */
    __asm__ volatile("xsave64 %0" : "=m"(report_xsave) : "a"(7), "d"(0) : "memory");
    if (!below_sp_ignored(tid, a, size)) {
        if (access & VG_MEM_READ)
            MAC_(record_address_error)(tid, a, size, False);
        if (access & VG_MEM_WRITE)
            MAC_(record_address_error)(tid, a, size, True);
    }
    __asm__ volatile("xrstor64 %0" : : "m"(report_xsave), "a"(7), "d"(0) : "memory");
}

GPR_ONLY static UWord ac_slow_check(Addr a, UWord info)
{
    SizeT size = info & 0xFFFF;
    UInt access = (info >> 16) & 3, chunk = (UInt)(info >> 24);
    Addr bad;
    if (AC_(is_accessible)(a, size, &bad)) {
        AC_(materialize)(a, size);
        return 0;
    }
    if (size > 8 && (bad < a + chunk || bad >= a + chunk + 8) && AC_(shadow_byte_per_byte)())
        return 0; /* another chunk's check reports it */
    if (access == VG_MEM_READ && partial_load_ok(a, size))
        return 0;
    if (reporting_ignored(a))
        return 0;
    report(a, size, access);
    return 1;
}

#define AS_HELPER(f) ((UCHelper)(void (*)(void))(f))
#define SLOW_FLAGS (VG_CCALL_GPR_ONLY | VG_CCALL_NEEDS_CONTEXT)

/* The slow path of memory operand m of instruction i: its address is
   computed again there, so that the quick check may overwrite it. */
static void add_slow_call(UCodeBlock *cb, UInt i, UInt m, SizeT size, UInt access, UInt chunk)
{
    Temp args[2] = {VG_(uc_ea)(cb, i, m), VG_(uc_const)(cb, INFO(size, access, chunk))};
    VG_(uc_ccall)(cb, AS_HELPER(ac_slow_check), SLOW_FLAGS, 2, args);
}

/* The quick check of L shadow bytes at the shadow of addr; the slow path
   if it fails. */
static void add_quick_check(UCodeBlock *cb, UInt i, UInt m, Temp addr, SizeT size, UInt access,
                            UInt L, UInt chunk)
{
    Temp in[3] = {addr, VG_(uc_const)(cb, index_mask()), VG_(uc_const)(cb, VG_(shadow_base)())};
    Temp r;
    VG_(uc_ext)(cb, ext_check, in, &r, L);
    VG_(uc_if_imm)(cb, VG_UC_NE, r, 0);
    add_slow_call(cb, i, m, size, access, chunk);
    VG_(uc_endif)(cb);
}

/* The checks of memory operand m of instruction i, before it. */
static void add_access_check(UCodeBlock *cb, UInt i, UInt m, SizeT size, UInt access)
{
    VG_(uc_at)(cb, i, VG_BEFORE);
    if (!AC_(shadow_byte_per_byte)()) {
        UInt L = size <= 8 ? 2 : size == 16 ? 4 : size == 32 ? 8 : 0;
        if (L)
            add_quick_check(cb, i, m, VG_(uc_ea)(cb, i, m), size, access, L, 0);
        else
            add_slow_call(cb, i, m, size, access, 0);
        return;
    }
    if (size == 1 || size == 2 || size == 4 || size == 8) {
        add_quick_check(cb, i, m, VG_(uc_ea)(cb, i, m), size, access, (UInt)size, 0);
    } else if (size == 16 || size == 32) {
        for (UInt off = 0; off < size; off += 8) {
            Temp a = VG_(uc_ea)(cb, i, m);
            Temp p = off ? VG_(uc_binop_imm)(cb, VG_UC_ADD, a, off) : a;
            add_quick_check(cb, i, m, p, size, access, 8, off);
        }
    } else {
        add_slow_call(cb, i, m, size, access, 0);
    }
}

static UCodeBlock *ac_instrument(UCodeBlock *cb, Addr guest_addr)
{
    UInt n = VG_(cb_n_insns)(cb);
    for (UInt i = 0; i < n; i++) {
        const GuestInsn *gi = VG_(cb_insn)(cb, i);
        for (UInt m = 0; m < gi->n_mem; m++) {
            const GuestMemOp *mo = &gi->mem[m];
            if (mo->size == 0 || mo->vector_index)
                continue;
            if (!clo_check_stack_access && mo->base == VG_RSP && mo->index == VG_NO_REG &&
                mo->seg == 0 && mo->disp >= -128)
                continue; /* on the stack, at or above the red zone */
            add_access_check(cb, i, m, mo->size, mo->access);
        }
    }
    return cb;
}

/*--- Stack events inline ---------------------------------------------------------------------------*/

/* AC_EXT_STACK: no temps; imm: the offset from %rsp (low 32 bits, signed),
   the number of shadow bytes (bits 32-39) and their value (bits 40-47).
   lea s1, [rsp + off]; shadow index of s1; movabs s2, base; then stores
   of immediates at [s2 + s1 + k]: five or six instructions for a push,
   pop, call or ret. */
static UInt ext_stack;

/* mov [base + index + disp8], imm of size bytes (value 0 or all ones). */
static void e_store_imm(UCExtEmitter *em, UInt base, UInt index, UInt disp, UInt size, UChar v)
{
    UChar b[16];
    UInt n = 0;
    if (size == 2)
        b[n++] = 0x66;
    UChar rex = (UChar)(0x40 | (size == 8 ? 0x08 : 0) | ((index >> 3) << 1) | (base >> 3));
    if (rex != 0x40)
        b[n++] = rex;
    b[n++] = size == 1 ? 0xC6 : 0xC7;
    b[n++] = 0x44; /* mod 01 (disp8), reg /0, rm SIB */
    b[n++] = (UChar)(((index & 7) << 3) | (base & 7));
    b[n++] = (UChar)disp;
    UInt imm_len = size == 1 ? 1 : size == 2 ? 2 : 4; /* qword: imm32 sign-extended */
    for (UInt k = 0; k < imm_len; k++)
        b[n++] = v;
    emit_bytes(em, b, n);
}

/* regs: index_mask(), the shadow base, scratch s1. */
static void gen_stack(UCExtEmitter *em, const UInt *regs, ULong imm)
{
    UInt mask = regs[0], s2 = regs[1], s1 = regs[2];
    Int off = (Int)(UInt)imm;
    UInt nbytes = (UInt)(imm >> 32) & 0xFF;
    UChar v = (UChar)(imm >> 40);
    /* lea s1, [rsp + off] */
    UChar lea[8] = {(UChar)(0x48 | ((s1 >> 3) << 2)), 0x8D, (UChar)(0x84 | ((s1 & 7) << 3)), 0x24};
    memcpy(lea + 4, &off, 4);
    emit_bytes(em, lea, 8);
    e_shadow_index(em, s1, s1, mask);
    for (UInt k = 0; k < nbytes;) {
        UInt size = nbytes - k >= 8 ? 8 : nbytes - k >= 4 ? 4 : nbytes - k >= 2 ? 2 : 1;
        e_store_imm(em, s2, s1, k, size, v);
        k += size;
    }
}

/* The stack grew or shrank over [rsp + offset, +len).  At ratio 1/8, a
   stack pointer that is not a multiple of 8 (hand-written code only)
   shares granules with its neighbours: growth then marks one granule
   more (the one above, in use already when the pointer is aligned), and
   shrinking one granule's bytes too few stay addressable; never a false
   error. */
static Bool inline_stack(UCodeBlock *cb, Long offset, SizeT len, Bool grow)
{
    Bool bytes = AC_(shadow_byte_per_byte)();
    if (bytes ? len > 128 : (len % 8 != 0 || len > 120))
        return False;
    if (offset != (Long)(Int)offset)
        return False;
    UInt n = bytes ? (UInt)len : (UInt)(len / 8) + (grow ? 1 : 0);
    ULong imm = (ULong)(UInt)(Int)offset | (ULong)n << 32 | (ULong)(grow ? 0xFF : 0) << 40;
    Temp in[2] = {VG_(uc_const)(cb, index_mask()), VG_(uc_const)(cb, VG_(shadow_base)())};
    VG_(uc_ext)(cb, ext_stack, in, NULL, imm);
    return True;
}

static Bool ac_uc_new_mem_stack(UCodeBlock *cb, Long rsp_offset, SizeT len)
{
    return inline_stack(cb, rsp_offset, len, True);
}

static Bool ac_uc_die_mem_stack(UCodeBlock *cb, Long rsp_offset, SizeT len)
{
    return inline_stack(cb, rsp_offset, len, False);
}

static void register_exts(void)
{
    have_bmi2 = __builtin_cpu_supports("bmi2");
    UCExtOp check = {"ac_check", 3, 1, 0, !have_bmi2, gen_check, True};
    UCExtOp stack = {"ac_stack", 2, 0, 1, !have_bmi2, gen_stack, False};
    ext_check = VG_(uc_register_ext)(&check);
    ext_stack = VG_(uc_register_ext)(&stack);
}

/*--- Client requests --------------------------------------------------------------------------------*/

typedef struct {
    Addr start;
    SizeT len;
    HChar *desc;
} ACBlock;
static ACBlock *client_blocks;
static UInt n_client_blocks;

const HChar *MAC_(client_block_describe)(Addr a, Addr *start, SizeT *len)
{
    for (UInt i = 0; i < n_client_blocks; i++) {
        ACBlock *b = &client_blocks[i];
        if (b->desc != NULL && a >= b->start && a - b->start < b->len) {
            *start = b->start;
            *len = b->len;
            return b->desc;
        }
    }
    return NULL;
}

static UWord create_block(Addr a, SizeT len, const HChar *desc)
{
    client_blocks = VG_(realloc)("ac.blocks", client_blocks,
                                 (n_client_blocks + 1) * sizeof *client_blocks);
    client_blocks[n_client_blocks] =
        (ACBlock){a, len, VG_(strdup)("ac.blockdesc", desc ? desc : "")};
    return n_client_blocks++;
}

static UWord discard_block(UWord index)
{
    if (index >= n_client_blocks || client_blocks[index].desc == NULL)
        return 1;
    VG_(free)(client_blocks[index].desc);
    client_blocks[index].desc = NULL;
    return 0;
}

static void count_leaks(UWord *args, Bool blocks)
{
    const MacLeakCounts *c = MAC_(last_leak_counts)();
    const ULong *v = blocks ? c->blocks : c->bytes;
    ULong sup = blocks ? c->suppressed_blocks : c->suppressed_bytes;
    *(UWord *)args[1] = v[MAC_Unreached] + v[MAC_Indirect];
    *(UWord *)args[2] = v[MAC_Possible];
    *(UWord *)args[3] = v[MAC_Reachable];
    *(UWord *)args[4] = sup;
}

static Bool ac_handle_client_request(ThreadId tid, UWord *args, UWord *ret)
{
    switch (args[0]) {
    case VG_USERREQ__MAKE_MEM_NOACCESS:
        AC_(make_noaccess)(args[1], args[2]);
        *ret = -1;
        return True;
    case VG_USERREQ__MAKE_MEM_UNDEFINED:
    case VG_USERREQ__MAKE_MEM_DEFINED:
        AC_(make_accessible)(args[1], args[2]);
        *ret = -1;
        return True;
    case VG_USERREQ__MAKE_MEM_DEFINED_IF_ADDRESSABLE:
        *ret = -1;
        return True;
    case VG_USERREQ__CHECK_MEM_IS_ADDRESSABLE:
    case VG_USERREQ__CHECK_MEM_IS_DEFINED: {
        Addr bad;
        if (AC_(is_accessible)(args[1], args[2], &bad)) {
            *ret = 0;
        } else {
            MAC_(record_user_error)(tid, bad);
            *ret = bad;
        }
        return True;
    }
    case VG_USERREQ__CREATE_BLOCK:
        *ret = create_block(args[1], args[2], (const HChar *)args[3]);
        return True;
    case VG_USERREQ__DISCARD:
        *ret = discard_block(args[2]);
        return True;
    case VG_USERREQ__DO_LEAK_CHECK:
        MAC_(detect_memory_leaks_delta)(tid,
                                        args[1] == 1 ? MAC_LeakCheckSummary : MAC_LeakCheckFull,
                                        args[2] <= 3 ? (MacLeakDelta)args[2] : MAC_LeakDeltaAny);
        *ret = 0;
        return True;
    case VG_USERREQ__COUNT_LEAKS:
    case VG_USERREQ__COUNT_LEAK_BLOCKS:
        count_leaks(args, args[0] == VG_USERREQ__COUNT_LEAK_BLOCKS);
        *ret = 0;
        return True;
    case VG_USERREQ__GET_VBITS:
    case VG_USERREQ__SET_VBITS:
        *ret = 0; /* no V bits: as if not running under Memcheck */
        return True;
    case VG_USERREQ__DISABLE_ADDR_ERROR_REPORTING_IN_RANGE:
    case VG_USERREQ__ENABLE_ADDR_ERROR_REPORTING_IN_RANGE:
        set_reporting(args[1], args[2],
                      args[0] == VG_USERREQ__ENABLE_ADDR_ERROR_REPORTING_IN_RANGE);
        *ret = 0;
        return True;
    case VG_USERREQ__OVERLAP:
        MAC_(record_overlap_error)(tid, (const HChar *)args[1], args[2], args[3], args[4],
                                   args[5] != 0);
        *ret = 0;
        return True;
    default:
        return False;
    }
}

/*--- Start and end ------------------------------------------------------------------------------------*/

/* Options Addrcheck accepts but cannot honour say so (not under -q, as
   Memcheck's deprecation warning). */
static void warn_about_options(void)
{
    if (VG_(verbosity)() == 0)
        return;
    if (clo_workaround_gcc296_bugs)
        VG_(umsg)("Warning: --workaround-gcc296-bugs=yes is deprecated.\n");
    if (clo_wants_definedness)
        VG_(umsg)("Warning: Addrcheck does not track definedness: --undef-value-errors=yes"
                  " and --track-origins=yes have no effect.\n");
    if (clo_xtree_leak)
        VG_(umsg)("Warning: Addrcheck writes no xtree leak file: --xtree-leak=yes has no"
                  " effect.\n");
}

static void ac_post_clo_init(void)
{
    warn_about_options();
    AC_(shadow_init)(VG_(shadow_ratio)() >= 1.0);
}

static void ac_fini(Int exitcode)
{
    MAC_(print_heap_summary)();
    /* With --leak-check=no this only says how to ask for one.  The loss
       records at exit are no thread's: they go to thread 1, as Memcheck's
       do, so that no "Thread N:" line comes before them when the process
       exits from another thread. */
    MAC_(detect_memory_leaks)(1, MAC_(clo_leak_check));
}

static void ac_pre_clo_init(void)
{
    VG_(details_name)("Addrcheck");
    VG_(details_description)("a fine-grained address checker");
    VG_(details_copyright_author)("Copyright (C) 2026, the vgcore authors.");
    VG_(details_bug_reports_to)("the vgcore issue tracker");
    VG_(details_shadow_ratios)("1/8 1");
    VG_(details_suppression_aliases)("Memcheck");

    SK_(init_instrument)(ac_instrument);
    SK_(init_fini)(ac_fini);
    SK_(init_post_clo_init)(ac_post_clo_init);

    VG_(needs_command_line_options)();
    SK_(init_process_cmd_line_option)(ac_process_option);
    SK_(init_print_usage)(ac_print_usage);
    SK_(init_print_debug_usage)(ac_print_debug_usage);

    VG_(needs_client_requests)();
    SK_(init_handle_client_request)(ac_handle_client_request);

    MAC_(register_error_handlers)();

    VG_(needs_replace_malloc)();
    SK_(init_heap_alloc)(ac_heap_alloc);
    SK_(init_heap_free)(ac_heap_free);
    SK_(init_heap_bad_free)(ac_heap_bad_free);
    SK_(init_heap_mismatch)(ac_heap_mismatch);
    SK_(init_heap_resize)(ac_heap_resize);
    SK_(init_heap_fishy_arg)(MAC_(record_fishy_value));

    SK_(init_new_mem_startup)(ac_new_mem_mapped);
    SK_(init_new_mem_mmap)(ac_new_mem_mapped);
    SK_(init_new_mem_brk)(ac_new_mem_brk);
    SK_(init_die_mem_munmap)(ac_die_mem);
    SK_(init_die_mem_brk)(ac_die_mem);
    SK_(init_copy_mem_remap)(ac_copy_mem_remap);
    SK_(init_change_mem_mprotect)(ac_change_mem_mprotect);
    SK_(init_ban_mem_stack)(ac_die_mem);

    VG_(needs_gpr_only_stack_events)();
    SK_(init_new_mem_stack)(ac_new_mem_stack);
    SK_(init_die_mem_stack)(ac_die_mem_stack);
    SK_(init_new_mem_stack_4)(ac_new_mem_stack_4);
    SK_(init_new_mem_stack_8)(ac_new_mem_stack_8);
    SK_(init_new_mem_stack_16)(ac_new_mem_stack_16);
    SK_(init_new_mem_stack_32)(ac_new_mem_stack_32);
    SK_(init_new_mem_stack_112)(ac_new_mem_stack_112);
    SK_(init_new_mem_stack_128)(ac_new_mem_stack_128);
    SK_(init_die_mem_stack_4)(ac_die_mem_stack_4);
    SK_(init_die_mem_stack_8)(ac_die_mem_stack_8);
    SK_(init_die_mem_stack_16)(ac_die_mem_stack_16);
    SK_(init_die_mem_stack_32)(ac_die_mem_stack_32);
    SK_(init_die_mem_stack_112)(ac_die_mem_stack_112);
    SK_(init_die_mem_stack_128)(ac_die_mem_stack_128);
    SK_(init_uc_new_mem_stack)(ac_uc_new_mem_stack);
    SK_(init_uc_die_mem_stack)(ac_uc_die_mem_stack);

    SK_(init_bad_jump)(MAC_(record_jump_error));
    SK_(init_pre_mem_read)(ac_pre_mem_read);
    SK_(init_pre_mem_read_asciiz)(ac_pre_mem_read_asciiz);
    SK_(init_pre_mem_write)(ac_pre_mem_write);

    register_exts();
}

VG_DETERMINE_INTERFACE_VERSION(ac_pre_clo_init, 1.0 / 8);
