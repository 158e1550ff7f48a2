/*--------------------------------------------------------------------*/
/*--- Reporter: a test skin that reports errors on request.        ---*/
/*---                                                    rp_main.c ---*/
/*--------------------------------------------------------------------*/

/* Only for the tests of the core's error manager: it instruments
   nothing, and records an error whenever the client asks with one of the
   requests of ../reporter.h, so a test chooses where errors happen and
   from which stacks.  Its errors imitate Memcheck's (in text and XML) so
   that the reports look like the real thing.  Built by tests/Makefile.inc
   into .in_place/ only; never installed. */

#include "vg_skin.h"
#include "../reporter.h"

#include <string.h>

typedef enum {
    RP_Read = 1,
    RP_Write,
    RP_Param,
    RP_Leak
} RpErrorKind;

/* The extra information of an error.  SIZE comes from the request; NTH
   is filled in by update_extra when the error is first recorded. */
typedef struct {
    SizeT size;
    UInt nth;
} RpExtra;

static UInt rp_n_reported;
static UInt n_leaks;

/*--- Errors ---------------------------------------------------------------------*/

static Bool rp_eq_error(VgRes res, const SkinError *e1, const SkinError *e2)
{
    const RpExtra *x1 = VG_(get_error_extra)(e1), *x2 = VG_(get_error_extra)(e2);
    switch (VG_(get_error_kind)(e1)) {
    case RP_Read:
    case RP_Write:
        return x1->size == x2->size;
    case RP_Param:
        return strcmp(VG_(get_error_string)(e1), VG_(get_error_string)(e2)) == 0;
    default:
        return True;
    }
}

static const HChar *xml_kind(ErrorKind k)
{
    switch (k) {
    case RP_Read: return "InvalidRead";
    case RP_Write: return "InvalidWrite";
    case RP_Param: return "SyscallParam";
    default: return "Leak_DefinitelyLost";
    }
}

static void rp_pp_error(const SkinError *e)
{
    const RpExtra *x = VG_(get_error_extra)(e);
    ErrorKind k = VG_(get_error_kind)(e);
    Addr a = VG_(get_error_address)(e);
    HChar what[256];
    switch (k) {
    case RP_Read:
    case RP_Write:
        VG_(snprintf)(what, sizeof what, "Invalid %s of size %lu",
                      k == RP_Read ? "read" : "write", (unsigned long)x->size);
        break;
    case RP_Param:
        VG_(snprintf)(what, sizeof what, "Syscall param %s points to unaddressable byte(s)",
                      VG_(get_error_string)(e));
        break;
    default:
        VG_(snprintf)(what, sizeof what,
                      "%lu bytes in 1 blocks are definitely lost in loss record %u of %u",
                      (unsigned long)x->size, x->nth, n_leaks);
        break;
    }
    if (VG_(xml_output)()) {
        VG_(printf_xml_element)(2, "kind", "%s", xml_kind(k));
        if (k == RP_Leak) {
            VG_(printf_xml)("  <xwhat>\n");
            VG_(printf_xml_element)(4, "text", "%s", what);
            VG_(printf_xml)("    <leakedbytes>%lu</leakedbytes>\n", (unsigned long)x->size);
            VG_(printf_xml)("    <leakedblocks>1</leakedblocks>\n  </xwhat>\n");
        } else {
            VG_(printf_xml_element)(2, "what", "%s", what);
        }
        VG_(pp_ExeContext)(VG_(get_error_where)(e));
        if (k != RP_Leak)
            VG_(printf_xml_element)(2, "auxwhat", "Address 0x%lx is reported address "
                                    "number %u", (unsigned long)a, x->nth);
        return;
    }
    VG_(umsg)("%s", what);
    VG_(pp_ExeContext)(VG_(get_error_where)(e));
    if (k != RP_Leak)
        VG_(umsg)(" Address 0x%lx is reported address number %u", (unsigned long)a, x->nth);
}

static UInt rp_update_extra(const SkinError *e)
{
    RpExtra *x = VG_(get_error_extra)(e);
    if (VG_(get_error_kind)(e) != RP_Leak)
        x->nth = ++rp_n_reported;
    return sizeof(RpExtra);
}

static const HChar *const kind_names[] = {NULL, "Read", "Write", "Param", "Leak"};

static Bool rp_recognised_suppression(const HChar *name, Supp *su)
{
    for (SuppKind k = RP_Read; k <= RP_Leak; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            VG_(set_supp_kind)(su, k);
            return True;
        }
    }
    return False;
}

/* Param suppressions have the parameter's name on the line after the
   kind, as Memcheck's do. */
static Bool rp_read_extra_suppression_info(Int fd, HChar **bufpp, SizeT *nbufp, Int *lineno,
                                           Supp *su)
{
    if (VG_(get_supp_kind)(su) != RP_Param)
        return True;
    if (VG_(get_line)(fd, bufpp, nbufp, lineno))
        return False;
    VG_(set_supp_string)(su, *bufpp);
    (*bufpp)[0] = '\0';
    return True;
}

static Bool rp_error_matches_suppression(const SkinError *e, const Supp *su)
{
    if (VG_(get_error_kind)(e) != VG_(get_supp_kind)(su))
        return False;
    if (VG_(get_supp_kind)(su) == RP_Param)
        return strcmp(VG_(get_error_string)(e), VG_(get_supp_string)(su)) == 0;
    return True;
}

static const HChar *rp_get_error_name(const SkinError *e)
{
    ErrorKind k = VG_(get_error_kind)(e);
    return k >= RP_Read && k <= RP_Leak ? kind_names[k] : NULL;
}

static SizeT rp_print_extra_suppression_info(const SkinError *e, HChar *buf, Int nbuf)
{
    if (VG_(get_error_kind)(e) != RP_Param || nbuf <= 0)
        return 0;
    Int n = VG_(snprintf)(buf, (SizeT)nbuf, "%s", VG_(get_error_string)(e));
    return n < nbuf ? (SizeT)n : (SizeT)nbuf - 1;
}

/*--- Leaks, reported at exit ------------------------------------------------------*/

typedef struct {
    ThreadId tid;
    Addr addr;
    SizeT bytes;
    UWord flags;
    ExeContext *where;
} RpLeak;

static RpLeak *leaks;

static void rp_remember_leak(ThreadId tid, Addr a, SizeT bytes, UWord flags)
{
    leaks = VG_(realloc)("rp.leaks", leaks, (n_leaks + 1) * sizeof *leaks);
    leaks[n_leaks++] = (RpLeak){tid, a, bytes, flags, VG_(record_ExeContext)(tid, 0)};
}

static void rp_report_leaks(void)
{
    for (UInt i = 0; i < n_leaks; i++) {
        RpExtra x = {leaks[i].bytes, i + 1};
        VG_(unique_error)(leaks[i].tid, RP_Leak, leaks[i].addr, NULL, &x, leaks[i].where,
                          !(leaks[i].flags & RP_NO_PRINT), !(leaks[i].flags & RP_NO_COUNT));
    }
}

/*--- Client requests -----------------------------------------------------------------*/

static Bool rp_handle_client_request(ThreadId tid, UWord *args, UWord *ret)
{
    if (!VG_IS_TOOL_USERREQ('R', 'P', args[0]))
        return False;
    RpExtra x = {args[2], 0};
    switch (args[0]) {
    case RP_USERREQ__READ:
        VG_(maybe_record_error)(tid, RP_Read, args[1], NULL, &x);
        break;
    case RP_USERREQ__WRITE:
        VG_(maybe_record_error)(tid, RP_Write, args[1], NULL, &x);
        break;
    case RP_USERREQ__PARAM:
        x.size = 0;
        VG_(maybe_record_error)(tid, RP_Param, args[1], (const HChar *)args[2], &x);
        break;
    case RP_USERREQ__LEAK:
        rp_remember_leak(tid, args[1], args[2], args[3]);
        break;
    default:
        return False;
    }
    *ret = 0;
    return True;
}

/*--- Start and end --------------------------------------------------------------------*/

static UCodeBlock *rp_instrument(UCodeBlock *cb, Addr guest_addr)
{
    return cb;
}

static void rp_fini(Int exitcode)
{
    rp_report_leaks();
}

static void rp_pre_clo_init(void)
{
    VG_(details_name)("Reporter");
    VG_(details_description)("reports errors when the client asks (a test skin)");
    VG_(details_copyright_author)("Copyright (C) 2026, the vgcore authors.");
    SK_(init_instrument)(rp_instrument);
    SK_(init_fini)(rp_fini);

    VG_(needs_client_requests)();
    SK_(init_handle_client_request)(rp_handle_client_request);

    VG_(needs_skin_errors)();
    SK_(init_eq_SkinError)(rp_eq_error);
    SK_(init_pp_SkinError)(rp_pp_error);
    SK_(init_update_extra)(rp_update_extra);
    SK_(init_recognised_suppression)(rp_recognised_suppression);
    SK_(init_read_extra_suppression_info)(rp_read_extra_suppression_info);
    SK_(init_error_matches_suppression)(rp_error_matches_suppression);
    SK_(init_get_error_name)(rp_get_error_name);
    SK_(init_print_extra_suppression_info)(rp_print_extra_suppression_info);
}

VG_DETERMINE_INTERFACE_VERSION(rp_pre_clo_init, 0);
