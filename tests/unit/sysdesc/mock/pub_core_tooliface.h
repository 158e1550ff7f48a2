/*--------------------------------------------------------------------*/
/*--- Test mock of the core's skin interface.  pub_core_tooliface.h ---*/
/*--------------------------------------------------------------------*/

/* Stands in for coregrind/pub_core_tooliface.h when the sysdesc unit
   test compiles m_sysdesc.c: VG_TRACK calls recorders in mock.c instead
   of a skin's functions. */

#ifndef PUB_CORE_TOOLIFACE_H
#define PUB_CORE_TOOLIFACE_H

#include "pub_core_basics.h"
#include "pub_tool_tooliface.h"

void mock_pre_mem_read(CorePart part, ThreadId tid, const HChar *s, Addr a, SizeT size);
void mock_pre_mem_read_asciiz(CorePart part, ThreadId tid, const HChar *s, Addr a);
void mock_pre_mem_write(CorePart part, ThreadId tid, const HChar *s, Addr a, SizeT size);
void mock_post_mem_write(CorePart part, ThreadId tid, Addr a, SizeT size);
void mock_pre_reg_read(CorePart part, ThreadId tid, const HChar *s, UInt guest_offset,
                       SizeT size);

#define VG_TRACK(event, ...) mock_##event(__VA_ARGS__)

#endif /* PUB_CORE_TOOLIFACE_H */
