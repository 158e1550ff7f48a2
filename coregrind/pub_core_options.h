/*--------------------------------------------------------------------*/
/*--- The core's command-line options.          pub_core_options.h ---*/
/*--------------------------------------------------------------------*/

/* The option variables are set while the command line is processed
   (m_commandline.c calls VG_(process_core_option) for every option) and
   only read afterwards.  Strings point into the option sources (argv, the
   environment, the rc files), which live for the whole run.  The services
   skins use (VG_(bool_clo), VG_(int_clo), VG_(str_clo),
   VG_(fmsg_bad_option), VG_(verbosity)) are declared in vg_skin.h. */

#ifndef PUB_CORE_OPTIONS_H
#define PUB_CORE_OPTIONS_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

/*--- Basic options ----------------------------------------------------*/

extern Int VG_(clo_verbosity);     /* 0 with -q, 1 by default, +1 per -v */
extern Int VG_(clo_debug_level);   /* one per -d */
extern Bool VG_(clo_trace_children);
extern const HChar *VG_(clo_trace_children_skip); /* "patt1,patt2", or NULL */
extern const HChar *VG_(clo_trace_children_skip_by_arg); /* the same, for argv */
extern Bool VG_(clo_child_silent_after_fork);

/* The log: the last of --log-fd, --log-file, --log-socket wins, and the
   others are reset (log_fd to 2, the names to NULL).  So: a socket if
   log_socket is set, else a file if log_fname is set, else log_fd.  The
   file name is kept as given (%p and %q{VAR} are not expanded here). */
extern Int VG_(clo_log_fd);
extern const HChar *VG_(clo_log_fname);
extern const HChar *VG_(clo_log_socket); /* "ipaddr:port" */

/* --track-fds: the descriptors the client opened are remembered (with
   where they were opened) and the ones still open are listed at exit;
   "all" lists stdin, stdout and stderr too. */
typedef enum {
    Vg_TrackFds_No = 0,
    Vg_TrackFds_Yes = 1,
    Vg_TrackFds_All = 2
} VgTrackFds;
extern Int VG_(clo_track_fds); /* a VgTrackFds */

/* The --shadow-ratio= text, or NULL.  m_commandline checks it against
   the skin (VG_(skin_choose_shadow_ratio)); use VG_(skin_shadow_ratio)()
   for the ratio in force. */
extern const HChar *VG_(clo_shadow_ratio);

extern Int VG_(clo_cache_size_mb); /* code cache size, MB [128] */

/*--- Errors -----------------------------------------------------------*/

/* XML output: like the log, the last of --xml-fd and --xml-file wins;
   xml_fd is -1 when not given. */
extern Bool VG_(clo_xml);
extern Int VG_(clo_xml_fd);
extern const HChar *VG_(clo_xml_fname);
extern const HChar *VG_(clo_xml_socket); /* "ipaddr:port" */
/* --soname-synonyms=somalloc=PATTERN: the sonames the preload's
   "somalloc" replacements apply to (NULL: every object but the dynamic
   linker and those replaced by name already). */
extern const HChar *VG_(clo_soname_synonym_malloc);
/* --require-text-symbol=:SONAME:FN (repeatable; the first character is
   the separator): an object whose soname matches must have a text
   symbol matching FN, or the run stops. */
extern Int VG_(clo_n_req_tsyms);
extern const HChar **VG_(clo_req_tsyms);
extern const HChar *VG_(clo_xml_user_comment);

extern Bool VG_(clo_demangle);      /* [yes] */
extern Int VG_(clo_num_callers);    /* 1..500 [12] */
extern Bool VG_(clo_error_limit);   /* [yes] */
extern Int VG_(clo_error_exitcode); /* 0..255, 0 = off [0] */

/* Every --suppressions=FILE, in the order given. */
extern Int VG_(clo_n_suppressions);
extern const HChar **VG_(clo_suppressions);

typedef enum {
    Vg_GenSupp_No = 0,
    Vg_GenSupp_Yes = 1, /* ask for each error */
    Vg_GenSupp_All = 2  /* print one for every error */
} VgGenSupp;
extern Int VG_(clo_gen_suppressions); /* a VgGenSupp */

/* -s / --show-error-list=yes: list the errors and the suppressions used
   at exit (as -v does). */
extern Bool VG_(clo_show_error_list);

/* --default-suppressions=no: do not read <libdir>/default.supp. */
extern Bool VG_(clo_default_suppressions);

/* --show-below-main=yes: traces go on below main() (and its start-up
   callers keep their names instead of "(below main)"). */
extern Bool VG_(clo_show_below_main);

/* --time-stamp=yes: "==DD:HH:MM:SS.mmm PID== " prefixes, the time elapsed
   since VG_(start_elapsed_clock). */
extern Bool VG_(clo_time_stamp);

/* --exit-on-first-error=yes: the first error shown ends the run with
   --error-exitcode's status (which must then be set). */
extern Bool VG_(clo_exit_on_first_error);

/* --error-markers=BEGIN,END: lines printed before and after each error;
   NULL when not given or empty. */
extern const HChar *VG_(clo_error_marker_begin);
extern const HChar *VG_(clo_error_marker_end);

/* --merge-recursive-frames=N: while a trace is taken, a return address
   equal to one at most N frames before it closes a cycle, whose frames
   are dropped.  0: off [0]. */
extern Int VG_(clo_merge_recursive_frames);

/* Every --fullpath-after=STR, in the order given (STR may be ""). */
extern Int VG_(clo_n_fullpath_after);
extern const HChar **VG_(clo_fullpath_after);

/* --read-inline-info=no: no frames for inlined calls; a frame is the
   function holding the code, at the line of the innermost call. */
extern Bool VG_(clo_read_inline_info);
/* Accepted for Valgrind's sake and otherwise ignored: variable info is
   never read, and debug info of an unmapped object is dropped. */
extern Bool VG_(clo_read_var_info);
extern Bool VG_(clo_keep_debuginfo);

/*--- Debugging ---------------------------------------------------------*/

extern Int VG_(clo_sanity_level); /* 0..4 [1] */
extern Bool VG_(clo_trace_syscalls);
extern Bool VG_(clo_trace_signals);
extern Bool VG_(clo_trace_redir);

/* The client heap (m_replacemalloc). */
extern Int VG_(clo_redzone_size); /* 0..4096; -1: the skin's choice [16] */
extern Int VG_(clo_alignment);    /* power of two, 16..4096 [16] */
extern Int VG_(clo_freelist_vol); /* bytes kept in the quarantine [20000000] */
extern Bool VG_(clo_trace_malloc);
extern Bool VG_(clo_run_libc_freeres); /* [yes] */
extern Bool VG_(clo_run_cxx_freeres);  /* [yes] */
/* Freed blocks of at least this size leave the quarantine first [1000000]. */
extern Int VG_(clo_freelist_big_blocks);
/* The byte new (not calloc'd) and freed heap blocks are filled with; -1:
   left as they are. */
extern Int VG_(clo_malloc_fill);
extern Int VG_(clo_free_fill);
/* --keep-stacktraces: which stacks a heap block keeps (the order of the
   option's choices). */
typedef enum {
    Vg_KeepAlloc,
    Vg_KeepFree,
    Vg_KeepAllocAndFree,
    Vg_KeepAllocThenFree,
    Vg_KeepNone
} VgKeepStacktraces;
extern Int VG_(clo_keep_stacktraces);

/* --max-stackframe: a bigger change of %rsp is a stack switch [2000000]. */
extern Int VG_(clo_max_stackframe);

/* --trace-block=ADDR (repeatable) and --trace-block=all: dump the guest
   code, the instrumented UCode and the emitted code of those blocks. */
extern Bool VG_(clo_trace_all_blocks);
extern Int VG_(clo_n_trace_blocks);
extern Addr *VG_(clo_trace_blocks);

/* Should the translation of the block at GUEST_ADDR be dumped? */
Bool VG_(clo_should_trace_block)(Addr guest_addr);

/* --max-translations=N: translate only the first N blocks and run the rest
   natively, to bisect a translation bug.  -1 (the default): no limit. */
extern Int VG_(clo_max_translations);

/* --input-fd: where --gen-suppressions=yes reads its answers [0]. */
extern Int VG_(clo_input_fd);
/* --stats=yes: the translation statistics at exit, as with -v -v. */
extern Bool VG_(clo_stats);
/* --max-threads: most guest threads at once [1024]. */
extern Int VG_(clo_max_threads);
/* --main-stacksize: bytes of the main thread's stack; 0: RLIMIT_STACK. */
extern Long VG_(clo_main_stacksize);
/* --extra-debuginfo-path: a second root for separate debug files. */
extern const HChar *VG_(clo_extra_debuginfo_path);
/* --allow-mismatched-debuginfo: take debug files whose build-id/CRC differ. */
extern Bool VG_(clo_allow_mismatched_debuginfo);
/* --vgdb-error=N below Valgrind's default was given (there is no gdbserver). */
extern Bool VG_(clo_vgdb_error_given);

/*--- Processing -------------------------------------------------------*/

/* If ARG is one of the core's options, sets its variable and returns
   True; returns False otherwise.  A bad value (or a value out of range)
   stops the run through VG_(fmsg_bad_option).  The options m_commandline
   handles itself (--skin/--tool, --help, --help-debug, --version) are
   listed by VG_(print_core_usage) but not accepted here. */
Bool VG_(process_core_option)(const HChar *arg);

/* Prints, with VG_(printf), the core's user options (DEBUG False) or its
   debugging options (DEBUG True), in the --help layout: a heading line per
   group, then "    OPTION   what it does [default]" lines. */
void VG_(print_core_usage)(Bool debug);

/* Parses a shadow ratio: "1/8", "0.125", "1", "9/8" (A/B or a decimal
   number, >= 0 and at most 64).  Returns False, leaving *OUT alone, if S
   is not one. */
Bool VG_(parse_ratio)(const HChar *s, Double *out);

#endif /* PUB_CORE_OPTIONS_H */
