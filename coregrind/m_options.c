/*--------------------------------------------------------------------*/
/*--- The core's command-line options.                 m_options.c ---*/
/*--------------------------------------------------------------------*/

/* One table describes every core option: its name, kind, variable, range
   and help line.  VG_(process_core_option) and VG_(print_core_usage) both
   walk it, so adding an option is adding a row (and its variable in
   pub_core_options.h).  Options that do more than set one variable have a
   handler function. */

#include "pub_core_basics.h"
#include "pub_core_options.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*--- The option variables --------------------------------------------*/

Int VG_(clo_verbosity) = 1;
Int VG_(clo_debug_level) = 0;
Bool VG_(clo_trace_children) = False;
const HChar *VG_(clo_trace_children_skip) = NULL;
const HChar *VG_(clo_trace_children_skip_by_arg) = NULL;
Bool VG_(clo_child_silent_after_fork) = False;
Int VG_(clo_log_fd) = 2;
const HChar *VG_(clo_log_fname) = NULL;
const HChar *VG_(clo_log_socket) = NULL;
Int VG_(clo_track_fds) = Vg_TrackFds_No;
const HChar *VG_(clo_shadow_ratio) = NULL;
Int VG_(clo_cache_size_mb) = 128;

Bool VG_(clo_xml) = False;
Int VG_(clo_xml_fd) = -1;
const HChar *VG_(clo_xml_fname) = NULL;
const HChar *VG_(clo_xml_socket) = NULL;
const HChar *VG_(clo_soname_synonym_malloc) = NULL;
Int VG_(clo_n_req_tsyms) = 0;
const HChar **VG_(clo_req_tsyms) = NULL;
const HChar *VG_(clo_xml_user_comment) = NULL;
Bool VG_(clo_demangle) = True;
Int VG_(clo_num_callers) = 12;
Bool VG_(clo_error_limit) = True;
Int VG_(clo_error_exitcode) = 0;
Int VG_(clo_n_suppressions) = 0;
const HChar **VG_(clo_suppressions) = NULL;
Int VG_(clo_gen_suppressions) = Vg_GenSupp_No;
Bool VG_(clo_show_error_list) = False;
Bool VG_(clo_default_suppressions) = True;
Bool VG_(clo_show_below_main) = False;
Bool VG_(clo_time_stamp) = False;
Bool VG_(clo_exit_on_first_error) = False;
const HChar *VG_(clo_error_marker_begin) = NULL;
const HChar *VG_(clo_error_marker_end) = NULL;
Int VG_(clo_merge_recursive_frames) = 0;
Int VG_(clo_n_fullpath_after) = 0;
const HChar **VG_(clo_fullpath_after) = NULL;
Bool VG_(clo_read_inline_info) = True;
Bool VG_(clo_read_var_info) = False;
Bool VG_(clo_keep_debuginfo) = False;

Int VG_(clo_sanity_level) = 1;
Bool VG_(clo_trace_syscalls) = False;
Bool VG_(clo_trace_signals) = False;
Bool VG_(clo_trace_redir) = False;
Bool VG_(clo_trace_all_blocks) = False;
Int VG_(clo_n_trace_blocks) = 0;
Addr *VG_(clo_trace_blocks) = NULL;
Int VG_(clo_max_translations) = -1;
Int VG_(clo_redzone_size) = -1;
Int VG_(clo_alignment) = 16;
Int VG_(clo_freelist_vol) = 20000000;
Int VG_(clo_freelist_big_blocks) = 1000000;
Int VG_(clo_malloc_fill) = -1;
Int VG_(clo_free_fill) = -1;
Int VG_(clo_keep_stacktraces) = Vg_KeepAllocAndFree;
Bool VG_(clo_trace_malloc) = False;
Int VG_(clo_input_fd) = 0;
Bool VG_(clo_stats) = False;
Int VG_(clo_max_threads) = 1024;
Long VG_(clo_main_stacksize) = 0;
const HChar *VG_(clo_extra_debuginfo_path) = NULL;
Bool VG_(clo_allow_mismatched_debuginfo) = False;
Bool VG_(clo_vgdb_error_given) = False;
Bool VG_(clo_run_libc_freeres) = True;
Bool VG_(clo_run_cxx_freeres) = True;
Int VG_(clo_max_stackframe) = 2000000;

/*--- Parsing values (services for skins too) ---------------------------*/

/* The value of ARG if it is NAME=VALUE, else NULL. */
static const HChar *value_of(const HChar *arg, const HChar *name)
{
    SizeT len = strlen(name);
    if (strncmp(arg, name, len) != 0 || arg[len] != '=')
        return NULL;
    return arg + len + 1;
}

/* Decimal or 0x-prefixed hexadecimal, optionally negative, nothing else. */
static Bool parse_long(const HChar *s, Long *out)
{
    const HChar *p = s;
    Bool negative = False;
    if (*p == '-') {
        negative = True;
        p++;
    }
    Int base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (!(base == 16 ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p)))
        return False;
    errno = 0;
    HChar *end;
    unsigned long long v = strtoull(p, &end, base);
    if (*end != '\0' || errno == ERANGE)
        return False;
    if (negative ? v > (unsigned long long)LLONG_MAX + 1 : v > (unsigned long long)LLONG_MAX)
        return False;
    *out = negative ? (Long)(0 - v) : (Long)v;
    return True;
}

Bool VG_(bool_clo)(const HChar *arg, const HChar *name, Bool *out)
{
    const HChar *val = value_of(arg, name);
    if (val == NULL)
        return False;
    if (strcmp(val, "yes") == 0)
        *out = True;
    else if (strcmp(val, "no") == 0)
        *out = False;
    else
        VG_(fmsg_bad_option)(arg, "'%s' is not a boolean: use 'yes' or 'no'\n", val);
    return True;
}

Bool VG_(int_clo)(const HChar *arg, const HChar *name, Long *out)
{
    const HChar *val = value_of(arg, name);
    if (val == NULL)
        return False;
    if (!parse_long(val, out))
        VG_(fmsg_bad_option)(arg, "'%s' is not an integer\n", val);
    return True;
}

Bool VG_(str_clo)(const HChar *arg, const HChar *name, const HChar **out)
{
    const HChar *val = value_of(arg, name);
    if (val == NULL)
        return False;
    *out = val;
    return True;
}

VG_NORETURN void VG_(fmsg_bad_option)(const HChar *opt, const HChar *fmt, ...)
{
    va_list ap;
    VG_(message)(Vg_FailMsg, "Bad option: %s\n", opt);
    va_start(ap, fmt);
    VG_(vmessage)(Vg_FailMsg, fmt, ap);
    va_end(ap);
    VG_(message)(Vg_FailMsg, "Use --help for more information or consult the user manual.\n");
    VG_(exit)(1);
}

Int VG_(verbosity)(void)
{
    return VG_(clo_verbosity);
}

Bool VG_(parse_ratio)(const HChar *s, Double *out)
{
    const HChar *slash = strchr(s, '/');
    HChar *end;
    if (*s == '\0' || isspace((unsigned char)*s))
        return False;
    Double num = strtod(s, &end);
    if (end == s || end != (slash != NULL ? slash : s + strlen(s)))
        return False;
    Double den = 1.0;
    if (slash != NULL) {
        const HChar *d = slash + 1;
        if (*d == '\0' || isspace((unsigned char)*d))
            return False;
        den = strtod(d, &end);
        if (end == d || *end != '\0' || !(den > 0.0))
            return False;
    }
    Double ratio = num / den;
    if (!isfinite(ratio) || ratio < 0.0 || ratio > 64.0)
        return False;
    *out = ratio;
    return True;
}

/*--- Options with handlers ------------------------------------------*/

static Bool opt_quiet(const HChar *arg)
{
    if (strcmp(arg, "-q") != 0 && strcmp(arg, "--quiet") != 0)
        return False;
    VG_(clo_verbosity) = 0;
    return True;
}

static Bool opt_verbose(const HChar *arg)
{
    if (strcmp(arg, "-v") != 0 && strcmp(arg, "--verbose") != 0)
        return False;
    VG_(clo_verbosity)++;
    return True;
}

static Bool opt_debug(const HChar *arg)
{
    if (strcmp(arg, "-d") != 0)
        return False;
    VG_(clo_debug_level)++;
    return True;
}

static Bool opt_show_error_list(const HChar *arg)
{
    if (strcmp(arg, "-s") == 0) {
        VG_(clo_show_error_list) = True;
        return True;
    }
    return VG_(bool_clo)(arg, "--show-error-list", &VG_(clo_show_error_list));
}

/* A file descriptor option: a number >= 0. */
static Bool fd_clo(const HChar *arg, const HChar *name, Int *out)
{
    Long fd;
    if (!VG_(int_clo)(arg, name, &fd))
        return False;
    if (fd < 0 || fd > INT_MAX)
        VG_(fmsg_bad_option)(arg, "'%s' must be a file descriptor (>= 0)\n", name);
    *out = (Int)fd;
    return True;
}

/* A file name, socket address or pattern option: not empty. */
static Bool nonempty_clo(const HChar *arg, const HChar *name, const HChar **out)
{
    if (!VG_(str_clo)(arg, name, out))
        return False;
    if (**out == '\0')
        VG_(fmsg_bad_option)(arg, "'%s' needs a value after the '='\n", name);
    return True;
}

static Bool opt_log_fd(const HChar *arg)
{
    if (!fd_clo(arg, "--log-fd", &VG_(clo_log_fd)))
        return False;
    VG_(clo_log_fname) = NULL;
    VG_(clo_log_socket) = NULL;
    return True;
}

static Bool opt_log_file(const HChar *arg)
{
    if (!nonempty_clo(arg, "--log-file", &VG_(clo_log_fname)))
        return False;
    VG_(clo_log_fd) = 2;
    VG_(clo_log_socket) = NULL;
    return True;
}

static Bool opt_log_socket(const HChar *arg)
{
    if (!nonempty_clo(arg, "--log-socket", &VG_(clo_log_socket)))
        return False;
    VG_(clo_log_fd) = 2;
    VG_(clo_log_fname) = NULL;
    return True;
}

static Bool opt_xml_fd(const HChar *arg)
{
    if (!fd_clo(arg, "--xml-fd", &VG_(clo_xml_fd)))
        return False;
    VG_(clo_xml_fname) = NULL;
    VG_(clo_xml_socket) = NULL;
    return True;
}

static Bool opt_xml_file(const HChar *arg)
{
    if (!nonempty_clo(arg, "--xml-file", &VG_(clo_xml_fname)))
        return False;
    VG_(clo_xml_fd) = -1;
    VG_(clo_xml_socket) = NULL;
    return True;
}

static Bool opt_xml_socket(const HChar *arg)
{
    if (!nonempty_clo(arg, "--xml-socket", &VG_(clo_xml_socket)))
        return False;
    VG_(clo_xml_fd) = -1;
    VG_(clo_xml_fname) = NULL;
    return True;
}

/* Appends VAL to the list *LIST of *N strings (a repeatable option). */
static void append_value(const HChar ***list, Int *n, const HChar *val)
{
    *list = VG_(realloc)("options.list", *list, (SizeT)(*n + 1) * sizeof(HChar *));
    (*list)[*n] = val;
    (*n)++;
}

static Bool opt_suppressions(const HChar *arg)
{
    const HChar *file;
    if (!nonempty_clo(arg, "--suppressions", &file))
        return False;
    append_value(&VG_(clo_suppressions), &VG_(clo_n_suppressions), file);
    return True;
}

/* --error-markers=BEGIN,END: either may be empty (then not printed); the
   strings are copied, as the value is split at the first comma. */
static Bool opt_error_markers(const HChar *arg)
{
    const HChar *val;
    if (!VG_(str_clo)(arg, "--error-markers", &val))
        return False;
    const HChar *comma = strchr(val, ',');
    SizeT begin_len = comma != NULL ? (SizeT)(comma - val) : strlen(val);
    HChar *begin = VG_(malloc)("options.markers", begin_len + 1);
    memcpy(begin, val, begin_len);
    begin[begin_len] = '\0';
    VG_(clo_error_marker_begin) = begin_len > 0 ? begin : NULL;
    VG_(clo_error_marker_end) = comma != NULL && comma[1] != '\0' ? comma + 1 : NULL;
    return True;
}

/* --fullpath-after=STR (repeatable; STR may be empty). */
static Bool opt_fullpath_after(const HChar *arg)
{
    const HChar *val;
    if (!VG_(str_clo)(arg, "--fullpath-after", &val))
        return False;
    append_value(&VG_(clo_fullpath_after), &VG_(clo_n_fullpath_after), val);
    return True;
}

static Bool opt_shadow_ratio(const HChar *arg)
{
    const HChar *val;
    Double ratio;
    if (!VG_(str_clo)(arg, "--shadow-ratio", &val))
        return False;
    if (!VG_(parse_ratio)(val, &ratio))
        VG_(fmsg_bad_option)(arg, "'%s' is not a shadow ratio (such as 1/8, 0.125, 1, 9/8)\n",
                             val);
    VG_(clo_shadow_ratio) = val;
    return True;
}

static Bool opt_alignment(const HChar *arg)
{
    Long v;
    if (!VG_(int_clo)(arg, "--alignment", &v))
        return False;
    if (v < 16 || v > 4096 || (v & (v - 1)) != 0)
        VG_(fmsg_bad_option)(arg, "'--alignment' must be a power of two between 16 and 4096\n");
    VG_(clo_alignment) = (Int)v;
    return True;
}

static Bool opt_main_stacksize(const HChar *arg)
{
    Long v;
    if (!VG_(int_clo)(arg, "--main-stacksize", &v))
        return False;
    if (v < (1L << 16) || v > (1L << 30))
        VG_(fmsg_bad_option)(arg, "'--main-stacksize' must be between 65536 and 1073741824\n");
    VG_(clo_main_stacksize) = v;
    return True;
}

static Bool opt_extra_debuginfo_path(const HChar *arg)
{
    if (!nonempty_clo(arg, "--extra-debuginfo-path", &VG_(clo_extra_debuginfo_path)))
        return False;
    if (VG_(clo_extra_debuginfo_path)[0] != '/')
        VG_(fmsg_bad_option)(arg, "'--extra-debuginfo-path' must be an absolute path\n");
    return True;
}

/* --vgdb-error=N with N below Valgrind's default asks for gdbserver to
   stop the run after N errors: there is none here, which m_main says. */
static Bool opt_vgdb_error(const HChar *arg)
{
    Long v;
    if (!VG_(int_clo)(arg, "--vgdb-error", &v))
        return False;
    if (v < 0)
        VG_(fmsg_bad_option)(arg, "'--vgdb-error' must be >= 0\n");
    VG_(clo_vgdb_error_given) = v < 999999999;
    return True;
}

/* --malloc-fill=, --free-fill=: a byte, in hex with or without 0x. */
/* m_commandline reads it before the rc files; here it is only checked. */
static Bool opt_command_line_only(const HChar *arg)
{
    Bool b;
    return VG_(bool_clo)(arg, "--command-line-only", &b);
}

/* --require-text-symbol=:SONAME-PATTERN:FN-PATTERN (any character in
   place of ':'), repeatable. */
static Bool opt_require_text_symbol(const HChar *arg)
{
    const HChar *val;
    if (!VG_(str_clo)(arg, "--require-text-symbol", &val))
        return False;
    HChar sep = val[0];
    const HChar *mid = sep != '\0' ? strchr(val + 1, sep) : NULL;
    if (mid == NULL || mid == val + 1 || mid[1] == '\0' || strchr(mid + 1, sep) != NULL)
        VG_(fmsg_bad_option)(arg, "Invalid --require-text-symbol= specification.\n");
    append_value(&VG_(clo_req_tsyms), &VG_(clo_n_req_tsyms), val);
    return True;
}

/* --soname-synonyms=somalloc=PATTERN: the only synonym there is. */
static Bool opt_soname_synonyms(const HChar *arg)
{
    const HChar *val;
    if (!VG_(str_clo)(arg, "--soname-synonyms", &val))
        return False;
    HChar *copy = VG_(strdup)("options.synonyms", val);
    for (HChar *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
        HChar *eq = strchr(tok, '=');
        if (eq == NULL || eq[1] == '\0')
            VG_(fmsg_bad_option)(arg, "'%s' is not SYNONYM=PATTERN\n", tok);
        *eq = '\0';
        if (strcmp(tok, "somalloc") != 0)
            VG_(fmsg_bad_option)(arg, "unknown synonym '%s': the only one is somalloc\n", tok);
        VG_(clo_soname_synonym_malloc) = eq + 1;
    }
    return True;
}

static Bool opt_fill(const HChar *arg)
{
    const HChar *val;
    Int *var;
    if (VG_(str_clo)(arg, "--malloc-fill", &val))
        var = &VG_(clo_malloc_fill);
    else if (VG_(str_clo)(arg, "--free-fill", &val))
        var = &VG_(clo_free_fill);
    else
        return False;
    const HChar *digits = strncmp(val, "0x", 2) == 0 || strncmp(val, "0X", 2) == 0 ? val + 2 : val;
    char *end;
    unsigned long v = strtoul(digits, &end, 16);
    if (*digits == '\0' || *end != '\0' || *digits == '-' || *digits == '+')
        VG_(fmsg_bad_option)(arg, "Invalid integer value '%s'\n", val);
    if (v > 0xFF)
        VG_(fmsg_bad_option)(arg, "'%.*s' argument must be between 0 and 255\n",
                             (int)(strchr(arg, '=') - arg), arg);
    *var = (Int)v;
    return True;
}

static Bool opt_trace_block(const HChar *arg)
{
    const HChar *val;
    Long addr;
    if (!VG_(str_clo)(arg, "--trace-block", &val))
        return False;
    if (strcmp(val, "all") == 0) {
        VG_(clo_trace_all_blocks) = True;
        return True;
    }
    if (!parse_long(val, &addr) || addr < 0)
        VG_(fmsg_bad_option)(arg, "'%s' is neither an address (such as 0x401000) nor 'all'\n",
                             val);
    Int n = VG_(clo_n_trace_blocks);
    VG_(clo_trace_blocks) = VG_(realloc)("options.trace_block", VG_(clo_trace_blocks),
                                         (SizeT)(n + 1) * sizeof(Addr));
    VG_(clo_trace_blocks)[n] = (Addr)addr;
    VG_(clo_n_trace_blocks) = n + 1;
    return True;
}

Bool VG_(clo_should_trace_block)(Addr guest_addr)
{
    if (VG_(clo_trace_all_blocks))
        return True;
    for (Int i = 0; i < VG_(clo_n_trace_blocks); i++) {
        if (VG_(clo_trace_blocks)[i] == guest_addr)
            return True;
    }
    return False;
}

/*--- The table ---------------------------------------------------------*/

typedef enum {
    CLO_DOC,  /* handled by m_commandline: listed by --help only */
    CLO_BOOL, /* NAME=yes|no into a Bool */
    CLO_INT,  /* NAME=N into an Int, within [min, max] */
    CLO_STR,  /* NAME=STR into a const HChar * */
    CLO_ENUM, /* NAME=CHOICE into an Int: the index of CHOICE in choices */
    CLO_FN,    /* anything else: the handler decides */
    CLO_COMPAT /* Valgrind's, accepted with no effect: NAME=VALUE checked by choices */
} CloKind;

typedef enum {
    SEC_SKIN,
    SEC_BASIC,
    SEC_ERRORS,
    SEC_MALLOC,
    SEC_DEBUG,
    SEC_COMPAT,
    SEC_DEBUG_COMPAT,
    N_SECTIONS
} CloSection;

static const HChar *const section_title[N_SECTIONS] = {
    [SEC_SKIN] = "skin selection, with the default in [ ]:",
    [SEC_BASIC] = "basic user options for all skins, with defaults in [ ]:",
    [SEC_ERRORS] = "user options for skins that report errors:",
    [SEC_MALLOC] = "user options for skins that replace malloc:",
    [SEC_DEBUG] = "debugging options for all skins:",
    [SEC_COMPAT] = "Valgrind's options accepted (their value checked) with no effect here:",
    [SEC_DEBUG_COMPAT] = "Valgrind's debugging options accepted with no effect here:",
};

typedef struct {
    CloSection section;
    CloKind kind;
    const HChar *name;                /* "--num-callers"; NULL for CLO_DOC/FN */
    void *var;                        /* Bool *, Int *, const HChar ** */
    Int min, max;                     /* CLO_INT */
    const HChar *choices;             /* CLO_ENUM, CLO_COMPAT: "no|yes|all";
                                         CLO_COMPAT: "#" a number, NULL anything */
    Bool (*handle)(const HChar *arg); /* CLO_FN: True if ARG was its option */
    const HChar *usage;               /* the left column; NULL: NAME=no|yes */
    const HChar *help;                /* the right column; "\n" starts a line */
} CoreOption;

#define OPT_DOC(sec, usage, help) {sec, CLO_DOC, NULL, NULL, 0, 0, NULL, NULL, usage, help}
#define OPT_BOOL(sec, name, var, help)                                                     \
    {sec, CLO_BOOL, name, &VG_(clo_##var), 0, 0, NULL, NULL, NULL, help}
#define OPT_INT(sec, name, var, lo, hi, usage, help)                                       \
    {sec, CLO_INT, name, &VG_(clo_##var), lo, hi, NULL, NULL, usage, help}
#define OPT_STR(sec, name, var, usage, help)                                               \
    {sec, CLO_STR, name, &VG_(clo_##var), 0, 0, NULL, NULL, usage, help}
#define OPT_ENUM(sec, name, var, choices, usage, help)                                     \
    {sec, CLO_ENUM, name, &VG_(clo_##var), 0, 0, choices, NULL, usage, help}
#define OPT_FN(sec, fn, usage, help) {sec, CLO_FN, NULL, NULL, 0, 0, NULL, fn, usage, help}
#define OPT_COMPAT(name, choices, usage, help)                                             \
    {SEC_COMPAT, CLO_COMPAT, name, NULL, 0, 0, choices, NULL, usage, help}
#define OPT_COMPAT_DBG(name, choices, help)                                                \
    {SEC_DEBUG_COMPAT, CLO_COMPAT, name, NULL, 0, 0, choices, NULL, NULL, help}

static const CoreOption core_options[] = {
    OPT_DOC(SEC_SKIN, "--skin=<name>",
            "use the skin named <name> (--tool= is the same)\n[memcheck; addrcheck when there is no memcheck]"),

    OPT_DOC(SEC_BASIC, "-h --help", "show this message"),
    OPT_DOC(SEC_BASIC, "--help-debug", "show this message, plus debugging options"),
    OPT_DOC(SEC_BASIC, "--help-dyn-options", "show the dynamically changeable options"),
    OPT_DOC(SEC_BASIC, "--version", "show the version"),
    OPT_FN(SEC_BASIC, opt_quiet, "-q --quiet", "run silently; print only error messages"),
    OPT_FN(SEC_BASIC, opt_verbose, "-v --verbose", "say more (repeat for even more)"),
    OPT_BOOL(SEC_BASIC, "--trace-children", trace_children,
             "follow execve into child programs? [no]"),
    OPT_STR(SEC_BASIC, "--trace-children-skip", trace_children_skip,
            "--trace-children-skip=patt1,patt2,...",
            "programs (patterns with * and ?) that\n--trace-children=yes does not follow"),
    OPT_STR(SEC_BASIC, "--trace-children-skip-by-arg", trace_children_skip_by_arg,
            "--trace-children-skip-by-arg=patt1,...",
            "the same, matched against each argument of\nthe program (argv[0] too)"),
    OPT_BOOL(SEC_BASIC, "--child-silent-after-fork", child_silent_after_fork,
             "no output from a child between fork and exec? [no]"),
    OPT_FN(SEC_BASIC, opt_log_fd, "--log-fd=<number>", "log to file descriptor [2=stderr]"),
    OPT_FN(SEC_BASIC, opt_log_file, "--log-file=<file>",
           "log to <file> (%p: the pid, %q{VAR}: $VAR)"),
    OPT_FN(SEC_BASIC, opt_log_socket, "--log-socket=ipaddr:port",
           "log to the socket ipaddr:port"),
    OPT_ENUM(SEC_BASIC, "--track-fds", track_fds, "no|yes|all", "--track-fds=no|yes|all",
             "track open file descriptors? [no]\nall includes reporting stdin, stdout and stderr"),
    OPT_INT(SEC_BASIC, "--input-fd", input_fd, 0, INT_MAX, "--input-fd=<number>",
            "file descriptor for input [0=stdin]"),
    OPT_FN(SEC_BASIC, opt_main_stacksize, "--main-stacksize=<number>",
           "size of the main thread's stack in bytes\n[use current 'ulimit' value]"),
    OPT_INT(SEC_BASIC, "--max-threads", max_threads, 2, 100000, "--max-threads=<number>",
            "most threads at once; beyond, clone fails\nwith EAGAIN [1024]"),
    OPT_FN(SEC_BASIC, opt_shadow_ratio, "--shadow-ratio=<ratio>",
           "shadow:client memory ratio, one the skin\nsupports (1/8, 0.125, 1, 9/8)"
           " [the skin's]"),
    OPT_INT(SEC_BASIC, "--cache-size", cache_size_mb, 1, 1024, "--cache-size=<MB>",
            "size of the translation cache in MB [128]"),

    OPT_BOOL(SEC_ERRORS, "--xml", xml, "emit errors as XML (protocol 4)? [no]"),
    OPT_FN(SEC_ERRORS, opt_xml_fd, "--xml-fd=<number>", "XML to file descriptor <number>"),
    OPT_FN(SEC_ERRORS, opt_xml_file, "--xml-file=<file>", "XML to <file>"),
    OPT_FN(SEC_ERRORS, opt_xml_socket, "--xml-socket=ipaddr:port", "XML to socket ipaddr:port"),
    OPT_STR(SEC_ERRORS, "--xml-user-comment", xml_user_comment, "--xml-user-comment=STR",
            "copy STR verbatim into the XML output"),
    OPT_BOOL(SEC_ERRORS, "--demangle", demangle, "demangle C++ and Rust names? [yes]"),
    OPT_INT(SEC_ERRORS, "--num-callers", num_callers, 1, 500, "--num-callers=<number>",
            "show <number> callers in stack traces [12]"),
    OPT_BOOL(SEC_ERRORS, "--error-limit", error_limit,
             "stop showing new errors if there are too many? [yes]"),
    OPT_INT(SEC_ERRORS, "--error-exitcode", error_exitcode, 0, 255,
            "--error-exitcode=<number>", "exit status if errors were found [0=disable]"),
    OPT_FN(SEC_ERRORS, opt_suppressions, "--suppressions=<filename>",
           "suppress the errors <filename> describes\n(repeatable)"),
    OPT_ENUM(SEC_ERRORS, "--gen-suppressions", gen_suppressions, "no|yes|all",
             "--gen-suppressions=no|yes|all", "print suppressions for errors? [no]"),
    OPT_FN(SEC_ERRORS, opt_show_error_list, "-s --show-error-list=no|yes",
           "show the errors and the suppressions used\nat exit? [no]"),
    OPT_BOOL(SEC_ERRORS, "--default-suppressions", default_suppressions,
             "read the default suppressions file? [yes]"),
    OPT_BOOL(SEC_ERRORS, "--show-below-main", show_below_main,
             "continue stack traces below main()? [no]"),
    OPT_BOOL(SEC_ERRORS, "--time-stamp", time_stamp,
             "add the elapsed time to ==PID== lines? [no]"),
    OPT_BOOL(SEC_ERRORS, "--exit-on-first-error", exit_on_first_error,
             "exit at the first error found? [no]\n(needs --error-exitcode)"),
    OPT_FN(SEC_ERRORS, opt_error_markers, "--error-markers=<begin>,<end>",
           "print the line <begin> before and <end> after\neach error [none]"),
    OPT_INT(SEC_ERRORS, "--merge-recursive-frames", merge_recursive_frames, 0, 500,
            "--merge-recursive-frames=<number>",
            "merge recursive cycles of up to <number>\nframes in stack traces into one [0]"),
    OPT_FN(SEC_ERRORS, opt_fullpath_after, "--fullpath-after=<string>",
           "show a source file's path after <string>\n(empty: the full path;"
           " repeatable) [file name only]"),
    OPT_BOOL(SEC_ERRORS, "--read-inline-info", read_inline_info,
             "show inlined calls as frames of their own? [yes]"),
    OPT_BOOL(SEC_ERRORS, "--read-var-info", read_var_info,
             "accepted; variable info is not read [no]"),
    OPT_BOOL(SEC_ERRORS, "--keep-debuginfo", keep_debuginfo,
             "accepted; debug info of unloaded code is\nnot kept [no]"),

    OPT_FN(SEC_ERRORS, opt_extra_debuginfo_path, "--extra-debuginfo-path=path",
           "also look for separate debug files under\npath, as under /usr/lib/debug"),
    OPT_BOOL(SEC_ERRORS, "--allow-mismatched-debuginfo", allow_mismatched_debuginfo,
             "use separate debug files whose build-id or\nCRC differs from the object's? [no]"),

    OPT_FN(SEC_MALLOC, opt_alignment, "--alignment=<number>",
           "the least alignment of heap blocks\n(a power of two, 16..4096) [16]"),
    OPT_INT(SEC_MALLOC, "--redzone-size", redzone_size, 0, 4096, "--redzone-size=<number>",
            "bytes of redzone around heap blocks [the skin's, 16]"),
    OPT_INT(SEC_MALLOC, "--freelist-vol", freelist_vol, 0, INT_MAX, "--freelist-vol=<number>",
            "bytes of freed blocks kept unusable, to catch\nuses after free [20000000]"),
    OPT_BOOL(SEC_MALLOC, "--trace-malloc", trace_malloc, "show every heap call? [no]"),
    OPT_BOOL(SEC_MALLOC, "--run-libc-freeres", run_libc_freeres,
             "free glibc's own heap blocks at exit? [yes]"),
    OPT_BOOL(SEC_MALLOC, "--run-cxx-freeres", run_cxx_freeres,
             "free libstdc++'s own heap blocks at exit? [yes]"),
    OPT_FN(SEC_BASIC, opt_require_text_symbol, "--require-text-symbol=:sonamepattern:symbolpattern",
           "stop the run if an object whose soname\nmatches has no text symbol matching"),
    OPT_FN(SEC_MALLOC, opt_soname_synonyms, "--soname-synonyms=somalloc=pattern",
           "replace the allocator functions in the\nobjects whose soname matches pattern (NONE:\n"
           "the executable) [all but ld.so]"),
    OPT_INT(SEC_MALLOC, "--freelist-big-blocks", freelist_big_blocks, 0, INT_MAX,
            "--freelist-big-blocks=<number>",
            "leave the quarantine first: blocks with size >= [1000000]"),
    OPT_FN(SEC_MALLOC, opt_fill, "--malloc-fill=<hexnumber>", "fill malloc'd areas with given value"),
    OPT_FN(SEC_MALLOC, opt_fill, "--free-fill=<hexnumber>", "fill free'd areas with given value"),
    OPT_ENUM(SEC_MALLOC, "--keep-stacktraces", keep_stacktraces,
             "alloc|free|alloc-and-free|alloc-then-free|none",
             "--keep-stacktraces=alloc|free|alloc-and-free|alloc-then-free|none",
             "stack trace(s) to keep for malloc'd/free'd\nareas [alloc-and-free]"),
    OPT_INT(SEC_BASIC, "--max-stackframe", max_stackframe, 0, INT_MAX, "--max-stackframe=<number>",
            "a stack pointer change bigger than this is\na switch to another stack [2000000]"),

    OPT_FN(SEC_DEBUG, opt_debug, "-d", "show debugging output (repeat for more)"),
    OPT_INT(SEC_DEBUG, "--sanity-level", sanity_level, 0, 4, "--sanity-level=<number>",
            "how much self-checking to do, 0..4 [1]"),
    OPT_BOOL(SEC_DEBUG, "--trace-syscalls", trace_syscalls, "show every system call? [no]"),
    OPT_BOOL(SEC_DEBUG, "--trace-signals", trace_signals, "show signal handling? [no]"),
    OPT_BOOL(SEC_DEBUG, "--trace-redir", trace_redir, "show function redirections? [no]"),
    OPT_FN(SEC_DEBUG, opt_trace_block, "--trace-block=<addr>|all",
           "dump the guest code, UCode and emitted code\nof the block at <addr>"
           " (repeatable), or of all"),
    OPT_INT(SEC_DEBUG, "--max-translations", max_translations, 0, INT_MAX,
            "--max-translations=<number>",
            "translate only <number> blocks, then run the\nrest natively (to bisect"
            " translation bugs) [no limit]"),
    OPT_BOOL(SEC_DEBUG, "--stats", stats, "show translation statistics at exit (as -v -v)? [no]"),

    OPT_COMPAT("--vgdb", "no|yes|full", NULL, "there is no gdbserver in this core"),
    OPT_FN(SEC_COMPAT, opt_vgdb_error, "--vgdb-error=<number>", "no gdbserver: below 999999999, a warning"),
    OPT_COMPAT("--vgdb-stop-at", NULL, "--vgdb-stop-at=event1,...", "no gdbserver"),
    OPT_COMPAT("--vgdb-poll", "#", "--vgdb-poll=<number>", "no gdbserver"),
    OPT_COMPAT("--vgdb-shadow-registers", "no|yes", NULL, "no gdbserver"),
    OPT_COMPAT("--vgdb-prefix", NULL, "--vgdb-prefix=<prefix>", "no gdbserver"),
    OPT_COMPAT("--smc-check", "none|stack|all|all-non-file", "--smc-check=none|stack|all|...",
               "stores into pages holding translated code\nare always detected"),
    OPT_COMPAT("--fair-sched", "no|yes|try", NULL,
               "the big lock always hands off in turn\nat syscalls and every few blocks"),
    OPT_COMPAT("--num-transtab-sectors", "#", "--num-transtab-sectors=<n>",
               "the code cache's size is --cache-size"),
    OPT_COMPAT("--avg-transtab-entry-size", "#", "--avg-transtab-entry-size=<n>",
               "the code cache's size is --cache-size"),
    OPT_COMPAT("--valgrind-stacksize", "#", "--valgrind-stacksize=<n>",
               "the core runs on the guest thread's stack"),
    OPT_COMPAT("--aspace-minaddr", NULL, "--aspace-minaddr=0xPP", "the client region is fixed"),
    OPT_COMPAT("--sim-hints", NULL, "--sim-hints=hint1,...", "none of Valgrind's hints apply"),
    OPT_COMPAT("--kernel-variant", NULL, "--kernel-variant=v1,...", "none of Valgrind's variants apply"),
    OPT_COMPAT("--show-emwarns", "no|yes", NULL, "instructions run as they are: nothing\nis emulated"),
    OPT_COMPAT("--sigill-diagnostics", "no|yes", NULL,
               "no effect"),
    OPT_COMPAT("--unw-stack-scan-thresh", "#", "--unw-stack-scan-thresh=<n>", "no stack scanning"),
    OPT_COMPAT("--unw-stack-scan-frames", "#", "--unw-stack-scan-frames=<n>", "no stack scanning"),
    OPT_COMPAT("--resync-filter", "no|yes|verbose", NULL, "Mac OS X only"),
    OPT_COMPAT("--dsymutil", "no|yes", NULL, "Mac OS X only"),
    OPT_COMPAT("--xtree-memory", "none", "--xtree-memory=none", "no xtrees: only 'none'"),
    OPT_COMPAT("--xtree-memory-file", NULL, "--xtree-memory-file=<file>", "no xtrees"),
    OPT_COMPAT("--debuginfo-server", NULL, "--debuginfo-server=ip:port",
               "debug information is read from local\nfiles only"),
    OPT_COMPAT("--core-redzone-size", "#", "--core-redzone-size=<n>",
               "the core's allocator has no redzones"),
    OPT_COMPAT("--profile-heap", "no|yes", NULL, "not implemented"),
    OPT_COMPAT("--progress-interval", "#", "--progress-interval=<n>", "not implemented"),
    OPT_COMPAT("--vex-*", NULL, "--vex-...=<value>", "there is no VEX: every --vex- option"),

    OPT_FN(SEC_DEBUG, opt_command_line_only, "--command-line-only=no|yes",
           "only the command line's options: no rc file,\nno $VALGRIND_OPTS [no]"),
    OPT_COMPAT_DBG("--trace-flags", NULL, "VEX's: see --trace-block"),
    OPT_COMPAT_DBG("--trace-notbelow", "#", "VEX's: see --trace-block"),
    OPT_COMPAT_DBG("--trace-notabove", "#", "VEX's: see --trace-block"),
    OPT_COMPAT_DBG("--profile-flags", NULL, "VEX's"),
    OPT_COMPAT_DBG("--profile-interval", "#", "VEX's"),
    OPT_COMPAT_DBG("--px-default", NULL, "VEX's precise exceptions: every guest\nregister is exact at a fault here"),
    OPT_COMPAT_DBG("--px-file-backed", NULL, "the same"),
    OPT_COMPAT_DBG("--trace-cfi", "no|yes", "not implemented"),
    OPT_COMPAT_DBG("--trace-symtab", "no|yes", "not implemented"),
    OPT_COMPAT_DBG("--trace-symtab-patt", NULL, "not implemented"),
    OPT_COMPAT_DBG("--trace-sched", "no|yes", "not implemented"),
    OPT_COMPAT_DBG("--debug-dump", NULL, "not implemented"),
    OPT_COMPAT_DBG("--dump-error", "#", "not implemented"),
    OPT_COMPAT_DBG("--sym-offsets", "no|yes", "not implemented"),
    OPT_COMPAT_DBG("--wait-for-gdb", "no|yes", "not implemented"),
    OPT_COMPAT_DBG("--xtree-compress-strings", "no|yes", "no xtrees"),
};

/*--- Processing -------------------------------------------------------*/

static Bool process_int_option(const CoreOption *o, const HChar *arg)
{
    Long v;
    if (!VG_(int_clo)(arg, o->name, &v))
        return False;
    if (v < o->min || v > o->max)
        VG_(fmsg_bad_option)(arg, "'%s' must be between %d and %d\n", o->name, o->min, o->max);
    *(Int *)o->var = (Int)v;
    return True;
}

/* The index of VAL among CHOICES ("a|b|c"), or -1. */
static Int choice_index(const HChar *choices, const HChar *val)
{
    const HChar *c = choices;
    for (Int index = 0;; index++) {
        SizeT len = strcspn(c, "|");
        if (strlen(val) == len && strncmp(val, c, len) == 0)
            return index;
        if (c[len] == '\0')
            return -1;
        c += len + 1;
    }
}

static Bool process_enum_option(const CoreOption *o, const HChar *arg)
{
    const HChar *val;
    if (!VG_(str_clo)(arg, o->name, &val))
        return False;
    Int index = choice_index(o->choices, val);
    if (index < 0)
        VG_(fmsg_bad_option)(arg, "'%s' is not one of %s\n", val, o->choices);
    *(Int *)o->var = index;
    return True;
}

/* An option of Valgrind's with no effect here: its value is checked all
   the same, so a typo is not silently taken.  A name ending in '*' is a
   prefix (--vex-*). */
static Bool process_compat_option(const CoreOption *o, const HChar *arg)
{
    SizeT n = strlen(o->name);
    const HChar *val;
    if (o->name[n - 1] == '*')
        return strncmp(arg, o->name, n - 1) == 0 && strchr(arg, '=') != NULL;
    if (!VG_(str_clo)(arg, o->name, &val))
        return False;
    if (o->choices == NULL)
        return True;
    Long num;
    if (strcmp(o->choices, "#") == 0) {
        if (!parse_long(val, &num) || num < 0)
            VG_(fmsg_bad_option)(arg, "'%s' is not a number >= 0\n", val);
        return True;
    }
    if (choice_index(o->choices, val) < 0)
        VG_(fmsg_bad_option)(arg, "'%s' is not one of %s\n", val, o->choices);
    return True;
}

Bool VG_(process_core_option)(const HChar *arg)
{
    for (SizeT i = 0; i < VG_N_ELEMS(core_options); i++) {
        const CoreOption *o = &core_options[i];
        switch (o->kind) {
        case CLO_DOC:
            break;
        case CLO_BOOL:
            if (VG_(bool_clo)(arg, o->name, (Bool *)o->var))
                return True;
            break;
        case CLO_INT:
            if (process_int_option(o, arg))
                return True;
            break;
        case CLO_STR:
            if (VG_(str_clo)(arg, o->name, (const HChar **)o->var))
                return True;
            break;
        case CLO_ENUM:
            if (process_enum_option(o, arg))
                return True;
            break;
        case CLO_FN:
            if (o->handle(arg))
                return True;
            break;
        case CLO_COMPAT:
            if (process_compat_option(o, arg))
                return True;
            break;
        }
    }
    return False;
}

/*--- Usage ------------------------------------------------------------*/

#define USAGE_COLUMN 30 /* where the help text starts */

static void print_option_usage(const CoreOption *o)
{
    HChar left[128];
    if (o->usage != NULL)
        snprintf(left, sizeof left, "%s", o->usage);
    else if (o->kind == CLO_COMPAT)
        snprintf(left, sizeof left, "%s=%s", o->name,
                 o->choices == NULL                ? "..."
                 : strcmp(o->choices, "#") == 0 ? "<number>"
                                                   : o->choices);
    else
        snprintf(left, sizeof left, "%s=no|yes", o->name);

    /* "    LEFT  HELP", the help on the next line when LEFT is too wide;
       every "\n" in the help starts a line at the help column. */
    Int width = USAGE_COLUMN - 4;
    const HChar *help = o->help;
    if ((Int)strlen(left) < width)
        VG_(printf)("    %-*s", width, left);
    else
        VG_(printf)("    %s\n%*s", left, USAGE_COLUMN, "");
    for (;;) {
        SizeT len = strcspn(help, "\n");
        VG_(printf)("%.*s\n", (int)len, help);
        if (help[len] == '\0')
            break;
        help += len + 1;
        VG_(printf)("%*s", USAGE_COLUMN, "");
    }
}

void VG_(print_core_usage)(Bool debug)
{
    for (Int sec = 0; sec < N_SECTIONS; sec++) {
        if ((sec == SEC_DEBUG || sec == SEC_DEBUG_COMPAT) != debug)
            continue;
        VG_(printf)("\n  %s\n", section_title[sec]);
        for (SizeT i = 0; i < VG_N_ELEMS(core_options); i++) {
            if (core_options[i].section == (CloSection)sec)
                print_option_usage(&core_options[i]);
        }
    }
}
