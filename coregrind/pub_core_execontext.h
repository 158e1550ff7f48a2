/*--------------------------------------------------------------------*/
/*--- Execution contexts: stack traces stored once.                ---*/
/*---                                         pub_core_execontext.h ---*/
/*--------------------------------------------------------------------*/

/* The services skins use (VG_(record_ExeContext), VG_(pp_ExeContext),
   VG_(eq_ExeContext), the accessors) are declared in vg_skin.h; what only
   the core uses is here. */

#ifndef PUB_CORE_EXECONTEXT_H
#define PUB_CORE_EXECONTEXT_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"
#include "pub_tool_execontext.h"

/* Prints the frames IPS[0..N) as a <stack> element to the XML output,
   indented by INDENT spaces: the frames VG_(pp_StackTrace) shows (down to
   main), each inlined call its own <frame>.  Prints nothing without
   --xml=yes. */
void VG_(pp_StackTrace_xml)(const Addr *ips, UInt n, Int indent);

/* How many ExeContexts are stored, and how many lookups found one that
   was already there (for -v statistics). */
void VG_(ExeContext_stats)(ULong *n_stored, ULong *n_lookups, ULong *n_found);

#endif /* PUB_CORE_EXECONTEXT_H */
