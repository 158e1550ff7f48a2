/*--------------------------------------------------------------------*/
/*--- The error manager.                          pub_core_errormgr.h ---*/
/*--------------------------------------------------------------------*/

/* Skins record errors through the services of vg_skin.h
   (VG_(maybe_record_error), VG_(unique_error), the accessors); the core
   calls these at start-up, for client requests and at exit. */

#ifndef PUB_CORE_ERRORMGR_H
#define PUB_CORE_ERRORMGR_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

/* Does the skin report errors (needs skin_errors or core_errors)? */
Bool VG_(skin_reports_errors)(void);

/* At start-up, after the skin's post_clo_init and before the client
   runs: checks the error options against each other and reads the
   suppressions files (a bad one stops the run with one line). */
void VG_(errormgr_init)(void);

/* At exit, after the skin's fini: the ERROR SUMMARY (and with -s or -v the
   list of errors and the suppressions used), or with --xml=yes the
   <errorcounts> and <suppcounts> elements. */
void VG_(show_all_errors)(void);

/* The exit status of the run: --error-exitcode's if it is set and errors
   were found, else STATUS. */
Int VG_(errormgr_exit_status)(Int status);

/* CHANGE_ERR_DISABLEMENT: DELTA 1 disables error reporting in thread TID
   (nesting), -1 enables it again. */
void VG_(change_err_disablement)(ThreadId tid, Word delta);

/* A client's VALGRIND_PRINTF text (complete lines) from thread TID, with
   a backtrace of the thread if BACKTRACE: "**PID** " lines and "==PID=="
   frames, or with --xml=yes a <clientmsg> element. */
void VG_(client_message)(ThreadId tid, const HChar *text, Bool backtrace);

#endif /* PUB_CORE_ERRORMGR_H */
