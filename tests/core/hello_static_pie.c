/* hello_static_pie: hello built as a static PIE (no interpreter; relocates itself). */
// cflags: -static-pie
#include "hello.c"
