/*--------------------------------------------------------------------*/
/*--- Memcheck-family errors: kinds, address descriptions, reports ---*/
/*--- and suppressions.                             mac_errors.c ---*/
/*--------------------------------------------------------------------*/

/* Addrcheck reports the bugs Memcheck reports, in Memcheck's words and
   layout (text, and XML protocol 4), so that people and tools reading
   Memcheck's output read ours, and Memcheck's suppression files apply
   unchanged (the skin declares the suppression alias "Memcheck").

   Where the address of an error is described ("Address 0x... is 8 bytes
   after a block of size 32 alloc'd"), the description is taken once,
   when the error is first recorded (SK_(update_extra)): the heap and the
   stacks change afterwards, and -s prints the error again at exit. */

#include "ac_include.h"

#include <stdlib.h>
#include <string.h>

/*--- The extra information of an error ------------------------------------------------*/

typedef enum {
    MacDesc_Unknown,  /* not stack'd, malloc'd or (recently) free'd */
    MacDesc_Block,    /* in or next to a heap block, live or freed */
    MacDesc_Stack     /* on a thread's stack */
} MacDescTag;

/* Where an address is, as Memcheck says it. */
typedef struct {
    MacDescTag tag;
    /* MacDesc_Block */
    SSizeT offset;            /* from the block's start; < 0: before it */
    SizeT block_size;
    Bool freed;
    Bool client_defined;      /* a mempool chunk */
    ExeContext *alloc_where;  /* or NULL */
    ExeContext *free_where;   /* freed blocks: where; or NULL */
    /* MacDesc_Stack */
    ThreadId stack_tid;
    SizeT below_sp;           /* bytes below the stack pointer, 0 if not */
} MacAddrDesc;

/* The extra of every kind but MAC_LeakErr (whose extra is MacLeakExtra).
   The recorders fill what they know; SK_(update_extra) adds DESC. */
typedef struct {
    MacAddrDesc desc;
    SizeT size;         /* MAC_AddrErr: bytes accessed */
    Bool is_write;      /* MAC_AddrErr, MAC_ParamErr */
    Addr dst, src;      /* MAC_OverlapErr (the function's name is the error string) */
    SizeT value;        /* MAC_FishyValueErr (the string is "fn(arg)") */
    SizeT len;
    Bool has_len;
} MacError;

/* Does kind K describe its address? */
static Bool mac_has_addr_desc(ErrorKind k)
{
    switch (k) {
    case MAC_AddrErr:
    case MAC_JumpErr:
    case MAC_FreeErr:
    case MAC_FreeMismatchErr:
    case MAC_ParamErr:
    case MAC_UserErr:
    case MAC_IllegalMempoolErr:
        return True;
    default:
        return False;
    }
}

/*--- Numbers as Memcheck prints them ----------------------------------------------------*/

/* N with commas between groups of three digits ("1,024"), as Memcheck's
   %'lu; BUF holds at least 32 bytes.  Returns BUF. */
static const HChar *mac_commas(ULong n, HChar *buf)
{
    HChar digits[24];
    Int nd = VG_(snprintf)(digits, sizeof digits, "%llu", (unsigned long long)n);
    Int o = 0;
    for (Int i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/*--- Describing an address ----------------------------------------------------------------*/

static Bool mac_describe_heap(Addr a, MacAddrDesc *d)
{
    HeapBlockDesc b;
    if (!VG_(heap_describe)(a, &b))
        return False;
    d->tag = MacDesc_Block;
    d->offset = (SSizeT)(a - b.start);
    d->block_size = b.size;
    d->freed = b.freed;
    /* Memcheck calls mempool chunks client-defined; MALLOCLIKE_BLOCK
       blocks are alloc'd like malloc's. */
    d->client_defined = b.kind == VG_HEAP_CUSTOM && b.pool != 0;
    d->alloc_where = b.alloc_where;
    d->free_where = b.freed ? b.free_where : NULL;
    return True;
}

static Bool mac_describe_stack(Addr a, MacAddrDesc *d)
{
    for (ThreadId tid = VG_(next_thread)(VG_INVALID_THREADID); tid != VG_INVALID_THREADID;
         tid = VG_(next_thread)(tid)) {
        Addr sp, lo, hi;
        if (!VG_(get_thread_stack)(tid, &sp, &lo, &hi) || lo >= hi || a < lo || a >= hi)
            continue;
        d->tag = MacDesc_Stack;
        d->stack_tid = tid;
        d->below_sp = a < sp ? sp - a : 0;
        return True;
    }
    return False;
}

/* In Memcheck's order: heap blocks (their redzones included, live before
   freed: the core's heap decides), then thread stacks. */
static void mac_describe_addr(Addr a, MacAddrDesc *d)
{
    memset(d, 0, sizeof *d);
    if (mac_describe_heap(a, d) || mac_describe_stack(a, d))
        return;
    d->tag = MacDesc_Unknown;
}

/* Prints one line of a description: " TEXT" in text mode, an <auxwhat>
   in XML. */
static void mac_aux(const HChar *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mac_aux(const HChar *fmt, ...)
{
    HChar text[512];
    va_list ap;
    va_start(ap, fmt);
    VG_(vsnprintf)(text, sizeof text, fmt, ap);
    va_end(ap);
    if (VG_(xml_output)())
        VG_(printf_xml_element)(2, "auxwhat", "%s", text);
    else
        VG_(umsg)(" %s\n", text);
}

static void mac_pp_block_desc(Addr a, const MacAddrDesc *d)
{
    HChar delta_s[32], size_s[32];
    const HChar *relative;
    ULong delta;
    if (d->offset < 0) {
        relative = "before";
        delta = (ULong)-d->offset;
    } else if ((SizeT)d->offset >= d->block_size) {
        relative = "after";
        delta = (ULong)d->offset - d->block_size;
    } else {
        relative = "inside";
        delta = (ULong)d->offset;
    }
    const HChar *state = d->freed ? "free'd" : d->client_defined ? "client-defined" : "alloc'd";
    mac_aux("Address 0x%lx is %s bytes %s a block of size %s %s", (unsigned long)a,
            mac_commas(delta, delta_s), relative, mac_commas(d->block_size, size_s), state);
    if (!d->freed) {
        if (d->alloc_where != NULL)
            VG_(pp_ExeContext)(d->alloc_where);
        return;
    }
    if (d->free_where != NULL)
        VG_(pp_ExeContext)(d->free_where);
    /* --keep-stacktraces=free, alloc-then-free or none: no alloc stack. */
    if (d->alloc_where != NULL && d->alloc_where != VG_(null_ExeContext)()) {
        mac_aux("Block was alloc'd at");
        VG_(pp_ExeContext)(d->alloc_where);
    }
}

static void mac_pp_addr_desc(Addr a, const MacAddrDesc *d)
{
    switch (d->tag) {
    case MacDesc_Block:
        mac_pp_block_desc(a, d);
        break;
    case MacDesc_Stack:
        mac_aux("Address 0x%lx is on thread %u's stack", (unsigned long)a, d->stack_tid);
        if (d->below_sp > 0)
            mac_aux("%lu bytes below stack pointer", (unsigned long)d->below_sp);
        break;
    case MacDesc_Unknown:
        mac_aux("Address 0x%lx is not stack'd, malloc'd or (recently) free'd", (unsigned long)a);
        break;
    }
}

/*--- Loss records -------------------------------------------------------------------------*/

static const HChar *mac_leak_kind_words(MacLeakKind k)
{
    switch (k) {
    case MAC_Reachable: return "still reachable";
    case MAC_Possible: return "possibly lost";
    case MAC_Indirect: return "indirectly lost";
    default: return "definitely lost";
    }
}

static const HChar *mac_leak_kind_xml(MacLeakKind k)
{
    switch (k) {
    case MAC_Reachable: return "Leak_StillReachable";
    case MAC_Possible: return "Leak_PossiblyLost";
    case MAC_Indirect: return "Leak_IndirectlyLost";
    default: return "Leak_DefinitelyLost";
    }
}

/* The names of leak kinds in match-leak-kinds: lines. */
static const HChar *mac_leak_kind_supp_name(MacLeakKind k)
{
    switch (k) {
    case MAC_Reachable: return "reachable";
    case MAC_Possible: return "possible";
    case MAC_Indirect: return "indirect";
    default: return "definite";
    }
}

/* " (+N)" or " (-N)" after a value of a delta leak check, else "".  BUF
   holds at least 40 bytes. */
static const HChar *mac_delta(const MacLeakExtra *lr, ULong now, ULong before, HChar *buf)
{
    HChar n[32];
    if (!lr->show_delta)
        return "";
    if (now >= before)
        VG_(snprintf)(buf, 40, " (+%s)", mac_commas(now - before, n));
    else
        VG_(snprintf)(buf, 40, " (-%s)", mac_commas(before - now, n));
    return buf;
}

/* "16 (8 direct, 8 indirect) bytes in 1 blocks are definitely lost in
   loss record 2 of 3" into TEXT. */
static void mac_format_loss_record(const MacLeakExtra *lr, HChar *text, SizeT n)
{
    HChar total[32], direct[32], indirect[32], blocks[32], rec[32], nrec[32];
    HChar d_total[40], d_direct[40], d_indirect[40], d_blocks[40];
    const HChar *words = mac_leak_kind_words(lr->kind);
    const HChar *dt = mac_delta(lr, lr->bytes + lr->indirect_bytes,
                                lr->old_bytes + lr->old_indirect_bytes, d_total);
    const HChar *db = mac_delta(lr, lr->blocks, lr->old_blocks, d_blocks);
    mac_commas(lr->blocks, blocks);
    mac_commas(lr->loss_record, rec);
    mac_commas(lr->n_loss_records, nrec);
    if (lr->indirect_bytes > 0) {
        VG_(snprintf)(text, n,
                      "%s%s (%s%s direct, %s%s indirect) bytes in %s%s blocks are %s in loss "
                      "record %s of %s",
                      mac_commas(lr->bytes + lr->indirect_bytes, total), dt,
                      mac_commas(lr->bytes, direct),
                      mac_delta(lr, lr->bytes, lr->old_bytes, d_direct),
                      mac_commas(lr->indirect_bytes, indirect),
                      mac_delta(lr, lr->indirect_bytes, lr->old_indirect_bytes, d_indirect),
                      blocks, db, words, rec, nrec);
    } else {
        VG_(snprintf)(text, n, "%s%s bytes in %s%s blocks are %s in loss record %s of %s",
                      mac_commas(lr->bytes, total), dt, blocks, db, words, rec, nrec);
    }
}

static void mac_pp_loss_record(const SkinError *e)
{
    const MacLeakExtra *lr = VG_(get_error_extra)(e);
    HChar text[512];
    mac_format_loss_record(lr, text, sizeof text);
    if (VG_(xml_output)()) {
        VG_(printf_xml_element)(2, "kind", "%s", mac_leak_kind_xml(lr->kind));
        VG_(printf_xml)("  <xwhat>\n");
        VG_(printf_xml_element)(4, "text", "%s", text);
        VG_(printf_xml)("    <leakedbytes>%llu</leakedbytes>\n",
                        (unsigned long long)(lr->bytes + lr->indirect_bytes));
        VG_(printf_xml)("    <leakedblocks>%llu</leakedblocks>\n",
                        (unsigned long long)lr->blocks);
        VG_(printf_xml)("  </xwhat>\n");
    } else {
        VG_(umsg)("%s\n", text);
    }
    VG_(pp_ExeContext)(VG_(get_error_where)(e));
}

Bool MAC_(report_leak)(ThreadId tid, const MacLeakExtra *lr, ExeContext *where, Bool print,
                       Bool count)
{
    MacLeakExtra copy = *lr;
    return VG_(unique_error)(tid, MAC_LeakErr, 0, NULL, &copy, where, print, count);
}

/*--- Printing errors ----------------------------------------------------------------------*/

static const HChar *mac_xml_kind(const SkinError *e)
{
    const MacError *x = VG_(get_error_extra)(e);
    switch (VG_(get_error_kind)(e)) {
    case MAC_AddrErr: return x->is_write ? "InvalidWrite" : "InvalidRead";
    case MAC_JumpErr: return "InvalidJump";
    case MAC_FreeErr: return "InvalidFree";
    case MAC_FreeMismatchErr: return "MismatchedFree";
    case MAC_ParamErr: return "SyscallParam";
    case MAC_OverlapErr: return "Overlap";
    case MAC_UserErr: return "ClientCheck";
    case MAC_IllegalMempoolErr: return "InvalidMemPool";
    case MAC_FishyValueErr: return "FishyValue";
    default: return "Unknown";
    }
}

/* The first line of error E, into WHAT. */
static void mac_format_what(const SkinError *e, HChar *what, SizeT n)
{
    const MacError *x = VG_(get_error_extra)(e);
    const HChar *s = VG_(get_error_string)(e);
    switch (VG_(get_error_kind)(e)) {
    case MAC_AddrErr:
        VG_(snprintf)(what, n, "Invalid %s of size %lu", x->is_write ? "write" : "read",
                      (unsigned long)x->size);
        break;
    case MAC_JumpErr:
        VG_(snprintf)(what, n, "Jump to the invalid address stated on the next line");
        break;
    case MAC_FreeErr:
        VG_(snprintf)(what, n, "Invalid free() / delete / delete[] / realloc()");
        break;
    case MAC_FreeMismatchErr:
        VG_(snprintf)(what, n, "Mismatched free() / delete / delete []");
        break;
    case MAC_ParamErr:
        /* Memcheck's words for reads and writes alike. */
        VG_(snprintf)(what, n, "Syscall param %s points to unaddressable byte(s)",
                      s ? s : "(unknown)");
        break;
    case MAC_OverlapErr:
        if (x->has_len)
            VG_(snprintf)(what, n, "Source and destination overlap in %s(0x%lx, 0x%lx, %lu)",
                          s ? s : "(unknown)", (unsigned long)x->dst, (unsigned long)x->src,
                          (unsigned long)x->len);
        else
            VG_(snprintf)(what, n, "Source and destination overlap in %s(0x%lx, 0x%lx)",
                          s ? s : "(unknown)", (unsigned long)x->dst, (unsigned long)x->src);
        break;
    case MAC_UserErr:
        VG_(snprintf)(what, n, "Unaddressable byte(s) found during client check request");
        break;
    case MAC_IllegalMempoolErr:
        VG_(snprintf)(what, n, "Illegal memory pool address");
        break;
    case MAC_FishyValueErr: {
        /* The string is "fn(arg)". */
        HChar fn[128];
        const HChar *paren = s ? strchr(s, '(') : NULL;
        SizeT fl = paren ? (SizeT)(paren - s) : 0;
        if (fl >= sizeof fn)
            fl = sizeof fn - 1;
        memcpy(fn, s ? s : "", fl);
        fn[fl] = '\0';
        const HChar *arg = paren ? paren + 1 : "size";
        SizeT al = strcspn(arg, ")");
        VG_(snprintf)(what, n,
                      "Argument '%.*s' of function %s has a fishy (possibly negative) value: %lld",
                      (int)al, arg, fn, (long long)(Long)x->value);
        break;
    }
    default:
        VG_(snprintf)(what, n, "(unknown error kind %d)", (int)VG_(get_error_kind)(e));
        break;
    }
}

static void mac_pp_error(const SkinError *e)
{
    ErrorKind k = VG_(get_error_kind)(e);
    if (k == MAC_LeakErr) {
        mac_pp_loss_record(e);
        return;
    }
    HChar what[512];
    mac_format_what(e, what, sizeof what);
    if (VG_(xml_output)()) {
        VG_(printf_xml_element)(2, "kind", "%s", mac_xml_kind(e));
        VG_(printf_xml_element)(2, "what", "%s", what);
    } else {
        VG_(umsg)("%s\n", what);
    }
    VG_(pp_ExeContext)(VG_(get_error_where)(e));
    if (mac_has_addr_desc(k)) {
        const MacError *x = VG_(get_error_extra)(e);
        mac_pp_addr_desc(VG_(get_error_address)(e), &x->desc);
    }
}

/*--- Comparing and completing errors ------------------------------------------------------*/

/* Called before SK_(update_extra): compares only what the recorders set. */
static Bool mac_eq_error(VgRes res, const SkinError *e1, const SkinError *e2)
{
    const MacError *x1 = VG_(get_error_extra)(e1), *x2 = VG_(get_error_extra)(e2);
    const HChar *s1 = VG_(get_error_string)(e1), *s2 = VG_(get_error_string)(e2);
    switch (VG_(get_error_kind)(e1)) {
    case MAC_AddrErr:
        return x1->size == x2->size && x1->is_write == x2->is_write;
    case MAC_ParamErr:
    case MAC_OverlapErr:
    case MAC_FishyValueErr:
        return s1 != NULL && s2 != NULL && strcmp(s1, s2) == 0;
    case MAC_LeakErr:
        return False; /* unique: never stored, never compared */
    default:
        return True;
    }
}

static UInt mac_update_extra(const SkinError *e)
{
    ErrorKind k = VG_(get_error_kind)(e);
    if (k == MAC_LeakErr)
        return sizeof(MacLeakExtra);
    MacError *x = VG_(get_error_extra)(e);
    if (mac_has_addr_desc(k))
        mac_describe_addr(VG_(get_error_address)(e), &x->desc);
    return sizeof(MacError);
}

/*--- Recording errors ---------------------------------------------------------------------*/

void MAC_(record_address_error)(ThreadId tid, Addr a, SizeT size, Bool is_write)
{
    MacError x = {.size = size, .is_write = is_write};
    VG_(maybe_record_error)(tid, MAC_AddrErr, a, NULL, &x);
}

void MAC_(record_jump_error)(ThreadId tid, Addr a)
{
    MacError x = {.size = 0};
    VG_(maybe_record_error)(tid, MAC_JumpErr, a, NULL, &x);
}

void MAC_(record_param_error)(ThreadId tid, Addr a, const HChar *what, Bool is_write)
{
    MacError x = {.is_write = is_write};
    VG_(maybe_record_error)(tid, MAC_ParamErr, a, what, &x);
}

void MAC_(record_free_error)(ThreadId tid, Addr a, UInt free_kind)
{
    MacError x = {.size = 0};
    (void)free_kind; /* Memcheck's message names every way of freeing */
    VG_(maybe_record_error)(tid, MAC_FreeErr, a, NULL, &x);
}

void MAC_(record_freemismatch_error)(ThreadId tid, Addr a, UInt alloc_kind, UInt free_kind)
{
    MacError x = {.size = 0};
    (void)alloc_kind, (void)free_kind; /* the block's description shows them */
    VG_(maybe_record_error)(tid, MAC_FreeMismatchErr, a, NULL, &x);
}

void MAC_(record_overlap_error)(ThreadId tid, const HChar *fn, Addr dst, Addr src, SizeT len,
                                Bool has_len)
{
    MacError x = {.dst = dst, .src = src, .len = len, .has_len = has_len};
    VG_(maybe_record_error)(tid, MAC_OverlapErr, 0, fn, &x);
}

void MAC_(record_user_error)(ThreadId tid, Addr a)
{
    MacError x = {.size = 0};
    VG_(maybe_record_error)(tid, MAC_UserErr, a, NULL, &x);
}

void MAC_(record_illegal_mempool_error)(ThreadId tid, Addr pool)
{
    MacError x = {.size = 0};
    VG_(maybe_record_error)(tid, MAC_IllegalMempoolErr, pool, NULL, &x);
}

Bool MAC_(record_fishy_value)(ThreadId tid, const HChar *fn, const HChar *arg, SizeT value)
{
    HChar s[160];
    VG_(snprintf)(s, sizeof s, "%s(%s)", fn, arg);
    MacError x = {.size = 0};
    x.value = value;
    VG_(maybe_record_error)(tid, MAC_FishyValueErr, 0, s, &x);
    return True;
}

/*--- Suppressions -------------------------------------------------------------------------*/

/* Memcheck's suppression kinds.  Those about undefined values are read
   (so that Memcheck's files load) and never match: Addrcheck has no such
   errors. */
typedef enum {
    MacSupp_Addr = 1,  /* AddrN: the size is the supp's MacSuppExtra */
    MacSupp_Jump,
    MacSupp_Free,      /* invalid and mismatched frees */
    MacSupp_Param,     /* + a line: the parameter ("write(buf)") */
    MacSupp_Overlap,
    MacSupp_User,
    MacSupp_Mempool,
    MacSupp_Leak,      /* + optional "match-leak-kinds: SET" */
    MacSupp_FishyValue, /* + a line ("malloc(size)") */
    MacSupp_NeverMatches /* Cond, Value0..32, CoreMem, ReallocZero */
} MacSuppKind;

typedef struct {
    SizeT addr_size;   /* MacSupp_Addr */
    UInt leak_kinds;   /* MacSupp_Leak: MAC_LEAK_BIT set */
} MacSuppExtra;

static Bool mac_is_number(const HChar *s)
{
    return s[0] != '\0' && strspn(s, "0123456789") == strlen(s) && strlen(s) < 10;
}

static Bool mac_recognised_suppression(const HChar *name, Supp *su)
{
    static const struct {
        const HChar *name;
        MacSuppKind kind;
    } kinds[] = {
        {"Jump", MacSupp_Jump},       {"Free", MacSupp_Free},
        {"Param", MacSupp_Param},     {"Overlap", MacSupp_Overlap},
        {"User", MacSupp_User},       {"Mempool", MacSupp_Mempool},
        {"Leak", MacSupp_Leak},       {"FishyValue", MacSupp_FishyValue},
        {"Cond", MacSupp_NeverMatches}, {"CoreMem", MacSupp_NeverMatches},
        {"ReallocZero", MacSupp_NeverMatches},
    };
    MacSuppExtra *x;
    if (strncmp(name, "Addr", 4) == 0 && mac_is_number(name + 4)) {
        x = VG_(calloc)("mac.supp", 1, sizeof *x);
        x->addr_size = (SizeT)strtoul(name + 4, NULL, 10);
        VG_(set_supp_kind)(su, MacSupp_Addr);
        VG_(set_supp_extra)(su, x);
        return True;
    }
    if (strncmp(name, "Value", 5) == 0 && mac_is_number(name + 5)) {
        VG_(set_supp_kind)(su, MacSupp_NeverMatches);
        return True;
    }
    for (UInt i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(name, kinds[i].name) != 0)
            continue;
        VG_(set_supp_kind)(su, kinds[i].kind);
        if (kinds[i].kind == MacSupp_Leak) {
            x = VG_(calloc)("mac.supp", 1, sizeof *x);
            x->leak_kinds = MAC_LEAK_BIT(MAC_Reachable) | MAC_LEAK_BIT(MAC_Possible) |
                            MAC_LEAK_BIT(MAC_Indirect) | MAC_LEAK_BIT(MAC_Unreached);
            VG_(set_supp_extra)(su, x);
        }
        return True;
    }
    return False;
}

#define MAC_MATCH_LEAK_KINDS "match-leak-kinds:"

/* Param and FishyValue have one line more; Leak may have a
   match-leak-kinds: line, else the line read is the first frame. */
static Bool mac_read_extra_suppression_info(Int fd, HChar **bufpp, SizeT *nbufp, Int *lineno,
                                            Supp *su)
{
    SuppKind k = VG_(get_supp_kind)(su);
    if (k != MacSupp_Param && k != MacSupp_FishyValue && k != MacSupp_Leak)
        return True;
    if (VG_(get_line)(fd, bufpp, nbufp, lineno))
        return False;
    if (k == MacSupp_Param || k == MacSupp_FishyValue) {
        if (strcmp(*bufpp, "}") == 0)
            return False; /* the mandatory line is missing */
        VG_(set_supp_string)(su, *bufpp);
        (*bufpp)[0] = '\0';
        return True;
    }
    SizeT n = strlen(MAC_MATCH_LEAK_KINDS);
    if (strncmp(*bufpp, MAC_MATCH_LEAK_KINDS, n) != 0)
        return True; /* no such line: *bufpp is the first frame */
    const HChar *set = *bufpp + n;
    while (*set == ' ' || *set == '\t')
        set++;
    MacSuppExtra *x = VG_(get_supp_extra)(su);
    if (!MAC_(parse_leak_kinds)(set, &x->leak_kinds))
        return False;
    (*bufpp)[0] = '\0';
    return True;
}

static Bool mac_error_matches_suppression(const SkinError *e, const Supp *su)
{
    const MacSuppExtra *sx = VG_(get_supp_extra)(su);
    const HChar *s = VG_(get_error_string)(e);
    ErrorKind ek = VG_(get_error_kind)(e);
    switch (VG_(get_supp_kind)(su)) {
    case MacSupp_Addr:
        return ek == MAC_AddrErr &&
               ((const MacError *)VG_(get_error_extra)(e))->size == sx->addr_size;
    case MacSupp_Jump:
        return ek == MAC_JumpErr;
    case MacSupp_Free:
        return ek == MAC_FreeErr || ek == MAC_FreeMismatchErr;
    case MacSupp_Param:
        return ek == MAC_ParamErr && s != NULL && VG_(get_supp_string)(su) != NULL &&
               strcmp(s, VG_(get_supp_string)(su)) == 0;
    case MacSupp_Overlap:
        return ek == MAC_OverlapErr;
    case MacSupp_User:
        return ek == MAC_UserErr;
    case MacSupp_Mempool:
        return ek == MAC_IllegalMempoolErr;
    case MacSupp_FishyValue:
        return ek == MAC_FishyValueErr && s != NULL && VG_(get_supp_string)(su) != NULL &&
               strcmp(s, VG_(get_supp_string)(su)) == 0;
    case MacSupp_Leak:
        return ek == MAC_LeakErr &&
               (sx->leak_kinds &
                MAC_LEAK_BIT(((const MacLeakExtra *)VG_(get_error_extra)(e))->kind)) != 0;
    default:
        return False;
    }
}

static const HChar *mac_get_error_name(const SkinError *e)
{
    static HChar addr_name[32];
    switch (VG_(get_error_kind)(e)) {
    case MAC_AddrErr:
        VG_(snprintf)(addr_name, sizeof addr_name, "Addr%lu",
                      (unsigned long)((const MacError *)VG_(get_error_extra)(e))->size);
        return addr_name;
    case MAC_JumpErr: return "Jump";
    case MAC_FreeErr:
    case MAC_FreeMismatchErr: return "Free";
    case MAC_ParamErr: return "Param";
    case MAC_OverlapErr: return "Overlap";
    case MAC_UserErr: return "User";
    case MAC_IllegalMempoolErr: return "Mempool";
    case MAC_LeakErr: return "Leak";
    case MAC_FishyValueErr: return "FishyValue";
    default: return NULL;
    }
}

static SizeT mac_print_extra_suppression_info(const SkinError *e, HChar *buf, Int nbuf)
{
    Int n;
    if (nbuf <= 0)
        return 0;
    switch (VG_(get_error_kind)(e)) {
    case MAC_ParamErr:
    case MAC_FishyValueErr:
        n = VG_(snprintf)(buf, (SizeT)nbuf, "%s", VG_(get_error_string)(e));
        break;
    case MAC_LeakErr:
        n = VG_(snprintf)(
            buf, (SizeT)nbuf, "%s %s", MAC_MATCH_LEAK_KINDS,
            mac_leak_kind_supp_name(((const MacLeakExtra *)VG_(get_error_extra)(e))->kind));
        break;
    default:
        buf[0] = '\0';
        return 0;
    }
    return n < nbuf ? (SizeT)n : (SizeT)nbuf - 1;
}

/*--- Registration -------------------------------------------------------------------------*/

void MAC_(register_error_handlers)(void)
{
    VG_(needs_skin_errors)();
    SK_(init_eq_SkinError)(mac_eq_error);
    SK_(init_pp_SkinError)(mac_pp_error);
    SK_(init_update_extra)(mac_update_extra);
    SK_(init_recognised_suppression)(mac_recognised_suppression);
    SK_(init_read_extra_suppression_info)(mac_read_extra_suppression_info);
    SK_(init_error_matches_suppression)(mac_error_matches_suppression);
    SK_(init_get_error_name)(mac_get_error_name);
    SK_(init_print_extra_suppression_info)(mac_print_extra_suppression_info);
}
