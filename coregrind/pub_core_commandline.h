/*--------------------------------------------------------------------*/
/*--- The command line: option sources, skin, client.              ---*/
/*---                                         pub_core_commandline.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_COMMANDLINE_H
#define PUB_CORE_COMMANDLINE_H

#include "pub_core_basics.h"

/* Processes the core's command line ARGC/ARGV (ARGV[0] is the core).
   Options come from, in this order (later ones win): ~/.valgrindrc,
   $VALGRIND_OPTS, ./.valgrindrc (ignored, with a warning, unless owned by
   the user and not world-writable), then ARGV up to the first argument
   not starting with '-', which is the program.  In the rc files and
   $VALGRIND_OPTS, options are separated by white space and '#' starts a
   comment; there and on the command line --SKIN:opt=val is --opt=val for
   skin SKIN only.

   --skin=/--tool= (default memcheck) selects the skin, which is loaded
   (VG_(load_skin)) before any other option is looked at.  Every option
   then goes to VG_(process_core_option), else to the skin when it has the
   command_line_options need; an option neither takes stops the run.
   --version, --help, -h and --help-debug print to stdout and exit 0; a
   missing program is an error.  Errors print "valgrind: ..." lines and
   exit with status 1.  Finally a --shadow-ratio= is checked against the
   skin (VG_(skin_choose_shadow_ratio)).

   On return *CLIENT_ARGV_OUT is the client's NULL-terminated argv (the
   program and its arguments; the vector is VG_(malloc)ed, the strings are
   ARGV's).  The skin's post_clo_init has not been called: the caller does
   that once the log is set up. */
void VG_(parse_command_line)(Int argc, HChar **argv, HChar ***client_argv_out);

/* The core's options as given on the command line (not those from the rc
   files or $VALGRIND_OPTS, which a child started with --trace-children
   reads again), NULL-terminated; for re-running the core on execve. */
HChar **VG_(command_line_options)(void);

#endif /* PUB_CORE_COMMANDLINE_H */
