/*--------------------------------------------------------------------*/
/*--- Heapcount: a test skin that counts the client's heap events. ---*/
/*---                                                    hc_main.c ---*/
/*--------------------------------------------------------------------*/

/* Only for the tests of vg_replace_malloc, the string replacements and
   the core's client heap: it instruments nothing, follows the heap
   (need replace_malloc) and counts what the core tells it: allocations
   by kind, frees, resizes, bad frees by reason, mismatched frees, overlapping
   copies (VG_USERREQ__OVERLAP, from vgpreload's string functions) and
   the mutex events that vgpreload_core.so's wrappers cause.  Bad frees,
   mismatches and overlaps are also printed when they happen; the counts
   are printed at exit.  Its vgpreload_heapcount.so holds the malloc and
   strmem pieces.  Built by tests/Makefile.inc into .in_place/ only;
   never installed. */

#include "vg_skin.h"
#include "vg_preload.h"

/*--- Counts -------------------------------------------------------------------*/

#define HC_N_KINDS 5

static ULong n_allocs[HC_N_KINDS];
static ULong n_zeroed;
static ULong n_frees;
static ULong n_bad_frees[3];
static ULong n_resizes;
static ULong n_mismatches;
static ULong n_overlaps;
static ULong n_mutex_pre_locks, n_mutex_locks, n_mutex_unlocks;

/* How a block is allocated, or freed. */
static const HChar *alloc_name(UInt kind)
{
    static const HChar *const names[HC_N_KINDS] = {"malloc", "new", "new[]", "custom",
                                                   "realloc"};
    return kind < HC_N_KINDS ? names[kind] : "?";
}

static const HChar *free_name(UInt kind)
{
    static const HChar *const names[HC_N_KINDS] = {"free", "delete", "delete[]", "custom",
                                                   "realloc"};
    return kind < HC_N_KINDS ? names[kind] : "?";
}

/*--- The heap -------------------------------------------------------------------*/

static void hc_heap_alloc(ThreadId tid, Addr addr, SizeT size, UInt kind, Bool zeroed)
{
    n_allocs[kind < HC_N_KINDS ? kind : VG_HEAP_CUSTOM]++;
    if (zeroed)
        n_zeroed++;
}

static void hc_heap_free(ThreadId tid, Addr addr, SizeT size)
{
    n_frees++;
}

static void hc_heap_bad_free(ThreadId tid, Addr addr, UInt free_kind, UInt why)
{
    static const HChar *const whys[3] = {"not a heap block", "already freed", "no such pool"};
    why = why < 3 ? why : VG_BADFREE_NOT_HEAP;
    n_bad_frees[why]++;
    VG_(umsg)("bad free by %s: %s\n", free_name(free_kind), whys[why]);
}

static void hc_heap_resize(ThreadId tid, Addr addr, SizeT old_size, SizeT new_size)
{
    n_resizes++;
}

static void hc_heap_mismatch(ThreadId tid, Addr addr, UInt alloc_kind, UInt free_kind)
{
    n_mismatches++;
    VG_(umsg)("mismatch: %s block freed by %s\n", alloc_name(alloc_kind),
              free_name(free_kind));
}

/*--- Mutexes ------------------------------------------------------------------*/

static void hc_pre_mutex_lock(ThreadId tid, void *mutex)
{
    n_mutex_pre_locks++;
}

static void hc_post_mutex_lock(ThreadId tid, void *mutex)
{
    n_mutex_locks++;
}

static void hc_post_mutex_unlock(ThreadId tid, void *mutex)
{
    n_mutex_unlocks++;
}

/*--- Client requests ------------------------------------------------------------*/

static Bool hc_handle_client_request(ThreadId tid, UWord *args, UWord *ret)
{
    if (args[0] != VG_USERREQ__OVERLAP)
        return False;
    /* args: fn_name, dst, src, len, has_len. */
    n_overlaps++;
    if (args[5])
        VG_(umsg)("overlap in %s, length %lu\n", (const HChar *)args[1],
                  (unsigned long)args[4]);
    else
        VG_(umsg)("overlap in %s\n", (const HChar *)args[1]);
    *ret = 0;
    return True;
}

/*--- Start and end --------------------------------------------------------------*/

static UCodeBlock *hc_instrument(UCodeBlock *cb, Addr guest_addr)
{
    return cb;
}

static void hc_fini(Int exitcode)
{
    VG_(umsg)("heapcount: allocs: %llu malloc (%llu zeroed), %llu new, %llu new[], "
              "%llu custom\n", n_allocs[VG_HEAP_MALLOC], n_zeroed, n_allocs[VG_HEAP_NEW],
              n_allocs[VG_HEAP_NEW_ARRAY], n_allocs[VG_HEAP_CUSTOM]);
    VG_(umsg)("heapcount: frees: %llu, resizes: %llu\n", n_frees, n_resizes);
    VG_(umsg)("heapcount: bad frees: %llu not heap, %llu already freed, %llu no pool\n",
              n_bad_frees[VG_BADFREE_NOT_HEAP], n_bad_frees[VG_BADFREE_FREED],
              n_bad_frees[VG_BADFREE_NO_POOL]);
    VG_(umsg)("heapcount: mismatches: %llu\n", n_mismatches);
    VG_(umsg)("heapcount: overlaps: %llu\n", n_overlaps);
    if (n_mutex_pre_locks + n_mutex_locks + n_mutex_unlocks != 0)
        VG_(umsg)("heapcount: mutexes: %llu lock attempts, %llu locks, %llu unlocks\n",
                  n_mutex_pre_locks, n_mutex_locks, n_mutex_unlocks);
}

static void hc_pre_clo_init(void)
{
    VG_(details_name)("Heapcount");
    VG_(details_description)("counts heap events (a test skin)");
    VG_(details_copyright_author)("Copyright (C) 2026, the vgcore authors.");
    SK_(init_instrument)(hc_instrument);
    SK_(init_fini)(hc_fini);

    VG_(needs_replace_malloc)();
    SK_(init_heap_alloc)(hc_heap_alloc);
    SK_(init_heap_free)(hc_heap_free);
    SK_(init_heap_bad_free)(hc_heap_bad_free);
    SK_(init_heap_resize)(hc_heap_resize);
    SK_(init_heap_mismatch)(hc_heap_mismatch);

    VG_(needs_client_requests)();
    SK_(init_handle_client_request)(hc_handle_client_request);

    SK_(init_pre_mutex_lock)(hc_pre_mutex_lock);
    SK_(init_post_mutex_lock)(hc_post_mutex_lock);
    SK_(init_post_mutex_unlock)(hc_post_mutex_unlock);
}

VG_DETERMINE_INTERFACE_VERSION(hc_pre_clo_init, 0);
