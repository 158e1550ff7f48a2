/*--------------------------------------------------------------------*/
/*--- The client's heap: blocks, redzones, the quarantine, custom  ---*/
/*--- blocks and mempools.                      m_replacemalloc.c ---*/
/*--------------------------------------------------------------------*/

/* pub_core_replacemalloc.h says what this is.  How:

   - Memory: chunks of client memory, each a block's redzones, payload and
     alignment slack.  Chunks up to BIG_CHUNK bytes are rounded to one of
     N_CLASSES sizes, carved from SUPERBLOCK-sized client mappings and,
     once out of the quarantine, kept on a per-class free stack (in core
     memory: a client that scribbles over freed memory cannot corrupt it).
     Bigger chunks are client mappings of their own, unmapped when they
     leave the quarantine.  No event tells the skin of these mappings: to
     it, heap memory is unaddressable until SK_(heap_alloc) says otherwise.
   - Metadata: an HBlock per block, in core memory, in a treap ordered by
     the payload's address (so that any address finds the block it is in
     or near: VG_(heap_describe)).  Custom blocks (MALLOCLIKE_BLOCK,
     mempools: memory the client owns) have a treap of their own, since
     they usually lie inside heap blocks.
   - Freed heap blocks stay in the treap, marked freed, in the quarantine:
     two FIFOs, blocks of --freelist-big-blocks bytes or more and smaller
     ones.  When it holds more than --freelist-vol bytes, the next
     allocation (after taking its own chunk, as Memcheck does: a pointer
     to a just-freed block stays detectable until then) evicts the oldest
     big blocks first, then the oldest small ones; only then is their
     chunk used again.  A block bigger than --freelist-vol goes to the
     front of its FIFO: it is the first to leave. */

#include "pub_core_basics.h"
#include "pub_core_replacemalloc.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_debuginfo.h"
#include "pub_core_execontext.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_tooliface.h"
#include "valgrind.h"
#include "vg_preload.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define SUPERBLOCK (4UL << 20)
#define BIG_CHUNK (1UL << 20)
#define N_CLASSES 145
/* Bigger requests fail as libc's would (ENOMEM), as do sizes that are
   negative as signed numbers, which Valgrind calls silly. */
#define MAX_BLOCK (1UL << 46)

/*--- Blocks and the treap --------------------------------------------------------------*/

typedef struct HBlock {
    Addr start;          /* the payload */
    SizeT size;          /* as requested */
    Addr chunk;          /* the memory owned: [chunk, chunk + chunk_len) */
    SizeT chunk_len;     /* 0: a custom block, in the client's own memory */
    ExeContext *alloc_where, *free_where;
    Addr pool;           /* a mempool's anchor, or 0 */
    UInt rz;             /* redzone on each side */
    UChar kind;          /* VgHeapKind */
    Bool freed;
    UInt prio;           /* treap priority */
    struct HBlock *left, *right;
    struct HBlock *qnext; /* the quarantine, oldest first */
} HBlock;

static UInt next_prio(void)
{
    static UInt x = 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

static HBlock *rotate_right(HBlock *t)
{
    HBlock *l = t->left;
    t->left = l->right;
    l->right = t;
    return l;
}

static HBlock *rotate_left(HBlock *t)
{
    HBlock *r = t->right;
    t->right = r->left;
    r->left = t;
    return r;
}

static HBlock *treap_insert(HBlock *t, HBlock *n)
{
    if (t == NULL)
        return n;
    if (n->start < t->start) {
        t->left = treap_insert(t->left, n);
        if (t->left->prio > t->prio)
            t = rotate_right(t);
    } else {
        t->right = treap_insert(t->right, n);
        if (t->right->prio > t->prio)
            t = rotate_left(t);
    }
    return t;
}

/* Unlinks the node whose start is key (it must be there). */
static HBlock *treap_remove(HBlock *t, Addr key)
{
    vg_assert(t != NULL);
    if (key < t->start) {
        t->left = treap_remove(t->left, key);
    } else if (key > t->start) {
        t->right = treap_remove(t->right, key);
    } else if (t->left == NULL) {
        return t->right;
    } else if (t->right == NULL) {
        return t->left;
    } else if (t->left->prio > t->right->prio) {
        t = rotate_right(t);
        t->right = treap_remove(t->right, key);
    } else {
        t = rotate_left(t);
        t->left = treap_remove(t->left, key);
    }
    return t;
}

static HBlock *treap_find(HBlock *t, Addr key)
{
    while (t != NULL && t->start != key)
        t = key < t->start ? t->left : t->right;
    return t;
}

/* The block with the greatest start <= a. */
static HBlock *treap_at_or_below(HBlock *t, Addr a)
{
    HBlock *best = NULL;
    while (t != NULL) {
        if (t->start <= a) {
            best = t;
            t = t->right;
        } else {
            t = t->left;
        }
    }
    return best;
}

/* The block with the least start > a. */
static HBlock *treap_above(HBlock *t, Addr a)
{
    HBlock *best = NULL;
    while (t != NULL) {
        if (t->start > a) {
            best = t;
            t = t->left;
        } else {
            t = t->right;
        }
    }
    return best;
}

static void treap_foreach(HBlock *t, void (*fn)(HBlock *b, void *opaque), void *opaque)
{
    while (t != NULL) {
        treap_foreach(t->left, fn, opaque);
        HBlock *right = t->right; /* fn may free t */
        fn(t, opaque);
        t = right;
    }
}

/*--- State -------------------------------------------------------------------------------*/

static HBlock *heap_root;   /* heap blocks, live and quarantined */
static HBlock *custom_root; /* MALLOCLIKE_BLOCK and mempool blocks */
/* The quarantine: [0] big blocks, [1] the others; oldest first. */
static HBlock *q_head[2], *q_tail[2];
static ULong q_bytes;
static SizeT skin_redzone = 16;
static ULong n_allocs, n_frees, bytes_allocated;

static SizeT redzone(void)
{
    return VG_(clo_redzone_size) >= 0 ? (SizeT)VG_(clo_redzone_size) : skin_redzone;
}

void VG_(heap_set_redzone)(SizeT size)
{
    skin_redzone = size > 4096 ? 4096 : size;
}

/*--- Chunks of client memory ---------------------------------------------------------------*/

typedef struct {
    Addr *addrs;
    UInt n, cap;
} FreeStack;

static FreeStack free_chunks[N_CLASSES];
static Addr sb_next, sb_end; /* the superblock being carved */

/* The class of a chunk of len bytes (<= BIG_CHUNK) and its size: 16-byte
   steps up to 1 KiB, then eight steps per power of two. */
static UInt class_of(SizeT len, SizeT *class_size)
{
    if (len <= 1024) {
        *class_size = VG_ROUNDUP(len, 16);
        return (UInt)(*class_size / 16);
    }
    UInt k = 63 - (UInt)__builtin_clzl(len - 1); /* 2^k < len <= 2^(k+1) */
    SizeT step = (1UL << k) / 8;
    SizeT c = VG_ROUNDUP(len, step);
    *class_size = c;
    UInt j = (UInt)((c - (1UL << k)) / step); /* 1..8 */
    return 65 + (k - 10) * 8 + (j - 1);
}

/* The client memory the heap maps, sorted: superblocks and big chunks. */
typedef struct {
    Addr start, end;
} Range;
static Range *arena;
static UInt n_arena, cap_arena;

static UInt arena_index(Addr a) /* the first range ending after a */
{
    UInt lo = 0, hi = n_arena;
    while (lo < hi) {
        UInt mid = (lo + hi) / 2;
        if (arena[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static Addr map_client(SizeT len)
{
    SysRes r = VG_(am_client_mmap)(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                   -1, 0);
    if (r.is_error)
        return 0;
    if (n_arena == cap_arena) {
        cap_arena = cap_arena ? 2 * cap_arena : 64;
        arena = VG_(realloc)("heap.arena", arena, cap_arena * sizeof *arena);
    }
    UInt i = arena_index(r.val);
    memmove(&arena[i + 1], &arena[i], (n_arena - i) * sizeof *arena);
    arena[i].start = r.val;
    arena[i].end = r.val + len;
    n_arena++;
    return r.val;
}

static void unmap_client(Addr a, SizeT len)
{
    UInt i = arena_index(a);
    vg_assert(i < n_arena && arena[i].start == a);
    memmove(&arena[i], &arena[i + 1], (n_arena - i - 1) * sizeof *arena);
    n_arena--;
    VG_(am_client_munmap)(a, len);
}

/* A chunk of at least len bytes (a multiple of 16), 16-aligned; its size
   in *got.  0 when the client region is full. */
static Addr chunk_alloc(SizeT len, SizeT *got)
{
    if (len > BIG_CHUNK) {
        *got = VG_PGROUNDUP(len);
        return map_client(*got);
    }
    UInt c = class_of(len, got);
    vg_assert(c < N_CLASSES);
    FreeStack *fs = &free_chunks[c];
    if (fs->n > 0)
        return fs->addrs[--fs->n];
    if (sb_end - sb_next < *got) {
        Addr sb = map_client(SUPERBLOCK);
        if (sb == 0)
            return 0;
        sb_next = sb;
        sb_end = sb + SUPERBLOCK;
    }
    Addr a = sb_next;
    sb_next += *got;
    return a;
}

static void chunk_release(Addr chunk, SizeT len)
{
    if (len > BIG_CHUNK) {
        unmap_client(chunk, len);
        return;
    }
    SizeT csize;
    UInt c = class_of(len, &csize);
    vg_assert(csize == len);
    FreeStack *fs = &free_chunks[c];
    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? 2 * fs->cap : 64;
        fs->addrs = VG_(realloc)("heap.freestack", fs->addrs, fs->cap * sizeof *fs->addrs);
    }
    fs->addrs[fs->n++] = chunk;
}

/*--- Allocating and freeing ------------------------------------------------------------------*/

/* A size that is negative as a signed number (a bug, as Memcheck says:
   "fishy"), or too big for any heap.  The skin may report the first kind
   as an error (SK_(heap_fishy_arg)); else a warning says so.  fn and arg
   name the function and parameter as Memcheck does: the request made,
   which is "memalign" for every aligned one and "malloc" for
   realloc(NULL, n). */
static Bool silly_size(ThreadId tid, SizeT size, const HChar *fn, const HChar *arg)
{
    if ((Long)size < 0) {
        if (!VG_(skin).heap_fishy_arg(tid, fn, arg, size))
            VG_(umsg)("Warning: silly arg (%lld) to %s()", (Long)size, fn);
        return True;
    }
    return size > MAX_BLOCK;
}

/* The function a request for a block of this kind names in a warning. */
static const HChar *request_fn_name(UInt kind, Bool memalign)
{
    static const HChar *const name[] = {"malloc", "__builtin_new", "__builtin_vec_new"};
    if (memalign)
        return "memalign";
    return kind < VG_N_ELEMS(name) ? name[kind] : "malloc";
}

/* The stacks a block keeps (--keep-stacktraces): the others are the null
   ExeContext, which prints as Memcheck's "at 0x0: ???". */
static ExeContext *alloc_stack(ThreadId tid)
{
    Int k = VG_(clo_keep_stacktraces);
    if (k == Vg_KeepFree || k == Vg_KeepNone)
        return VG_(null_ExeContext)();
    return VG_(record_ExeContext)(tid, 0);
}

static void record_free_stack(ThreadId tid, HBlock *b)
{
    Int k = VG_(clo_keep_stacktraces);
    if (k == Vg_KeepAlloc || k == Vg_KeepNone) {
        b->free_where = VG_(null_ExeContext)();
        return;
    }
    b->free_where = VG_(record_ExeContext)(tid, 0);
    if (k == Vg_KeepAllocThenFree)
        b->alloc_where = VG_(null_ExeContext)(); /* one stack: the free's replaces it */
}

static void quarantine_evict(void);

/* A new heap block of size bytes aligned to align (0: --alignment). */
static HBlock *block_alloc(ThreadId tid, SizeT size, SizeT align, UInt kind, Bool zeroed,
                           const HChar *fn)
{
    if (silly_size(tid, size, fn, "size"))
        return NULL;
    if (align < (SizeT)VG_(clo_alignment))
        align = (SizeT)VG_(clo_alignment);
    if ((align & (align - 1)) != 0 || align > MAX_BLOCK)
        return NULL;
    SizeT rz = redzone();
    SizeT need = VG_ROUNDUP(rz, 16) + (align > 16 ? align - 16 : 0) + VG_ROUNDUP(size, 16) + rz;
    need = VG_ROUNDUP(need, 16);
    SizeT got;
    Addr chunk = chunk_alloc(need, &got);
    if (chunk == 0)
        return NULL;
    HBlock *b = VG_(calloc)("heap.block", 1, sizeof *b);
    b->chunk = chunk;
    b->chunk_len = got;
    b->start = VG_ROUNDUP(chunk + rz, align);
    b->size = size;
    b->rz = (UInt)rz;
    b->kind = (UChar)kind;
    b->prio = next_prio();
    b->alloc_where = alloc_stack(tid);
    if (zeroed)
        memset((void *)b->start, 0, size);
    else if (VG_(clo_malloc_fill) >= 0)
        memset((void *)b->start, VG_(clo_malloc_fill), size);
    quarantine_evict();
    heap_root = treap_insert(heap_root, b);
    n_allocs++;
    bytes_allocated += size;
    if (VG_(needs).replace_malloc)
        VG_(skin).heap_alloc(tid, b->start, size, kind, zeroed);
    return b;
}

/* Brings the quarantine down to --freelist-vol bytes: big blocks first. */
static void quarantine_evict(void)
{
    for (UInt q = 0; q < 2; q++) {
        while (q_head[q] != NULL && q_bytes > (ULong)VG_(clo_freelist_vol)) {
            HBlock *b = q_head[q];
            q_head[q] = b->qnext;
            if (q_head[q] == NULL)
                q_tail[q] = NULL;
            q_bytes -= b->size;
            heap_root = treap_remove(heap_root, b->start);
            chunk_release(b->chunk, b->chunk_len);
            VG_(free)(b);
        }
    }
}

static void quarantine_add(HBlock *b)
{
    UInt q = b->size >= (SizeT)VG_(clo_freelist_big_blocks) ? 0 : 1;
    if (q_head[q] != NULL && b->size >= (SizeT)VG_(clo_freelist_vol)) {
        b->qnext = q_head[q]; /* it would leave at once anyway */
        q_head[q] = b;
    } else {
        b->qnext = NULL;
        if (q_tail[q])
            q_tail[q]->qnext = b;
        else
            q_head[q] = b;
        q_tail[q] = b;
    }
    q_bytes += b->size;
}

static void block_free(ThreadId tid, HBlock *b)
{
    b->freed = True;
    record_free_stack(tid, b);
    n_frees++;
    if (VG_(clo_free_fill) >= 0)
        memset((void *)b->start, VG_(clo_free_fill), b->size);
    if (VG_(needs).replace_malloc)
        VG_(skin).heap_free(tid, b->start, b->size);
    quarantine_add(b);
}

static void bad_free(ThreadId tid, Addr a, UInt free_kind, UInt why)
{
    if (VG_(needs).replace_malloc)
        VG_(skin).heap_bad_free(tid, a, free_kind, why);
}

/* The live heap block starting at a, or NULL after reporting why not. */
static HBlock *live_block_or_report(ThreadId tid, Addr a, UInt free_kind)
{
    HBlock *b = treap_find(heap_root, a);
    if (b != NULL && !b->freed)
        return b;
    bad_free(tid, a, free_kind, b != NULL ? VG_BADFREE_FREED : VG_BADFREE_NOT_HEAP);
    return NULL;
}

static void heap_free_request(ThreadId tid, Addr a, UInt kind)
{
    if (a == 0)
        return;
    HBlock *b = live_block_or_report(tid, a, kind);
    if (b == NULL)
        return;
    if (b->kind != kind && VG_(needs).replace_malloc)
        VG_(skin).heap_mismatch(tid, a, b->kind, kind);
    block_free(tid, b);
}

static Addr heap_realloc(ThreadId tid, Addr a, SizeT size)
{
    if (a == 0) {
        HBlock *nb = block_alloc(tid, size, 0, VG_HEAP_MALLOC, False, "malloc");
        return nb ? nb->start : 0;
    }
    HBlock *b = live_block_or_report(tid, a, VG_HEAP_REALLOC);
    if (b == NULL)
        return 0;
    if (size == 0) {
        /* glibc: realloc(p, 0) frees p and returns NULL. */
        block_free(tid, b);
        return 0;
    }
    HBlock *nb = block_alloc(tid, size, 0, b->kind, False, "realloc");
    if (nb == NULL)
        return 0; /* the old block stays */
    memcpy((void *)nb->start, (const void *)b->start, b->size < size ? b->size : size);
    block_free(tid, b);
    return nb->start;
}

/*--- Custom blocks and mempools ------------------------------------------------------------*/

typedef struct Pool {
    Addr anchor;
    UInt rz;
    Bool zeroed;
    struct Pool *next;
} Pool;

static Pool *pools;

static Pool *find_pool(Addr anchor)
{
    for (Pool *p = pools; p != NULL; p = p->next)
        if (p->anchor == anchor)
            return p;
    return NULL;
}

static void custom_free(ThreadId tid, HBlock *b)
{
    custom_root = treap_remove(custom_root, b->start);
    n_frees++;
    if (VG_(needs).replace_malloc)
        VG_(skin).heap_free(tid, b->start, b->size);
    VG_(free)(b);
}

static void custom_alloc(ThreadId tid, Addr a, SizeT size, UInt rz, Bool zeroed, Addr pool)
{
    if (a == 0)
        return;
    HBlock *old = treap_find(custom_root, a);
    if (old != NULL)
        custom_free(tid, old); /* the client reused the memory without saying so */
    HBlock *b = VG_(calloc)("heap.custom", 1, sizeof *b);
    b->start = a;
    b->size = size;
    b->rz = rz;
    b->kind = VG_HEAP_CUSTOM;
    b->pool = pool;
    b->prio = next_prio();
    b->alloc_where = alloc_stack(tid);
    custom_root = treap_insert(custom_root, b);
    quarantine_evict(); /* a new block, as for Memcheck */
    n_allocs++; /* Memcheck counts them in the heap usage too */
    bytes_allocated += size;
    if (VG_(needs).replace_malloc)
        VG_(skin).heap_alloc(tid, a, size, VG_HEAP_CUSTOM, zeroed);
}

static void custom_free_request(ThreadId tid, Addr a, Addr pool)
{
    HBlock *b = treap_find(custom_root, a);
    if (b == NULL || b->pool != pool) {
        bad_free(tid, a, VG_HEAP_CUSTOM, VG_BADFREE_NOT_HEAP);
        return;
    }
    custom_free(tid, b);
}

static void resize_block(ThreadId tid, HBlock *b, SizeT new_size)
{
    SizeT old = b->size;
    b->size = new_size;
    if (VG_(needs).replace_malloc)
        VG_(skin).heap_resize(tid, b->start, old, new_size);
}

typedef struct {
    ThreadId tid;
    Addr pool;
    Addr lo, hi;  /* MEMPOOL_TRIM's range; lo == hi: destroy */
    HBlock **hits;
    UInt n, cap;
} PoolScan;

static void collect_pool_block(HBlock *b, void *opaque)
{
    PoolScan *s = opaque;
    if (b->pool != s->pool)
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->hits = VG_(realloc)("heap.poolscan", s->hits, s->cap * sizeof *s->hits);
    }
    s->hits[s->n++] = b;
}

/* Frees the pool's blocks outside [lo, hi) (all of them when lo == hi),
   trims those that straddle hi. */
static void pool_trim(ThreadId tid, Addr pool, Addr lo, Addr hi)
{
    PoolScan s = {tid, pool, lo, hi, NULL, 0, 0};
    treap_foreach(custom_root, collect_pool_block, &s);
    for (UInt i = 0; i < s.n; i++) {
        HBlock *b = s.hits[i];
        if (lo == hi || b->start + b->size <= lo || b->start >= hi)
            custom_free(tid, b);
        else if (b->start >= lo && b->start + b->size > hi)
            resize_block(tid, b, hi - b->start);
    }
    VG_(free)(s.hits);
}

static UWord mempool_request(ThreadId tid, const UWord *args)
{
    Addr anchor = args[1];
    Pool *p = find_pool(anchor);
    if (args[0] == VG_USERREQ__CREATE_MEMPOOL) {
        if (p == NULL) {
            p = VG_(calloc)("heap.pool", 1, sizeof *p);
            p->anchor = anchor;
            p->next = pools;
            pools = p;
        }
        p->rz = (UInt)args[2];
        p->zeroed = args[3] != 0;
        return 0;
    }
    if (args[0] == VG_USERREQ__MEMPOOL_EXISTS)
        return p != NULL;
    if (p == NULL) {
        bad_free(tid, anchor, VG_HEAP_CUSTOM, VG_BADFREE_NO_POOL);
        return 0;
    }
    switch (args[0]) {
    case VG_USERREQ__DESTROY_MEMPOOL: {
        pool_trim(tid, anchor, 0, 0);
        for (Pool **pp = &pools; *pp != NULL; pp = &(*pp)->next) {
            if (*pp == p) {
                *pp = p->next;
                break;
            }
        }
        VG_(free)(p);
        break;
    }
    case VG_USERREQ__MEMPOOL_ALLOC:
        if (!silly_size(tid, args[3], "VALGRIND_MEMPOOL_ALLOC", "size"))
            custom_alloc(tid, args[2], args[3], p->rz, p->zeroed, anchor);
        break;
    case VG_USERREQ__MEMPOOL_FREE:
        custom_free_request(tid, args[2], anchor);
        break;
    case VG_USERREQ__MEMPOOL_TRIM:
        pool_trim(tid, anchor, args[2], args[2] + args[3] > args[2] ? args[2] + args[3] : ~0UL);
        break;
    case VG_USERREQ__MOVE_MEMPOOL: {
        PoolScan s = {tid, anchor, 0, 0, NULL, 0, 0};
        treap_foreach(custom_root, collect_pool_block, &s);
        for (UInt i = 0; i < s.n; i++)
            s.hits[i]->pool = args[2];
        VG_(free)(s.hits);
        p->anchor = args[2];
        break;
    }
    case VG_USERREQ__MEMPOOL_CHANGE: {
        HBlock *b = treap_find(custom_root, args[2]);
        if (b == NULL || b->pool != anchor) {
            bad_free(tid, args[2], VG_HEAP_CUSTOM, VG_BADFREE_NOT_HEAP);
            break;
        }
        custom_free(tid, b);
        custom_alloc(tid, args[3], args[4], p->rz, False, anchor);
        break;
    }
    default:
        break;
    }
    return 0;
}

/*--- --trace-malloc -------------------------------------------------------------------------*/

/* One line per heap call, in Valgrind 3.19's words: the replaced
   function's own (mangled) name, sizes in decimal, pointers as Valgrind
   prints them (0x and upper-case hex), e.g. "malloc(5) = 0x4A4A040",
   "_ZdlPvm(0x4A4A040)", "memalign(al 64, size 10) = 0x...". */

/* The name of the replacement that made the request (the raw name of the
   function the thread is in), or DFLT. */
static const HChar *requesting_fn(const ThreadState *ts, const HChar *dflt)
{
    const HChar *name;
    return VG_(get_fnname_raw)(ts->rip, &name) ? name : dflt;
}

static void trace_alloc(const ThreadState *ts, UInt kind, const UWord *args, Addr result)
{
    static const HChar *const dflt[] = {"malloc", "_Znwm", "_Znam"};
    SizeT size = args[2], asked = args[5];
    if (args[4] != 0) /* the memalign family: all of it is memalign for Memcheck */
        VG_(dmsg)("memalign(al %lu, size %lu) = 0x%lX", asked, size, result);
    else if (asked != 0) /* an aligned operator new */
        VG_(dmsg)("%s(size %lu, al %lu) = 0x%lX", requesting_fn(ts, dflt[kind]), size, asked,
                  result);
    else
        VG_(dmsg)("%s(%lu) = 0x%lX", requesting_fn(ts, dflt[kind]), size, result);
}

static void trace_free(const ThreadState *ts, UInt kind, Addr p)
{
    static const HChar *const dflt[] = {"free", "_ZdlPv", "_ZdaPv"};
    VG_(dmsg)("%s(0x%lX)", requesting_fn(ts, dflt[kind]), p);
}

/* realloc(NULL, n) is a malloc and realloc(p, 0) a free, which Valgrind
   traces after the realloc's own part, and the result on its own line. */
static void trace_realloc(Addr p, SizeT size, Addr result)
{
    if (p == 0)
        VG_(dmsg)("realloc(0x0,%lu)malloc(%lu) = 0x%lX", size, size, result);
    else if (size == 0) {
        VG_(dmsg)("realloc(0x%lX,0)free(0x%lX)", p, p);
        VG_(dmsg)(" = 0");
    } else
        VG_(dmsg)("realloc(0x%lX,%lu) = 0x%lX", p, size, result);
}

/*--- Client requests ------------------------------------------------------------------------*/

static UWord calloc_request(ThreadId tid, SizeT n, SizeT size)
{
    SizeT total;
    if (silly_size(tid, n, "calloc", "nmemb") || silly_size(tid, size, "calloc", "size") ||
        __builtin_mul_overflow(n, size, &total))
        return 0;
    HBlock *b = block_alloc(tid, total, 0, VG_HEAP_MALLOC, True, "calloc");
    return b ? b->start : 0;
}

Bool VG_(heap_client_request)(ThreadState *ts, const UWord *args, UWord *ret)
{
    ThreadId tid = ts->tid;
    switch (args[0]) {
    case VG_USERREQ__HEAP_ALLOC: {
        UInt kind = args[1] <= VG_HEAP_NEW_ARRAY ? (UInt)args[1] : VG_HEAP_MALLOC;
        HBlock *b = block_alloc(tid, args[2], args[3], kind, False,
                                request_fn_name(kind, args[4] != 0));
        *ret = b ? b->start : 0;
        if (VG_(clo_trace_malloc))
            trace_alloc(ts, kind, args, *ret);
        return True;
    }
    case VG_USERREQ__HEAP_CALLOC:
        *ret = calloc_request(tid, args[1], args[2]);
        if (VG_(clo_trace_malloc))
            VG_(dmsg)("calloc(%lu,%lu) = 0x%lX", args[1], args[2], *ret);
        return True;
    case VG_USERREQ__HEAP_FREE: {
        UInt kind = args[1] <= VG_HEAP_NEW_ARRAY ? (UInt)args[1] : VG_HEAP_MALLOC;
        if (VG_(clo_trace_malloc))
            trace_free(ts, kind, args[2]);
        heap_free_request(tid, args[2], kind);
        *ret = 0;
        return True;
    }
    case VG_USERREQ__HEAP_REALLOC:
        *ret = heap_realloc(tid, args[1], args[2]);
        if (VG_(clo_trace_malloc))
            trace_realloc(args[1], args[2], *ret);
        return True;
    case VG_USERREQ__HEAP_USABLE_SIZE: {
        HBlock *b = args[1] ? treap_find(heap_root, args[1]) : NULL;
        *ret = b && !b->freed ? b->size : 0;
        if (VG_(clo_trace_malloc))
            VG_(dmsg)("malloc_usable_size(0x%lX) = %lu", args[1], *ret);
        return True;
    }
    case VG_USERREQ__MALLOCLIKE_BLOCK:
        if (!silly_size(tid, args[2], "VALGRIND_MALLOCLIKE_BLOCK", "size"))
            custom_alloc(tid, args[1], args[2], (UInt)args[3], args[4] != 0, 0);
        *ret = 0;
        return True;
    case VG_USERREQ__FREELIKE_BLOCK:
        if (args[1] != 0)
            custom_free_request(tid, args[1], 0);
        *ret = 0;
        return True;
    case VG_USERREQ__RESIZEINPLACE_BLOCK: {
        HBlock *b = treap_find(custom_root, args[1]);
        if (b == NULL) {
            b = treap_find(heap_root, args[1]);
            if (b != NULL && b->freed)
                b = NULL;
        }
        if (b == NULL)
            bad_free(tid, args[1], VG_HEAP_CUSTOM, VG_BADFREE_NOT_HEAP);
        else if (!silly_size(tid, args[3], "VALGRIND_RESIZEINPLACE_BLOCK", "newSizeB"))
            resize_block(tid, b, args[3]);
        *ret = 0;
        return True;
    }
    case VG_USERREQ__CREATE_MEMPOOL:
    case VG_USERREQ__DESTROY_MEMPOOL:
    case VG_USERREQ__MEMPOOL_ALLOC:
    case VG_USERREQ__MEMPOOL_FREE:
    case VG_USERREQ__MEMPOOL_TRIM:
    case VG_USERREQ__MOVE_MEMPOOL:
    case VG_USERREQ__MEMPOOL_CHANGE:
    case VG_USERREQ__MEMPOOL_EXISTS:
        *ret = mempool_request(tid, args);
        return True;
    case VG_USERREQ__MUTEX_LOCK_PRE:
        VG_TRACK(pre_mutex_lock, tid, (void *)args[1]);
        *ret = 0;
        return True;
    case VG_USERREQ__MUTEX_LOCK_POST:
        if (args[2])
            VG_TRACK(post_mutex_lock, tid, (void *)args[1]);
        *ret = 0;
        return True;
    case VG_USERREQ__MUTEX_UNLOCK_POST:
        VG_TRACK(post_mutex_unlock, tid, (void *)args[1]);
        *ret = 0;
        return True;
    default:
        return False;
    }
}

/*--- Services for skins --------------------------------------------------------------------------*/

static void fill_desc(const HBlock *b, HeapBlockDesc *out)
{
    out->start = b->start;
    out->size = b->size;
    out->kind = b->kind;
    out->freed = b->freed;
    out->alloc_where = b->alloc_where;
    out->free_where = b->free_where;
    out->pool = b->pool;
}

static Bool in_payload(const HBlock *b, Addr a)
{
    return b != NULL && a >= b->start && a < b->start + b->size;
}

static Bool in_redzones(const HBlock *b, Addr a)
{
    return b != NULL && a + b->rz >= b->start && a < b->start + b->size + b->rz;
}

/* The block of root that a is in (payload first, then the redzones; live
   blocks before freed ones). */
static const HBlock *describe_in(HBlock *root, Addr a)
{
    HBlock *below = treap_at_or_below(root, a), *above = treap_above(root, a);
    const HBlock *cands[2] = {below, above};
    for (UInt pass = 0; pass < 4; pass++) {
        Bool want_freed = pass & 1, payload = pass < 2;
        for (UInt i = 0; i < 2; i++) {
            const HBlock *b = cands[i];
            if (b != NULL && b->freed == want_freed &&
                (payload ? in_payload(b, a) : in_redzones(b, a)))
                return b;
        }
    }
    return NULL;
}

Bool VG_(heap_describe)(Addr a, HeapBlockDesc *out)
{
    const HBlock *b = describe_in(custom_root, a);
    if (b == NULL)
        b = describe_in(heap_root, a);
    if (b == NULL)
        return False;
    fill_desc(b, out);
    return True;
}

typedef struct {
    HeapBlockFn fn;
    void *opaque;
} ForeachCtx;

static void visit_live(HBlock *b, void *opaque)
{
    ForeachCtx *c = opaque;
    if (b->freed)
        return;
    HeapBlockDesc d;
    fill_desc(b, &d);
    c->fn(&d, c->opaque);
}

void VG_(heap_foreach_block)(HeapBlockFn fn, void *opaque)
{
    ForeachCtx c = {fn, opaque};
    treap_foreach(heap_root, visit_live, &c);
    treap_foreach(custom_root, visit_live, &c);
}

void VG_(heap_stats)(ULong *allocs, ULong *frees, ULong *bytes)
{
    if (allocs)
        *allocs = n_allocs;
    if (frees)
        *frees = n_frees;
    if (bytes)
        *bytes = bytes_allocated;
}

typedef struct {
    ClientMappingFn fn;
    void *opaque;
} MappingCtx;

/* A client segment, cut into heap and non-heap pieces. */
static void visit_segment(const NSegment *seg, void *opaque)
{
    MappingCtx *c = opaque;
    if (seg->kind != SkAnonC && seg->kind != SkFileC && seg->kind != SkShmC &&
        seg->kind != SkKernel)
        return;
    Addr a = seg->start;
    for (UInt i = arena_index(a); a < seg->end; i++) {
        if (i >= n_arena || arena[i].start >= seg->end) {
            c->fn(a, seg->end - a, seg->prot, False, c->opaque);
            return;
        }
        if (arena[i].start > a)
            c->fn(a, arena[i].start - a, seg->prot, False, c->opaque);
        Addr lo = arena[i].start > a ? arena[i].start : a;
        Addr hi = arena[i].end < seg->end ? arena[i].end : seg->end;
        c->fn(lo, hi - lo, seg->prot, True, c->opaque);
        a = hi;
    }
}

void VG_(foreach_client_mapping)(ClientMappingFn fn, void *opaque)
{
    MappingCtx c = {fn, opaque};
    VG_(am_foreach_client_segment)(visit_segment, &c);
}
