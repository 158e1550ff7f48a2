/*--------------------------------------------------------------------*/
/*--- Function redirection.                       pub_core_redir.h ---*/
/*--------------------------------------------------------------------*/

/* A vgpreload object (the skin's vgpreload_NAME.so, the core's
   vgpreload_core.so) names the functions it replaces in its symbols
   (include/vg_preload.h: _vgR_r_SONAME_FN, _vgR_w_SONAME_FN).  Each such
   symbol is a specification; whenever an object whose soname matches
   SONAME is loaded and has a function symbol matching FN, the
   specification becomes an active redirection: the translator translates
   the replacement's code wherever the guest would execute the replaced
   function's first instruction, so every call reaches it (direct, through
   a PLT or a function pointer, from any object).  A translation keyed by
   an address with VG_NOREDIR_BIT set is never redirected: that is how a
   wrapper calls the function it wraps.

   An IFUNC symbol's address is its resolver's: redirecting it makes the
   resolver return the replacement instead. */

#ifndef PUB_CORE_REDIR_H
#define PUB_CORE_REDIR_H

#include "pub_core_basics.h"

/* On a translation key: translate the code at key & ~VG_NOREDIR_BIT as
   it is, without redirection. */
#define VG_NOREDIR_BIT (1UL << 63)

/* Hooks the module into debug info (object load and unload). */
void VG_(redir_init)(void);

/* The code to translate for a block keyed by key: the replacement if
   key is a redirected function's entry, else key itself (without
   VG_NOREDIR_BIT). */
Addr VG_(redir_code_for)(Addr key);

/* Is a the entry of a redirected function?  A block must not run into
   one: it must end there so that the redirection applies. */
Bool VG_(redir_is_redirected)(Addr a);

/* Copies len bytes of code into client-executable memory of the core's
   (never written again); returns its address, or 0 if no memory. */
Addr VG_(client_code)(const UChar *code, SizeT len);

#endif /* PUB_CORE_REDIR_H */
