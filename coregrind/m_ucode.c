/*--------------------------------------------------------------------*/
/*--- The block handed to SK_(instrument).                m_ucode.c ---*/
/*--------------------------------------------------------------------*/

#include "pub_core_basics.h"
#include "pub_core_ucode.h"
#include "pub_core_libcprint.h"

void VG_(ucode_init_block)(UCodeBlock *cb, Addr guest, const void *const *insns, UInt n)
{
    cb->guest_addr = guest;
    cb->n_insns = n;
    cb->insns = insns;
}

void VG_(ucode_dump_last)(void)
{
    VG_(printf)("  (none)\n");
}
