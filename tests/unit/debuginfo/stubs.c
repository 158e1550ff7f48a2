/*--------------------------------------------------------------------*/
/*--- The core pieces the debug-info unit test links against.      ---*/
/*---                                                       stubs.c ---*/
/*--------------------------------------------------------------------*/

/* The harness process plays the client: its own mappings (from
   /proc/self/maps) are the "client segments", its own stack the stack
   being unwound.  Messages go to stdout. */

#include "pub_core_basics.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_clientreq.h"
#include "pub_core_options.h"
#include "pub_core_threadstate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "clo_defaults.h"

Int VG_(clo_num_callers) = 12;

void VG_(core_assert_fail)(const HChar *expr, const HChar *file, Int line, const HChar *fn,
                           const HChar *fmt, ...)
{
    fprintf(stderr, "assertion '%s' failed at %s:%d (%s)\n", expr, file, line, fn);
    abort();
}

void VG_(core_panic)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    abort();
}

Int VG_(umsg)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int n = vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    return n;
}

/*--- The address space: this process's mappings ----------------------------------*/

static NSegment maps[1024];
static UInt n_maps;

void stub_read_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    HChar line[4096];
    n_maps = 0;
    while (f != NULL && fgets(line, sizeof line, f) && n_maps < 1024) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
            continue;
        NSegment *s = &maps[n_maps++];
        memset(s, 0, sizeof *s);
        s->start = lo;
        s->end = hi;
        s->kind = SkAnonC;
        s->prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
                  (perms[2] == 'x' ? PROT_EXEC : 0);
    }
    if (f != NULL)
        fclose(f);
}

const NSegment *VG_(am_find_segment)(Addr a)
{
    for (UInt i = 0; i < n_maps; i++)
        if (a >= maps[i].start && a < maps[i].end)
            return &maps[i];
    return NULL;
}

Bool VG_(am_is_valid_for_client)(Addr a, SizeT len, UInt prot)
{
    while (len > 0) {
        const NSegment *s = VG_(am_find_segment)(a);
        if (s == NULL || (s->prot & prot) != prot)
            return False;
        SizeT room = s->end - a;
        if (room >= len)
            return True;
        a += room;
        len -= room;
    }
    return True;
}

ThreadState *VG_(threadstate_of)(ThreadId tid)
{
    return NULL;
}

Bool VG_(client_stack_of)(Addr sp, Addr *lo, Addr *hi)
{
    return False;
}
