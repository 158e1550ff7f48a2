/*--------------------------------------------------------------------*/
/*--- Signals.                                      pub_core_signals.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_SIGNALS_H
#define PUB_CORE_SIGNALS_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"

/* Installs the core's handlers and the calling thread's alternate stack. */
void VG_(sigstartup)(void);

/* Tells the handlers which guest thread the calling kernel thread runs. */
void VG_(signals_set_thread)(ThreadState *ts);

/* If the host context ucv (a ucontext_t) was interrupted in translated
   code, fills ts with the guest's registers at the start of the guest
   instruction being executed, sets *guest_ip to it and returns True. */
Bool VG_(recover_guest_state)(ThreadState *ts, const void *ucv, Addr *guest_ip);

#endif /* PUB_CORE_SIGNALS_H */
