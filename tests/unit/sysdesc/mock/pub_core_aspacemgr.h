/*--------------------------------------------------------------------*/
/*--- Test mock of the address-space manager.  pub_core_aspacemgr.h ---*/
/*--------------------------------------------------------------------*/

/* Only what m_sysdesc.c uses.  mock.c answers from a list of ranges the
   test declared valid (mock_valid_add). */

#ifndef PUB_CORE_ASPACEMGR_H
#define PUB_CORE_ASPACEMGR_H

#include "pub_core_basics.h"

Bool VG_(am_is_valid_for_client)(Addr a, SizeT len, UInt prot);
void VG_(am_before_kernel_write)(Addr a, SizeT len);

#endif /* PUB_CORE_ASPACEMGR_H */
