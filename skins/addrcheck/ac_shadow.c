/*--------------------------------------------------------------------*/
/*--- Addrcheck: the A bits.                             ac_shadow.c ---*/
/*--------------------------------------------------------------------*/

/* One A bit per client byte (ratio 1/8): bit (a & 7) of the shadow byte
   VG_(shadow_base)() + (a >> 3); or, with --shadow-ratio=1, one shadow
   byte per client byte, 0xFF or 0.  A set bit (0xFF byte) means
   addressable: the shadow region reads as zeros until written, so memory
   Addrcheck has not heard of is unaddressable without any setting up, and
   shadow that goes back to all zeros is given back to the kernel.

   The client region's end is a power of two (docs/internals.md), and the
   shadow of an address is taken modulo it: every address has a shadow
   byte.  Addresses above the client region are never addressable.

   Large ranges made addressable (a 1 GiB mmap the program may touch
   only a little of, a big malloc) are not written into the shadow: they
   are kept as intervals ("lazily addressable"), and a byte is addressable
   if its bit is set or it lies in one.  The inline check of such memory
   fails (its bits are 0) and its slow path, finding the byte in an
   interval, copies the interval into the shadow of the surrounding
   chunk, so that the next accesses there are quick.  The shadow costs
   memory in proportion to what the client touches, as its own pages do.

   Everything here may run inside calls from translated code that do not
   save the guest's vector registers (stack events, the checks' slow
   path): the whole file is compiled for general registers only and calls
   no library function that might use others. */

#pragma GCC target("general-regs-only")
#pragma GCC optimize("no-tree-loop-distribute-patterns")

#include "ac_include.h"

#include <sys/mman.h>

static UChar *sh_base;
static Addr client_end;
static Bool byte_mode;

void AC_(shadow_init)(Bool byte_per_byte)
{
    sh_base = (UChar *)VG_(shadow_base)();
    client_end = VG_(client_end)();
    byte_mode = byte_per_byte;
    sk_assert2((client_end & (client_end - 1)) == 0, "client end %#lx is not a power of two",
               (unsigned long)client_end);
}

Bool AC_(shadow_byte_per_byte)(void)
{
    return byte_mode;
}

/*--- Filling shadow bytes ------------------------------------------------------------------*/

/* Sets n shadow bytes at p to v (0 or 0xFF), without the library's
   memset (vector registers).  Whole pages going to 0 go back to the
   kernel instead. */
static void fill(UChar *p, SizeT n, UChar v)
{
    if (v == 0 && n >= 4 * VG_PAGE_SIZE) {
        Addr lo = VG_PGROUNDUP((Addr)p), hi = VG_PGROUNDDN((Addr)p + n);
        fill(p, lo - (Addr)p, 0);
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
        fill((UChar *)hi, (Addr)p + n - hi, 0);
        return;
    }
    while (n > 0 && ((Addr)p & 7) != 0) {
        *p++ = v;
        n--;
    }
    UWord w = v ? ~0UL : 0;
    for (; n >= 8; n -= 8, p += 8)
        *(volatile UWord *)p = w;
    while (n > 0) {
        *p++ = v;
        n--;
    }
}

/*--- Memory above the client region --------------------------------------------------------*/

/* The kernel's mappings the client may read (vdso, vvar) lie above the
   client region, where there is no shadow: a short list.  The inline
   check's shadow of such an address is some client byte's; when that
   says no, the slow path asks here. */
#define MAX_HIGH 8
static struct {
    Addr lo, hi;
} high[MAX_HIGH];
static UInt n_high;

static void set_high(Addr a, SizeT len, Bool acc)
{
    Addr hi = a + len < a ? ~0UL : a + len;
    for (UInt i = 0; i < n_high;) {
        if (high[i].lo < hi && a < high[i].hi) {
            /* Overlaps: keep what lies outside [a, hi), at most two pieces. */
            Addr lo0 = high[i].lo, hi0 = high[i].hi;
            high[i] = high[--n_high];
            if (lo0 < a && n_high < MAX_HIGH)
                high[n_high].lo = lo0, high[n_high++].hi = a;
            if (hi0 > hi && n_high < MAX_HIGH)
                high[n_high].lo = hi, high[n_high++].hi = hi0;
            continue;
        }
        i++;
    }
    if (acc && n_high < MAX_HIGH)
        high[n_high].lo = a, high[n_high++].hi = hi;
}

static Bool high_ok(Addr a)
{
    for (UInt i = 0; i < n_high; i++)
        if (a >= high[i].lo && a < high[i].hi)
            return True;
    return False;
}

/*--- Lazily addressable intervals ---------------------------------------------------------*/

/* Sorted, disjoint [lo, hi).  Fixed size: the code may not allocate.
   When it is full, a new range is written into the shadow instead, and
   an interval that would need splitting is written out. */
#define LAZY_MIN (256 * 1024)
#define MAX_LAZY 4096
static struct {
    Addr lo, hi;
} lazy[MAX_LAZY];
static UInt n_lazy;

/* The index of the first interval ending after a. */
static UInt lazy_index(Addr a)
{
    UInt lo = 0, hi = n_lazy;
    while (lo < hi) {
        UInt mid = (lo + hi) / 2;
        if (lazy[mid].hi <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static Bool lazy_covers(Addr a, Addr end)
{
    UInt i = lazy_index(a);
    return i < n_lazy && lazy[i].lo <= a && end <= lazy[i].hi;
}

static void lazy_insert_at(UInt i, Addr lo, Addr hi)
{
    for (UInt k = n_lazy; k > i; k--)
        lazy[k] = lazy[k - 1];
    lazy[i].lo = lo;
    lazy[i].hi = hi;
    n_lazy++;
}

static void lazy_delete_at(UInt i)
{
    for (UInt k = i; k + 1 < n_lazy; k++)
        lazy[k] = lazy[k + 1];
    n_lazy--;
}

static void set_bits(Addr a, SizeT len, Bool acc);

/* Adds [a, end) (merging with neighbours); False if there is no room. */
static Bool lazy_add(Addr a, Addr end)
{
    UInt i = lazy_index(a);
    if (i > 0 && lazy[i - 1].hi == a)
        i--; /* touches the previous one */
    /* Merge every interval overlapping or touching [a, end). */
    while (i < n_lazy && lazy[i].lo <= end) {
        if (lazy[i].lo < a)
            a = lazy[i].lo;
        if (lazy[i].hi > end)
            end = lazy[i].hi;
        lazy_delete_at(i);
    }
    if (n_lazy == MAX_LAZY)
        return False;
    lazy_insert_at(i, a, end);
    return True;
}

/* Takes [a, end) out of the intervals. */
static void lazy_remove(Addr a, Addr end)
{
    for (UInt i = lazy_index(a); i < n_lazy && lazy[i].lo < end;) {
        Addr lo = lazy[i].lo, hi = lazy[i].hi;
        if (lo < a && hi > end) {
            /* Split in two, or write the left part out if there is no room. */
            if (n_lazy < MAX_LAZY) {
                lazy[i].hi = a;
                lazy_insert_at(i + 1, end, hi);
            } else {
                lazy[i].lo = end;
                set_bits(lo, a - lo, True);
            }
            return;
        }
        if (lo < a) {
            lazy[i].hi = a;
            i++;
        } else if (hi > end) {
            lazy[i].lo = end;
            return;
        } else {
            lazy_delete_at(i);
        }
    }
}

/* [a, a+len) clipped to the client region; False if nothing is left. */
static Bool clip(Addr *a, SizeT *len)
{
    if (*len == 0 || *a >= client_end)
        return False;
    if (*len > client_end - *a)
        *len = client_end - *a;
    return True;
}

static void set_range(Addr a, SizeT len, Bool acc)
{
    if (len > 0 && a + len > client_end)
        set_high(a > client_end ? a : client_end, a + len - (a > client_end ? a : client_end),
                 acc);
    if (!clip(&a, &len))
        return;
    if (!acc) {
        if (n_lazy > 0)
            lazy_remove(a, a + len);
    } else if (len >= LAZY_MIN && lazy_add(a, a + len)) {
        return;
    }
    set_bits(a, len, acc);
}

/* Writes the bits of [a, a+len) (in the client region). */
static void set_bits(Addr a, SizeT len, Bool acc)
{
    if (byte_mode) {
        fill(sh_base + a, len, acc ? 0xFF : 0);
        return;
    }
    Addr end = a + len;
    /* Leading bits up to a granule boundary, whole granules, trailing bits. */
    while (a < end && (a & 7) != 0) {
        UChar bit = (UChar)(1u << (a & 7));
        sh_base[a >> 3] = acc ? (sh_base[a >> 3] | bit) : (sh_base[a >> 3] & ~bit);
        a++;
    }
    Addr whole_end = end & ~7UL;
    if (whole_end > a) {
        fill(sh_base + (a >> 3), (whole_end - a) >> 3, acc ? 0xFF : 0);
        a = whole_end;
    }
    while (a < end) {
        UChar bit = (UChar)(1u << (a & 7));
        sh_base[a >> 3] = acc ? (sh_base[a >> 3] | bit) : (sh_base[a >> 3] & ~bit);
        a++;
    }
}

void AC_(make_accessible)(Addr a, SizeT len)
{
    set_range(a, len, True);
}

void AC_(make_noaccess)(Addr a, SizeT len)
{
    set_range(a, len, False);
}

/*--- Reading them --------------------------------------------------------------------------------*/

static Bool byte_ok(Addr a)
{
    if (a >= client_end)
        return high_ok(a);
    if (byte_mode ? sh_base[a] != 0 : (sh_base[a >> 3] >> (a & 7)) & 1)
        return True;
    return n_lazy > 0 && lazy_covers(a, a + 1);
}

/* Copies the intervals overlapping the shadow page of a into the shadow,
   so that inline checks there pass. */
static void materialize(Addr a)
{
    if (a >= client_end || n_lazy == 0)
        return;
    SizeT chunk = byte_mode ? VG_PAGE_SIZE : 8 * VG_PAGE_SIZE;
    Addr lo = a & ~(chunk - 1), hi = lo + chunk;
    for (UInt i = lazy_index(lo); i < n_lazy && lazy[i].lo < hi; i++) {
        Addr l = lazy[i].lo > lo ? lazy[i].lo : lo, h = lazy[i].hi < hi ? lazy[i].hi : hi;
        set_bits(l, h - l, True);
    }
}

void AC_(materialize)(Addr a, SizeT len)
{
    /* The inline check reads up to 16 shadow bytes past a's: cover them. */
    SizeT chunk = byte_mode ? VG_PAGE_SIZE : 8 * VG_PAGE_SIZE;
    Addr end = a + len + (byte_mode ? 16 : 128);
    for (Addr p = a & ~(chunk - 1); p < end && p >= (a & ~(chunk - 1)); p += chunk)
        materialize(p);
}

Bool AC_(is_accessible)(Addr a, SizeT len, Addr *first_bad)
{
    Addr end = a + len;
    if (end < a) {
        if (first_bad)
            *first_bad = a;
        return False;
    }
    while (a < end) {
        /* Whole granules (or 8 shadow bytes) at a time where possible. */
        if ((a & 7) == 0 && end - a >= 8 && a < client_end && client_end - a >= 8) {
            Bool all = byte_mode ? *(const UWord *)(sh_base + a) == ~0UL
                                 : sh_base[a >> 3] == 0xFF;
            if (all) {
                a += 8;
                continue;
            }
        }
        if (n_lazy > 0 && lazy_covers(a, end))
            return True;
        if (!byte_ok(a)) {
            if (first_bad)
                *first_bad = a;
            return False;
        }
        a++;
    }
    return True;
}

/*--- mremap ---------------------------------------------------------------------------------------*/

void AC_(copy_accessibility)(Addr from, Addr to, SizeT len)
{
    if (len == 0)
        return;
    /* Byte by byte, in the direction that is safe when they overlap. */
    if (to <= from) {
        for (SizeT i = 0; i < len; i++)
            set_range(to + i, 1, byte_ok(from + i));
    } else {
        for (SizeT i = len; i-- > 0;)
            set_range(to + i, 1, byte_ok(from + i));
    }
}
