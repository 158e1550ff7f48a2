/* tls_vars_static: tls_vars linked statically, where libc sets up the
   thread pointer itself with arch_prctl(ARCH_SET_FS). */
// cflags: -static
#include "tls_vars.c"
