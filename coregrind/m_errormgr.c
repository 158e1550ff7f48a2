/*--------------------------------------------------------------------*/
/*--- The error manager.                              m_errormgr.c ---*/
/*--------------------------------------------------------------------*/

/* Skins record errors here (needs.skin_errors).  Until the error services
   of toolfuncs.def land, nothing records any, and the count is the
   truthful zero that COUNT_ERRORS returns. */

#include "pub_core_basics.h"
#include "pub_core_clientreq.h"

static UInt n_errors_shown;

UInt VG_(count_errors)(void)
{
    return n_errors_shown;
}
