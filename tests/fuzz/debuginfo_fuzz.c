/*--------------------------------------------------------------------*/
/*--- libFuzzer target: the debug-info readers on mutated ELF files. ---*/
/*---                                               debuginfo_fuzz.c ---*/
/*--------------------------------------------------------------------*/

/* Each input is an ELF file (the seeds are small -g programs; libFuzzer
   mutates them).  It is registered as an object from a buffer of exactly
   its size (so AddressSanitizer sees any read past it), then every
   reader runs: symbols, the DWARF unit index, line tables, functions
   and inlined calls at addresses spread over the text and at every
   symbol, and a CFI unwind step at each of those addresses over a fake
   stack made of the input's last bytes.  Built and run by
   tests/fuzz/run-debuginfo-fuzz. */

#include "priv_debuginfo.h"
#include "pub_core_debuginfo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*--- What the module needs from the rest of the core --------------------------*/

#include "../unit/debuginfo/clo_defaults.h"

void VG_(core_assert_fail)(const HChar *expr, const HChar *file, Int line, const HChar *fn,
                           const HChar *fmt, ...)
{
    abort();
}

void VG_(core_panic)(const HChar *fmt, ...)
{
    abort();
}

Bool VG_(am_is_valid_for_client)(Addr a, SizeT len, UInt prot)
{
    return False;
}

/*--- libdwarf's children ---------------------------------------------------------*/

/* A child that dies of one of libdwarf's bugs (AddressSanitizer still
   prints the report, so the run's log counts them) must not write a
   libFuzzer crash artifact: the core survived it.  Set
   DEBUGINFO_FUZZ_INPROCESS=1 to run libdwarf in-process instead. */
void __sanitizer_set_death_callback(void (*cb)(void));

static void child_death(void)
{
    _exit(3);
}

static void child_hook(void)
{
    __sanitizer_set_death_callback(child_death);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ML_(dwarf_child_hook) = child_hook;
    if (getenv("DEBUGINFO_FUZZ_INPROCESS") != NULL)
        ML_(dwarf_isolate) = False;
    return 0;
}

/*--- The target -------------------------------------------------------------------*/

#define BIAS 0x100000000000UL
#define STACK_WORDS 64

typedef struct {
    Addr words[STACK_WORDS];
    Addr base;
} FakeStack;

static Bool read_fake(Addr a, Addr *out, void *opaque)
{
    const FakeStack *s = opaque;
    if (a < s->base || a >= s->base + sizeof s->words || (a - s->base) % 8 != 0)
        return False;
    *out = s->words[(a - s->base) / 8];
    return True;
}

static volatile UWord sink;

static void query(Addr a, FakeStack *st)
{
    const HChar *s, *dir;
    UInt line;
    HChar buf[256];
    InlinedFrame fr[16];
    if (VG_(get_fnname)(a, &s))
        sink += strlen(s);
    if (VG_(get_fnname_raw)(a, &s))
        sink += strlen(s);
    if (VG_(get_filename_linenum)(a, &s, &dir, &line))
        sink += strlen(s) + line + (dir ? strlen(dir) : 0);
    UInt n = VG_(get_inlined_frames)(a, fr, 16);
    for (UInt i = 0; i < n; i++)
        sink += (fr[i].fnname ? strlen(fr[i].fnname) : 0) + (fr[i].file ? strlen(fr[i].file) : 0);
    sink += strlen(VG_(describe_IP)(a, buf, sizeof buf));

    for (Int exact = 0; exact < 2; exact++) {
        CfiRegs r;
        memset(&r, 0, sizeof r);
        r.regs[DW_RIP] = a;
        r.regs[DW_RSP] = st->base + 64;
        r.regs[DW_RBP] = st->base + 128;
        r.regs[DW_RBX] = st->base + 8;
        r.known = (1u << DW_RIP) | (1u << DW_RSP) | (1u << DW_RBP) | (1u << DW_RBX);
        Bool sig;
        if (ML_(di_unwind_step)(&r, exact, read_fake, st, &sig))
            sink += r.regs[DW_RIP];
    }
}

typedef struct {
    Addr *addrs;
    UInt n, cap;
} AddrList;

static void collect(Addr a, SizeT size, const HChar *name, Bool is_ifunc, void *opaque)
{
    AddrList *l = opaque;
    if (l->n < l->cap) {
        l->addrs[l->n++] = a;
        if (l->n < l->cap && size > 1)
            l->addrs[l->n++] = a + size / 2;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    UChar *buf = malloc(size ? size : 1);
    memcpy(buf, data, size);
    FakeStack st;
    memset(&st, 0, sizeof st);
    st.base = 0x7ff000000000UL;
    SizeT tail = size < sizeof st.words ? size : sizeof st.words;
    memcpy(st.words, data + size - tail, tail);

    ULong h = ML_(di_register_buffer)(buf, size, BIAS, "/fuzz/input");
    DebugInfo *di = h ? ML_(di_by_handle)(h) : NULL;
    if (di != NULL) {
        Addr addrs[96];
        AddrList l = {addrs, 0, 96};
        /* Addresses spread over the text, then at and inside symbols. */
        Addr span = di->text_hi - di->text_lo;
        for (UInt k = 0; k < 32; k++)
            addrs[l.n++] = di->text_lo + span / 32 * k + k % 7;
        VG_(di_foreach_symbol)(di, collect, &l);
        for (UInt i = 0; i < l.n; i++)
            query(addrs[i], &st);
    }
    ML_(di_forget_all)();
    free(buf);
    return 0;
}
