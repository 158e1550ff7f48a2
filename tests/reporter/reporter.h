/*--------------------------------------------------------------------*/
/*--- Client requests of the Reporter test skin.         reporter.h ---*/
/*--------------------------------------------------------------------*/

/* Test programs include this to make the Reporter skin record an error
   at a chosen point, with the calling stack:

       RP_READ(addr, size)      "Invalid read of size SIZE"   (Reporter:Read)
       RP_WRITE(addr, size)     "Invalid write of size SIZE"  (Reporter:Write)
       RP_PARAM(addr, "name")   "Syscall param NAME points to unaddressable
                                 byte(s)" (Reporter:Param, NAME on the line
                                 after the kind in suppressions)
       RP_LEAK(addr, bytes, flags)
                                remembers a leak here; reported at exit
                                through VG_(unique_error) (Reporter:Leak);
                                FLAGS: RP_NO_PRINT, RP_NO_COUNT

   Natively (or under another skin) they do nothing. */

#ifndef REPORTER_H
#define REPORTER_H

#include "valgrind.h"

enum {
    RP_USERREQ__READ = VG_USERREQ_TOOL_BASE('R', 'P'),
    RP_USERREQ__WRITE,
    RP_USERREQ__PARAM,
    RP_USERREQ__LEAK
};

#define RP_NO_PRINT 1
#define RP_NO_COUNT 2

#define RP_READ(addr, size)                                                    \
    VALGRIND_DO_CLIENT_REQUEST_STMT(RP_USERREQ__READ, (addr), (size), 0, 0, 0)
#define RP_WRITE(addr, size)                                                   \
    VALGRIND_DO_CLIENT_REQUEST_STMT(RP_USERREQ__WRITE, (addr), (size), 0, 0, 0)
#define RP_PARAM(addr, name)                                                   \
    VALGRIND_DO_CLIENT_REQUEST_STMT(RP_USERREQ__PARAM, (addr), (name), 0, 0, 0)
#define RP_LEAK(addr, bytes, flags)                                            \
    VALGRIND_DO_CLIENT_REQUEST_STMT(RP_USERREQ__LEAK, (addr), (bytes), (flags), \
                                    0, 0)

#endif /* REPORTER_H */
