/*--------------------------------------------------------------------*/
/*--- Stack traces of guest threads.                  m_stacktrace.c ---*/
/*--------------------------------------------------------------------*/

/* Walks the guest's frame-pointer chain.  CFI-based unwinding and symbol
   names come with the debug-info services. */

#include "pub_core_basics.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_clientreq.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_tooliface.h"

#include <sys/mman.h>

void VG_(print_client_backtrace)(ThreadState *ts)
{
    Addr ip = ts->rip, fp = ts->gpr[R_RBP];
    VG_(umsg)("   at %#lx: ???", (unsigned long)ip);
    for (Int i = 1; i < VG_(clo_num_callers); i++) {
        if (fp == 0 || !VG_(am_is_valid_for_client)(fp, 16, PROT_READ))
            break;
        Addr next = ((const Addr *)fp)[0];
        Addr ret = ((const Addr *)fp)[1];
        if (ret == 0)
            break;
        VG_(umsg)("   by %#lx: ???", (unsigned long)ret);
        if (next <= fp)
            break;
        fp = next;
    }
}
