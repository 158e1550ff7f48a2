/*--------------------------------------------------------------------*/
/*--- Client requests: Valgrind's x86-64 ABI.           m_clientreq.c ---*/
/*--------------------------------------------------------------------*/

/* The client's magic sequence ends its block with an XK_CLIENTREQ exit:
   %rax points at six words (the request number and five arguments), the
   default result is in %rdx, and the answer goes back in %rdx.  Requests
   the core does not know go to the skin (if it has the client_requests
   need), else leave the default in place, so that requests for other
   tools are harmless. */

#include "pub_core_basics.h"
#include "pub_core_clientreq.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_errormgr.h"
#include "pub_core_libcprint.h"
#include "pub_core_replacemalloc.h"
#include "pub_core_scheduler.h"
#include "pub_core_tooliface.h"
#include "pub_core_transtab.h"
#include "pub_core_xml.h"
#include "valgrind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/*--- Stacks the client registers ------------------------------------------------------*/

typedef struct {
    UWord id;
    Addr lo, hi;
} ClientStack;

static ClientStack *stacks;
static UInt n_stacks, cap_stacks;
static UWord next_stack_id = 1;

static UWord stack_register(Addr a, Addr b)
{
    if (n_stacks == cap_stacks) {
        cap_stacks = cap_stacks ? 2 * cap_stacks : 16;
        stacks = VG_(realloc)("clientreq.stacks", stacks, cap_stacks * sizeof *stacks);
    }
    ClientStack *s = &stacks[n_stacks++];
    s->id = next_stack_id++;
    s->lo = a < b ? a : b;
    s->hi = a < b ? b : a;
    return s->id;
}

static ClientStack *stack_find(UWord id)
{
    for (UInt i = 0; i < n_stacks; i++)
        if (stacks[i].id == id)
            return &stacks[i];
    return NULL;
}

Bool VG_(client_stack_of)(Addr sp, Addr *lo, Addr *hi)
{
    for (UInt i = 0; i < n_stacks; i++) {
        if (sp >= stacks[i].lo && sp < stacks[i].hi) {
            *lo = stacks[i].lo;
            *hi = stacks[i].hi;
            return True;
        }
    }
    return False;
}

/*--- PRINTF ------------------------------------------------------------------------------*/

/* The client's format and va_list are used as they are: same ABI, same
   address space.  A bad pointer among the arguments faults in the core,
   as it would fault in the client's own printf. */
/* The client's formatted text (freed with free()) and its length in *n;
   NULL if the format is not readable or formatting fails. */
static HChar *format_client(const HChar *fmt, va_list *ap, int *n)
{
    if (fmt == NULL || !VG_(am_is_valid_for_client)((Addr)fmt, 1, PROT_READ))
        return NULL;
    HChar *buf = NULL;
    *n = vasprintf(&buf, fmt, *ap);
    return *n < 0 ? NULL : buf;
}

static UWord client_printf(const HChar *fmt, va_list *ap)
{
    int n;
    HChar *buf = format_client(fmt, ap, &n);
    if (buf == NULL)
        return 0;
    /* Like Valgrind, a line is printed once it is complete. */
    static HChar *pending;
    static SizeT pending_len;
    pending = VG_(realloc)("clientreq.printf", pending, pending_len + (SizeT)n + 1);
    memcpy(pending + pending_len, buf, (SizeT)n + 1);
    pending_len += (SizeT)n;
    free(buf);
    HChar *nl;
    while ((nl = memchr(pending, '\n', pending_len)) != NULL) {
        *nl = 0;
        VG_(message)(Vg_ClientMsg, "%s", pending);
        SizeT rest = pending_len - (SizeT)(nl + 1 - pending);
        memmove(pending, nl + 1, rest + 1);
        pending_len = rest;
    }
    return (UWord)n;
}

/* With --xml=yes each request is one <clientmsg>, lines and all. */
static UWord client_printf_xml(ThreadId tid, const HChar *fmt, va_list *ap, Bool backtrace)
{
    int n;
    HChar *buf = format_client(fmt, ap, &n);
    if (buf == NULL)
        return 0;
    VG_(client_message)(tid, buf, backtrace);
    free(buf);
    return (UWord)n;
}

/*--- The dispatcher ------------------------------------------------------------------------*/

void VG_(handle_client_request)(ThreadState *ts)
{
    UWord *args = (UWord *)ts->gpr[R_RAX];
    UWord def = ts->gpr[R_RDX];
    if (!VG_(am_is_valid_for_client)((Addr)args, 6 * sizeof(UWord), PROT_READ))
        return; /* not a real request: leave the default */
    UWord ret = def;
    switch (args[0]) {
    case VG_USERREQ__RUNNING_ON_VALGRIND:
        ret = 1;
        break;
    case VG_USERREQ__DISCARD_TRANSLATIONS:
        VG_(discard_translations)(args[1], args[2], "client request");
        ret = 0;
        break;
    case VG_USERREQ__CLIENT_CALL0:
        ret = ((UWord(*)(ThreadId))args[1])(ts->tid);
        break;
    case VG_USERREQ__CLIENT_CALL1:
        ret = ((UWord(*)(ThreadId, UWord))args[1])(ts->tid, args[2]);
        break;
    case VG_USERREQ__CLIENT_CALL2:
        ret = ((UWord(*)(ThreadId, UWord, UWord))args[1])(ts->tid, args[2], args[3]);
        break;
    case VG_USERREQ__CLIENT_CALL3:
        ret = ((UWord(*)(ThreadId, UWord, UWord, UWord))args[1])(ts->tid, args[2], args[3],
                                                                 args[4]);
        break;
    case VG_USERREQ__COUNT_ERRORS:
        ret = VG_(count_errors)();
        break;
    case VG_USERREQ__PRINTF:
    case VG_USERREQ__PRINTF_VALIST_BY_REF:
    case VG_USERREQ__PRINTF_BACKTRACE:
    case VG_USERREQ__PRINTF_BACKTRACE_VALIST_BY_REF: {
        /* On x86-64 a va_list passed "by value" is a pointer to it too. */
        Bool backtrace = args[0] == VG_USERREQ__PRINTF_BACKTRACE ||
                         args[0] == VG_USERREQ__PRINTF_BACKTRACE_VALIST_BY_REF;
        if (VG_(xml_output)()) {
            ret = client_printf_xml(ts->tid, (const HChar *)args[1], (va_list *)args[2],
                                    backtrace);
            break;
        }
        ret = client_printf((const HChar *)args[1], (va_list *)args[2]);
        if (backtrace)
            VG_(client_message)(ts->tid, NULL, True);
        break;
    }
    case VG_USERREQ__STACK_REGISTER:
        ret = stack_register(args[1], args[2]);
        break;
    case VG_USERREQ__STACK_DEREGISTER: {
        ClientStack *s = stack_find(args[1]);
        if (s != NULL)
            *s = stacks[--n_stacks];
        ret = 0;
        break;
    }
    case VG_USERREQ__STACK_CHANGE: {
        ClientStack *s = stack_find(args[1]);
        if (s != NULL) {
            s->lo = args[2] < args[3] ? args[2] : args[3];
            s->hi = args[2] < args[3] ? args[3] : args[2];
        }
        ret = 0;
        break;
    }
    case VG_USERREQ__CHANGE_ERR_DISABLEMENT:
        VG_(change_err_disablement)(ts->tid, (Word)args[1]);
        ret = 0;
        break;
    case VG_USERREQ__FREERES_DONE:
        VG_(freeres_done)(ts);
        break;
    case VG_USERREQ__GDB_MONITOR_COMMAND:
        ret = 0;
        break;
    default:
        if (VG_(heap_client_request)(ts, args, &ret))
            break;
        if (VG_(needs).client_requests && VG_(skin).handle_client_request) {
            UWord r = def;
            if (VG_(skin).handle_client_request(ts->tid, args, &r))
                ret = r;
        }
        break;
    }
    ts->gpr[R_RDX] = ret;
}
