/*--------------------------------------------------------------------*/
/*--- The block handed to SK_(instrument).          pub_core_ucode.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_UCODE_H
#define PUB_CORE_UCODE_H

#include "pub_core_basics.h"
#include "pub_tool_ucode.h"

/* The core's side of a UCodeBlock: the decoded guest instructions of one
   block (capstone's, opaque to skins). */
struct UCodeBlock {
    Addr guest_addr;
    UInt n_insns;
    const void *const *insns;
};

void VG_(ucode_init_block)(UCodeBlock *cb, Addr guest, const void *const *insns, UInt n);

/* Prints the instrumentation of the last block translated (debug dump). */
void VG_(ucode_dump_last)(void);

#endif /* PUB_CORE_UCODE_H */
