/*--------------------------------------------------------------------*/
/*--- Function redirection: specifications from vgpreload objects, ---*/
/*--- active redirections for the translator.            m_redir.c ---*/
/*--------------------------------------------------------------------*/

/* pub_core_redir.h says what this is.  The two tables:

   - specifications: one per _vgR_ symbol of a loaded vgpreload object
     (SONAME and FN patterns, the replacement's address);
   - active redirections: from (the replaced function's entry) -> to,
     one per (specification, matching symbol of a matching object),
     looked up by the translator through a hash on `from`.

   Both change only when objects are loaded or unloaded.  Activating a
   redirection throws away translations of its `from`, so code translated
   before (or superblocks running into it) cannot bypass it. */

#include "pub_core_basics.h"
#include "pub_core_redir.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_debuginfo.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_suppressions.h"
#include "pub_core_tooliface.h"
#include "pub_core_transtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SPEC_PREFIX "_vgR_"
#define MAX_PATTERN 256

/*--- Specifications ---------------------------------------------------------------------*/

typedef struct {
    HChar so_pat[MAX_PATTERN];
    HChar fn_pat[MAX_PATTERN];
    Bool wrap;
    Addr to;
    const HChar *to_name; /* the symbol, for --trace-redir */
    DebugInfo *owner;
} Spec;

static Spec **specs;
static UInt n_specs, cap_specs;

static Bool is_preload_object(const DebugInfo *di)
{
    const HChar *path = VG_(di_filename)(di);
    const HChar *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strncmp(base, "vgpreload_", 10) == 0;
}

static Bool is_core_preload(const DebugInfo *di)
{
    const HChar *path = VG_(di_filename)(di);
    const HChar *base = strrchr(path, '/');
    return strcmp(base ? base + 1 : path, "vgpreload_core.so") == 0;
}

/* vgpreload_core.so only wraps pthread mutexes, for the mutex events:
   without a skin that tracks them its wrappers would only cost time. */
static Bool skin_tracks_mutexes(void)
{
    return VG_(skin).track_pre_mutex_lock != NULL || VG_(skin).track_post_mutex_lock != NULL ||
           VG_(skin).track_post_mutex_unlock != NULL;
}

typedef struct {
    DebugInfo *owner;
    UInt first_new;
} SpecCollect;

static void collect_spec(Addr a, SizeT size, const HChar *name, Bool is_ifunc, void *opaque)
{
    SpecCollect *sc = opaque;
    Spec s;
    memset(&s, 0, sizeof s);
    if (!VG_(parse_preload_name)(name, &s.wrap, s.so_pat, sizeof s.so_pat, s.fn_pat,
                               sizeof s.fn_pat)) {
        if (strncmp(name, SPEC_PREFIX, strlen(SPEC_PREFIX)) == 0)
            VG_(umsg)("Warning: %s: ignoring the badly formed replacement symbol %s",
                      VG_(di_filename)(sc->owner), name);
        return;
    }
    /* A symbol table may list the same symbol twice (dynsym and symtab). */
    for (UInt i = sc->first_new; i < n_specs; i++)
        if (specs[i]->to == a && strcmp(specs[i]->to_name, name) == 0)
            return;
    s.to = a;
    s.to_name = name;
    s.owner = sc->owner;
    if (n_specs == cap_specs) {
        cap_specs = cap_specs ? 2 * cap_specs : 64;
        specs = VG_(realloc)("redir.specs", specs, cap_specs * sizeof *specs);
    }
    specs[n_specs] = VG_(malloc)("redir.spec", sizeof s);
    *specs[n_specs++] = s;
    if (VG_(clo_trace_redir))
        VG_(dmsg)("REDIR: spec %s %s in %s -> %#lx (%s)", s.wrap ? "wrap" : "replace", s.fn_pat,
                  s.so_pat, (unsigned long)a, name);
}

/*--- Code the core writes for the client ------------------------------------------------*/

/* Small pieces of client-executable code (IFUNC stubs, the freeres
   trampoline), appended to client pages of our own: never rewritten, so
   no translation of an earlier piece goes stale. */
static Addr code_page;
static UInt code_used;

Addr VG_(client_code)(const UChar *code, SizeT len)
{
    len = VG_ROUNDUP(len, 16);
    vg_assert(len <= VG_PAGE_SIZE);
    if (code_page == 0 || code_used + len > VG_PAGE_SIZE) {
        SysRes r = VG_(am_client_mmap)(0, VG_PAGE_SIZE, PROT_READ | PROT_EXEC,
                                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (r.is_error)
            return 0;
        code_page = r.val;
        code_used = 0;
    }
    Addr at = code_page + code_used;
    vg_assert(mprotect((void *)code_page, VG_PAGE_SIZE, PROT_READ | PROT_WRITE) == 0);
    memset((void *)at, 0xcc, len);
    memcpy((void *)at, code, len < VG_PAGE_SIZE ? len : VG_PAGE_SIZE);
    vg_assert(mprotect((void *)code_page, VG_PAGE_SIZE, PROT_READ | PROT_EXEC) == 0);
    code_used += (UInt)len;
    return at;
}

/*--- IFUNC resolver stubs ---------------------------------------------------------------*/

/* A redirected IFUNC's resolver is redirected to a stub that returns the
   replacement: movabs $replacement, %rax; ret. */
typedef struct {
    Addr to, stub;
} StubEntry;
static StubEntry *stubs;
static UInt n_stubs, cap_stubs;

static Addr stub_returning(Addr to)
{
    for (UInt i = 0; i < n_stubs; i++)
        if (stubs[i].to == to)
            return stubs[i].stub;
    UChar code[11] = {0x48, 0xb8}; /* movabs $imm64, %rax */
    memcpy(code + 2, &to, 8);
    code[10] = 0xc3; /* ret */
    Addr stub = VG_(client_code)(code, sizeof code);
    if (stub == 0) {
        VG_(umsg)("Warning: no memory for an IFUNC redirection stub");
        return 0;
    }
    if (n_stubs == cap_stubs) {
        cap_stubs = cap_stubs ? 2 * cap_stubs : 32;
        stubs = VG_(realloc)("redir.stubs", stubs, cap_stubs * sizeof *stubs);
    }
    stubs[n_stubs].to = to;
    stubs[n_stubs++].stub = stub;
    return stub;
}

/*--- Active redirections ----------------------------------------------------------------*/

typedef struct Redir {
    Addr from, to;
    DebugInfo *from_di;
    const Spec *spec;
    struct Redir *next;
} Redir;

#define N_BUCKETS 4096
static Redir *buckets[N_BUCKETS];
static UInt n_active;

static UInt bucket_of(Addr a)
{
    return (UInt)((a >> 4) ^ (a >> 16)) & (N_BUCKETS - 1);
}

static Redir *find_redir(Addr from)
{
    for (Redir *r = buckets[bucket_of(from)]; r != NULL; r = r->next)
        if (r->from == from)
            return r;
    return NULL;
}

Addr VG_(redir_code_for)(Addr key)
{
    if (key & VG_NOREDIR_BIT)
        return key & ~VG_NOREDIR_BIT;
    if (n_active == 0)
        return key;
    Redir *r = find_redir(key);
    return r ? r->to : key;
}

Bool VG_(redir_is_redirected)(Addr a)
{
    return n_active > 0 && find_redir(a) != NULL;
}

static const HChar *soname_shown(const DebugInfo *di)
{
    return VG_(di_has_soname)(di) ? VG_(di_soname)(di) : "NONE";
}

static void activate(const Spec *s, DebugInfo *di, Addr from, const HChar *name, Bool ifunc)
{
    Addr to = s->to;
    if (ifunc && (to = stub_returning(s->to)) == 0)
        return;
    Redir *old = find_redir(from);
    if (old != NULL) {
        if (old->spec->to != s->to && VG_(clo_trace_redir))
            VG_(dmsg)("REDIR: %#lx (%s:%s) already goes to %#lx (%s); not to %#lx (%s)",
                      (unsigned long)from, soname_shown(di), name, (unsigned long)old->spec->to,
                      old->spec->to_name, (unsigned long)s->to, s->to_name);
        return;
    }
    Redir *r = VG_(malloc)("redir.active", sizeof *r);
    r->from = from;
    r->to = to;
    r->from_di = di;
    r->spec = s;
    UInt b = bucket_of(from);
    r->next = buckets[b];
    buckets[b] = r;
    n_active++;
    VG_(discard_translations)(from, 1, "redirection");
    if (VG_(clo_trace_redir))
        VG_(dmsg)("REDIR: %#lx (%s:%s%s) redirected to %#lx (%s)", (unsigned long)from,
                  soname_shown(di), name, ifunc ? ", IFUNC resolver" : "", (unsigned long)s->to,
                  s->to_name);
}

/* Matching specifications against one object's symbols: one pass over
   the symbols, literal function names found through a hash of the
   candidates (a few hundred specifications, thousands of symbols).  The
   matches are activated in specification order, then symbol order, so
   that where two specifications claim one address the earlier wins. */

typedef struct {
    const Spec *spec;
    UInt order; /* the specification's index: first one wins */
    Int next;   /* the next literal candidate in its hash chain */
} Candidate;

typedef struct {
    UInt order, seq;
    const Spec *spec;
    Addr a;
    const HChar *name;
    Bool is_ifunc;
} Match;

#define MATCH_HASH 256

typedef struct {
    Candidate *cands;
    UInt n_cands;
    Int chain[MATCH_HASH]; /* literal candidates by name hash; -1 ends */
    Int *wild;             /* wildcard candidates */
    UInt n_wild;
    Match *matches;
    UInt n_matches, cap_matches, seq;
} MatchCtx;

static UInt name_hash(const HChar *s)
{
    UInt h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (UChar)*s) * 16777619u;
    return h & (MATCH_HASH - 1);
}

static void add_match(MatchCtx *m, const Candidate *c, Addr a, const HChar *name, Bool ifunc)
{
    if (m->n_matches == m->cap_matches) {
        m->cap_matches = m->cap_matches ? 2 * m->cap_matches : 64;
        m->matches = VG_(realloc)("redir.matches", m->matches, m->cap_matches * sizeof *m->matches);
    }
    m->matches[m->n_matches++] = (Match){c->order, m->seq, c->spec, a, name, ifunc};
}

static void match_symbol(Addr a, SizeT size, const HChar *name, Bool is_ifunc, void *opaque)
{
    MatchCtx *m = opaque;
    m->seq++;
    for (Int i = m->chain[name_hash(name)]; i >= 0; i = m->cands[i].next)
        if (strcmp(m->cands[i].spec->fn_pat, name) == 0)
            add_match(m, &m->cands[i], a, name, is_ifunc);
    for (UInt k = 0; k < m->n_wild; k++) {
        const Candidate *c = &m->cands[m->wild[k]];
        if (VG_(string_match)(c->spec->fn_pat, name))
            add_match(m, c, a, name, is_ifunc);
    }
}

static int cmp_match(const void *pa, const void *pb)
{
    const Match *a = pa, *b = pb;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The preload's "somalloc" replacements (another allocator's malloc,
   new, ...): by default, as in Valgrind since 3.12, every object but the
   dynamic linker and those the replacements name already (libc,
   libstdc++, libc++, the executable); with --soname-synonyms=somalloc=P,
   the objects whose soname matches P. */
static Bool somalloc_applies(const HChar *soname)
{
    const HChar *pat = VG_(clo_soname_synonym_malloc);
    if (pat != NULL)
        return VG_(string_match)(pat, soname);
    static const HChar *const named[] = {"ld-linux*", "libc.so*", "libstdc++*", "libc++*",
                                         "NONE"};
    for (UInt i = 0; i < VG_N_ELEMS(named); i++)
        if (VG_(string_match)(named[i], soname))
            return False;
    return True;
}

/* Activates specifications [first, end) wherever they match DI. */
static void match_specs_in(DebugInfo *di, UInt first, UInt end)
{
    if (is_preload_object(di) || first >= end)
        return;
    MatchCtx m;
    memset(&m, 0, sizeof m);
    memset(m.chain, 0xff, sizeof m.chain);
    m.cands = VG_(malloc)("redir.cands", (end - first) * sizeof *m.cands);
    m.wild = VG_(malloc)("redir.wild", (end - first) * sizeof *m.wild);
    const HChar *soname = soname_shown(di);
    for (UInt i = first; i < end; i++) {
        const HChar *so_pat = specs[i]->so_pat;
        Bool matches = strcmp(so_pat, "somalloc") == 0 ? somalloc_applies(soname)
                                                       : VG_(string_match)(so_pat, soname);
        if (!matches)
            continue;
        Candidate *c = &m.cands[m.n_cands];
        c->spec = specs[i];
        c->order = i;
        c->next = -1;
        if (strpbrk(specs[i]->fn_pat, "*?\\") == NULL) { /* literal: compare */
            UInt h = name_hash(c->spec->fn_pat);
            /* Appended, so that a chain keeps specification order. */
            Int *pp = &m.chain[h];
            while (*pp >= 0)
                pp = &m.cands[*pp].next;
            *pp = (Int)m.n_cands;
        } else {
            m.wild[m.n_wild++] = (Int)m.n_cands;
        }
        m.n_cands++;
    }
    if (m.n_cands > 0) {
        VG_(di_foreach_symbol)(di, match_symbol, &m);
        qsort(m.matches, m.n_matches, sizeof *m.matches, cmp_match);
        for (UInt i = 0; i < m.n_matches; i++)
            activate(m.matches[i].spec, di, m.matches[i].a, m.matches[i].name,
                     m.matches[i].is_ifunc);
    }
    VG_(free)(m.matches);
    VG_(free)(m.wild);
    VG_(free)(m.cands);
}

typedef struct {
    UInt first, end;
} SpecRange;

static void match_new_specs(DebugInfo *di, void *opaque)
{
    const SpecRange *r = opaque;
    match_specs_in(di, r->first, r->end);
}

/*--- Loading and unloading --------------------------------------------------------------*/

typedef struct {
    const HChar *pat;
    Bool found;
} SymSearch;

static void find_text_symbol(Addr a, SizeT size, const HChar *name, Bool is_ifunc, void *opaque)
{
    SymSearch *s = opaque;
    if (!s->found && VG_(string_match)(s->pat, name))
        s->found = True;
}

/* --require-text-symbol: the specifications whose soname pattern the new
   object matches must each find a text symbol in it, or the run stops. */
static void check_required_symbols(DebugInfo *di)
{
    const HChar *soname = soname_shown(di);
    for (Int i = 0; i < VG_(clo_n_req_tsyms); i++) {
        const HChar *spec = VG_(clo_req_tsyms)[i];
        const HChar *mid = strchr(spec + 1, spec[0]);
        HChar so_pat[512];
        snprintf(so_pat, sizeof so_pat, "%.*s", (int)(mid - spec - 1), spec + 1);
        if (!VG_(string_match)(so_pat, soname))
            continue;
        SymSearch s = {mid + 1, False};
        VG_(di_foreach_symbol)(di, find_text_symbol, &s);
        if (s.found)
            continue;
        VG_(message)(Vg_FailMsg, " Fatal error at when loading library with soname\n");
        VG_(message)(Vg_FailMsg, "    %s\n", soname);
        VG_(message)(Vg_FailMsg, " Cannot find any text symbol with a name that matches the "
                                 "pattern\n");
        VG_(message)(Vg_FailMsg, "    %s\n", mid + 1);
        VG_(message)(Vg_FailMsg, " as required by a --require-text-symbol= specification.\n");
        VG_(message)(Vg_FailMsg, "\n");
        VG_(message)(Vg_FailMsg, " Cannot continue -- exiting now.\n");
        VG_(exit)(1);
    }
}

static void object_loaded(DebugInfo *di)
{
    if (VG_(clo_n_req_tsyms) > 0)
        check_required_symbols(di);
    UInt first_new = n_specs;
    if (is_preload_object(di) && (!is_core_preload(di) || skin_tracks_mutexes())) {
        SpecCollect sc = {di, first_new};
        VG_(di_foreach_symbol)(di, collect_spec, &sc);
    }
    /* The new object's symbols against the older specifications, then the
       new specifications against every object. */
    match_specs_in(di, 0, first_new);
    SpecRange r = {first_new, n_specs};
    if (first_new < n_specs)
        VG_(di_foreach)(match_new_specs, &r);
}

static void object_unloading(DebugInfo *di)
{
    for (UInt b = 0; b < N_BUCKETS; b++) {
        for (Redir **pp = &buckets[b]; *pp != NULL;) {
            Redir *r = *pp;
            if (r->from_di == di || r->spec->owner == di) {
                *pp = r->next;
                n_active--;
                if (r->from_di != di)
                    VG_(discard_translations)(r->from, 1, "redirection removed");
                if (VG_(clo_trace_redir))
                    VG_(dmsg)("REDIR: %#lx no longer redirected (%s unloaded)",
                              (unsigned long)r->from, VG_(di_filename)(di));
                VG_(free)(r);
            } else {
                pp = &r->next;
            }
        }
    }
    UInt k = 0;
    for (UInt i = 0; i < n_specs; i++) {
        if (specs[i]->owner == di)
            VG_(free)(specs[i]);
        else
            specs[k++] = specs[i];
    }
    n_specs = k;
}

void VG_(redir_init)(void)
{
    VG_(set_di_callbacks)(object_loaded, object_unloading);
}
