/* hello_nopie: hello built as a dynamically linked non-PIE executable at its link address. */
// cflags: -no-pie
#include "hello.c"
