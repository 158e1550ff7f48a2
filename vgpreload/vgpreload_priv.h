/*--------------------------------------------------------------------*/
/*--- What the vgpreload libraries share: raw system calls, errno, ---*/
/*--- aborting like glibc.                        vgpreload_priv.h ---*/
/*--------------------------------------------------------------------*/

/* The vgpreload libraries run in the client without a libc of their own
   (vg_preload.h): everything here is static and reaches the kernel with
   the syscall instruction.  The one symbol taken from the client is
   __errno_location, as a weak reference: libc's in dynamic clients, 0 in
   static ones (whose errno is a TLS variable we cannot name), where errno
   is then left alone. */

#ifndef VGPRELOAD_PRIV_H
#define VGPRELOAD_PRIV_H

#include "vg_preload.h"

#include <stddef.h>
#include <stdint.h>
#include <asm/unistd.h>
#include <linux/errno.h>

/* Replacements and wrappers: the only symbols a vgpreload library
   exports (it is built with -fvisibility=hidden). */
#define VGP_EXPORT __attribute__((visibility("default"), used))

#define VGP_NORETURN __attribute__((noreturn))

/* A machine word that may sit at any address and alias anything:
   memcpy, memmove and memset move whole ones of it. */
typedef uint64_t __attribute__((may_alias, aligned(1))) vgp_uword;

/*--- Requests to the core -------------------------------------------------*/

/* Every request of the vgpreload code goes through VGP_REQUEST: the
   magic sequence, a no-op returning 0 when no core runs the client.  The
   native unit tests (tests/unit/strmem_native.t and malloc_native.t)
   build the code with -DVGP_NATIVE_TEST and link a stand-in for the core
   that sees every request. */
#ifdef VGP_NATIVE_TEST
unsigned long vgp_native_request(unsigned long req, unsigned long a1, unsigned long a2,
                                 unsigned long a3, unsigned long a4, unsigned long a5);
#define VGP_REQUEST(req, a1, a2, a3, a4, a5)                                               \
    vgp_native_request((req), (unsigned long)(a1), (unsigned long)(a2),                    \
                       (unsigned long)(a3), (unsigned long)(a4), (unsigned long)(a5))
#else
/* valgrind.h's VALGRIND_DO_CLIENT_REQUEST_EXPR, except that the answer is
   not kept in a volatile stack slot: a block malloc returned must not
   linger in dead stack below the caller's stack pointer, where the leak
   checker (which scans the red zone, as Memcheck's does) would take it
   for a pointer.  A macro, not a function, so that stack traces show the
   replacement itself rather than an inlined helper. */
#define VGP_REQUEST(req, a1, a2, a3, a4, a5)                                               \
    __extension__({                                                                        \
        unsigned long int _vgp_block[6] = {                                                \
            (unsigned long int)(req), (unsigned long int)(a1), (unsigned long int)(a2),    \
            (unsigned long int)(a3),  (unsigned long int)(a4), (unsigned long int)(a5)};   \
        unsigned long int _vgp_answer;                                                     \
        __asm__ volatile(__SPECIAL_INSTRUCTION_PREAMBLE "xchgq %%rbx,%%rbx"                \
                         : "=d"(_vgp_answer)                                               \
                         : "a"(&_vgp_block[0]), "0"(0UL)                                   \
                         : "cc", "memory");                                                \
        _vgp_answer;                                                                       \
    })
#endif

/*--- System calls --------------------------------------------------------*/

static inline long vgp_syscall1(long nr, long a1)
{
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(nr), "D"(a1)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long vgp_syscall3(long nr, long a1, long a2, long a3)
{
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(nr), "D"(a1), "S"(a2), "d"(a3)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long vgp_syscall4(long nr, long a1, long a2, long a3, long a4)
{
    register long r10 __asm__("r10") = a4;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "0"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

/* Writes the NUL-terminated MSG to file descriptor 2, retrying short
   writes; gives up silently on errors. */
static inline void vgp_write_stderr(const char *msg)
{
    size_t len = 0;
    while (msg[len])
        len++;
    while (len > 0) {
        long n = vgp_syscall3(__NR_write, 2, (long)msg, (long)len);
        if (n == -EINTR)
            continue;
        if (n <= 0)
            return;
        msg += n;
        len -= (size_t)n;
    }
}

static inline VGP_NORETURN void vgp_exit_group(int status)
{
    for (;;)
        vgp_syscall1(__NR_exit_group, status);
}

#define VGP_SIGABRT 6
#define VGP_SIG_UNBLOCK 1

/* The kernel's struct sigaction (what rt_sigaction takes). */
struct vgp_kernel_sigaction {
    unsigned long handler;
    unsigned long flags;
    unsigned long restorer;
    unsigned long mask;
};

/* Dies of SIGABRT as abort(3) does: unblocks it and sends it to the
   calling thread; if a handler returns, resets the disposition to the
   default and sends it again. */
static inline VGP_NORETURN void vgp_abort(void)
{
    unsigned long abrt = 1ul << (VGP_SIGABRT - 1);
    vgp_syscall4(__NR_rt_sigprocmask, VGP_SIG_UNBLOCK, (long)&abrt, 0, sizeof abrt);
    long pid = vgp_syscall1(__NR_getpid, 0);
    long tid = vgp_syscall1(__NR_gettid, 0);
    vgp_syscall3(__NR_tgkill, pid, tid, VGP_SIGABRT);

    struct vgp_kernel_sigaction dfl = {0, 0, 0, 0};
    vgp_syscall4(__NR_rt_sigaction, VGP_SIGABRT, (long)&dfl, 0, sizeof dfl.mask);
    vgp_syscall3(__NR_tgkill, pid, tid, VGP_SIGABRT);
    vgp_exit_group(127);
}

/*--- errno ---------------------------------------------------------------*/

extern int *__errno_location(void) __attribute__((weak, visibility("default")));

/* Sets the client's errno to E, where we can reach it. */
static inline void vgp_set_errno(int e)
{
    if (__errno_location)
        *__errno_location() = e;
}

#endif /* VGPRELOAD_PRIV_H */
