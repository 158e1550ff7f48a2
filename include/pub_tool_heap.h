/*--------------------------------------------------------------------*/
/*--- The client's heap, as skins see it.            pub_tool_heap.h ---*/
/*--------------------------------------------------------------------*/

/* The core runs the client's heap (vg_replace_malloc sends malloc, free,
   new, delete... to it) on the real CPU: blocks with redzones around
   them, freed blocks kept in a quarantine for a while, the stack of every
   allocation and free.  A skin with the replace_malloc need hears of each
   block through its :malloc entry points (toolfuncs.def) and asks about
   addresses with VG_(heap_describe). */

#ifndef PUB_TOOL_HEAP_H
#define PUB_TOOL_HEAP_H

#include "pub_tool_basics.h"
#include "pub_tool_execontext.h"
#include "vg_heapkind.h"

/* Why a free was bad (SK_(heap_bad_free)). */
typedef enum {
    VG_BADFREE_NOT_HEAP = 0, /* not the start of any heap block */
    VG_BADFREE_FREED = 1,    /* a block already freed (in the quarantine) */
    VG_BADFREE_NO_POOL = 2   /* a mempool request for an unknown pool */
} VgBadFree;

typedef struct {
    Addr start;               /* the block's first byte (after the redzone) */
    SizeT size;               /* as requested */
    UInt kind;                /* VgHeapKind */
    Bool freed;               /* in the quarantine */
    ExeContext *alloc_where;  /* where it was allocated */
    ExeContext *free_where;   /* where it was freed, or NULL */
    Addr pool;                /* its mempool (VG_HEAP_CUSTOM), or 0 */
} HeapBlockDesc;

typedef void (*HeapBlockFn)(const HeapBlockDesc *b, void *opaque);

#endif /* PUB_TOOL_HEAP_H */
