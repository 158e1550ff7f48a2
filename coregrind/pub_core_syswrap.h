/*--------------------------------------------------------------------*/
/*--- System calls of the client.                  pub_core_syswrap.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_SYSWRAP_H
#define PUB_CORE_SYSWRAP_H

#include "pub_core_basics.h"
#include "pub_core_threadstate.h"

/* Performs (or emulates) the system call in ts's registers, firing the
   skin's events, and leaves rax/rcx/r11 as the kernel would.  ts->rip is
   already the address after the `syscall`. */
void VG_(client_syscall)(ThreadState *ts);

#endif /* PUB_CORE_SYSWRAP_H */
