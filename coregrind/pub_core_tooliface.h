/*--------------------------------------------------------------------*/
/*--- The core's view of the skin interface.  pub_core_tooliface.h ---*/
/*--------------------------------------------------------------------*/

/* The skin's registered entry points, needs, details and tracked events
   live in tables generated from toolfuncs.def (vg_skintable.h, a build
   output).  Core modules include this header, never the generated one
   directly, so there is one place to adapt if the generated names move. */

#ifndef PUB_CORE_TOOLIFACE_H
#define PUB_CORE_TOOLIFACE_H

#include "pub_core_basics.h"
#include "vg_skintable.h"

#endif /* PUB_CORE_TOOLIFACE_H */
