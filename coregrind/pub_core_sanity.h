/*--------------------------------------------------------------------*/
/*--- Sanity checks of the core's state.            pub_core_sanity.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_SANITY_H
#define PUB_CORE_SANITY_H

#include "pub_core_basics.h"

/* Checks the core's data structures (and the skin's, if it has the
   sanity_checks need); asserts on the first inconsistency.  level 1 is
   cheap (run at exit), 2 adds the translation table (run every 4096
   dispatcher entries with --sanity-level=2), 3 and up check every chained
   jump and the skin's expensive check. */
void VG_(sanity_check)(Int level);

/* The pieces, owned by their modules. */
void VG_(am_sanity_check)(void);
void VG_(transtab_sanity_check)(Bool expensive);

#endif /* PUB_CORE_SANITY_H */
