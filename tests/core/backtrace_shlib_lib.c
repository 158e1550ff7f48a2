// cflags: -shared -fPIC
/* backtrace_shlib_lib: the shared library of backtrace_shlib (built as
   build/tests/core/backtrace_shlib_lib, a .so, and dlopen'ed). */
#include "../../include/valgrind.h"

static int __attribute__((noinline)) lib_inner(int x)
{
    VALGRIND_PRINTF_BACKTRACE("in the library %d\n", x);
    return x + 1;
}

int lib_entry(int x)
{
    return lib_inner(x * 2) * 2;
}
