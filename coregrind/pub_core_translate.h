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

/* -v -v or --stats=yes: count block entries and inline-lookup hits in
   translated code (a few instructions per block), for the statistics
   printed at exit. */
static inline Bool VG_(stats_enabled)(void)
{
    extern Int VG_(clo_verbosity);
    extern Bool VG_(clo_stats);
    return VG_(clo_verbosity) >= 2 || VG_(clo_stats);
}

/* Translates the block for key (a guest address, or a redirected
   function's entry, or either with VG_NOREDIR_BIT: pub_core_redir.h),
   registers it under key and returns it.  A guest address that is not
   executable client memory still gets a block: one whose only exit is
   XK_NOTEXEC, so the scheduler delivers SIGSEGV. */
TBlock *VG_(translate)(Addr key);

/* Capstone helpers shared with m_ucode: the hardware number of a
   capstone register (R_NONE if not a GPR, R_RIP for rip), the decoder
   handle (a csh), whether an instruction id is a jcc. */
Int VG_(hwreg_of)(UInt capstone_reg);
#include <capstone/capstone.h>
csh VG_(capstone_handle)(void);
Bool VG_(is_jcc)(UInt id);

/* Prints a block's guest code, instrumentation (cb: its UCode, or NULL)
   and emitted code. */
#include "pub_core_ucode.h"
void VG_(dump_block)(const TBlock *b, UCodeBlock *cb);

#endif /* PUB_CORE_TRANSLATE_H */
