/*--------------------------------------------------------------------*/
/*--- Execution contexts: stack traces stored once.  m_execontext.c ---*/
/*--------------------------------------------------------------------*/

/* Every error, every heap block of Memcheck, every allocation site of
   Massif holds a stack trace.  The same few thousand stacks come back
   millions of times, so each distinct stack is stored once, in a hash
   table keyed by its addresses: recording a stack costs the unwinding, a
   hash and (usually) one comparison, and equal stacks are equal pointers.
   ExeContexts are never freed. */

#include "pub_core_basics.h"
#include "pub_core_execontext.h"
#include "pub_core_debuginfo.h"
#include "pub_core_options.h"
#include "pub_core_stacktrace.h"
#include "pub_core_xml.h"

#include <string.h>

struct ExeContext {
    struct ExeContext *chain; /* next in the same hash bucket */
    UInt uniq;                /* 4, 8, 12, ... in order of creation */
    UInt n_ips;               /* >= 1 */
    Addr ips[];
};

/*--- The table -----------------------------------------------------------*/

static ExeContext **buckets;
static UInt n_buckets;     /* a power of two */
static ULong n_stored;
static ULong n_lookups, n_found;

/* Every ExeContext in order of creation, so that uniq numbers map back. */
static ExeContext **by_uniq;
static UInt by_uniq_cap;

static UWord hash_ips(const Addr *ips, UInt n)
{
    UWord h = 0x9E3779B97F4A7C15UL ^ n;
    for (UInt i = 0; i < n; i++) {
        h ^= ips[i];
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 29;
    }
    return h;
}

static void grow_table(void)
{
    UInt new_n = n_buckets ? 2 * n_buckets : 1024;
    ExeContext **nb = VG_(calloc)("execontext.table", new_n, sizeof *nb);
    for (UInt b = 0; b < n_buckets; b++) {
        ExeContext *ec = buckets[b];
        while (ec != NULL) {
            ExeContext *next = ec->chain;
            UWord h = hash_ips(ec->ips, ec->n_ips) & (new_n - 1);
            ec->chain = nb[h];
            nb[h] = ec;
            ec = next;
        }
    }
    VG_(free)(buckets);
    buckets = nb;
    n_buckets = new_n;
}

ExeContext *VG_(make_ExeContext_from_StackTrace)(const Addr *ips, UInt n)
{
    static const Addr no_ip[1] = {0};
    if (n == 0) {
        ips = no_ip;
        n = 1;
    }
    if (n > VG_MAX_CALLERS)
        n = VG_MAX_CALLERS;
    if (n_stored >= 2 * (ULong)n_buckets)
        grow_table();
    n_lookups++;
    UWord h = hash_ips(ips, n) & (n_buckets - 1);
    ExeContext **pp = &buckets[h];
    for (ExeContext *ec = *pp; ec != NULL; pp = &ec->chain, ec = ec->chain) {
        if (ec->n_ips == n && memcmp(ec->ips, ips, n * sizeof(Addr)) == 0) {
            n_found++;
            /* Move to the front: the stacks recorded often are found first. */
            *pp = ec->chain;
            ec->chain = buckets[h];
            buckets[h] = ec;
            return ec;
        }
    }
    ExeContext *ec = VG_(malloc)("execontext.ec", sizeof *ec + n * sizeof(Addr));
    memcpy(ec->ips, ips, n * sizeof(Addr));
    ec->n_ips = n;
    if (n_stored == by_uniq_cap) {
        by_uniq_cap = by_uniq_cap ? 2 * by_uniq_cap : 1024;
        by_uniq = VG_(realloc)("execontext.uniq", by_uniq, by_uniq_cap * sizeof *by_uniq);
    }
    by_uniq[n_stored] = ec;
    n_stored++;
    ec->uniq = (UInt)(4 * n_stored);
    ec->chain = buckets[h];
    buckets[h] = ec;
    return ec;
}

ExeContext *VG_(null_ExeContext)(void)
{
    static ExeContext *null_ec;
    if (null_ec == NULL)
        null_ec = VG_(make_ExeContext_from_StackTrace)(NULL, 0);
    return null_ec;
}

ExeContext *VG_(record_ExeContext)(ThreadId tid, Word first_ip_delta)
{
    Addr ips[VG_MAX_CALLERS];
    UInt max = VG_(clo_num_callers) > 0 ? (UInt)VG_(clo_num_callers) : 1;
    if (max > VG_MAX_CALLERS)
        max = VG_MAX_CALLERS;
    UInt n = VG_(get_StackTrace)(tid, ips, max);
    if (n > 0)
        ips[0] += (Addr)first_ip_delta;
    return VG_(make_ExeContext_from_StackTrace)(ips, n);
}

void VG_(ExeContext_stats)(ULong *stored, ULong *lookups, ULong *found)
{
    *stored = n_stored;
    *lookups = n_lookups;
    *found = n_found;
}

/*--- Accessors and comparison ------------------------------------------*/

UInt VG_(get_ExeContext_uniq)(const ExeContext *ec)
{
    return ec->uniq;
}

ExeContext *VG_(get_ExeContext_from_uniq)(UInt uniq)
{
    if (uniq == 0 || uniq % 4 != 0 || uniq / 4 > n_stored)
        return NULL;
    return by_uniq[uniq / 4 - 1];
}

UInt VG_(get_ExeContext_n_ips)(const ExeContext *ec)
{
    return ec->n_ips;
}

const Addr *VG_(get_ExeContext_StackTrace)(const ExeContext *ec)
{
    return ec->ips;
}

Bool VG_(eq_ExeContext)(VgRes res, const ExeContext *e1, const ExeContext *e2)
{
    if (e1 == e2)
        return True;
    if (res == Vg_HighRes)
        return False; /* stored once: different pointers, different stacks */
    UInt depth = res == Vg_LowRes ? 2 : 4;
    for (UInt i = 0; i < depth; i++) {
        Bool end1 = i >= e1->n_ips, end2 = i >= e2->n_ips;
        if (end1 || end2)
            return end1 && end2;
        if (e1->ips[i] != e2->ips[i])
            return False;
    }
    return True;
}

/*--- Printing ------------------------------------------------------------*/

/* One <frame> of the XML stack. */
static void xml_frame(Int indent, Addr ip, const HChar *obj, const HChar *fn,
                      const HChar *dir, const HChar *file, UInt line)
{
    VG_(printf_xml)("%*s<frame>\n", indent, "");
    VG_(printf_xml)("%*s  <ip>0x%lX</ip>\n", indent, "", (unsigned long)ip);
    if (obj != NULL)
        VG_(printf_xml_element)(indent + 2, "obj", "%s", obj);
    if (fn != NULL)
        VG_(printf_xml_element)(indent + 2, "fn", "%s", fn);
    if (file != NULL) {
        if (dir != NULL)
            VG_(printf_xml_element)(indent + 2, "dir", "%s", dir);
        VG_(printf_xml_element)(indent + 2, "file", "%s", file);
        VG_(printf_xml)("%*s  <line>%u</line>\n", indent, "", line);
    }
    VG_(printf_xml)("%*s</frame>\n", indent, "");
}

/* The frames of one address: one per inlined call, innermost first. */
static void xml_frames_of(UInt i, Addr ip, Addr lookup_ip, void *opaque)
{
    Int indent = *(const Int *)opaque;
    const HChar *obj = NULL;
    if (!VG_(get_objname)(lookup_ip, &obj))
        obj = NULL;
    InlinedFrame inl[32];
    UInt n_inl = VG_(get_inlined_frames)(lookup_ip, inl, VG_N_ELEMS(inl));
    if (n_inl == 0) {
        const HChar *fn = NULL, *file = NULL, *dir = NULL;
        UInt line = 0;
        if (!VG_(get_fnname)(lookup_ip, &fn))
            fn = NULL;
        if (!VG_(get_filename_linenum)(lookup_ip, &file, &dir, &line))
            file = dir = NULL;
        xml_frame(indent, ip, obj, fn, dir, file, line);
        return;
    }
    for (UInt k = 0; k < n_inl; k++)
        xml_frame(indent, ip, obj, inl[k].fnname, inl[k].dir, inl[k].file, inl[k].line);
}

void VG_(pp_StackTrace_xml)(const Addr *ips, UInt n, Int indent)
{
    if (!VG_(xml_output)())
        return;
    Int frame_indent = indent + 2;
    VG_(printf_xml)("%*s<stack>\n", indent, "");
    VG_(apply_StackTrace)(xml_frames_of, &frame_indent, ips, n);
    VG_(printf_xml)("%*s</stack>\n", indent, "");
}

void VG_(pp_ExeContext)(const ExeContext *ec)
{
    if (VG_(xml_output)())
        VG_(pp_StackTrace_xml)(ec->ips, ec->n_ips, 2);
    else
        VG_(pp_StackTrace)(ec->ips, ec->n_ips);
}
