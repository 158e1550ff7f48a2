/*--------------------------------------------------------------------*/
/*--- The error manager.                              m_errormgr.c ---*/
/*--------------------------------------------------------------------*/

/* Skins with the skin_errors need record errors here.  The manager owns
   what every error-reporting skin would otherwise redo: merging repeats
   of an error into one report with a count, suppressions, the limits
   that keep a broken program from flooding the log, the summary at exit,
   --gen-suppressions, --error-exitcode and the XML form of it all.

   Errors are stored in order of first occurrence and found again through
   a hash of their kind and top two frames (equal errors agree on both at
   every resolution used), so a repeat costs its stack trace, a hash and a
   comparison or two. */

#include "pub_core_basics.h"
#include "pub_core_errormgr.h"
#include "pub_core_clientreq.h"
#include "pub_core_execontext.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_stacktrace.h"
#include "pub_core_suppressions.h"
#include "pub_core_xml.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* Valgrind's limits: past these many different errors shown (or errors
   found in all) nothing more is recorded, unless --error-limit=no; past
   the first, errors are compared at low resolution. */
#define MAX_ERRORS_SHOWN 1000
#define MAX_ERRORS_FOUND 10000000
#define SLOW_DOWN_AFTER 100

struct SkinError {
    SkinError *next;      /* all errors, in order of first occurrence */
    SkinError *hash_next; /* the same hash bucket */
    Supp *supp;           /* the suppression that matched, or NULL */
    UInt unique;          /* <unique> in the XML */
    UInt count;           /* occurrences */
    ThreadId tid;
    ErrorKind ekind;
    Addr addr;
    const HChar *string;
    void *extra;
    ExeContext *where;
};

static SkinError *errors, *errors_tail;
static SkinError **buckets;
static UInt n_buckets;
static UInt n_stored;

static UInt n_errs_found;      /* occurrences not suppressed */
static UInt n_err_contexts;    /* different errors not suppressed */
static UInt n_errs_suppressed; /* occurrences suppressed */
static UInt n_supp_contexts;   /* different errors suppressed */
static UInt n_errs_shown;      /* different errors printed */
static UInt next_unique;

static Bool stopped_recording; /* a limit was reached */
static Bool slowed_down;

/* Per thread: > 0 while the client disabled error reporting. */
static UInt *disablement;
static UInt n_disablement;

Bool VG_(skin_reports_errors)(void)
{
    return VG_(needs).skin_errors || VG_(needs).core_errors;
}

UInt VG_(get_n_errs_found)(void)
{
    return n_errs_found;
}

UInt VG_(get_n_errs_shown)(void)
{
    return n_errs_shown;
}

UInt VG_(count_errors)(void)
{
    return n_errs_found;
}

/*--- Accessors for skins ------------------------------------------------------*/

ErrorKind VG_(get_error_kind)(const SkinError *e)
{
    return e->ekind;
}

Addr VG_(get_error_address)(const SkinError *e)
{
    return e->addr;
}

const HChar *VG_(get_error_string)(const SkinError *e)
{
    return e->string;
}

void *VG_(get_error_extra)(const SkinError *e)
{
    return e->extra;
}

ExeContext *VG_(get_error_where)(const SkinError *e)
{
    return e->where;
}

ThreadId VG_(get_error_tid)(const SkinError *e)
{
    return e->tid;
}

/*--- Disabling ---------------------------------------------------------------------*/

void VG_(change_err_disablement)(ThreadId tid, Word delta)
{
    if (tid >= n_disablement) {
        UInt n = tid + 16;
        disablement = VG_(realloc)("errormgr.disable", disablement, n * sizeof *disablement);
        memset(disablement + n_disablement, 0, (n - n_disablement) * sizeof *disablement);
        n_disablement = n;
    }
    if (delta > 0 && disablement[tid] < 0xFFFFFFFFu)
        disablement[tid]++;
    else if (delta < 0 && disablement[tid] > 0)
        disablement[tid]--;
}

static Bool reporting_disabled(ThreadId tid)
{
    return tid < n_disablement && disablement[tid] > 0;
}

/*--- Printing an error -------------------------------------------------------------*/

/* Asks on the terminal whether to print a suppression for the error just
   shown (--gen-suppressions=yes).  'C' stops asking for the rest of the
   run; so does the end of standard input. */
static Bool ask_for_suppression(void)
{
    for (;;) {
        VG_(umsg)("%s", "");
        VG_(printf)("==%d== ---- Print suppression ? --- [Return/N/n/Y/y/C/c] ---- ",
                    (int)getpid());
        HChar answer = '\0', c;
        Int n_chars = 0;
        for (;;) {
            ssize_t r = read(VG_(clo_input_fd), &c, 1);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                VG_(clo_gen_suppressions) = Vg_GenSupp_No;
                return False;
            }
            if (c == '\n')
                break;
            if (n_chars++ == 0)
                answer = c;
        }
        if (n_chars > 1)
            answer = '?';
        switch (answer) {
        case '\0':
        case 'n':
        case 'N':
            return False;
        case 'y':
        case 'Y':
            return True;
        case 'c':
        case 'C':
            VG_(clo_gen_suppressions) = Vg_GenSupp_No;
            return False;
        default:
            break; /* ask again */
        }
    }
}

/* The thread the last error printed was in: a "Thread N:" line precedes
   an error from another one (Valgrind's; the first thread needs none). */
static ThreadId last_tid_printed = 1;

/* E's thread's prctl(PR_SET_NAME) name, or NULL. */
static const HChar *thread_name(const SkinError *e)
{
    ThreadState *ts = VG_(threadstate_of)(e->tid);
    return ts != NULL && ts->name[0] != 0 ? ts->name : NULL;
}

/* Prints E: through the skin's pp, then the empty "==PID== " line, or its
   <error> element.  With --gen-suppressions its suppression follows. */
static void pp_error(const SkinError *e, Bool allow_questions)
{
    const HChar *name = thread_name(e);
    if (VG_(xml_output)()) {
        VG_(printf_xml)("<error>\n  <unique>0x%x</unique>\n  <tid>%u</tid>\n", e->unique,
                        e->tid);
        if (name != NULL)
            VG_(printf_xml_element)(2, "threadname", "%s", name);
        VG_(skin).pp_SkinError(e);
        if (VG_(clo_gen_suppressions) == Vg_GenSupp_All)
            VG_(print_suppression_for)(e);
        VG_(printf_xml)("</error>\n\n");
        return;
    }
    if (VG_(clo_error_marker_begin) != NULL)
        VG_(umsg)("%s", VG_(clo_error_marker_begin));
    if (e->tid > 0 && e->tid != last_tid_printed) {
        if (name != NULL)
            VG_(umsg)("Thread %u %s:", e->tid, name);
        else
            VG_(umsg)("Thread %u:", e->tid);
        last_tid_printed = e->tid;
    }
    VG_(skin).pp_SkinError(e);
    VG_(umsg)("%s", "");
    if (VG_(clo_error_marker_end) != NULL)
        VG_(umsg)("%s", VG_(clo_error_marker_end));
    if (VG_(clo_gen_suppressions) == Vg_GenSupp_All ||
        (allow_questions && VG_(clo_gen_suppressions) == Vg_GenSupp_Yes &&
         ask_for_suppression()))
        VG_(print_suppression_for)(e);
}

/* --exit-on-first-error=yes: the error just shown ends the run, at once:
   no skin fini, no summary (as Valgrind). */
static void maybe_exit_on_error(void)
{
    if (!VG_(clo_exit_on_first_error))
        return;
    VG_(umsg)("%s", "");
    VG_(umsg)("Exit program on first error (--exit-on-first-error=yes)");
    _exit(VG_(clo_error_exitcode));
}

/*--- Recording ----------------------------------------------------------------------*/

static UWord error_hash(const SkinError *e)
{
    const Addr *ips = VG_(get_ExeContext_StackTrace)(e->where);
    UInt n = VG_(get_ExeContext_n_ips)(e->where);
    UWord h = (UWord)(UInt)e->ekind * 0x9E3779B97F4A7C15UL;
    for (UInt i = 0; i < n && i < 2; i++)
        h = (h ^ ips[i]) * 0xFF51AFD7ED558CCDUL;
    return h ^ (h >> 31);
}

static void grow_buckets(void)
{
    UInt new_n = n_buckets ? 2 * n_buckets : 256;
    SkinError **nb = VG_(calloc)("errormgr.hash", new_n, sizeof *nb);
    for (SkinError *e = errors; e != NULL; e = e->next) {
        UWord h = error_hash(e) & (new_n - 1);
        e->hash_next = nb[h];
        nb[h] = e;
    }
    VG_(free)(buckets);
    buckets = nb;
    n_buckets = new_n;
}

static Bool eq_error(VgRes res, const SkinError *e1, const SkinError *e2)
{
    return e1->ekind == e2->ekind && VG_(eq_ExeContext)(res, e1->where, e2->where) &&
           (!VG_(needs).skin_errors || VG_(skin).eq_SkinError(res, e1, e2));
}

/* The once-only notices of the limits. */
static Bool limits_reached(void)
{
    if (stopped_recording)
        return True;
    if (!VG_(clo_error_limit))
        return False;
    if (n_errs_shown >= MAX_ERRORS_SHOWN || n_errs_found >= MAX_ERRORS_FOUND) {
        stopped_recording = True;
        if (VG_(xml_output)())
            return True;
        VG_(umsg)("%s", "");
        if (n_errs_shown >= MAX_ERRORS_SHOWN)
            VG_(umsg)("%u different errors have been shown: no more will be reported.",
                      MAX_ERRORS_SHOWN);
        else
            VG_(umsg)("%u errors have been found: no more will be reported.",
                      MAX_ERRORS_FOUND);
        VG_(umsg)("The final error counts will be too low: fix the errors shown first.");
        VG_(umsg)("Rerun with --error-limit=no to report every error; from here on,");
        VG_(umsg)("errors may happen in your program without any report of them.");
        VG_(umsg)("%s", "");
        return True;
    }
    return False;
}

/* The resolution errors are compared at: lower once many were shown. */
static VgRes error_resolution(void)
{
    if (n_errs_shown < SLOW_DOWN_AFTER || VG_(xml_output)())
        return Vg_MedRes;
    if (!slowed_down) {
        slowed_down = True;
        VG_(umsg)("%s", "");
        VG_(umsg)("%u different errors have been shown: from here on, errors are "
                  "merged", SLOW_DOWN_AFTER);
        VG_(umsg)("when their top two frames agree (instead of four).");
        VG_(umsg)("%s", "");
    }
    return Vg_LowRes;
}

static SkinError *find_error(const SkinError *tmp, VgRes res)
{
    if (n_buckets == 0)
        return NULL;
    for (SkinError *e = buckets[error_hash(tmp) & (n_buckets - 1)]; e; e = e->hash_next) {
        if (eq_error(res, e, tmp))
            return e;
    }
    return NULL;
}

/* Stores a copy of TMP: its string, and SIZE bytes of its extra. */
static SkinError *store_error(const SkinError *tmp, UInt extra_size)
{
    SkinError *e = VG_(malloc)("errormgr.error", sizeof *e);
    *e = *tmp;
    e->string = tmp->string ? VG_(strdup)("errormgr.string", tmp->string) : NULL;
    if (tmp->extra != NULL && extra_size > 0) {
        e->extra = VG_(malloc)("errormgr.extra", extra_size);
        memcpy(e->extra, tmp->extra, extra_size);
    } else if (extra_size == 0) {
        e->extra = NULL;
    }
    if (n_stored >= n_buckets)
        grow_buckets(); /* before E joins the list, which it rehashes */
    e->next = NULL;
    if (errors_tail != NULL)
        errors_tail->next = e;
    else
        errors = e;
    errors_tail = e;
    n_stored++;
    UWord h = error_hash(e) & (n_buckets - 1);
    e->hash_next = buckets[h];
    buckets[h] = e;
    return e;
}

void VG_(maybe_record_error)(ThreadId tid, ErrorKind ekind, Addr a, const HChar *s,
                             void *extra)
{
    vg_assert2(VG_(skin_reports_errors)(),
               "a skin without the skin_errors need recorded an error");
    if (reporting_disabled(tid) || limits_reached())
        return;
    VgRes res = error_resolution();
    SkinError tmp = {NULL, NULL, NULL, 0, 1, tid, ekind, a, s, extra, NULL};
    tmp.where = VG_(record_ExeContext)(tid, 0);

    SkinError *old = find_error(&tmp, res);
    if (old != NULL) {
        old->count++;
        if (old->supp != NULL) {
            n_errs_suppressed++;
            VG_(count_suppression_use)(old->supp);
        } else {
            n_errs_found++;
        }
        return;
    }

    /* A new error: the skin completes its extra information, then it is
       stored (with copies), matched and shown. */
    UInt extra_size = VG_(needs).skin_errors ? VG_(skin).update_extra(&tmp) : 0;
    SkinError *e = store_error(&tmp, extra_size);
    e->supp = VG_(matching_suppression)(e);
    if (e->supp != NULL) {
        n_supp_contexts++;
        n_errs_suppressed++;
        VG_(count_suppression_use)(e->supp);
        return;
    }
    e->unique = next_unique++;
    n_err_contexts++;
    n_errs_found++;
    n_errs_shown++;
    pp_error(e, True);
    maybe_exit_on_error();
}

Bool VG_(unique_error)(ThreadId tid, ErrorKind ekind, Addr a, const HChar *s, void *extra,
                       ExeContext *where, Bool print_error, Bool count_error)
{
    vg_assert2(VG_(skin_reports_errors)(),
               "a skin without the skin_errors need recorded an error");
    SkinError e = {NULL, NULL, NULL, 0, 1, tid, ekind, a, s, extra, where};
    if (e.where == NULL)
        e.where = VG_(record_ExeContext)(tid, 0);
    if (VG_(needs).skin_errors)
        (void)VG_(skin).update_extra(&e);
    e.supp = VG_(matching_suppression)(&e);
    if (e.supp != NULL) {
        if (count_error) {
            n_errs_suppressed++;
            n_supp_contexts++;
        }
        VG_(count_suppression_use)(e.supp);
        return True;
    }
    e.unique = next_unique++;
    if (count_error) {
        n_errs_found++;
        n_err_contexts++;
    }
    if (print_error) {
        n_errs_shown++;
        pp_error(&e, True);
        maybe_exit_on_error();
    }
    return False;
}

/*--- Client messages -----------------------------------------------------------------*/

void VG_(client_message)(ThreadId tid, const HChar *text, Bool backtrace)
{
    Addr ips[VG_MAX_CALLERS];
    UInt n = 0;
    if (backtrace) {
        UInt max = (UInt)VG_(clo_num_callers);
        n = VG_(get_StackTrace)(tid, ips, max < VG_MAX_CALLERS ? max : VG_MAX_CALLERS);
    }
    if (VG_(xml_output)()) {
        VG_(printf_xml)("<clientmsg>\n  <tid>%u</tid>\n", tid);
        VG_(printf_xml_element)(2, "text", "%s", text ? text : "");
        if (n > 0)
            VG_(pp_StackTrace_xml)(ips, n, 2);
        VG_(printf_xml)("</clientmsg>\n\n");
        return;
    }
    if (text != NULL && text[0] != '\0')
        VG_(message)(Vg_ClientMsg, "%s", text);
    if (n > 0)
        VG_(pp_StackTrace)(ips, n);
}

/*--- Start-up and exit ---------------------------------------------------------------*/

void VG_(errormgr_init)(void)
{
    if (!VG_(skin_reports_errors)())
        return;
    if (VG_(clo_xml) && VG_(clo_gen_suppressions) == Vg_GenSupp_Yes)
        VG_(fatal)(1, "--gen-suppressions=yes asks questions, which XML output cannot hold: "
                      "use --gen-suppressions=all with --xml=yes");
    VG_(load_suppressions)();
}

/* -s / -v: the errors shown, fewest occurrences first, each with its
   count. */
static void show_error_list(void)
{
    SkinError **order = VG_(malloc)("errormgr.list", (n_stored + 1) * sizeof *order);
    UInt n = 0;
    for (SkinError *e = errors; e != NULL; e = e->next)
        if (e->supp == NULL)
            order[n++] = e;
    /* A stable insertion sort by count: a few hundred errors at most. */
    for (UInt i = 1; i < n; i++) {
        SkinError *e = order[i];
        UInt j = i;
        while (j > 0 && order[j - 1]->count > e->count) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = e;
    }
    for (UInt i = 0; i < n; i++) {
        VG_(umsg)("%s", "");
        VG_(umsg)("%u errors in context %u of %u:", order[i]->count, i + 1, n_err_contexts);
        pp_error(order[i], False);
    }
    VG_(free)(order);
}

static void print_summary(void)
{
    VG_(umsg)("ERROR SUMMARY: %u errors from %u contexts (suppressed: %u from %u)",
              n_errs_found, n_err_contexts, n_errs_suppressed, n_supp_contexts);
}

void VG_(show_all_errors)(void)
{
    if (!VG_(skin_reports_errors)())
        return;
    if (VG_(xml_output)()) {
        VG_(printf_xml)("<errorcounts>\n");
        for (SkinError *e = errors; e != NULL; e = e->next) {
            if (e->supp != NULL)
                continue;
            VG_(printf_xml)("  <pair>\n    <count>%u</count>\n    <unique>0x%x</unique>\n"
                            "  </pair>\n", e->count, e->unique);
        }
        VG_(printf_xml)("</errorcounts>\n\n");
        (void)VG_(show_used_suppressions)();
        return;
    }
    Bool list = VG_(clo_show_error_list) || VG_(clo_verbosity) > 1;
    if (VG_(clo_verbosity) == 1 && !list)
        VG_(umsg)("For lists of detected and suppressed errors, rerun with: -s");
    if (VG_(clo_verbosity) == 0 && !list)
        return;
    print_summary();
    if (!list)
        return;
    show_error_list();
    if (VG_(show_used_suppressions)())
        VG_(umsg)("%s", "");
    print_summary();
}

Int VG_(errormgr_exit_status)(Int status)
{
    if (VG_(clo_error_exitcode) > 0 && n_errs_found > 0)
        return VG_(clo_error_exitcode);
    return status;
}
