/*--------------------------------------------------------------------*/
/*--- The core's and skins' heap.                     m_mallocfree.c ---*/
/*--------------------------------------------------------------------*/

/* The core runs on glibc (DESIGN.md decision 4), so its heap is glibc's,
   which the address-space manager keeps out of the client region.  The
   cost-centre names are kept for the interface's sake (and future heap
   profiling of the core); running out of memory is fatal. */

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

#include <stdlib.h>
#include <string.h>

static VG_NORETURN void out_of_memory(const HChar *cc, SizeT n)
{
    VG_(core_panic)("out of memory: %s wanted %lu bytes", cc ? cc : "?", (unsigned long)n);
}

void *VG_(malloc)(const HChar *cc, SizeT n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        out_of_memory(cc, n);
    return p;
}

void *VG_(calloc)(const HChar *cc, SizeT nmemb, SizeT size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (p == NULL)
        out_of_memory(cc, nmemb * size);
    return p;
}

void *VG_(realloc)(const HChar *cc, void *old, SizeT n)
{
    void *p = realloc(old, n ? n : 1);
    if (p == NULL)
        out_of_memory(cc, n);
    return p;
}

void VG_(free)(void *p)
{
    free(p);
}

HChar *VG_(strdup)(const HChar *cc, const HChar *s)
{
    SizeT n = strlen(s) + 1;
    HChar *p = VG_(malloc)(cc, n);
    memcpy(p, s, n);
    return p;
}
