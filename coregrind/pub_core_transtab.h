/*--------------------------------------------------------------------*/
/*--- Translation table and code cache.          pub_core_transtab.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_TRANSTAB_H
#define PUB_CORE_TRANSTAB_H

#include "pub_core_basics.h"
#include "pub_core_emit.h"

/* What a block exit does when reached. */
typedef enum {
    XK_DIRECT,    /* go on at target; chainable */
    XK_SYSCALL,   /* do the syscall in rax, then go on at target */
    XK_CPUID,     /* emulate cpuid, then target */
    XK_CLIENTREQ, /* client request (args block in rax), then target */
    XK_NRADDR,    /* client asks for the non-redirected address; then target */
    XK_NOREDIR,   /* call *%rax without redirection; returns to target */
    XK_SIGILL,    /* the instruction at target raises SIGILL (ud2, ...) */
    XK_UNDECODED, /* capstone cannot decode the instruction at target */
    XK_SIGTRAP,   /* int3 just executed; target is after it */
    XK_SIGSEGV,   /* hlt, int N, privileged or far transfer at target */
    XK_NOTEXEC    /* translation stopped at non-executable memory */
} TExitKind;

struct TBlock;

typedef struct TExit {
    struct TBlock *from;
    struct TBlock *linked_to; /* chained target, or NULL */
    struct TExit *in_next;    /* in linked_to's list of incoming links */
    struct TExit **in_pprev;
    Addr target;              /* guest address execution continues at */
    UInt stub_off;            /* offset of the exit stub in the block */
    UInt patch_off;           /* offset of the jump's rel32; 0 = not chainable */
    UChar kind;               /* TExitKind */
} TExit;

/* A block may follow direct jumps and calls, so its guest code is up to
   VG_MAX_EXTENTS contiguous ranges. */
#define VG_MAX_EXTENTS 3
typedef struct {
    Addr base;
    UInt len;
} GExtent;

/* While the code of a guest instruction runs, up to VG_RECOVER_MAX guest
   registers may live in spill slots instead of their host registers; each
   byte of insn_recover (from the low one) is (0x80 | reg << 3 | slot) for
   one of them, or 0 after the last. */
#define VG_RECOVER_MAX 8

typedef struct TBlock {
    Addr guest;            /* entry */
    GExtent ext[VG_MAX_EXTENTS];
    UChar n_ext;
    UShort n_insns;
    UChar n_exits;
    UChar sector;
    Bool dead;             /* discarded; freed when its sector is evicted */
    UChar *host;           /* start of the code: the inline lookup's entry */
    UInt host_len;
    UInt body_off;         /* normal entry = host + body_off */
    TExit *in_list;        /* exits of other blocks chained to this one */
    struct TBlock *hnext;  /* hash chain */
    UShort *insn_host_off; /* per guest insn: offset of its code in the block */
    Addr *insn_addr;       /* per guest insn: its guest address */
    ULong *insn_recover;   /* per guest insn: spilled guest registers (below) */
    UShort *insn_held;     /* per guest insn: registers whose guest value is in
                              ThreadState.uc_save (UCode holds the register) */
    TExit exits[];
} TBlock;

/* Sets up the cache over [lo, lo+size); the first `reserved` bytes are for
   the dispatcher's routines and never evicted. */
void VG_(transtab_init)(UChar *lo, SizeT size, SizeT reserved);

TBlock *VG_(lookup_block)(Addr guest);

/* The block whose code contains host_pc, or NULL. */
TBlock *VG_(find_block_by_host)(Addr host_pc);

/* Room for one translation of at most max_bytes; may evict the oldest
   sector.  The returned Emit writes straight into the cache. */
Emit VG_(cache_reserve)(SizeT max_bytes);

/* Registers the block described by meta (host, host_len, exits... filled
   in) whose code was written into the reserved room.  Copies meta (with
   n_exits exits and n_insns maps); links its direct exits to existing
   translations.  Returns the registered block. */
TBlock *VG_(cache_commit)(const TBlock *meta);

/* Puts b's chained exits back on their stubs, so that the thread running
   b comes back to the scheduler at b's end (async signals, yields). */
void VG_(unchain_block_exits)(TBlock *b);

/* Chains exit x (of a live block) to block `to`. */
void VG_(chain_exit)(TExit *x, TBlock *to);

/* The exit whose stub is at cache offset stub_cache_off (as passed in
   ThreadState.exit_arg), or NULL if its block is gone. */
TExit *VG_(exit_of_stub)(UWord stub_cache_off);
UWord VG_(cache_offset)(const UChar *p);

/* Throws away every translation of guest code in [a, a+len). */
void VG_(discard_translations)(Addr a, SizeT len, const HChar *why);

/* Statistics for -v. */
typedef struct {
    ULong blocks_translated, guest_bytes, host_bytes, guest_insns;
    ULong exits_chained, sectors_evicted, blocks_evicted, blocks_discarded;
    ULong lookups_in_c, dispatcher_entries;
} VgTransStats;
extern VgTransStats VG_(tt_stats);

#endif /* PUB_CORE_TRANSTAB_H */
