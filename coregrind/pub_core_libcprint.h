/*--------------------------------------------------------------------*/
/*--- Output: the log and its destination.    pub_core_libcprint.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_LIBCPRINT_H
#define PUB_CORE_LIBCPRINT_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h" /* VG_(printf), VG_(message), ... */

/* Where the log goes (default 2). */
void VG_(set_log_fd)(Int fd);
Int VG_(get_log_fd)(void);

/* Opens the log (--log-fd, --log-file, --log-socket) and, with --xml=yes,
   the XML output (--xml-fd, --xml-file).  A file that cannot be created,
   a bad name pattern or --xml=yes without a destination is one
   "valgrind: ..." line and exit 1; a log server that cannot be reached
   leaves the log on stderr with a warning. */
void VG_(open_log_destinations)(void);

/* The XML output's descriptor, or -1 without --xml=yes. */
Int VG_(get_xml_fd)(void);

/* Writes LEN bytes to the XML output (nothing without one). */
void VG_(write_xml)(const HChar *buf, SizeT len);

/* FORMAT (the value of OPTION, for messages) with %p (the pid), %n (a
   sequence number), %q{VAR} ($VAR) and %% expanded, in memory from
   VG_(malloc).  A malformed pattern or an unset variable stops the run
   with one "valgrind: ..." line. */
HChar *VG_(expand_file_name)(const HChar *option, const HChar *format);

/* The formatted text in memory from VG_(malloc) (the caller frees it);
   its length in *LEN. */
HChar *VG_(vformat_alloc)(const HChar *fmt, va_list ap, Int *len);
/* Is fd one of the core's own (the log, the XML output)?  The client may
   not close or replace it. */
Bool VG_(is_core_fd)(Int fd);

/* The same, from arguments. */
HChar *VG_(asprintf)(const HChar *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Starts the clock of --time-stamp=yes: called first thing in main. */
void VG_(start_elapsed_clock)(void);

/* Called once, before aborting, when an assertion fails or the core
   panics: prints the guest state and the current block. */
void VG_(set_assert_context_hook)(void (*hook)(void));

#endif /* PUB_CORE_LIBCPRINT_H */
