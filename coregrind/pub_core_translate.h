/*--------------------------------------------------------------------*/
/*--- The translator: guest block -> code cache.  pub_core_translate.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_TRANSLATE_H
#define PUB_CORE_TRANSLATE_H

#include "pub_core_basics.h"
#include "pub_core_transtab.h"

/* Most guest instructions in one block. */
#define VG_MAX_BLOCK_INSNS 64

void VG_(translate_init)(void);

/* -v: count block entries and inline-lookup hits in translated code (a
   few instructions per block), for the statistics printed at exit. */
static inline Bool VG_(stats_enabled)(void)
{
    extern Int VG_(clo_verbosity);
    return VG_(clo_verbosity) >= 2;
}

/* Translates the block at guest, registers it and returns it.  A guest
   address that is not executable client memory still gets a block: one
   whose only exit is XK_NOTEXEC, so the scheduler delivers SIGSEGV. */
TBlock *VG_(translate)(Addr guest);

/* Prints a block's guest code, instrumentation and emitted code. */
void VG_(dump_block)(const TBlock *b);

#endif /* PUB_CORE_TRANSLATE_H */
