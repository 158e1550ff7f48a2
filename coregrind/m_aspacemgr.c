/*--------------------------------------------------------------------*/
/*--- The address-space manager.                    m_aspacemgr.c ---*/
/*--------------------------------------------------------------------*/

/* The client region and the shadow region are reserved at start-up with
   PROT_NONE mappings.  The segment list below covers the whole user
   address space; inside the client region every byte is either free
   (still reserved by us), reserved for a purpose, client memory, or core
   memory (the code cache).  Client mappings are made with MAP_FIXED over
   the reservation and unmapped by putting the reservation back, so the
   kernel never places anything of the core's in the client region, and
   the client can never map over the core or the shadow. */

#include "pub_core_basics.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_debuginfo.h"
#include "pub_core_libcprint.h"
#include "pub_core_transtab.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define USER_TOP 0x800000000000UL       /* 2^47 */
#define CLIENT_SPACE_TOP 0x540000000000UL /* client + shadow stay below */
#define CLIENT_LO 0x10000UL
#define GiB (1UL << 30)
#define MiB (1UL << 20)

VgLayout VG_(layout);

/*--- The segment list ------------------------------------------------------*/

static NSegment *segs;
static UInt n_segs, cap_segs;

static Int find_idx(Addr a)
{
    /* The last answer first: the stack unwinder asks about the same
       segment many times in a row.  Segments never overlap, so a hit is
       right however the table changed since. */
    static Int hint = -1;
    if (hint >= 0 && (UInt)hint < n_segs && a >= segs[hint].start && a < segs[hint].end)
        return hint;
    Int lo = 0, hi = (Int)n_segs - 1;
    while (lo <= hi) {
        Int mid = (lo + hi) / 2;
        if (a < segs[mid].start)
            hi = mid - 1;
        else if (a >= segs[mid].end)
            lo = mid + 1;
        else
            return hint = mid;
    }
    return -1;
}

static void insert_at(UInt i, const NSegment *s)
{
    if (n_segs == cap_segs) {
        cap_segs = cap_segs ? cap_segs * 2 : 256;
        segs = realloc(segs, cap_segs * sizeof *segs);
        vg_assert(segs != NULL);
    }
    memmove(&segs[i + 1], &segs[i], (n_segs - i) * sizeof *segs);
    segs[i] = *s;
    n_segs++;
}

static void delete_range(UInt i, UInt n)
{
    memmove(&segs[i], &segs[i + n], (n_segs - i - n) * sizeof *segs);
    n_segs -= n;
}

/* Makes a a segment boundary. */
static void split_at(Addr a)
{
    Int i = find_idx(a);
    if (i < 0 || segs[i].start == a)
        return;
    NSegment tail = segs[i];
    tail.start = a;
    if (tail.kind == SkFileC)
        tail.offset += a - segs[i].start;
    segs[i].end = a;
    insert_at((UInt)i + 1, &tail);
}

static Bool mergeable(const NSegment *a, const NSegment *b)
{
    if (a->kind != b->kind || a->end != b->start)
        return False;
    switch (a->kind) {
    case SkFree:
    case SkNone:
    case SkShadow:
        return True;
    case SkAnonC:
        return a->prot == b->prot && a->shared == b->shared && a->has_code == b->has_code &&
               a->name == b->name;
    case SkFileC:
        return a->prot == b->prot && a->shared == b->shared && a->has_code == b->has_code &&
               a->dev == b->dev && a->ino == b->ino && a->name == b->name &&
               b->offset == a->offset + (OffT)(a->end - a->start);
    default:
        return False;
    }
}

static void merge_around(UInt i)
{
    if (i + 1 < n_segs && mergeable(&segs[i], &segs[i + 1])) {
        segs[i].end = segs[i + 1].end;
        delete_range(i + 1, 1);
    }
    if (i > 0 && mergeable(&segs[i - 1], &segs[i])) {
        segs[i - 1].end = segs[i].end;
        delete_range(i, 1);
    }
}

/* Merges every mergeable pair of neighbours around [a, end). */
static void merge_range(Addr a, Addr end)
{
    Int i = find_idx(a);
    if (i < 0)
        return;
    if (i > 0)
        i--;
    while ((UInt)i + 1 < n_segs && segs[i].start <= end) {
        if (mergeable(&segs[i], &segs[i + 1])) {
            segs[i].end = segs[i + 1].end;
            delete_range((UInt)i + 1, 1);
        } else {
            i++;
        }
    }
}

/* Records [s->start, s->end) as *s, replacing whatever was there. */
static void set_range(const NSegment *s)
{
    vg_assert(s->start < s->end);
    vg_assert(VG_IS_ALIGNED(s->start, VG_PAGE_SIZE) && VG_IS_ALIGNED(s->end, VG_PAGE_SIZE));
    split_at(s->start);
    split_at(s->end);
    Int i = find_idx(s->start);
    vg_assert(i >= 0);
    UInt n = 0;
    while ((UInt)i + n < n_segs && segs[(UInt)i + n].end <= s->end)
        n++;
    vg_assert(n >= 1);
    delete_range((UInt)i, n);
    insert_at((UInt)i, s);
    merge_around((UInt)i);
}

static NSegment mkseg(Addr start, Addr end, SegKind kind, UInt prot)
{
    NSegment s;
    memset(&s, 0, sizeof s);
    s.start = start;
    s.end = end;
    s.kind = kind;
    s.prot = prot;
    return s;
}

const NSegment *VG_(am_find_segment)(Addr a)
{
    Int i = find_idx(a);
    return i < 0 ? NULL : &segs[i];
}

/*--- Interned file names ----------------------------------------------------*/

static const HChar *intern_name(const HChar *name)
{
    static HChar **names;
    static UInt n_names, cap_names;
    for (UInt i = 0; i < n_names; i++)
        if (strcmp(names[i], name) == 0)
            return names[i];
    if (n_names == cap_names) {
        cap_names = cap_names ? 2 * cap_names : 64;
        names = realloc(names, cap_names * sizeof *names);
        vg_assert(names != NULL);
    }
    names[n_names] = strdup(name);
    vg_assert(names[n_names] != NULL);
    return names[n_names++];
}

static void describe_fd(NSegment *s, Int fd)
{
    struct stat st;
    if (fstat(fd, &st) == 0) {
        s->dev = st.st_dev;
        s->ino = st.st_ino;
    }
    HChar link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n > 0) {
        path[n] = 0;
        s->name = intern_name(path);
    }
}

/*--- Raw mapping helpers -----------------------------------------------------*/

static Word raw_mmap(Addr a, SizeT len, UInt prot, UInt flags, Int fd, OffT off)
{
    return VG_(do_syscall6)(SYS_mmap, a, len, prot, flags, (UWord)(Word)fd, off);
}

/* Puts our PROT_NONE reservation back over [a, a+len). */
static void reserve(Addr a, SizeT len)
{
    Word r = raw_mmap(a, len, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    vg_assert2(r == (Word)a, "cannot re-reserve %#lx-%#lx: %ld", a, a + len, (long)r);
}

/*--- Start-up --------------------------------------------------------------*/

static void add_kernel_mappings(void)
{
    /* The vdso and vvar pages the kernel gave the core are shared with the
       client: it may read them and run the vdso's code. */
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL)
        return;
    HChar line[512];
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
            continue;
        Bool is_vdso = strstr(line, "[vdso]") != NULL;
        Bool is_vvar = strstr(line, "[vvar]") != NULL || strstr(line, "[vvar_vclock]");
        if (lo < VG_(layout).shadow_end && hi > CLIENT_LO) {
            /* Something of the core's sits where the client should be. */
            VG_(fatal)(1, "the core's mapping %s overlaps the client region",
                       strtok(line, "\n"));
        }
        if (!is_vdso && !is_vvar)
            continue;
        NSegment s = mkseg(lo, hi, SkKernel, 0);
        s.prot = (perms[0] == 'r' ? PROT_READ : 0) | (perms[2] == 'x' ? PROT_EXEC : 0);
        s.name = intern_name(is_vdso ? "[vdso]" : "[vvar]");
        set_range(&s);
    }
    fclose(f);
}

static Addr align_dn(Addr a, Addr n)
{
    return a & ~(n - 1);
}

void VG_(am_startup)(Double ratio, SizeT cache_bytes, SizeT stack_bytes)
{
    VgLayout *L = &VG_(layout);
    vg_assert(ratio >= 0.0 && ratio <= 16.0);
    L->ratio = ratio;
    L->client_lo = CLIENT_LO;
    L->client_end = align_dn((Addr)((Double)CLIENT_SPACE_TOP / (1.0 + ratio)), 4 * GiB);
    if (ratio > 0.0) {
        /* A power of two, so that the shadow of any address, taken modulo
           client_end, is in the shadow region: a skin can compute it
           without a bounds check (pext extracts and scales in one go). */
        Addr p2 = 1;
        while (p2 * 2 <= L->client_end)
            p2 *= 2;
        L->client_end = p2;
    }
    L->shadow_base = L->client_end;
    L->shadow_end = L->shadow_base + VG_PGROUNDUP((Addr)((Double)L->client_end * ratio));

    /* From the top: main stack, a guard, the PIE executable and its brk
       reservation, the code cache, then the mmap area growing down. */
    stack_bytes = VG_PGROUNDUP(stack_bytes);
    L->stack_hi = L->client_end - 64 * 1024;
    L->stack_lo = L->stack_hi - stack_bytes;
    L->brk_limit = align_dn(L->stack_lo - 16 * MiB, 2 * MiB);
    L->exe_base = align_dn(L->client_end - 16 * GiB, 2 * MiB);
    L->cache_hi = L->exe_base;
    L->cache_lo = L->cache_hi - GiB;
    L->mmap_top = L->cache_lo;
    vg_assert(cache_bytes <= GiB);

    segs = NULL;
    n_segs = cap_segs = 0;
    NSegment all = mkseg(0, USER_TOP, SkNone, 0);
    insert_at(0, &all);
    /* Before reserving anything: nothing of ours may be there already. */
    add_kernel_mappings();

    Word r = raw_mmap(L->client_lo, L->client_end - L->client_lo, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1,
                      0);
    if (r != (Word)L->client_lo)
        VG_(fatal)(1, "cannot reserve the client address space at %#lx-%#lx (error %ld)",
                   L->client_lo, L->client_end, (long)-r);
    NSegment c = mkseg(L->client_lo, L->client_end, SkFree, 0);
    set_range(&c);

    if (L->shadow_end > L->shadow_base) {
        r = raw_mmap(L->shadow_base, L->shadow_end - L->shadow_base, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1,
                     0);
        if (r != (Word)L->shadow_base)
            VG_(fatal)(1, "cannot reserve %lu GiB of shadow memory (error %ld)",
                       (L->shadow_end - L->shadow_base) / GiB, (long)-r);
        NSegment s = mkseg(L->shadow_base, L->shadow_end, SkShadow, PROT_READ | PROT_WRITE);
        set_range(&s);
    }

    /* The code cache: readable, writable and executable core memory. */
    cache_bytes = VG_PGROUNDUP(cache_bytes);
    r = raw_mmap(L->cache_lo, cache_bytes, PROT_READ | PROT_WRITE | PROT_EXEC,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    vg_assert(r == (Word)L->cache_lo);
    NSegment cc = mkseg(L->cache_lo, L->cache_hi, SkCore, 0);
    cc.name = intern_name("[code cache]");
    set_range(&cc);

    /* The exe/brk area and the stack guard are not for general mmaps. */
    NSegment guard = mkseg(L->brk_limit, L->stack_lo, SkResvn, 0);
    guard.name = intern_name("[stack guard]");
    set_range(&guard);

    r = raw_mmap(L->stack_lo, stack_bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    vg_assert(r == (Word)L->stack_lo);
    NSegment st = mkseg(L->stack_lo, L->stack_hi, SkAnonC, PROT_READ | PROT_WRITE);
    st.name = intern_name("[stack]");
    set_range(&st);
}

/*--- Queries ---------------------------------------------------------------*/

static Bool is_client_kind(SegKind k)
{
    return k == SkAnonC || k == SkFileC || k == SkShmC || k == SkKernel;
}

Bool VG_(am_is_valid_for_client)(Addr a, SizeT len, UInt prot)
{
    if (len == 0)
        return True;
    if (a + len < a)
        return False;
    Addr end = a + len;
    while (a < end) {
        Int i = find_idx(a);
        if (i < 0 || !is_client_kind(segs[i].kind))
            return False;
        if ((segs[i].prot & prot) != prot)
            return False;
        a = segs[i].end;
    }
    return True;
}

static Bool range_is_free(Addr a, SizeT len)
{
    if (a < VG_(layout).client_lo || a + len > VG_(layout).mmap_top || a + len < a)
        return False;
    Int i = find_idx(a);
    return i >= 0 && segs[i].kind == SkFree && segs[i].end >= a + len;
}

/* Is [a, a+len) something the client may map over (MAP_FIXED)? */
static Bool range_is_client_mappable(Addr a, SizeT len)
{
    if (a < VG_(layout).client_lo || a + len > VG_(layout).client_end || a + len < a)
        return False;
    Addr end = a + len;
    while (a < end) {
        Int i = find_idx(a);
        if (i < 0)
            return False;
        SegKind k = segs[i].kind;
        if (k != SkFree && k != SkResvn && k != SkAnonC && k != SkFileC && k != SkShmC)
            return False;
        a = segs[i].end;
    }
    return True;
}

static Bool range_all_free(Addr a, SizeT len)
{
    Addr end = a + len;
    while (a < end) {
        Int i = find_idx(a);
        if (i < 0 || (segs[i].kind != SkFree && segs[i].kind != SkResvn))
            return False;
        a = segs[i].end;
    }
    return True;
}

Addr VG_(am_find_client_space)(Addr hint, SizeT len)
{
    len = VG_PGROUNDUP(len);
    if (len == 0)
        return 0;
    if (hint != 0 && VG_IS_ALIGNED(hint, VG_PAGE_SIZE) && range_is_free(hint, len))
        return hint;
    /* Top-down first fit below the mmap top. */
    Int i = find_idx(VG_(layout).mmap_top - 1);
    for (; i >= 0; i--) {
        NSegment *s = &segs[i];
        if (s->end <= VG_(layout).client_lo)
            break;
        if (s->kind != SkFree)
            continue;
        Addr top = s->end < VG_(layout).mmap_top ? s->end : VG_(layout).mmap_top;
        Addr bot = s->start > VG_(layout).client_lo ? s->start : VG_(layout).client_lo;
        if (top > bot && top - bot >= len)
            return top - len;
    }
    return 0;
}

static Addr find_space_below(Addr limit, SizeT len)
{
    for (Int i = 0; i < (Int)n_segs; i++) {
        NSegment *s = &segs[i];
        if (s->start >= limit)
            break;
        if (s->kind != SkFree)
            continue;
        Addr bot = s->start > 0x40000000UL ? s->start : 0x40000000UL;
        Addr top = s->end < limit ? s->end : limit;
        if (top > bot && top - bot >= len)
            return bot;
    }
    return 0;
}

/*--- Changes that invalidate translations -------------------------------------*/

static void forget_protected(Addr a, SizeT len);

static void discard_code_in(Addr a, SizeT len, const HChar *why)
{
    forget_protected(a, len);
    Addr end = a + len;
    for (Addr p = a; p < end;) {
        Int i = find_idx(p);
        if (i < 0)
            break;
        if (segs[i].has_code) {
            VG_(discard_translations)(a, len, why);
            return;
        }
        p = segs[i].end;
    }
}

void VG_(am_note_code)(Addr a)
{
    Int i = find_idx(a);
    if (i >= 0 && !segs[i].has_code) {
        segs[i].has_code = True;
        merge_range(segs[i].start, segs[i].end);
    }
}

/*--- mmap and friends ---------------------------------------------------------*/

static NSegment client_seg(Addr a, SizeT len, UInt prot, UInt flags, Int fd, OffT off)
{
    Bool anon = (flags & MAP_ANONYMOUS) != 0;
    NSegment s = mkseg(a, a + len, anon ? SkAnonC : SkFileC, prot);
    s.shared = (flags & MAP_TYPE) == MAP_SHARED;
    if (!anon) {
        s.offset = off;
        describe_fd(&s, fd);
    }
    return s;
}

SysRes VG_(am_map_client_fixed)(Addr a, SizeT len, UInt prot, UInt flags, Int fd, OffT off)
{
    len = VG_PGROUNDUP(len);
    if (!range_is_client_mappable(a, len))
        return VG_(mk_SysRes_Error)(ENOMEM);
    discard_code_in(a, len, "mmap over code");
    VG_(di_notify_munmap)(a, len);
    Word r = raw_mmap(a, len, prot, (flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED, fd, off);
    if (VG_(is_syscall_error)(r)) {
        /* A failed MAP_FIXED may have unmapped the range: reserve it again,
           and forget whatever the client had there. */
        reserve(a, len);
        NSegment f = mkseg(a, a + len, SkFree, 0);
        set_range(&f);
        return VG_(mk_SysRes)(r);
    }
    vg_assert((Addr)r == a);
    NSegment s = client_seg(a, len, prot, flags, fd, off);
    set_range(&s);
    if (s.kind == SkFileC && s.name != NULL)
        VG_(di_notify_mmap)(a, len, prot, off, s.name);
    return VG_(mk_SysRes_Success)(a);
}

SysRes VG_(am_client_mmap)(Addr addr, SizeT len, UInt prot, UInt flags, Int fd, OffT off)
{
    if (len == 0 || (off & (VG_PAGE_SIZE - 1)) != 0)
        return VG_(mk_SysRes_Error)(EINVAL);
    SizeT plen = VG_PGROUNDUP(len);
    if (plen < len)
        return VG_(mk_SysRes_Error)(ENOMEM);
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (!VG_IS_ALIGNED(addr, VG_PAGE_SIZE))
            return VG_(mk_SysRes_Error)(EINVAL);
        if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) &&
            !range_all_free(addr, plen)) {
            return VG_(mk_SysRes_Error)(
                range_is_client_mappable(addr, plen) ? EEXIST : ENOMEM);
        }
        return VG_(am_map_client_fixed)(addr, plen, prot, flags, fd, off);
    }
    Addr a;
    if (flags & MAP_32BIT)
        a = find_space_below(0x80000000UL, plen);
    else
        a = VG_(am_find_client_space)(VG_PGROUNDDN(addr), plen);
    if (a == 0)
        return VG_(mk_SysRes_Error)(ENOMEM);
    return VG_(am_map_client_fixed)(a, plen, prot, flags & ~MAP_32BIT, fd, off);
}

/* Checks [a, a+len) is within the client region and touches no core or
   shadow memory. */
static Bool client_range_ok(Addr a, SizeT len)
{
    return range_is_client_mappable(a, len);
}

SysRes VG_(am_client_munmap)(Addr a, SizeT len)
{
    if (!VG_IS_ALIGNED(a, VG_PAGE_SIZE) || len == 0)
        return VG_(mk_SysRes_Error)(EINVAL);
    len = VG_PGROUNDUP(len);
    if (!client_range_ok(a, len))
        return VG_(mk_SysRes_Error)(EINVAL);
    discard_code_in(a, len, "munmap");
    VG_(di_notify_munmap)(a, len);
    reserve(a, len);
    NSegment f = mkseg(a, a + len, SkFree, 0);
    /* Unmapping inside a reservation (brk area, stack guard) keeps it. */
    Int i = find_idx(a);
    if (i >= 0 && segs[i].kind == SkResvn && segs[i].end >= a + len)
        return VG_(mk_SysRes_Success)(0);
    set_range(&f);
    return VG_(mk_SysRes_Success)(0);
}

SysRes VG_(am_client_mprotect)(Addr a, SizeT len, UInt prot)
{
    if (!VG_IS_ALIGNED(a, VG_PAGE_SIZE))
        return VG_(mk_SysRes_Error)(EINVAL);
    len = VG_PGROUNDUP(len);
    if (len == 0)
        return VG_(mk_SysRes_Success)(0);
    if (!VG_(am_is_valid_for_client)(a, len, 0))
        return VG_(mk_SysRes_Error)(ENOMEM);
    Word r = VG_(do_syscall3)(SYS_mprotect, a, len, prot & ~PROT_GROWSDOWN & ~PROT_GROWSUP);
    if (VG_(is_syscall_error)(r))
        return VG_(mk_SysRes)(r);
    /* The kernel just replaced our write-protection of any code pages in
       the range: their translations can no longer be trusted. */
    discard_code_in(a, len, "mprotect");
    split_at(a);
    split_at(a + len);
    for (Addr p = a; p < a + len;) {
        Int i = find_idx(p);
        segs[i].prot = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
        p = segs[i].end;
    }
    merge_range(a, a + len);
    if (prot & PROT_EXEC) {
        /* A file mapping made executable only now (read its symbols). */
        for (Addr p = a; p < a + len;) {
            Int i = find_idx(p);
            if (segs[i].kind == SkFileC && segs[i].name != NULL)
                VG_(di_notify_mmap)(segs[i].start, segs[i].end - segs[i].start, prot,
                                    segs[i].offset, segs[i].name);
            p = segs[i].end;
        }
    }
    return VG_(mk_SysRes_Success)(0);
}

SysRes VG_(am_client_mremap)(Addr old, SizeT old_len, SizeT new_len, UInt flags, Addr new_addr)
{
    if (!VG_IS_ALIGNED(old, VG_PAGE_SIZE) || new_len == 0)
        return VG_(mk_SysRes_Error)(EINVAL);
    old_len = VG_PGROUNDUP(old_len);
    new_len = VG_PGROUNDUP(new_len);
    if (old_len == 0 || !VG_(am_is_valid_for_client)(old, old_len, 0))
        return VG_(mk_SysRes_Error)(EFAULT);
    Int i = find_idx(old);
    NSegment tmpl = segs[i];
    if (segs[i].end < old + old_len)
        return VG_(mk_SysRes_Error)(EFAULT); /* spans segments: the kernel says EFAULT */

    if (flags & MREMAP_FIXED) {
        if (!(flags & MREMAP_MAYMOVE) || !VG_IS_ALIGNED(new_addr, VG_PAGE_SIZE))
            return VG_(mk_SysRes_Error)(EINVAL);
        if (!client_range_ok(new_addr, new_len))
            return VG_(mk_SysRes_Error)(EINVAL);
    } else if (new_len <= old_len) {
        /* Shrink in place. */
        if (new_len < old_len)
            VG_(am_client_munmap)(old + new_len, old_len - new_len);
        return VG_(mk_SysRes_Success)(old);
    } else if (range_all_free(old + old_len, new_len - old_len) &&
               range_is_client_mappable(old + old_len, new_len - old_len)) {
        /* Grow in place: lift our reservation above it first. */
        Addr ext = old + old_len;
        VG_(do_syscall2)(SYS_munmap, ext, new_len - old_len);
        Word r = VG_(do_syscall4)(SYS_mremap, old, old_len, new_len, 0);
        if (!VG_(is_syscall_error)(r)) {
            NSegment s = tmpl;
            s.start = old;
            s.end = old + new_len;
            set_range(&s);
            return VG_(mk_SysRes_Success)(old);
        }
        reserve(ext, new_len - old_len);
        if (!(flags & MREMAP_MAYMOVE))
            return VG_(mk_SysRes)(r);
    } else if (!(flags & MREMAP_MAYMOVE)) {
        return VG_(mk_SysRes_Error)(ENOMEM);
    }

    if (!(flags & MREMAP_FIXED)) {
        new_addr = VG_(am_find_client_space)(0, new_len);
        if (new_addr == 0)
            return VG_(mk_SysRes_Error)(ENOMEM);
    }
    discard_code_in(old, old_len, "mremap");
    discard_code_in(new_addr, new_len, "mremap");
    Word r = VG_(do_syscall6)(SYS_mremap, old, old_len, new_len,
                              MREMAP_MAYMOVE | MREMAP_FIXED | (flags & MREMAP_DONTUNMAP),
                              new_addr, 0);
    if (VG_(is_syscall_error)(r))
        return VG_(mk_SysRes)(r);
    NSegment s = tmpl;
    s.start = new_addr;
    s.end = new_addr + new_len;
    s.has_code = False;
    set_range(&s);
    if (!(flags & MREMAP_DONTUNMAP)) {
        VG_(di_notify_munmap)(old, old_len);
        reserve(old, old_len);
        NSegment f = mkseg(old, old + old_len, SkFree, 0);
        set_range(&f);
    }
    return VG_(mk_SysRes_Success)(new_addr);
}

SysRes VG_(am_client_shmat)(Int shmid, Addr addr, Int flags)
{
    struct shmid_ds ds;
    Word r = VG_(do_syscall3)(SYS_shmctl, (UWord)shmid, IPC_STAT, (UWord)&ds);
    if (VG_(is_syscall_error)(r))
        return VG_(mk_SysRes)(r);
    SizeT len = VG_PGROUNDUP(ds.shm_segsz);
    if (addr == 0) {
        addr = VG_(am_find_client_space)(0, len);
        if (addr == 0)
            return VG_(mk_SysRes_Error)(ENOMEM);
    } else {
        if (flags & SHM_RND)
            addr &= ~(Addr)(SHMLBA - 1);
        if (!VG_IS_ALIGNED(addr, VG_PAGE_SIZE) || !client_range_ok(addr, len))
            return VG_(mk_SysRes_Error)(EINVAL);
        if (!(flags & SHM_REMAP) && !range_all_free(addr, len))
            return VG_(mk_SysRes_Error)(EINVAL);
    }
    discard_code_in(addr, len, "shmat");
    VG_(do_syscall2)(SYS_munmap, addr, len);
    r = VG_(do_syscall3)(SYS_shmat, (UWord)shmid, addr, (UWord)(flags & ~SHM_RND));
    if (VG_(is_syscall_error)(r)) {
        reserve(addr, len);
        NSegment f = mkseg(addr, addr + len, SkFree, 0);
        set_range(&f);
        return VG_(mk_SysRes)(r);
    }
    UInt prot = PROT_READ | ((flags & SHM_RDONLY) ? 0 : PROT_WRITE) |
                ((flags & SHM_EXEC) ? PROT_EXEC : 0);
    NSegment s = mkseg(addr, addr + len, SkShmC, prot);
    s.shared = True;
    set_range(&s);
    return VG_(mk_SysRes_Success)(addr);
}

SysRes VG_(am_client_shmdt)(Addr addr)
{
    Int i = find_idx(addr);
    if (i < 0 || segs[i].kind != SkShmC || segs[i].start != addr)
        return VG_(mk_SysRes_Error)(EINVAL);
    SizeT len = segs[i].end - segs[i].start;
    Word r = VG_(do_syscall1)(SYS_shmdt, addr);
    if (VG_(is_syscall_error)(r))
        return VG_(mk_SysRes)(r);
    discard_code_in(addr, len, "shmdt");
    reserve(addr, len);
    NSegment f = mkseg(addr, addr + len, SkFree, 0);
    set_range(&f);
    return VG_(mk_SysRes_Success)(0);
}

/*--- brk ---------------------------------------------------------------------*/

static Addr brk_base, brk_cur, brk_mapped_end;

void VG_(am_init_brk)(Addr end_of_exe)
{
    brk_base = brk_cur = VG_PGROUNDUP(end_of_exe);
    brk_mapped_end = brk_base;
    /* The reservation runs up to the next thing above it, at most 8 GiB
       (mmap(NULL) never uses it, so there is no cost in being generous). */
    Addr lim = brk_base + 8 * GiB;
    if (lim > VG_(layout).brk_limit && brk_base < VG_(layout).brk_limit)
        lim = VG_(layout).brk_limit;
    Int i = find_idx(brk_base);
    if (i >= 0 && segs[i].kind == SkFree && segs[i].end < lim)
        lim = segs[i].end;
    if (i >= 0 && segs[i].kind == SkFree && lim > brk_base) {
        NSegment r = mkseg(brk_base, lim, SkResvn, 0);
        r.name = intern_name("[brk]");
        set_range(&r);
    }
}

Addr VG_(am_brk_base)(void)
{
    return brk_base;
}

Addr VG_(am_client_brk)(Addr new_brk)
{
    if (new_brk < brk_base)
        return brk_cur;
    Addr new_end = VG_PGROUNDUP(new_brk);
    if (new_end > brk_mapped_end) {
        SizeT len = new_end - brk_mapped_end;
        Int i = find_idx(brk_mapped_end);
        if (i < 0 || segs[i].kind != SkResvn || segs[i].end < new_end)
            return brk_cur; /* ran into something */
        Word r = raw_mmap(brk_mapped_end, len, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (VG_(is_syscall_error)(r))
            return brk_cur;
        NSegment s = mkseg(brk_mapped_end, new_end, SkAnonC, PROT_READ | PROT_WRITE);
        s.name = intern_name("[heap]");
        set_range(&s);
    } else if (new_end < brk_mapped_end) {
        SizeT len = brk_mapped_end - new_end;
        discard_code_in(new_end, len, "brk");
        reserve(new_end, len);
        NSegment r = mkseg(new_end, brk_mapped_end, SkResvn, 0);
        r.name = intern_name("[brk]");
        set_range(&r);
    }
    brk_mapped_end = new_end;
    brk_cur = new_brk;
    return brk_cur;
}

/*--- Walking and printing ------------------------------------------------------*/

void VG_(am_foreach_client_segment)(void (*fn)(const NSegment *seg, void *opaque),
                                    void *opaque)
{
    for (UInt i = 0; i < n_segs; i++)
        if (is_client_kind(segs[i].kind))
            fn(&segs[i], opaque);
}

static const HChar *kind_name(SegKind k)
{
    switch (k) {
    case SkFree: return "FREE";
    case SkResvn: return "RSVN";
    case SkAnonC: return "ANON";
    case SkFileC: return "FILE";
    case SkShmC: return "SHM ";
    case SkCore: return "CORE";
    case SkShadow: return "SHAD";
    case SkKernel: return "KERN";
    default: return "----";
    }
}

void VG_(am_show)(const HChar *who)
{
    VG_(dmsg)("<<< address space (%s): %u segments", who, n_segs);
    for (UInt i = 0; i < n_segs; i++) {
        const NSegment *s = &segs[i];
        if (s->kind == SkNone)
            continue;
        VG_(dmsg)("%3u: %s %012lx-%012lx %10luk %c%c%c%s %s", i, kind_name(s->kind), s->start,
                  s->end - 1, (s->end - s->start) >> 10, (s->prot & PROT_READ) ? 'r' : '-',
                  (s->prot & PROT_WRITE) ? 'w' : '-', (s->prot & PROT_EXEC) ? 'x' : '-',
                  s->has_code ? " T" : "  ", s->name ? s->name : "");
    }
    VG_(dmsg)(">>>");
}

/*--- Sanity ---------------------------------------------------------------------------------------*/

void VG_(am_sanity_check)(void)
{
    vg_assert(n_segs >= 1 && segs[0].start == 0 && segs[n_segs - 1].end == USER_TOP);
    for (UInt i = 0; i < n_segs; i++) {
        vg_assert(segs[i].start < segs[i].end);
        vg_assert(i == 0 || segs[i - 1].end == segs[i].start);
        vg_assert(i == 0 || !mergeable(&segs[i - 1], &segs[i]));
    }
}

/*--- Shadow memory and the client region, as skins see them ------------------------------------------*/

static Addr shadow_next;

Addr VG_(shadow_base)(void)
{
    return VG_(layout).shadow_base;
}

Addr VG_(shadow_end)(void)
{
    return VG_(layout).shadow_end;
}

Double VG_(shadow_ratio)(void)
{
    return VG_(layout).ratio;
}

void *VG_(shadow_alloc)(SizeT size)
{
    if (shadow_next == 0)
        shadow_next = VG_(layout).shadow_base;
    size = VG_PGROUNDUP(size);
    if (size > VG_(layout).shadow_end - shadow_next)
        VG_(core_panic)("VG_(shadow_alloc): the skin asked for more shadow memory than its "
                        "ratio reserved");
    void *p = (void *)shadow_next;
    shadow_next += size;
    return p;
}

Addr VG_(client_base)(void)
{
    return VG_(layout).client_lo;
}

Addr VG_(client_end)(void)
{
    return VG_(layout).client_end;
}

/*--- Write-protected code pages ---------------------------------------------------------------*/

/* An open-addressing set of page addresses (0 = empty, 1 = deleted). */
static Addr *prot_pages;
static UInt prot_cap, prot_used;

static UInt page_slot(Addr page, UInt cap)
{
    return (UInt)((page >> 12) * 0x9E3779B97F4A7C15ULL >> 40) & (cap - 1);
}

static Bool set_contains(Addr page)
{
    if (prot_cap == 0)
        return False;
    for (UInt i = page_slot(page, prot_cap);; i = (i + 1) & (prot_cap - 1)) {
        if (prot_pages[i] == page)
            return True;
        if (prot_pages[i] == 0)
            return False;
    }
}

static void set_add(Addr page);

static void set_grow(void)
{
    Addr *old = prot_pages;
    UInt old_cap = prot_cap;
    prot_cap = prot_cap ? 2 * prot_cap : 256;
    prot_pages = calloc(prot_cap, sizeof *prot_pages);
    vg_assert(prot_pages != NULL);
    prot_used = 0;
    for (UInt i = 0; i < old_cap; i++)
        if (old[i] > 1)
            set_add(old[i]);
    free(old);
}

static void set_add(Addr page)
{
    if (2 * (prot_used + 1) > prot_cap)
        set_grow();
    UInt i = page_slot(page, prot_cap);
    while (prot_pages[i] > 1)
        i = (i + 1) & (prot_cap - 1);
    prot_pages[i] = page;
    prot_used++;
}

static Bool set_remove(Addr page)
{
    if (prot_cap == 0)
        return False;
    for (UInt i = page_slot(page, prot_cap);; i = (i + 1) & (prot_cap - 1)) {
        if (prot_pages[i] == page) {
            prot_pages[i] = 1;
            return True;
        }
        if (prot_pages[i] == 0)
            return False;
    }
}

static void forget_protected(Addr a, SizeT len)
{
    if (prot_used == 0)
        return;
    for (Addr p = VG_PGROUNDDN(a); p < a + len; p += VG_PAGE_SIZE)
        set_remove(p);
}

void VG_(am_protect_code)(Addr a, SizeT len)
{
    for (Addr p = VG_PGROUNDDN(a); p < a + len; p += VG_PAGE_SIZE) {
        Int i = find_idx(p);
        if (i < 0 || !(segs[i].prot & PROT_WRITE) || set_contains(p))
            continue;
        if (segs[i].kind != SkAnonC && segs[i].kind != SkFileC && segs[i].kind != SkShmC)
            continue;
        Word r = VG_(do_syscall3)(SYS_mprotect, p, VG_PAGE_SIZE, segs[i].prot & ~PROT_WRITE);
        if (r == 0)
            set_add(p);
    }
}

/* Gives page back its client protection and drops its translations. */
static void unprotect_code_page(Addr page)
{
    set_remove(page);
    Int i = find_idx(page);
    UInt prot = i >= 0 ? segs[i].prot : (PROT_READ | PROT_WRITE);
    VG_(do_syscall3)(SYS_mprotect, page, VG_PAGE_SIZE, prot);
    VG_(discard_translations)(page, VG_PAGE_SIZE, "self-modifying code");
}

Bool VG_(am_code_write_fault)(Addr a)
{
    Addr page = VG_PGROUNDDN(a);
    if (!set_contains(page))
        return False;
    unprotect_code_page(page);
    return True;
}

void VG_(am_before_kernel_write)(Addr a, SizeT len)
{
    if (prot_used == 0 || a + len < a)
        return;
    for (Addr p = VG_PGROUNDDN(a); p < a + len; p += VG_PAGE_SIZE)
        if (set_contains(p))
            unprotect_code_page(p);
}

/*--- Resident memory, for --stats ----------------------------------------------------------*/

void VG_(am_resident)(VgResident *r)
{
    memset(r, 0, sizeof *r);
    FILE *f = fopen("/proc/self/smaps", "r");
    if (f == NULL)
        return;
    HChar line[512];
    ULong *bucket = &r->core_kb;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long lo, hi, kb;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) { /* a mapping's header line */
            if (lo >= VG_(layout).shadow_base && hi <= VG_(layout).shadow_end)
                bucket = &r->shadow_kb;
            else if (lo >= VG_(layout).cache_lo && hi <= VG_(layout).cache_hi)
                bucket = &r->cache_kb;
            else if (lo >= VG_(layout).client_lo && hi <= VG_(layout).client_end)
                bucket = &r->client_kb;
            else
                bucket = &r->core_kb;
        } else if (sscanf(line, "Rss: %lu kB", &kb) == 1) {
            *bucket += kb;
        }
    }
    fclose(f);
    f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long kb;
        if (sscanf(line, "VmHWM: %lu kB", &kb) == 1)
            r->peak_kb = kb;
    }
    fclose(f);
}
