/*--------------------------------------------------------------------*/
/*--- Recorders behind the mock VG_TRACK and address-space manager. ---*/
/*---                                                        mock.c ---*/
/*--------------------------------------------------------------------*/

#include "mock.h"
#include "pub_core_aspacemgr.h"

#include <stdio.h>
#include <stdlib.h>

MockEvent mock_events[MOCK_MAX_EVENTS];
UInt mock_n_events;

static void record(EvKind kind, CorePart part, ThreadId tid, const HChar *s, Addr a,
                   SizeT size)
{
    if (mock_n_events == MOCK_MAX_EVENTS) {
        fprintf(stderr, "mock: too many events\n");
        abort();
    }
    MockEvent *e = &mock_events[mock_n_events++];
    e->kind = kind;
    e->part = part;
    e->tid = tid;
    e->s = s;
    e->a = a;
    e->size = size;
}

void mock_events_clear(void) { mock_n_events = 0; }

void mock_pre_mem_read(CorePart part, ThreadId tid, const HChar *s, Addr a, SizeT size)
{
    record(EV_READ, part, tid, s, a, size);
}

void mock_pre_mem_read_asciiz(CorePart part, ThreadId tid, const HChar *s, Addr a)
{
    record(EV_ASCIIZ, part, tid, s, a, 0);
}

void mock_pre_mem_write(CorePart part, ThreadId tid, const HChar *s, Addr a, SizeT size)
{
    record(EV_WRITE, part, tid, s, a, size);
}

void mock_post_mem_write(CorePart part, ThreadId tid, Addr a, SizeT size)
{
    record(EV_POST, part, tid, NULL, a, size);
}

void mock_pre_reg_read(CorePart part, ThreadId tid, const HChar *s, UInt guest_offset,
                       SizeT size)
{
    record(EV_REG, part, tid, s, guest_offset, size);
}

/*--- Valid client memory --------------------------------------------*/

#define MOCK_MAX_RANGES 256
static struct {
    Addr lo, hi;
} ranges[MOCK_MAX_RANGES];
static UInt n_ranges;

void mock_valid_add(const void *a, SizeT len)
{
    if (n_ranges == MOCK_MAX_RANGES)
        abort();
    ranges[n_ranges].lo = (Addr)a;
    ranges[n_ranges].hi = (Addr)a + len;
    n_ranges++;
}

void mock_valid_clear(void) { n_ranges = 0; }

/* Self-modifying-code pages are not the syscall table's business. */
void VG_(am_before_kernel_write)(Addr a, SizeT len)
{
    (void)a;
    (void)len;
}

Bool VG_(am_is_valid_for_client)(Addr a, SizeT len, UInt prot)
{
    (void)prot;
    for (UInt i = 0; i < n_ranges; i++)
        if (a >= ranges[i].lo && a + len <= ranges[i].hi && a + len >= a)
            return True;
    return False;
}
