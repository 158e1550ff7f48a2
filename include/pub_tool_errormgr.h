/*--------------------------------------------------------------------*/
/*--- Types of the core's error manager, as skins see them.        ---*/
/*---                                            pub_tool_errormgr.h ---*/
/*--------------------------------------------------------------------*/

/* Types only: the functions a skin with the skin_errors need provides
   (SK_(eq_SkinError), SK_(pp_SkinError), ...) and the services it calls
   (VG_(maybe_record_error), VG_(get_error_kind), ...) are declared in the
   generated vg_skin.h. */

#ifndef PUB_TOOL_ERRORMGR_H
#define PUB_TOOL_ERRORMGR_H

#include "pub_tool_basics.h"
#include "pub_tool_execontext.h"

/* An error the skin recorded, owned by the core's error manager.  The
   skin reads it through the error-manager services. */
typedef struct SkinError SkinError;

/* One suppression read from a suppressions file, owned by the core. */
typedef struct Supp Supp;

/* The skin's own numbering of its error kinds and of its suppression
   kinds (often the same numbers).  The core only compares them. */
typedef Int ErrorKind;
typedef Int SuppKind;

/* How closely two errors must match to count as the same error: the
   skin decides what low, medium and high resolution mean for its error
   kinds; for stack traces (VG_(eq_ExeContext)) they mean the top 2, the
   top 4 or all frames. */
typedef enum {
    Vg_LowRes,
    Vg_MedRes,
    Vg_HighRes
} VgRes;

#endif /* PUB_TOOL_ERRORMGR_H */
