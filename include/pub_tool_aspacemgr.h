/*--------------------------------------------------------------------*/
/*--- The client's memory map, as skins see it.  pub_tool_aspacemgr.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_TOOL_ASPACEMGR_H
#define PUB_TOOL_ASPACEMGR_H

#include "pub_tool_basics.h"

/* One piece of client memory for VG_(foreach_client_mapping): [start,
   start+len) with protections PROT (PROT_READ...); IS_HEAP: it is the
   client heap's own memory (heap blocks, their redzones, freed and unused
   chunks), which a leak checker must not take for roots. */
typedef void (*ClientMappingFn)(Addr start, SizeT len, UInt prot, Bool is_heap, void *opaque);

#endif /* PUB_TOOL_ASPACEMGR_H */
