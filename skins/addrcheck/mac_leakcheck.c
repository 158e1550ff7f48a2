/*--------------------------------------------------------------------*/
/*--- The leak checker of the Memcheck family.      mac_leakcheck.c ---*/
/*--------------------------------------------------------------------*/

/* Finds the heap blocks the client can no longer reach, as Memcheck
   does, and reports them as loss records.

   A check takes a snapshot of the live heap blocks (sorted by address,
   so that the block a word points into is a binary search away), marks
   what the roots reach, then groups what is left into cliques:

   - Roots are the client's readable and writable memory outside the
     client heap (as Memcheck, read-only mappings are not scanned), word
     by word where the A bits say the word is addressable, and the
     general registers of every live thread.
   - A block reached through a pointer to its start from a root or from a
     reachable block is still reachable; reached only through interior
     pointers, or only from possibly lost blocks, it is possibly lost.  An
     interior pointer that one of the --leak-check-heuristics explains
     (std::string, length64, new[], multiple inheritance) counts as a
     start pointer.
   - Of the blocks nothing reached, each one that no earlier clique took
     leads a clique: the blocks it reaches (transitively, through any
     pointer) that nobody else reached become indirectly lost, and their
     bytes count as the leader's indirect bytes.  The leaders are
     definitely lost.

   Marking uses an explicit stack of block indices (each block at most
   once on it), never recursion.

   Loss records group the blocks by (allocation stack, leak kind).  They
   outlive a check, keeping the previous check's sizes, for the "added"
   and "changed" leak checks of the client requests.  Records go to the
   error manager through MAC_(report_leak) in mac_errors.c, which prints
   them and matches them against suppressions. */

#include "ac_include.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*--- Options ------------------------------------------------------------------------------*/

UInt MAC_(clo_leak_check_heuristics) =
    MAC_HEUR_BIT(MAC_HeurStdString) | MAC_HEUR_BIT(MAC_HeurLength64) |
    MAC_HEUR_BIT(MAC_HeurNewArray) | MAC_HEUR_BIT(MAC_HeurMultipleInheritance);

/* Parses a comma-separated set of NAMES (N of them, bit i for names[i]),
   as Valgrind does: empty words are skipped, at least one word is
   needed, and "all" and "none" stand alone. */
static Bool parse_name_set(const HChar *value, const HChar *const *names, UInt n, UInt *set)
{
    UInt result = 0, words = 0;
    Bool all = False, none = False;
    const HChar *p = value;
    while (*p != '\0') {
        const HChar *end = strchr(p, ',');
        SizeT len = end ? (SizeT)(end - p) : strlen(p);
        if (len > 0) {
            words++;
            if (len == 3 && strncmp(p, "all", 3) == 0) {
                all = True;
            } else if (len == 4 && strncmp(p, "none", 4) == 0) {
                none = True;
            } else {
                UInt i;
                for (i = 0; i < n; i++)
                    if (names[i] != NULL && strlen(names[i]) == len &&
                        strncmp(p, names[i], len) == 0)
                        break;
                if (i == n)
                    return False;
                result |= 1u << i;
            }
        }
        p += len;
        if (*p == ',')
            p++;
    }
    if (words == 0 || ((all || none) && words > 1))
        return False;
    if (all) {
        result = 0;
        for (UInt i = 0; i < n; i++)
            if (names[i] != NULL)
                result |= 1u << i;
    }
    *set = result;
    return True;
}

/* By MacLeakKind. */
static const HChar *const leak_kind_names[4] = {"reachable", "possible", "indirect",
                                                "definite"};

Bool MAC_(parse_leak_kinds)(const HChar *value, UInt *set)
{
    return parse_name_set(value, leak_kind_names, 4, set);
}

/* By MacLeakHeuristic. */
static const HChar *const heuristic_names[MAC_N_HEURISTICS] = {
    NULL, "stdstring", "length64", "newarray", "multipleinheritance"};

Bool MAC_(parse_leak_heuristics)(const HChar *value, UInt *set)
{
    return parse_name_set(value, heuristic_names, MAC_N_HEURISTICS, set);
}

/*--- Numbers as Memcheck prints them ------------------------------------------------------*/

/* Enough for 18,446,744,073,709,551,615 and a " (+...)" around it. */
#define NUM_BUF 40

/* v with a comma between groups of three digits (Valgrind's %'lu). */
static const HChar *commas(HChar *buf, ULong v)
{
    HChar digits[24];
    Int n = VG_(snprintf)(digits, sizeof digits, "%llu", v), o = 0;
    for (Int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* " (+d)" or " (-d)": how now differs from before in a delta check;
   nothing in a plain one. */
static const HChar *delta(HChar *buf, ULong now, ULong before, MacLeakDelta mode)
{
    HChar n[NUM_BUF];
    if (mode == MAC_LeakDeltaAny)
        buf[0] = '\0';
    else if (now >= before)
        VG_(snprintf)(buf, NUM_BUF, " (+%s)", commas(n, now - before));
    else
        VG_(snprintf)(buf, NUM_BUF, " (-%s)", commas(n, before - now));
    return buf;
}

/*--- The blocks of one check --------------------------------------------------------------*/

/* Where a block comes from: a container block (malloc'ed memory that a
   custom allocator hands out as MALLOCLIKE or mempool blocks) is not
   checked itself, its pieces are. */
enum { ORIGIN_HEAP = 0, ORIGIN_CUSTOM = 1, ORIGIN_POOL = 2 };

typedef struct {
    Addr start;
    SizeT size;
    ExeContext *where;
    SizeT indirect;  /* a clique leader: the bytes of the blocks it holds */
    UChar state;     /* MacLeakKind; MAC_Unreached until reached */
    UChar heuristic; /* MacLeakHeuristic that explained an interior pointer */
    UChar pending;   /* on the mark stack */
    UChar origin;
} LcBlock;

static LcBlock *lc_blocks;
static UInt lc_n_blocks, lc_cap_blocks;
static Addr lc_lowest, lc_span; /* [lowest, lowest + span) covers every block */
static UInt *lc_stack;          /* the mark stack */
static UInt lc_stack_top;
static ULong lc_scanned_bytes;
static UInt lc_heuristics;      /* of this check */

static void add_block(const HeapBlockDesc *b, void *opaque)
{
    if (lc_n_blocks == lc_cap_blocks) {
        lc_cap_blocks = lc_cap_blocks ? 2 * lc_cap_blocks : 1024;
        lc_blocks = VG_(realloc)("mac.leak.blocks", lc_blocks, lc_cap_blocks * sizeof *lc_blocks);
    }
    LcBlock *lb = &lc_blocks[lc_n_blocks++];
    memset(lb, 0, sizeof *lb);
    lb->start = b->start;
    lb->size = b->size;
    lb->where = b->alloc_where;
    lb->state = MAC_Unreached;
    lb->origin = b->kind != VG_HEAP_CUSTOM ? ORIGIN_HEAP : b->pool != 0 ? ORIGIN_POOL
                                                                         : ORIGIN_CUSTOM;
}

/* A zero-sized block covers its start, so that a pointer to it counts. */
static inline Addr block_end(const LcBlock *b)
{
    return b->start + (b->size ? b->size : 1);
}

static int cmp_blocks(const void *va, const void *vb)
{
    const LcBlock *a = va, *b = vb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    /* The larger first, so that a container precedes what it holds. */
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return (int)a->origin - (int)b->origin;
}

/* Removes blocks that overlap others, keeping what the client's custom
   allocators hand out: a malloc'ed block holding MALLOCLIKE or mempool
   blocks goes, as in Memcheck, and so does a MALLOCLIKE block holding
   mempool blocks.  Blocks of the same origin that overlap are a misuse of
   the client requests; the later one is not checked. */
static void drop_overlapping_blocks(void)
{
    UInt kept = 0;
    Bool *dropped = NULL;
    for (UInt i = 0; i + 1 < lc_n_blocks; i++) {
        if (block_end(&lc_blocks[i]) <= lc_blocks[i + 1].start)
            continue;
        if (dropped == NULL)
            dropped = VG_(calloc)("mac.leak.dropped", lc_n_blocks, sizeof *dropped);
        if (dropped[i])
            continue;
        Addr end = block_end(&lc_blocks[i]);
        for (UInt j = i + 1; j < lc_n_blocks && lc_blocks[j].start < end; j++) {
            if (dropped[j])
                continue;
            if (lc_blocks[j].origin > lc_blocks[i].origin) {
                dropped[i] = True;
                break;
            }
            dropped[j] = True;
        }
    }
    if (dropped == NULL)
        return;
    for (UInt i = 0; i < lc_n_blocks; i++)
        if (!dropped[i])
            lc_blocks[kept++] = lc_blocks[i];
    lc_n_blocks = kept;
    VG_(free)(dropped);
}

/* Takes the snapshot of the live blocks, sorted by address, without
   overlaps. */
static void collect_blocks(void)
{
    lc_n_blocks = 0;
    VG_(heap_foreach_block)(add_block, NULL);
    Bool sorted = True;
    for (UInt i = 0; sorted && i + 1 < lc_n_blocks; i++)
        sorted = cmp_blocks(&lc_blocks[i], &lc_blocks[i + 1]) < 0;
    if (!sorted)
        qsort(lc_blocks, lc_n_blocks, sizeof *lc_blocks, cmp_blocks);
    drop_overlapping_blocks();
    if (lc_n_blocks > 0) {
        lc_lowest = lc_blocks[0].start;
        Addr highest = 0;
        for (UInt i = 0; i < lc_n_blocks; i++)
            if (block_end(&lc_blocks[i]) > highest)
                highest = block_end(&lc_blocks[i]);
        lc_span = highest - lc_lowest;
    }
}

/* The index of the block containing a, or -1. */
static inline Int find_block(Addr a)
{
    if (a - lc_lowest >= lc_span)
        return -1;
    UInt lo = 0, hi = lc_n_blocks;
    while (lo < hi) {
        UInt mid = lo + (hi - lo) / 2;
        const LcBlock *b = &lc_blocks[mid];
        if (a < b->start)
            hi = mid;
        else if (a >= block_end(b))
            lo = mid + 1;
        else
            return (Int)mid;
    }
    return -1;
}

static void free_blocks(void)
{
    VG_(free)(lc_blocks);
    VG_(free)(lc_stack);
    lc_blocks = NULL;
    lc_stack = NULL;
    lc_n_blocks = lc_cap_blocks = 0;
}

/*--- The client's mappings ----------------------------------------------------------------*/

/* The readable client mappings, in address order: the roots are those
   that are also writable and not the heap; the others are where a
   custom block's memory or a vtable may be. */
typedef struct {
    Addr start, end;
    UInt prot;
    Bool is_heap;
} LcMapping;

static LcMapping *lc_maps;
static UInt lc_n_maps, lc_cap_maps;

static void add_mapping(Addr start, SizeT len, UInt prot, Bool is_heap, void *opaque)
{
    if (!(prot & PROT_READ) || len == 0)
        return;
    if (lc_n_maps == lc_cap_maps) {
        lc_cap_maps = lc_cap_maps ? 2 * lc_cap_maps : 64;
        lc_maps = VG_(realloc)("mac.leak.maps", lc_maps, lc_cap_maps * sizeof *lc_maps);
    }
    lc_maps[lc_n_maps++] = (LcMapping){start, start + len, prot, is_heap};
}

/* The mapping containing a, or NULL. */
static const LcMapping *find_mapping(Addr a)
{
    UInt lo = 0, hi = lc_n_maps;
    while (lo < hi) {
        UInt mid = lo + (hi - lo) / 2;
        if (a < lc_maps[mid].start)
            hi = mid;
        else if (a >= lc_maps[mid].end)
            lo = mid + 1;
        else
            return &lc_maps[mid];
    }
    return NULL;
}

/* Is all of [a, a+len) readable (in readable mappings, however many)? */
static Bool readable(Addr a, SizeT len)
{
    Addr end = a + len;
    while (a < end) {
        const LcMapping *m = find_mapping(a);
        if (m == NULL)
            return False;
        a = m->end;
    }
    return True;
}

/*--- Reading client words -----------------------------------------------------------------*/

/* The word at a (8-aligned), if it is addressable. */
static inline Bool read_word(Addr a, UWord *w)
{
    if (!AC_(is_accessible)(a, sizeof(UWord), NULL))
        return False;
    *w = *(const UWord *)a;
    return True;
}

/*--- Heuristics ---------------------------------------------------------------------------*/

/* Memcheck's test for a vtable: at least two of its first 20 words point
   to executable memory, the others being NULL, and it is in readable
   memory outside the heap. */
static Bool looks_like_vtable(Addr a)
{
    const LcMapping *m = find_mapping(a);
    if (m == NULL || m->is_heap)
        return False;
    UInt n_fns = 0;
    for (Addr p = a; p + sizeof(Addr) <= m->end && p < a + 20 * sizeof(Addr); p += sizeof(Addr)) {
        Addr fn = *(const Addr *)p;
        if (fn == 0)
            continue;
        const LcMapping *fm = find_mapping(fn);
        if (fm == NULL || !(fm->prot & PROT_EXEC))
            return False;
        if (++n_fns == 2)
            return True;
    }
    return False;
}

/* Which heuristic (of lc_heuristics) takes interior pointer p of block b
   for a pointer to its start; MAC_HeurNone if none. */
static MacLeakHeuristic interior_heuristic(Addr p, const LcBlock *b)
{
    const SizeT W = sizeof(UWord);
    UWord w0, w1;
    if ((lc_heuristics & MAC_HEUR_BIT(MAC_HeurStdString)) && p == b->start + 3 * W &&
        read_word(b->start + W, &w1) && 3 * W + w1 + 1 == b->size && read_word(b->start, &w0) &&
        w0 <= w1)
        return MAC_HeurStdString; /* length, capacity, refcount, the chars */
    if ((lc_heuristics & MAC_HEUR_BIT(MAC_HeurLength64)) && p == b->start + 8 &&
        read_word(b->start, &w0) && w0 > 0 && b->size - 8 == w0)
        return MAC_HeurLength64; /* the size of the rest, then the data */
    if ((lc_heuristics & MAC_HEUR_BIT(MAC_HeurNewArray)) && p == b->start + W &&
        read_word(b->start, &w0) && w0 > 0 && (b->size - W) % w0 == 0)
        return MAC_HeurNewArray; /* new[]'s element count, then the elements */
    if ((lc_heuristics & MAC_HEUR_BIT(MAC_HeurMultipleInheritance)) && VG_IS_ALIGNED(p, W)) {
        /* A pointer to a second vtable pointer inside an object that
           starts with one. */
        UWord inner, first;
        if (read_word(p, &inner) && VG_IS_ALIGNED(inner, W) && inner >= VG_PAGE_SIZE &&
            read_word(b->start, &first) && VG_IS_ALIGNED(first, W) && first >= VG_PAGE_SIZE &&
            looks_like_vtable(inner) && looks_like_vtable(first))
            return MAC_HeurMultipleInheritance;
    }
    return MAC_HeurNone;
}

/*--- Marking ------------------------------------------------------------------------------*/

static inline void push(UInt i)
{
    if (lc_blocks[i].pending)
        return;
    sk_assert(lc_stack_top < lc_n_blocks);
    lc_blocks[i].pending = True;
    lc_stack[lc_stack_top++] = i;
}

/* Pointer p into block i was found in a root or a block already reached
   (definitely if DEFINITE: a root or a reachable block).  Upgrades the
   block's state and, when it changed, puts it on the stack to be
   scanned (again). */
static void reach(UInt i, Addr p, Bool definite)
{
    LcBlock *b = &lc_blocks[i];
    if (b->state == MAC_Reachable) {
        if (b->heuristic != MAC_HeurNone && p == b->start)
            b->heuristic = MAC_HeurNone; /* a real start pointer after all */
        return;
    }
    MacLeakKind via = MAC_Possible;
    if (p == b->start) {
        via = MAC_Reachable;
    } else if (lc_heuristics != 0) {
        b->heuristic = interior_heuristic(p, b);
        if (b->heuristic != MAC_HeurNone)
            via = MAC_Reachable;
    }
    if (via == MAC_Reachable && definite) {
        b->state = MAC_Reachable;
        push(i);
    } else if (b->state == MAC_Unreached) {
        b->state = MAC_Possible;
        push(i);
    }
}

/* Pointer p into block i was found in a block of the clique led by
   block leader: an unreached block other than the leader joins it. */
static void join_clique(UInt i, UInt leader)
{
    LcBlock *b = &lc_blocks[i];
    if (b->state != MAC_Unreached || i == leader)
        return;
    push(i);
    /* A former leader brings the blocks it held along. */
    lc_blocks[leader].indirect += b->size + b->indirect;
    b->state = MAC_Indirect;
}

/* What a scan does with the pointers it finds. */
typedef struct {
    Int leader;    /* -1: marking from the roots; else the clique's leader */
    Bool definite; /* the memory scanned is a root or a reachable block */
} ScanMode;

static inline void found_word(UWord w, const ScanMode *m)
{
    if (w - lc_lowest >= lc_span)
        return;
    Int i = find_block(w);
    if (i < 0)
        return;
    if (m->leader < 0)
        reach((UInt)i, w, m->definite);
    else
        join_clique((UInt)i, (UInt)m->leader);
}

/* The words of [a, end), all addressable. */
static void scan_addressable(Addr a, Addr end, const ScanMode *m)
{
    lc_scanned_bytes += end - a;
    for (const UWord *p = (const UWord *)a; (Addr)p < end; p++)
        found_word(*p, m);
}

/* The aligned words inside [a, a+len) that are addressable, a page at a
   time: a wholly addressable page is read without looking at each word's
   A bits. */
static void scan_memory(Addr a, SizeT len, const ScanMode *m)
{
    Addr p = VG_ROUNDUP(a, sizeof(UWord));
    Addr end = (a + len) & ~(Addr)(sizeof(UWord) - 1);
    while (p < end) {
        Addr piece_end = VG_PGROUNDDN(p) + VG_PAGE_SIZE;
        if (piece_end > end || piece_end < p)
            piece_end = end;
        while (p < piece_end) {
            Addr bad;
            if (AC_(is_accessible)(p, piece_end - p, &bad)) {
                scan_addressable(p, piece_end, m);
                break;
            }
            Addr good_end = bad & ~(Addr)(sizeof(UWord) - 1);
            if (good_end > p)
                scan_addressable(p, good_end, m);
            p = good_end + sizeof(UWord); /* the word holding the bad byte */
        }
        p = piece_end;
    }
}

/* Scans the blocks on the stack until it is empty. */
static void process_stack(Int leader)
{
    while (lc_stack_top > 0) {
        UInt i = lc_stack[--lc_stack_top];
        LcBlock *b = &lc_blocks[i];
        b->pending = False;
        /* A custom block is wherever the client says: read only what is
           mapped. */
        if (b->origin != ORIGIN_HEAP && !readable(b->start, b->size))
            continue;
        ScanMode m = {leader, b->state != MAC_Possible};
        scan_memory(b->start, b->size, &m);
    }
}

static void scan_root_mapping(const LcMapping *map)
{
    if (map->is_heap || !(map->prot & PROT_WRITE))
        return;
    ScanMode m = {-1, True};
    scan_memory(map->start, map->end - map->start, &m);
}

static void mark_from_roots(void)
{
    for (UInt i = 0; i < lc_n_maps; i++) {
        scan_root_mapping(&lc_maps[i]);
        process_stack(-1);
    }
    for (ThreadId tid = VG_(next_thread)(VG_INVALID_THREADID); tid != VG_INVALID_THREADID;
         tid = VG_(next_thread)(tid)) {
        UWord gprs[16];
        if (!VG_(get_thread_gprs)(tid, gprs))
            continue;
        ScanMode m = {-1, True};
        for (UInt r = 0; r < 16; r++)
            found_word(gprs[r], &m);
    }
    process_stack(-1);
}

/* Every unreached block that no earlier clique took leads one. */
static void form_cliques(void)
{
    for (UInt i = 0; i < lc_n_blocks; i++) {
        if (lc_blocks[i].state != MAC_Unreached)
            continue;
        push(i);
        process_stack((Int)i);
        sk_assert(lc_blocks[i].state == MAC_Unreached);
    }
}

/*--- Loss records -------------------------------------------------------------------------*/

typedef struct {
    ExeContext *where; /* NULL: a free slot */
    MacLeakKind kind;
    ULong bytes, indirect_bytes, blocks;
    ULong old_bytes, old_indirect_bytes, old_blocks; /* at the previous check */
} LossRecord;

/* An open-addressing table keyed by (where, kind), kept between checks.
   Two stacks are the same allocation stack if they agree at
   --leak-resolution (all frames by default, where equal stacks are the
   same ExeContext). */
static LossRecord *lr_table;
static UInt lr_cap, lr_used;

static UInt lr_hash(const ExeContext *where, MacLeakKind kind, UInt cap)
{
    UWord h = (UWord)kind + 1;
    if (MAC_(clo_leak_resolution) == Vg_HighRes) {
        h = h * 0x9E3779B97F4A7C15UL ^ (UWord)where;
    } else {
        UInt n = VG_(get_ExeContext_n_ips)(where);
        UInt depth = MAC_(clo_leak_resolution) == Vg_LowRes ? 2 : 4;
        const Addr *ips = VG_(get_ExeContext_StackTrace)(where);
        for (UInt i = 0; i < n && i < depth; i++)
            h = h * 0x9E3779B97F4A7C15UL ^ ips[i];
    }
    h *= 0xFF51AFD7ED558CCDUL;
    return (UInt)(h >> 32) & (cap - 1);
}

static Bool lr_same_stack(const ExeContext *a, const ExeContext *b)
{
    return a == b || (MAC_(clo_leak_resolution) != Vg_HighRes &&
                      VG_(eq_ExeContext)(MAC_(clo_leak_resolution), a, b));
}

static LossRecord *lr_slot(LossRecord *table, UInt cap, ExeContext *where, MacLeakKind kind)
{
    UInt h = lr_hash(where, kind, cap);
    while (table[h].where != NULL &&
           (table[h].kind != kind || !lr_same_stack(table[h].where, where)))
        h = (h + 1) & (cap - 1);
    return &table[h];
}

/* Makes room for n more records: the table stays at most half full. */
static void lr_reserve(UInt n)
{
    if (2 * (lr_used + n) <= lr_cap)
        return;
    UInt cap = lr_cap ? lr_cap : 256;
    while (2 * (lr_used + n) > cap)
        cap *= 2;
    LossRecord *table = VG_(calloc)("mac.leak.records", cap, sizeof *table);
    for (UInt i = 0; i < lr_cap; i++)
        if (lr_table[i].where != NULL)
            *lr_slot(table, cap, lr_table[i].where, lr_table[i].kind) = lr_table[i];
    VG_(free)(lr_table);
    lr_table = table;
    lr_cap = cap;
}

/* Forgets the records that were empty at the previous check, and makes
   the others' sizes the "old" ones. */
static void lr_start_check(void)
{
    LossRecord *old = lr_table;
    UInt old_cap = lr_cap;
    lr_table = NULL;
    lr_cap = lr_used = 0;
    UInt kept = 0;
    for (UInt i = 0; i < old_cap; i++)
        if (old[i].where != NULL && old[i].blocks > 0)
            kept++;
    lr_reserve(kept);
    for (UInt i = 0; i < old_cap; i++) {
        LossRecord r = old[i];
        if (r.where == NULL || r.blocks == 0)
            continue;
        r.old_bytes = r.bytes;
        r.old_indirect_bytes = r.indirect_bytes;
        r.old_blocks = r.blocks;
        r.bytes = r.indirect_bytes = r.blocks = 0;
        *lr_slot(lr_table, lr_cap, r.where, r.kind) = r;
        lr_used++;
    }
    VG_(free)(old);
}

static void lr_forget_all(void)
{
    VG_(free)(lr_table);
    lr_table = NULL;
    lr_cap = lr_used = 0;
}

static void lr_add_block(const LcBlock *b)
{
    lr_reserve(1);
    LossRecord *r = lr_slot(lr_table, lr_cap, b->where, (MacLeakKind)b->state);
    if (r->where == NULL) {
        memset(r, 0, sizeof *r);
        r->where = b->where;
        r->kind = (MacLeakKind)b->state;
        lr_used++;
    }
    r->bytes += b->size;
    if (b->state == MAC_Unreached)
        r->indirect_bytes += b->indirect;
    r->blocks++;
}

/* Memcheck's order: by total size, then kind, then number of blocks, then
   the age of the allocation stack. */
static int cmp_records(const void *va, const void *vb)
{
    const LossRecord *a = *(const LossRecord *const *)va, *b = *(const LossRecord *const *)vb;
    ULong ta = a->bytes + a->indirect_bytes, tb = b->bytes + b->indirect_bytes;
    if (ta != tb)
        return ta < tb ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->blocks != b->blocks)
        return a->blocks < b->blocks ? -1 : 1;
    UInt ua = VG_(get_ExeContext_uniq)(a->where), ub = VG_(get_ExeContext_uniq)(b->where);
    return ua < ub ? -1 : ua > ub;
}

/* The records (those of the previous check that are empty now too), in
   printing order; the caller frees the array. */
static LossRecord **sorted_records(UInt *n)
{
    LossRecord **arr = VG_(malloc)("mac.leak.sorted", (lr_used ? lr_used : 1) * sizeof *arr);
    UInt k = 0;
    for (UInt i = 0; i < lr_cap; i++)
        if (lr_table[i].where != NULL)
            arr[k++] = &lr_table[i];
    qsort(arr, k, sizeof *arr, cmp_records);
    *n = k;
    return arr;
}

/*--- Reporting a check --------------------------------------------------------------------*/

static MacLeakCounts last_counts;
static ULong heur_bytes[MAC_N_HEURISTICS], heur_blocks[MAC_N_HEURISTICS];

/* Which records a check shows and counts as errors (Memcheck's rules):
   only with --leak-check=full, only the kinds asked for, and in a delta
   check only those that grew (or changed). */
static void printing_rules(const LossRecord *r, MacLeakCheckMode mode, MacLeakDelta dmode,
                           Bool *print, Bool *count)
{
    Bool considered;
    switch (dmode) {
    case MAC_LeakDeltaIncreased:
        considered = r->bytes > r->old_bytes || r->indirect_bytes > r->old_indirect_bytes ||
                     r->blocks > r->old_blocks;
        break;
    case MAC_LeakDeltaChanged:
        considered = r->bytes != r->old_bytes || r->indirect_bytes != r->old_indirect_bytes ||
                     r->blocks != r->old_blocks;
        break;
    case MAC_LeakDeltaNew:
        considered = r->blocks > 0 && r->old_blocks == 0;
        break;
    default:
        considered = r->blocks > 0;
        break;
    }
    Bool full = mode == MAC_LeakCheckFull && considered;
    *print = full && (MAC_(clo_show_leak_kinds) & MAC_LEAK_BIT(r->kind));
    *count = full && (MAC_(clo_errors_for_leak_kinds) & MAC_LEAK_BIT(r->kind));
}

/* Reports the records in order, and sums them up by kind into
   last_counts (the suppressed ones apart). */
static void report_records(ThreadId tid, MacLeakCheckMode mode, MacLeakDelta dmode)
{
    UInt n;
    LossRecord **recs = sorted_records(&n);
    memset(&last_counts, 0, sizeof last_counts);
    for (UInt i = 0; i < n; i++) {
        const LossRecord *r = recs[i];
        Bool print, count;
        printing_rules(r, mode, dmode, &print, &count);
        MacLeakExtra x = {.kind = r->kind,
                          .loss_record = i + 1,
                          .n_loss_records = n,
                          .bytes = r->bytes,
                          .blocks = r->blocks,
                          .indirect_bytes = r->indirect_bytes,
                          .show_delta = dmode != MAC_LeakDeltaAny,
                          .old_bytes = r->old_bytes,
                          .old_indirect_bytes = r->old_indirect_bytes,
                          .old_blocks = r->old_blocks};
        Bool suppressed = MAC_(report_leak)(tid, &x, r->where, print, count);
        if (suppressed) {
            last_counts.suppressed_bytes += r->bytes;
            last_counts.suppressed_blocks += r->blocks;
        } else {
            last_counts.bytes[r->kind] += r->bytes;
            last_counts.blocks[r->kind] += r->blocks;
        }
    }
    VG_(free)(recs);
}

static void print_summary_line(const HChar *label, ULong bytes, ULong old_bytes, ULong blocks,
                               ULong old_blocks, MacLeakDelta dmode)
{
    HChar b[NUM_BUF], db[NUM_BUF], k[NUM_BUF], dk[NUM_BUF];
    VG_(umsg)("%s: %s%s bytes in %s%s blocks\n", label, commas(b, bytes),
              delta(db, bytes, old_bytes, dmode), commas(k, blocks),
              delta(dk, blocks, old_blocks, dmode));
}

static void print_leak_summary(MacLeakCheckMode mode, MacLeakDelta dmode,
                               const MacLeakCounts *old, const ULong *old_heur_bytes,
                               const ULong *old_heur_blocks)
{
    static const struct {
        const HChar *label;
        MacLeakKind kind;
    } lines[4] = {{"   definitely lost", MAC_Unreached},
                  {"   indirectly lost", MAC_Indirect},
                  {"     possibly lost", MAC_Possible},
                  {"   still reachable", MAC_Reachable}};
    const MacLeakCounts *c = &last_counts;
    VG_(umsg)("LEAK SUMMARY:\n");
    for (UInt i = 0; i < 4; i++) {
        MacLeakKind k = lines[i].kind;
        print_summary_line(lines[i].label, c->bytes[k], old->bytes[k], c->blocks[k],
                           old->blocks[k], dmode);
    }
    ULong n_heur = 0;
    for (UInt h = 1; h < MAC_N_HEURISTICS; h++)
        n_heur += heur_blocks[h];
    if (n_heur > 0) {
        VG_(umsg)("                      of which reachable via heuristic:\n");
        for (UInt h = 1; h < MAC_N_HEURISTICS; h++) {
            if (heur_blocks[h] == 0)
                continue;
            HChar label[64];
            VG_(snprintf)(label, sizeof label, "                        %-19s",
                          heuristic_names[h]);
            print_summary_line(label, heur_bytes[h], old_heur_bytes[h], heur_blocks[h],
                               old_heur_blocks[h], dmode);
        }
    }
    print_summary_line("        suppressed", c->suppressed_bytes, old->suppressed_bytes,
                       c->suppressed_blocks, old->suppressed_blocks, dmode);
    ULong n_blocks = c->blocks[0] + c->blocks[1] + c->blocks[2] + c->blocks[3];
    if (mode != MAC_LeakCheckFull && n_blocks > 0)
        VG_(umsg)("Rerun with --leak-check=full to see details of leaked memory\n");
    if (mode == MAC_LeakCheckFull && c->blocks[MAC_Reachable] > 0 &&
        !(MAC_(clo_show_leak_kinds) & MAC_LEAK_BIT(MAC_Reachable))) {
        VG_(umsg)("Reachable blocks (those to which a pointer was found) are not shown.\n");
        VG_(umsg)("To see them, rerun with: --leak-check=full --show-leak-kinds=all\n");
    }
    VG_(umsg)("\n");
}

/* Counts the blocks a heuristic made reachable (Memcheck counts every
   block whose last interior pointer one explained). */
static void count_heuristic_blocks(void)
{
    memset(heur_bytes, 0, sizeof heur_bytes);
    memset(heur_blocks, 0, sizeof heur_blocks);
    for (UInt i = 0; i < lc_n_blocks; i++) {
        UInt h = lc_blocks[i].heuristic;
        if (h != MAC_HeurNone && h < MAC_N_HEURISTICS) {
            heur_blocks[h]++;
            heur_bytes[h] += lc_blocks[i].size;
        }
    }
}

/*--- Entry points -------------------------------------------------------------------------*/

static Bool text_output(void)
{
    return VG_(verbosity)() > 0 && !VG_(xml_output)();
}

void MAC_(detect_memory_leaks_delta)(ThreadId tid, MacLeakCheckMode mode, MacLeakDelta dmode)
{
    if (mode == MAC_LeakCheckNo) {
        if (VG_(verbosity)() == 1 && !VG_(xml_output)()) {
            VG_(umsg)("For a detailed leak analysis, rerun with: --leak-check=full\n");
            VG_(umsg)("\n");
        }
        return;
    }
    collect_blocks();
    if (lc_n_blocks == 0) {
        /* The previous records are forgotten: a later check can only find
           new ones. */
        lr_forget_all();
        free_blocks();
        if (text_output()) {
            VG_(umsg)("All heap blocks were freed -- no leaks are possible\n");
            VG_(umsg)("\n");
        }
        return;
    }
    if (VG_(verbosity)() > 1 && !VG_(xml_output)()) {
        HChar n[NUM_BUF];
        VG_(umsg)("Searching for pointers to %s not-freed blocks\n", commas(n, lc_n_blocks));
    }

    lc_heuristics = MAC_(clo_leak_check_heuristics);
    lc_stack = VG_(malloc)("mac.leak.stack", lc_n_blocks * sizeof *lc_stack);
    lc_stack_top = 0;
    lc_scanned_bytes = 0;
    lc_n_maps = 0;
    VG_(foreach_client_mapping)(add_mapping, NULL);

    mark_from_roots();
    form_cliques();

    if (VG_(verbosity)() > 1 && !VG_(xml_output)()) {
        HChar n[NUM_BUF];
        VG_(umsg)("Checked %s bytes\n", commas(n, lc_scanned_bytes));
        VG_(umsg)("\n");
    }

    MacLeakCounts old = last_counts;
    ULong old_heur_bytes[MAC_N_HEURISTICS], old_heur_blocks[MAC_N_HEURISTICS];
    memcpy(old_heur_bytes, heur_bytes, sizeof heur_bytes);
    memcpy(old_heur_blocks, heur_blocks, sizeof heur_blocks);

    lr_start_check();
    for (UInt i = 0; i < lc_n_blocks; i++)
        lr_add_block(&lc_blocks[i]);
    count_heuristic_blocks();
    free_blocks();

    report_records(tid, mode, dmode);
    if (text_output())
        print_leak_summary(mode, dmode, &old, old_heur_bytes, old_heur_blocks);
}

void MAC_(detect_memory_leaks)(ThreadId tid, MacLeakCheckMode mode)
{
    MAC_(detect_memory_leaks_delta)(tid, mode, MAC_LeakDeltaAny);
}

const MacLeakCounts *MAC_(last_leak_counts)(void)
{
    return &last_counts;
}

typedef struct {
    ULong bytes, blocks;
} InUse;

static void count_in_use(const HeapBlockDesc *b, void *opaque)
{
    InUse *u = opaque;
    if (b->pool != 0)
        return; /* Memcheck counts mempool blocks apart */
    u->bytes += b->size;
    u->blocks++;
}

void MAC_(print_heap_summary)(void)
{
    if (!text_output())
        return;
    InUse u = {0, 0};
    VG_(heap_foreach_block)(count_in_use, &u);
    ULong allocs, frees, allocated;
    VG_(heap_stats)(&allocs, &frees, &allocated);
    HChar b[NUM_BUF], k[NUM_BUF], a[NUM_BUF], f[NUM_BUF], t[NUM_BUF];
    VG_(umsg)("HEAP SUMMARY:\n");
    VG_(umsg)("    in use at exit: %s bytes in %s blocks\n", commas(b, u.bytes),
              commas(k, u.blocks));
    VG_(umsg)("  total heap usage: %s allocs, %s frees, %s bytes allocated\n",
              commas(a, allocs), commas(f, frees), commas(t, allocated));
    VG_(umsg)("\n");
}
