/*--------------------------------------------------------------------*/
/*--- Sanity checks of the core's state.                 m_sanity.c ---*/
/*--------------------------------------------------------------------*/

#include "pub_core_basics.h"
#include "pub_core_sanity.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_scheduler.h"
#include "pub_core_threadstate.h"
#include "pub_core_tooliface.h"

void VG_(sanity_check)(Int level)
{
    ThreadState *ts = VG_(get_threadstate)();
    vg_assert(ts != NULL && ts->self == (UWord)ts);
    vg_assert(ts == VG_(threadstate_of)(VG_(get_running_tid)()));
    VG_(am_sanity_check)();
    if (VG_(needs).sanity_checks && VG_(skin).cheap_sanity_check)
        vg_assert2(VG_(skin).cheap_sanity_check(), "the skin's cheap sanity check failed");
    if (level < 2)
        return;
    VG_(transtab_sanity_check)(level >= 3);
    if (level >= 3 && VG_(needs).sanity_checks && VG_(skin).expensive_sanity_check)
        vg_assert2(VG_(skin).expensive_sanity_check(),
                   "the skin's expensive sanity check failed");
}
