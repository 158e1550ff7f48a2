/*--------------------------------------------------------------------*/
/*--- Execution contexts (stack traces stored once), as skins see  ---*/
/*--- them.                                   pub_tool_execontext.h ---*/
/*--------------------------------------------------------------------*/

/* Types only: the services (VG_(record_ExeContext), VG_(pp_ExeContext),
   VG_(eq_ExeContext), ...) are declared in the generated vg_skin.h. */

#ifndef PUB_TOOL_EXECONTEXT_H
#define PUB_TOOL_EXECONTEXT_H

#include "pub_tool_basics.h"

/* A guest stack trace (the innermost instruction address first), stored
   once by the core: recording the same stack twice gives the same
   pointer, so two ExeContexts are the same stack exactly when the pointers
   are equal.  ExeContexts live until the end of the run; skins keep
   pointers to them freely (Memcheck keeps one per heap block). */
typedef struct ExeContext ExeContext;

/* The most frames a stack trace may have (--num-callers is at most this). */
#define VG_MAX_CALLERS 500

#endif /* PUB_TOOL_EXECONTEXT_H */
