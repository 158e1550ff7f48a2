/*--------------------------------------------------------------------*/
/*--- The client's heap.                   pub_core_replacemalloc.h ---*/
/*--------------------------------------------------------------------*/

/* vg_replace_malloc (in the skin's vgpreload) turns every malloc, free,
   new, delete... of the client into a client request; this module serves
   them with a heap of its own in client memory: blocks with redzones
   (--redzone-size, the skin's choice by default), aligned to
   --alignment, freed blocks held in a quarantine (--freelist-vol bytes)
   before their memory is used again, and for each block its size, kind
   (malloc/new/new[]) and the stacks of its allocation and free.  The
   metadata lives in core memory, out of the client's reach.  The skin
   (need replace_malloc) hears of each block through its :malloc entry
   points and asks about addresses through the pub_tool_heap.h services.

   It also serves Valgrind's MALLOCLIKE_BLOCK, FREELIKE_BLOCK,
   RESIZEINPLACE_BLOCK and mempool requests ("custom" blocks: memory the
   client manages, tracked like heap blocks). */

#ifndef PUB_CORE_REPLACEMALLOC_H
#define PUB_CORE_REPLACEMALLOC_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"
#include "pub_tool_heap.h"

/* Serves args (a client request's six words) if it is a heap, custom
   block, mempool or mutex request: True, with the answer in *ret. */
Bool VG_(heap_client_request)(ThreadState *ts, const UWord *args, UWord *ret);

#endif /* PUB_CORE_REPLACEMALLOC_H */
