/*--------------------------------------------------------------------*/
/*--- Recorded events and client memory of the sysdesc unit test.   ---*/
/*---                                                        mock.h ---*/
/*--------------------------------------------------------------------*/

#ifndef SYSDESC_MOCK_H
#define SYSDESC_MOCK_H

#include "pub_core_tooliface.h"

typedef enum { EV_REG, EV_READ, EV_ASCIIZ, EV_WRITE, EV_POST } EvKind;

typedef struct {
    EvKind kind;
    CorePart part;
    ThreadId tid;
    const HChar *s; /* as passed (NULL for EV_POST) */
    Addr a;         /* address, or the guest offset for EV_REG */
    SizeT size;     /* 0 for EV_ASCIIZ */
} MockEvent;

#define MOCK_MAX_EVENTS 4096

extern MockEvent mock_events[MOCK_MAX_EVENTS];
extern UInt mock_n_events;

/* Forgets the recorded events. */
void mock_events_clear(void);

/* [a, a+len) becomes client memory VG_(am_is_valid_for_client) accepts.
   Nothing else is valid. */
void mock_valid_add(const void *a, SizeT len);
void mock_valid_clear(void);

#endif /* SYSDESC_MOCK_H */
