/*--------------------------------------------------------------------*/
/*--- Stack events: following the guest's stack pointer.           ---*/
/*---                                        pub_core_stackevents.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_STACKEVENTS_H
#define PUB_CORE_STACKEVENTS_H

#include "pub_core_basics.h"
#include "pub_core_ucode.h"

/* Does the skin track new_mem_stack or die_mem_stack (any variant)? */
Bool VG_(tracks_stack_events)(void);

/* Adds the stack events of cb's instructions that change %rsp (see
   m_stackevents.c): called with late False before SK_(instrument) and
   with late True after it. */
void VG_(add_stack_events)(UCodeBlock *cb, Bool late);

#endif /* PUB_CORE_STACKEVENTS_H */
