/* hello_static: hello linked statically (non-PIE, no program interpreter). */
// cflags: -static
#include "hello.c"
