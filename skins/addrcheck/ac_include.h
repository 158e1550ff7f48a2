/*--------------------------------------------------------------------*/
/*--- Addrcheck: what its modules share.               ac_include.h ---*/
/*--------------------------------------------------------------------*/

/* Addrcheck checks that every load and store of the client touches
   addressable memory: one A bit per client byte (or one byte per byte
   with --shadow-ratio=1), kept exact by the core's events and heap.

   Modules:
     ac_main.c        options, events, instrumentation, client requests
     ac_shadow.c      the A bits (AC_)
     mac_errors.c     error kinds, address descriptions, reports,
                      suppressions (MAC_: Memcheck-family code, shared
                      with a future memcheck)
     mac_leakcheck.c  the leak checker (MAC_) */

#ifndef AC_INCLUDE_H
#define AC_INCLUDE_H

#include "vg_skin.h"

#define AC_(str) vgAddrcheck_##str
#define MAC_(str) vgMAC_##str

/*--- Options (ac_main.c) -------------------------------------------------------------*/

typedef enum { MAC_LeakCheckNo, MAC_LeakCheckSummary, MAC_LeakCheckFull } MacLeakCheckMode;

/* Leak kinds, as bits of the --show-leak-kinds / --errors-for-leak-kinds
   sets. */
typedef enum {
    MAC_Reachable = 0,  /* still reachable: a pointer to its start */
    MAC_Possible = 1,   /* possibly lost: only pointers into its middle */
    MAC_Indirect = 2,   /* indirectly lost: reachable only from lost blocks */
    MAC_Unreached = 3   /* definitely lost: no pointer at all */
} MacLeakKind;
#define MAC_LEAK_BIT(k) (1u << (k))

extern MacLeakCheckMode MAC_(clo_leak_check);     /* [summary] */
extern UInt MAC_(clo_show_leak_kinds);            /* [definite,possible] */
extern UInt MAC_(clo_errors_for_leak_kinds);      /* [definite,possible] */
extern Bool MAC_(clo_partial_loads_ok);           /* [yes] */
extern Bool MAC_(clo_show_mismatched_frees);      /* [yes] */
extern VgRes MAC_(clo_leak_resolution);           /* loss records' stacks [high] */

/* The description a VALGRIND_CREATE_BLOCK gave to the block holding a
   (*start, *len: the block), or NULL. */
const HChar *MAC_(client_block_describe)(Addr a, Addr *start, SizeT *len);

/*--- The A bits (ac_shadow.c) ----------------------------------------------------------*/

/* Sets up the shadow for the ratio in force (1/8: a bit per byte; 1:
   byte_per_byte).  Shadow memory reads 0 = not addressable until set. */
void AC_(shadow_init)(Bool byte_per_byte);
Bool AC_(shadow_byte_per_byte)(void); /* --shadow-ratio=1 */

void AC_(make_accessible)(Addr a, SizeT len);
void AC_(make_noaccess)(Addr a, SizeT len);
/* [a, a+len) was found addressable although its shadow bits did not say
   so (a lazily addressable range): copy the bits in around it. */
void AC_(materialize)(Addr a, SizeT len);
/* Moves the A bits of [from, from+len) to [to, to+len) (mremap). */
void AC_(copy_accessibility)(Addr from, Addr to, SizeT len);

/* Is every byte of [a, a+len) addressable?  If not, *first_bad (may be
   NULL) is the first byte that is not. */
Bool AC_(is_accessible)(Addr a, SizeT len, Addr *first_bad);
static inline Bool AC_(is_accessible_byte)(Addr a)
{
    return AC_(is_accessible)(a, 1, NULL);
}

/*--- Errors (mac_errors.c) -----------------------------------------------------------------*/

/* Error kinds, as the error manager and suppressions know them
   ("Addr8", "Free", "Param", ...: MAC_(error_name)). */
typedef enum {
    MAC_AddrErr = 1,     /* Invalid read/write of size N */
    MAC_JumpErr,         /* Jump to the invalid address stated on the next line */
    MAC_FreeErr,         /* Invalid free() / delete / delete[] / realloc() */
    MAC_FreeMismatchErr, /* Mismatched free() / delete / delete [] */
    MAC_ParamErr,        /* Syscall param X points to unaddressable byte(s) */
    MAC_OverlapErr,      /* Source and destination overlap in memcpy(...) */
    MAC_UserErr,         /* Unaddressable byte(s) found during client check request */
    MAC_IllegalMempoolErr, /* Illegal memory pool address */
    MAC_LeakErr,         /* a loss record (by VG_(unique_error)) */
    MAC_FishyValueErr    /* Argument 'size' of function malloc has a fishy ... value */
} MacErrorKind;

/* Registers the error entry points (the skin_errors need). */
void MAC_(register_error_handlers)(void);

/* A load (is_write False) or store of size bytes at a failed the check. */
void MAC_(record_address_error)(ThreadId tid, Addr a, SizeT size, Bool is_write);
/* The client jumped to a, which is not addressable (reported before the
   core's SIGSEGV). */
void MAC_(record_jump_error)(ThreadId tid, Addr a);
/* The core was about to read or write [a, ...) for a system call or
   another core part (what: "write(buf)"); a is the first bad byte. */
void MAC_(record_param_error)(ThreadId tid, Addr a, const HChar *what, Bool is_write);
/* A bad free/delete/delete[]/realloc (free_kind: VgHeapKind) of a. */
void MAC_(record_free_error)(ThreadId tid, Addr a, UInt free_kind);
/* The block at a, allocated as alloc_kind, freed as free_kind. */
void MAC_(record_freemismatch_error)(ThreadId tid, Addr a, UInt alloc_kind, UInt free_kind);
/* fn (e.g. "memcpy") copied between overlapping src and dst. */
void MAC_(record_overlap_error)(ThreadId tid, const HChar *fn, Addr dst, Addr src, SizeT len,
                                Bool has_len);
/* A CHECK_MEM_IS_ADDRESSABLE request found a not addressable. */
void MAC_(record_user_error)(ThreadId tid, Addr a);
/* A mempool request named pool, which is no pool. */
void MAC_(record_illegal_mempool_error)(ThreadId tid, Addr pool);
/* fn (malloc, calloc, ...) got a negative value for its argument arg;
   True (it is reported).  The skin's SK_(heap_fishy_arg). */
Bool MAC_(record_fishy_value)(ThreadId tid, const HChar *fn, const HChar *arg, SizeT value);

/* One loss record of a leak check (the extra of a MAC_LeakErr), printed
   as Memcheck does: "16 (8 direct, 8 indirect) bytes in 1 blocks are
   definitely lost in loss record 2 of 3" (the "(N direct, M indirect)"
   part only when indirect_bytes > 0), then the allocation stack; in XML a
   Leak_* <kind> and an <xwhat> with <leakedbytes> (bytes +
   indirect_bytes) and <leakedblocks>.  Leak suppressions match on KIND
   (their optional "match-leak-kinds:" line). */
typedef struct {
    MacLeakKind kind;
    UInt loss_record;        /* this record's number, from 1 */
    UInt n_loss_records;     /* the records of this leak check */
    ULong bytes, blocks;     /* of the record's own blocks */
    ULong indirect_bytes;    /* lost only through them (definite and possible records) */
    /* Incremental checks (DO_ADDED/CHANGED_LEAK_CHECK): show_delta adds
       Memcheck's " (+N)" / " (-N)" after each number, against these. */
    Bool show_delta;
    ULong old_bytes, old_indirect_bytes, old_blocks;
} MacLeakExtra;

/* Reports loss record LR (copied), whose blocks were allocated at WHERE,
   through VG_(unique_error): printed if PRINT (unless suppressed), counted
   as an error if COUNT.  Returns True if a suppression matched it. */
Bool MAC_(report_leak)(ThreadId tid, const MacLeakExtra *lr, ExeContext *where, Bool print,
                       Bool count);

/*--- The leak checker (mac_leakcheck.c) -----------------------------------------------------*/

/* Scans the roots and the heap and reports as --leak-check says (mode);
   the client request DO_LEAK_CHECK passes its own mode.  Fills the last
   counts for COUNT_LEAKS / COUNT_LEAK_BLOCKS.  With MAC_LeakCheckNo it
   only prints Memcheck's hint "For a detailed leak analysis, rerun with:
   --leak-check=full" (at exit, call it whatever --leak-check says). */
typedef struct {
    ULong bytes[4], blocks[4]; /* by MacLeakKind */
    ULong suppressed_bytes, suppressed_blocks;
} MacLeakCounts;
void MAC_(detect_memory_leaks)(ThreadId tid, MacLeakCheckMode mode);
const MacLeakCounts *MAC_(last_leak_counts)(void);

/* Which loss records a check shows (DO_LEAK_CHECK's second argument):
   all of them, only those that grew since the previous check, those that
   changed (also those that went down, to zero too), or those that are
   new.  Except in the first, the numbers carry Memcheck's " (+N)" /
   " (-N)". */
typedef enum {
    MAC_LeakDeltaAny = 0,       /* VALGRIND_DO_LEAK_CHECK */
    MAC_LeakDeltaIncreased = 1, /* VALGRIND_DO_ADDED_LEAK_CHECK */
    MAC_LeakDeltaChanged = 2,   /* VALGRIND_DO_CHANGED_LEAK_CHECK */
    MAC_LeakDeltaNew = 3        /* VALGRIND_DO_NEW_LEAK_CHECK */
} MacLeakDelta;
/* MAC_(detect_memory_leaks) with a delta mode (MAC_LeakDeltaAny: the
   same). */
void MAC_(detect_memory_leaks_delta)(ThreadId tid, MacLeakCheckMode mode, MacLeakDelta delta);

/* Prints the HEAP SUMMARY block (at exit, before the leak check). */
void MAC_(print_heap_summary)(void);

/* Parses a --show-leak-kinds / --errors-for-leak-kinds value
   ("definite,possible", "all", "none"); False if malformed. */
Bool MAC_(parse_leak_kinds)(const HChar *value, UInt *set);

/* --leak-check-heuristics: interior pointers that count as pointers to
   a block's start (Memcheck's four), as bits of a set. */
typedef enum {
    MAC_HeurNone = 0,
    MAC_HeurStdString = 1,           /* libstdc++'s old std::string: 3 words, then the chars */
    MAC_HeurLength64 = 2,            /* 8 bytes holding the size of the rest, then the data */
    MAC_HeurNewArray = 3,            /* new[]'s element count, then the elements */
    MAC_HeurMultipleInheritance = 4, /* a second vtable pointer in an object */
    MAC_N_HEURISTICS = 5
} MacLeakHeuristic;
#define MAC_HEUR_BIT(h) (1u << (h))
extern UInt MAC_(clo_leak_check_heuristics); /* [all] */
/* Parses a --leak-check-heuristics value ("stdstring,newarray", "all",
   "none"); False if malformed. */
Bool MAC_(parse_leak_heuristics)(const HChar *value, UInt *set);

#endif /* AC_INCLUDE_H */
