/*--------------------------------------------------------------------*/
/*--- What every core module includes first.      pub_core_basics.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_BASICS_H
#define PUB_CORE_BASICS_H

#include "pub_tool_basics.h"

/*--- Assertions --------------------------------------------------------*/

/* vg_assert is for the core; skins use sk_assert (pub_tool_tooliface.h).
   A failed assertion prints where it failed, the guest state of the
   running thread and the block being run or translated, then aborts. */
#define vg_assert(expr)                                                     \
    ((void)(VG_LIKELY(expr)                                                 \
                ? 0                                                         \
                : (VG_(core_assert_fail)(#expr, __FILE__, __LINE__,         \
                                         __func__, NULL),                   \
                   0)))
#define vg_assert2(expr, ...)                                               \
    ((void)(VG_LIKELY(expr)                                                 \
                ? 0                                                         \
                : (VG_(core_assert_fail)(#expr, __FILE__, __LINE__,         \
                                         __func__, __VA_ARGS__),            \
                   0)))

VG_NORETURN void VG_(core_assert_fail)(const HChar *expr, const HChar *file, Int line,
                                       const HChar *fn, const HChar *fmt, ...)
    VG_PRINTF_LIKE(5, 6);
VG_NORETURN void VG_(core_panic)(const HChar *fmt, ...) VG_PRINTF_LIKE(1, 2);

/* A one-line fatal error about the user's input ("valgrind: ...: reason")
   followed by exit(status).  Never used for internal bugs. */
VG_NORETURN void VG_(fatal)(Int status, const HChar *fmt, ...) VG_PRINTF_LIKE(2, 3);

/*--- Raw system calls --------------------------------------------------*/

/* The kernel's answer, untouched: a value in [-4095, -1] is -errno. */
static inline Word VG_(do_syscall6)(UWord no, UWord a1, UWord a2, UWord a3, UWord a4,
                                    UWord a5, UWord a6)
{
    register UWord r10 __asm__("r10") = a4;
    register UWord r8 __asm__("r8") = a5;
    register UWord r9 __asm__("r9") = a6;
    UWord ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(no), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return (Word)ret;
}
static inline Word VG_(do_syscall0)(UWord n)
{
    return VG_(do_syscall6)(n, 0, 0, 0, 0, 0, 0);
}
static inline Word VG_(do_syscall1)(UWord n, UWord a)
{
    return VG_(do_syscall6)(n, a, 0, 0, 0, 0, 0);
}
static inline Word VG_(do_syscall2)(UWord n, UWord a, UWord b)
{
    return VG_(do_syscall6)(n, a, b, 0, 0, 0, 0);
}
static inline Word VG_(do_syscall3)(UWord n, UWord a, UWord b, UWord c)
{
    return VG_(do_syscall6)(n, a, b, c, 0, 0, 0);
}
static inline Word VG_(do_syscall4)(UWord n, UWord a, UWord b, UWord c, UWord d)
{
    return VG_(do_syscall6)(n, a, b, c, d, 0, 0);
}

static inline Bool VG_(is_syscall_error)(Word r)
{
    return (UWord)r >= (UWord)-4095;
}

#endif /* PUB_CORE_BASICS_H */
