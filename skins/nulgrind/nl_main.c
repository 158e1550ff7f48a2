/*--------------------------------------------------------------------*/
/*--- Nulgrind: the skin that adds no instrumentation.  nl_main.c  ---*/
/*--------------------------------------------------------------------*/

/* Runs the client under the core unchanged: what is left is the cost of
   the core itself, which makes Nulgrind the baseline of every benchmark
   and the skin of the core's own tests. */

#include "vg_skin.h"

static UCodeBlock *nl_instrument(UCodeBlock *cb, Addr guest_addr)
{
    return cb;
}

static void nl_fini(Int exitcode)
{
}

static void nl_pre_clo_init(void)
{
    VG_(details_name)("Nulgrind");
    VG_(details_description)("the minimal skin");
    VG_(details_copyright_author)("Copyright (C) 2026, the vgcore authors.");
    SK_(init_instrument)(nl_instrument);
    SK_(init_fini)(nl_fini);
}

VG_DETERMINE_INTERFACE_VERSION(nl_pre_clo_init, 0);
