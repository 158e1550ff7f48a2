/*--------------------------------------------------------------------*/
/*--- Translation table and code cache.                m_transtab.c ---*/
/*--------------------------------------------------------------------*/

/* The code cache is split into sectors filled in turn.  When the next
   sector is needed and still holds translations, all of them are evicted
   at once (FIFO by sector).  Direct jumps between translations are
   chained by patching their rel32; each block keeps the list of exits
   chained to it, so evicting it puts those jumps back on their stubs. */

#include "pub_core_basics.h"
#include "pub_core_transtab.h"
#include "pub_core_threadstate.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"

#include <stdlib.h>
#include <string.h>

#define N_SECTORS 8

typedef struct {
    UChar *lo, *hi, *alloc;
    TBlock **blocks; /* in allocation (= address) order */
    UInt n_blocks, cap_blocks;
} Sector;

static UChar *cache_lo;
static Sector sectors[N_SECTORS];
static UInt cur_sector;

static TBlock **htab;
static UInt htab_size, htab_count;

VgTransStats VG_(tt_stats);

/*--- Hash table of guest addresses -----------------------------------------------*/

static UInt hash_addr(Addr a)
{
    ULong h = (ULong)a * 0x9E3779B97F4A7C15ULL;
    return (UInt)(h >> 32) & (htab_size - 1);
}

static void htab_grow(void)
{
    UInt old_size = htab_size;
    TBlock **old = htab;
    htab_size = old_size ? old_size * 2 : 1u << 14;
    htab = calloc(htab_size, sizeof *htab);
    vg_assert(htab != NULL);
    for (UInt i = 0; i < old_size; i++) {
        TBlock *b = old[i];
        while (b) {
            TBlock *next = b->hnext;
            UInt h = hash_addr(b->guest);
            b->hnext = htab[h];
            htab[h] = b;
            b = next;
        }
    }
    free(old);
}

static void htab_add(TBlock *b)
{
    if (htab_count >= htab_size)
        htab_grow();
    UInt h = hash_addr(b->guest);
    b->hnext = htab[h];
    htab[h] = b;
    htab_count++;
}

static void htab_remove(TBlock *b)
{
    TBlock **pp = &htab[hash_addr(b->guest)];
    while (*pp && *pp != b)
        pp = &(*pp)->hnext;
    vg_assert(*pp == b);
    *pp = b->hnext;
    htab_count--;
}

TBlock *VG_(lookup_block)(Addr guest)
{
    for (TBlock *b = htab[hash_addr(guest)]; b; b = b->hnext)
        if (b->guest == guest)
            return b;
    return NULL;
}

/*--- Set-up -------------------------------------------------------------------------*/

void VG_(transtab_init)(UChar *lo, SizeT size, SizeT reserved)
{
    cache_lo = lo;
    vg_assert(size > reserved + N_SECTORS * 65536);
    SizeT per = ((size - reserved) / N_SECTORS) & ~(SizeT)63;
    UChar *p = lo + reserved;
    for (UInt i = 0; i < N_SECTORS; i++) {
        sectors[i].lo = sectors[i].alloc = p;
        sectors[i].hi = p + per;
        p += per;
    }
    cur_sector = 0;
    htab_grow();
}

UWord VG_(cache_offset)(const UChar *p)
{
    return (UWord)(p - cache_lo);
}

/*--- Chaining ---------------------------------------------------------------------*/

void VG_(chain_exit)(TExit *x, TBlock *to)
{
    vg_assert(x->patch_off != 0 && x->linked_to == NULL);
    patch_rel32(x->from->host + x->patch_off, to->host + to->body_off);
    x->linked_to = to;
    x->in_next = to->in_list;
    x->in_pprev = &to->in_list;
    if (to->in_list)
        to->in_list->in_pprev = &x->in_next;
    to->in_list = x;
    VG_(tt_stats).exits_chained++;
}

static void unchain_exit(TExit *x)
{
    vg_assert(x->linked_to != NULL);
    patch_rel32(x->from->host + x->patch_off, x->from->host + x->stub_off);
    *x->in_pprev = x->in_next;
    if (x->in_next)
        x->in_next->in_pprev = x->in_pprev;
    x->linked_to = NULL;
    x->in_next = NULL;
    x->in_pprev = NULL;
}

void VG_(unchain_block_exits)(TBlock *b)
{
    for (UInt i = 0; i < b->n_exits; i++)
        if (b->exits[i].linked_to)
            unchain_exit(&b->exits[i]);
}

/* Unlinks b from everything; its code stays in the sector as garbage and
   the struct is freed when the sector is evicted. */
static void kill_block(TBlock *b)
{
    vg_assert(!b->dead);
    htab_remove(b);
    for (UInt i = 0; i < b->n_exits; i++)
        if (b->exits[i].linked_to)
            unchain_exit(&b->exits[i]);
    while (b->in_list)
        unchain_exit(b->in_list);
    b->dead = True;
}

/*--- Allocation and eviction ---------------------------------------------------------*/

/* Exits served recently, by stub offset: a block exits through the same
   few stubs again and again (a client request per malloc and free, a
   syscall per read).  An entry holds while no sector was evicted since
   (evicting frees the blocks) and its block is not dead. */
#define EXIT_CACHE_SIZE 1024
static struct {
    UWord off;
    TExit *x;
    ULong gen;
} exit_cache[EXIT_CACHE_SIZE];
static ULong evict_gen = 1;

static void evict_sector(Sector *s)
{
    if (s->n_blocks == 0)
        return;
    evict_gen++;
    for (UInt i = 0; i < s->n_blocks; i++) {
        if (!s->blocks[i]->dead)
            kill_block(s->blocks[i]);
    }
    for (UInt i = 0; i < s->n_blocks; i++)
        free(s->blocks[i]);
    VG_(tt_stats).blocks_evicted += s->n_blocks;
    VG_(tt_stats).sectors_evicted++;
    s->n_blocks = 0;
    s->alloc = s->lo;
    VG_(ibl_remove_range)((Addr)s->lo, (Addr)s->hi);
}

Emit VG_(cache_reserve)(SizeT max_bytes)
{
    Sector *s = &sectors[cur_sector];
    SizeT need = max_bytes + EMIT_SLACK;
    vg_assert(need < (SizeT)(s->hi - s->lo));
    if ((SizeT)(s->hi - s->alloc) < need) {
        cur_sector = (cur_sector + 1) % N_SECTORS;
        s = &sectors[cur_sector];
        evict_sector(s);
    }
    Emit e = {s->alloc, s->alloc, s->alloc + max_bytes, False};
    return e;
}

TBlock *VG_(cache_commit)(const TBlock *meta)
{
    Sector *s = &sectors[cur_sector];
    vg_assert(meta->host == s->alloc);
    SizeT head = sizeof(TBlock) + meta->n_exits * sizeof(TExit);
    head = (head + 7) & ~(SizeT)7;
    SizeT maps = meta->n_insns * (sizeof(Addr) + sizeof(ULong) + 2 * sizeof(UShort));
    TBlock *b = malloc(head + maps);
    vg_assert(b != NULL);
    memcpy(b, meta, sizeof(TBlock) + meta->n_exits * sizeof(TExit));
    b->insn_addr = (Addr *)((UChar *)b + head);
    b->insn_recover = (ULong *)(b->insn_addr + meta->n_insns);
    b->insn_host_off = (UShort *)(b->insn_recover + meta->n_insns);
    b->insn_held = b->insn_host_off + meta->n_insns;
    memcpy(b->insn_held, meta->insn_held, meta->n_insns * sizeof(UShort));
    memcpy(b->insn_addr, meta->insn_addr, meta->n_insns * sizeof(Addr));
    memcpy(b->insn_recover, meta->insn_recover, meta->n_insns * sizeof(ULong));
    memcpy(b->insn_host_off, meta->insn_host_off, meta->n_insns * sizeof(UShort));
    b->sector = (UChar)cur_sector;
    b->dead = False;
    b->in_list = NULL;
    for (UInt i = 0; i < b->n_exits; i++) {
        b->exits[i].from = b;
        b->exits[i].linked_to = NULL;
        b->exits[i].in_next = NULL;
        b->exits[i].in_pprev = NULL;
    }
    s->alloc = b->host + ((b->host_len + 15) & ~15u);
    if (s->n_blocks == s->cap_blocks) {
        s->cap_blocks = s->cap_blocks ? 2 * s->cap_blocks : 1024;
        s->blocks = realloc(s->blocks, s->cap_blocks * sizeof *s->blocks);
        vg_assert(s->blocks != NULL);
    }
    s->blocks[s->n_blocks++] = b;
    htab_add(b);

    VG_(tt_stats).blocks_translated++;
    for (UInt i = 0; i < b->n_ext; i++)
        VG_(tt_stats).guest_bytes += b->ext[i].len;
    VG_(tt_stats).guest_insns += b->n_insns;
    VG_(tt_stats).host_bytes += b->host_len;

    /* Chain direct exits whose target is already translated. */
    for (UInt i = 0; i < b->n_exits; i++) {
        TExit *x = &b->exits[i];
        if (x->kind != XK_DIRECT || x->patch_off == 0)
            continue;
        TBlock *t = VG_(lookup_block)(x->target);
        if (t)
            VG_(chain_exit)(x, t);
    }
    return b;
}

/*--- Finding blocks by host address ------------------------------------------------------*/

static TBlock *find_in_sector(Sector *s, Addr pc)
{
    Int lo = 0, hi = (Int)s->n_blocks - 1;
    while (lo <= hi) {
        Int mid = (lo + hi) / 2;
        TBlock *b = s->blocks[mid];
        if (pc < (Addr)b->host)
            hi = mid - 1;
        else if (pc >= (Addr)b->host + b->host_len)
            lo = mid + 1;
        else
            return b->dead ? NULL : b;
    }
    return NULL;
}

TBlock *VG_(find_block_by_host)(Addr pc)
{
    for (UInt i = 0; i < N_SECTORS; i++) {
        Sector *s = &sectors[i];
        if (pc >= (Addr)s->lo && pc < (Addr)s->alloc)
            return find_in_sector(s, pc);
    }
    return NULL;
}

TExit *VG_(exit_of_stub)(UWord off)
{
    UInt slot = (UInt)(off >> 2) & (EXIT_CACHE_SIZE - 1);
    if (exit_cache[slot].off == off && exit_cache[slot].gen == evict_gen &&
        !exit_cache[slot].x->from->dead)
        return exit_cache[slot].x;
    UChar *stub = cache_lo + off;
    TBlock *b = VG_(find_block_by_host)((Addr)stub);
    if (b == NULL)
        return NULL;
    for (UInt i = 0; i < b->n_exits; i++) {
        if (b->host + b->exits[i].stub_off == stub) {
            exit_cache[slot].off = off;
            exit_cache[slot].x = &b->exits[i];
            exit_cache[slot].gen = evict_gen;
            return &b->exits[i];
        }
    }
    vg_assert2(0, "no exit has its stub at cache offset %#lx", off);
    return NULL;
}

/*--- Discarding ------------------------------------------------------------------------------*/

static Bool block_overlaps(const TBlock *b, Addr a, Addr end)
{
    for (UInt i = 0; i < b->n_ext; i++)
        if (b->ext[i].base < end && b->ext[i].base + b->ext[i].len > a)
            return True;
    return False;
}

void VG_(discard_translations)(Addr a, SizeT len, const HChar *why)
{
    Addr end = a + len;
    UInt n = 0;
    for (UInt si = 0; si < N_SECTORS; si++) {
        Sector *s = &sectors[si];
        for (UInt i = 0; i < s->n_blocks; i++) {
            TBlock *b = s->blocks[i];
            if (b->dead || !block_overlaps(b, a, end))
                continue;
            kill_block(b);
            n++;
        }
    }
    if (n > 0) {
        VG_(ibl_flush_all)();
        VG_(tt_stats).blocks_discarded += n;
        if (VG_(clo_verbosity) > 2)
            VG_(dmsg)("discarded %u translations in %#lx-%#lx (%s)", n, a, end, why);
    }
}

/*--- Sanity -------------------------------------------------------------------------------------*/

void VG_(transtab_sanity_check)(Bool expensive)
{
    ULong live = 0;
    for (UInt si = 0; si < N_SECTORS; si++) {
        Sector *s = &sectors[si];
        vg_assert(s->lo <= s->alloc && s->alloc <= s->hi);
        for (UInt i = 0; i < s->n_blocks; i++) {
            TBlock *b = s->blocks[i];
            vg_assert(b->host >= s->lo && b->host + b->host_len <= s->alloc);
            vg_assert(i == 0 || s->blocks[i - 1]->host < b->host);
            if (b->dead)
                continue;
            live++;
            vg_assert(b->sector == si);
            vg_assert(VG_(lookup_block)(b->guest) == b);
            if (!expensive)
                continue;
            for (UInt k = 0; k < b->n_exits; k++) {
                const TExit *x = &b->exits[k];
                vg_assert(x->from == b);
                UChar *field = b->host + x->patch_off;
                Int rel;
                memcpy(&rel, field, 4);
                const UChar *dest = field + 4 + rel;
                if (x->patch_off == 0)
                    continue;
                if (x->linked_to)
                    vg_assert(dest == x->linked_to->host + x->linked_to->body_off);
                else
                    vg_assert(dest == b->host + x->stub_off);
            }
            for (const TExit *x = b->in_list; x; x = x->in_next)
                vg_assert(x->linked_to == b && !x->from->dead);
        }
    }
    vg_assert(live == htab_count);
}
