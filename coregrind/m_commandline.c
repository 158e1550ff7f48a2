/*--------------------------------------------------------------------*/
/*--- The command line: option sources, skin, client.              ---*/
/*---                                                m_commandline.c ---*/
/*--------------------------------------------------------------------*/

/* Gathers the options from the rc files, $VALGRIND_OPTS and argv, finds
   the skin's name among them, loads the skin, and then hands every option
   to the core and the skin in order.  The skin has to be loaded first
   because whether an option is known depends on it. */

#include "pub_core_basics.h"
#include "pub_core_commandline.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_skinload.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef VG_VERSION
#define VG_VERSION "unknown"
#endif

/* Valgrind's default; without a memcheck skin, the one doing its job. */
#define DEFAULT_SKIN "memcheck"
#define FALLBACK_SKIN "addrcheck"

/*--- Option vectors --------------------------------------------------*/

typedef struct {
    HChar **v; /* NULL-terminated once finished */
    Int n;
} ArgVec;

static ArgVec all_options;     /* every source, in processing order */
static ArgVec argv_options;    /* those of argv only */

static void push_arg(ArgVec *vec, HChar *arg)
{
    vec->v = VG_(realloc)("commandline.args", vec->v, (SizeT)(vec->n + 2) * sizeof(HChar *));
    vec->v[vec->n++] = arg;
    vec->v[vec->n] = NULL;
}

/* Adds the white-space separated options of TEXT ('#' to the end of the
   line is a comment).  TEXT is cut up in place and must live for the
   whole run: option values point into it. */
static void add_options_from_text(HChar *text)
{
    HChar *p = text;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            return;
        if (*p == '#') {
            while (*p != '\0' && *p != '\n')
                p++;
            continue;
        }
        HChar *start = p;
        while (*p != '\0' && !isspace((unsigned char)*p))
            p++;
        if (*p != '\0')
            *p++ = '\0';
        push_arg(&all_options, start);
    }
}

/*--- rc files ---------------------------------------------------------*/

/* The contents of the regular file FD (whose status is ST), NUL-terminated,
   or NULL if it cannot be read. */
static HChar *read_whole_file(Int fd, const struct stat *st)
{
    if (!S_ISREG(st->st_mode) || st->st_size < 0 || st->st_size > (1 << 24))
        return NULL;
    SizeT size = (SizeT)st->st_size;
    HChar *buf = VG_(malloc)("commandline.rc", size + 1);
    SizeT got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n <= 0)
            break;
        got += (SizeT)n;
    }
    buf[got] = '\0';
    return buf;
}

/* Adds the options of rc file PATH, if it exists.  If CHECK_OWNER, the
   file is used only if it belongs to the user and is not world-writable
   (so nobody else can plant options in a shared directory).  Returns
   True if the file was found (used or not), with its identity in *ST. */
static Bool add_options_from_rc(const HChar *path, Bool check_owner, struct stat *st)
{
    Int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return False;
    if (fstat(fd, st) != 0) {
        close(fd);
        return False;
    }
    if (check_owner && st->st_uid != getuid()) {
        VG_(message)(Vg_FailMsg, "warning: %s is not owned by you: ignored\n", path);
    } else if (check_owner && (st->st_mode & S_IWOTH)) {
        VG_(message)(Vg_FailMsg, "warning: %s is world-writable: ignored\n", path);
    } else {
        HChar *text = read_whole_file(fd, st);
        if (text != NULL)
            add_options_from_text(text);
    }
    close(fd);
    return True;
}

/* ~/.valgrindrc, $VALGRIND_OPTS, ./.valgrindrc, then argv's options
   (argv's only with --command-line-only=yes there).  Returns the index
   in argv of the program (argc if there is none). */
static Int gather_options(Int argc, HChar **argv)
{
    struct stat home_st, cwd_st;
    Bool have_home_rc = False;

    Bool cl_only = False;
    for (Int i = 1; i < argc && argv[i][0] == '-'; i++)
        (void)VG_(bool_clo)(argv[i], "--command-line-only", &cl_only);
    if (cl_only)
        goto command_line;

    const HChar *home = getenv("HOME");
    if (home != NULL && home[0] != '\0') {
        HChar *path = VG_(malloc)("commandline.rc", strlen(home) + sizeof "/.valgrindrc");
        strcpy(path, home);
        strcat(path, "/.valgrindrc");
        have_home_rc = add_options_from_rc(path, False, &home_st);
        VG_(free)(path);
    }
    const HChar *env = getenv("VALGRIND_OPTS");
    if (env != NULL)
        add_options_from_text(VG_(strdup)("commandline.env", env));

    /* ./.valgrindrc, unless it is ~/.valgrindrc (run from $HOME). */
    if (stat("./.valgrindrc", &cwd_st) == 0 &&
        !(have_home_rc && cwd_st.st_dev == home_st.st_dev && cwd_st.st_ino == home_st.st_ino))
        add_options_from_rc("./.valgrindrc", True, &cwd_st);

command_line:;
    Int i;
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        push_arg(&all_options, argv[i]);
        push_arg(&argv_options, argv[i]);
    }
    return i;
}

/*--- Options handled here ---------------------------------------------*/

/* The skin named by ARG if it is --skin=NAME or --tool=NAME, else NULL. */
static const HChar *skin_selected_by(const HChar *arg)
{
    const HChar *name;
    if (!VG_(str_clo)(arg, "--skin", &name) && !VG_(str_clo)(arg, "--tool", &name))
        return NULL;
    if (name[0] == '\0')
        VG_(fmsg_bad_option)(arg, "the skin's name is missing\n");
    return name;
}

static Bool is_help_option(const HChar *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 ||
           strcmp(arg, "--help-debug") == 0 || strcmp(arg, "--help-dyn-options") == 0;
}

/* If ARG is --SKIN:rest, returns the length of SKIN (and ARG + 3 + that
   length is "rest"); else 0. */
static SizeT skin_prefix_length(const HChar *arg)
{
    if (strncmp(arg, "--", 2) != 0)
        return 0;
    SizeT len = 0;
    while (isalnum((unsigned char)arg[2 + len]) || arg[2 + len] == '_' || arg[2 + len] == '-')
        len++;
    return len > 0 && arg[2 + len] == ':' ? len : 0;
}

static VG_NORETURN void unknown_option(const HChar *arg)
{
    VG_(message)(Vg_FailMsg, "Unknown option: %s\n", arg);
    VG_(message)(Vg_FailMsg, "Use --help for more information or consult the user manual.\n");
    VG_(exit)(1);
}

static void process_option(HChar *arg)
{
    if (skin_selected_by(arg) != NULL || is_help_option(arg) || strcmp(arg, "--version") == 0)
        return;
    const HChar *opt = arg;
    SizeT prefix = skin_prefix_length(arg);
    if (prefix > 0) {
        const HChar *skin = VG_(skin_name)();
        if (strlen(skin) != prefix || strncmp(arg + 2, skin, prefix) != 0)
            return; /* for another skin */
        /* "--" + rest; kept for the whole run, as option values point in. */
        HChar *rewritten = VG_(malloc)("commandline.prefixed", strlen(arg + 3 + prefix) + 3);
        strcpy(rewritten, "--");
        strcat(rewritten, arg + 3 + prefix);
        opt = rewritten;
    }
    if (VG_(process_core_option)(opt))
        return;
    if (VG_(needs).command_line_options && VG_(skin).process_cmd_line_option(opt))
        return;
    unknown_option(arg);
}

/*--- --help and --version ----------------------------------------------*/

static VG_NORETURN void print_usage(Bool debug)
{
    const HChar *name = VG_(details).name;

    VG_(set_log_fd)(1); /* help goes to stdout, as everybody expects */
    VG_(printf)("usage: valgrind [options] prog-and-args\n");
    VG_(print_core_usage)(False);
    VG_(printf)("\n  user options for %s:\n", name);
    if (VG_(needs).command_line_options)
        VG_(skin).print_usage();
    else
        VG_(printf)("    (none)\n");
    if (debug) {
        VG_(print_core_usage)(True);
        VG_(printf)("\n  debugging options for %s:\n", name);
        if (VG_(needs).command_line_options)
            VG_(skin).print_debug_usage();
        else
            VG_(printf)("    (none)\n");
    }
    VG_(printf)("\n  Options are also read from ~/.valgrindrc, $VALGRIND_OPTS and"
                " ./.valgrindrc;\n  everywhere, --SKIN:opt=val is --opt=val for skin"
                " SKIN only.\n");
    VG_(printf)("\n  %s, %s.\n  %s\n", name, VG_(details).description,
                VG_(details).copyright_author);
    if (VG_(details).bug_reports_to != NULL)
        VG_(printf)("  Bug reports to: %s\n", VG_(details).bug_reports_to);
    VG_(printf)("\n");
    VG_(exit)(0);
}

/* Valgrind changes some options while the program runs, through its
   gdbserver or a client request; there is neither here. */
static VG_NORETURN void print_dyn_options(void)
{
    VG_(set_log_fd)(1);
    VG_(printf)("No option can be changed while the program runs: this core has no\n"
                "gdbserver (vgdb \"v.clo ...\") and no VALGRIND_CLO_CHANGE request.\n\n"
                "  dynamically changeable options:\n    (none)\n");
    VG_(exit)(0);
}

static VG_NORETURN void print_version(void)
{
    VG_(set_log_fd)(1);
    VG_(printf)("valgrind-%s\n", VG_VERSION);
    VG_(exit)(0);
}

/*--- The whole command line ---------------------------------------------*/

void VG_(parse_command_line)(Int argc, HChar **argv, HChar ***client_argv_out)
{
    Int prog = gather_options(argc, argv);

    const HChar *skin = NULL;
    Int help = 0; /* 1: --help, 2: --help-debug */
    Bool version = False;
    for (Int i = 0; i < all_options.n; i++) {
        const HChar *arg = all_options.v[i];
        const HChar *selected = skin_selected_by(arg);
        if (selected != NULL)
            skin = selected;
        else if (strcmp(arg, "--help-debug") == 0 && help != 3)
            help = 2;
        else if (strcmp(arg, "--help-dyn-options") == 0)
            help = 3;
        else if (is_help_option(arg) && help == 0)
            help = 1;
        else if (strcmp(arg, "--version") == 0)
            version = True;
    }
    if (version)
        print_version();
    if (help == 0 && prog >= argc) {
        VG_(message)(Vg_FailMsg, "no program specified\n");
        VG_(message)(Vg_FailMsg, "Use --help for more information.\n");
        VG_(exit)(1);
    }

    if (skin == NULL)
        skin = !VG_(skin_exists)(DEFAULT_SKIN) && VG_(skin_exists)(FALLBACK_SKIN) ? FALLBACK_SKIN
                                                                                : DEFAULT_SKIN;
    VG_(load_skin)(skin);
    for (Int i = 0; i < all_options.n; i++)
        process_option(all_options.v[i]);
    if (help == 3)
        print_dyn_options();
    if (help != 0)
        print_usage(help == 2);
    if (VG_(clo_shadow_ratio) != NULL)
        VG_(skin_choose_shadow_ratio)(VG_(clo_shadow_ratio));

    Int n = argc - prog;
    HChar **client_argv = VG_(malloc)("commandline.client", (SizeT)(n + 1) * sizeof(HChar *));
    for (Int i = 0; i < n; i++)
        client_argv[i] = argv[prog + i];
    client_argv[n] = NULL;
    *client_argv_out = client_argv;
}

HChar **VG_(command_line_options)(void)
{
    static HChar *none[1] = {NULL};
    return argv_options.v != NULL ? argv_options.v : none;
}
