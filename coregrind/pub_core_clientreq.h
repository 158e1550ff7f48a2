/*--------------------------------------------------------------------*/
/*--- Client requests.                           pub_core_clientreq.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_CLIENTREQ_H
#define PUB_CORE_CLIENTREQ_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"

/* The core's own requests, from code it writes for the client. */
#define VG_USERREQ__FREERES_DONE 0x56470030u

/* Serves the request whose args block ts's %rax points at; the result
   goes into ts's %rdx. */
void VG_(handle_client_request)(ThreadState *ts);

/* The stack registered with STACK_REGISTER that contains sp, if any. */
Bool VG_(client_stack_of)(Addr sp, Addr *lo, Addr *hi);

/* Errors recorded so far (the error manager's count). */
UInt VG_(count_errors)(void);

/* Prints the client's current stack, as PRINTF_BACKTRACE does. */
void VG_(print_client_backtrace)(ThreadState *ts);

#endif /* PUB_CORE_CLIENTREQ_H */
