/*--------------------------------------------------------------------*/
/*--- A bounds-checked reader of DWARF bytes.        priv_cursor.h ---*/
/*--------------------------------------------------------------------*/

/* The CFI reader (cfi.c) and the line-program reader (readdwarf.c) walk
   untrusted bytes with this cursor: a read past the end returns 0 and
   sets bad, which the caller checks once after a group of reads. */

#ifndef PRIV_CURSOR_H
#define PRIV_CURSOR_H

#include "pub_core_basics.h"

#include <string.h>

typedef struct {
    const UChar *p, *end;
    Bool bad;
} Cur;

static inline UChar get_u8(Cur *c)
{
    if (c->p >= c->end) {
        c->bad = True;
        return 0;
    }
    return *c->p++;
}

/* N (at most 8) little-endian bytes. */
static inline ULong get_bytes(Cur *c, UInt n)
{
    if ((SizeT)(c->end - c->p) < n) {
        c->bad = True;
        c->p = c->end;
        return 0;
    }
    ULong v = 0;
    memcpy(&v, c->p, n);
    c->p += n;
    return v;
}

static inline ULong get_uleb(Cur *c)
{
    ULong v = 0;
    UInt shift = 0;
    for (;;) {
        UChar b = get_u8(c);
        if (c->bad)
            return 0;
        if (shift < 64)
            v |= (ULong)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            return v;
    }
}

static inline Long get_sleb(Cur *c)
{
    ULong v = 0;
    UInt shift = 0;
    UChar b;
    do {
        b = get_u8(c);
        if (c->bad)
            return 0;
        if (shift < 64)
            v |= (ULong)(b & 0x7f) << shift;
        shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40))
        v |= ~(ULong)0 << shift;
    return (Long)v;
}

/* A NUL-terminated string at the cursor, or NULL (and bad) if the bytes
   end first. */
static inline const HChar *get_string(Cur *c)
{
    const UChar *nul = memchr(c->p, 0, (SizeT)(c->end - c->p));
    if (nul == NULL) {
        c->bad = True;
        return NULL;
    }
    const HChar *s = (const HChar *)c->p;
    c->p = nul + 1;
    return s;
}

#endif
