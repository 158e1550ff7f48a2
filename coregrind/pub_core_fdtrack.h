/*--------------------------------------------------------------------*/
/*--- The client's open file descriptors (--track-fds).            ---*/
/*---                                           pub_core_fdtrack.h ---*/
/*--------------------------------------------------------------------*/

/* With --track-fds=yes|all the core remembers every descriptor the
   client holds: the ones it inherited at start-up and the ones its
   system calls opened (m_syswrap says which), with where they were
   opened.  At exit the ones still open are listed as Valgrind 3.19 lists
   them.  With --track-fds=no every function here does nothing.

   Called with the big lock held (or before the client runs). */

#ifndef PUB_CORE_FDTRACK_H
#define PUB_CORE_FDTRACK_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

/* Records the descriptors open now as inherited from the parent.  Call
   once, before the core opens descriptors of its own (the log). */
void VG_(fd_record_inherited)(void);

/* Thread TID's system call just opened FD.  NAMED: the path it refers
   to is looked up now (/proc/self/fd; only a path starting with '/' is
   kept), as for open or dup; otherwise the descriptor has no name (pipes,
   sockets, eventfd...).  An FD already recorded is updated where it is:
   new name, new place of opening. */
void VG_(fd_record_open)(ThreadId tid, Int fd, Bool named);

/* FD was closed: forgotten.  Nothing if it was not recorded. */
void VG_(fd_record_close)(Int fd);

/* Every descriptor in [LO, HI] was closed (close_range). */
void VG_(fd_record_close_range)(UInt lo, UInt hi);

/* Prints "FILE DESCRIPTORS: N open (M std) at exit." and, newest first,
   each open descriptor (stdin, stdout and stderr only with
   --track-fds=all) with the stack of its opening, to the text log. */
void VG_(fd_show_open)(void);

#endif /* PUB_CORE_FDTRACK_H */
