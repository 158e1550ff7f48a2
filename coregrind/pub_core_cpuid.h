/*--------------------------------------------------------------------*/
/*--- The guest's CPUID.                             pub_core_cpuid.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_CPUID_H
#define PUB_CORE_CPUID_H

#include "pub_core_basics.h"

/* What cpuid(leaf, subleaf) returns to the guest: out = eax, ebx, ecx, edx. */
void VG_(guest_cpuid)(UInt leaf, UInt subleaf, UInt out[4]);

#endif /* PUB_CORE_CPUID_H */
