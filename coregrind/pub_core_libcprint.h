/*--------------------------------------------------------------------*/
/*--- Output: the log and its destination.    pub_core_libcprint.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_LIBCPRINT_H
#define PUB_CORE_LIBCPRINT_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h" /* VG_(printf), VG_(message), ... */

/* Where the log goes (default 2).  m_main sets it from --log-*. */
void VG_(set_log_fd)(Int fd);
Int VG_(get_log_fd)(void);

/* Called once, before aborting, when an assertion fails or the core
   panics: prints the guest state and the current block. */
void VG_(set_assert_context_hook)(void (*hook)(void));

#endif /* PUB_CORE_LIBCPRINT_H */
