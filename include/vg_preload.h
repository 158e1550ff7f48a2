/*--------------------------------------------------------------------*/
/*--- Writing code that runs in the client: replacements, wrappers, ---*/
/*--- and the requests they make of the core.          vg_preload.h ---*/
/*--------------------------------------------------------------------*/

/* Code in a vgpreload_SKIN.so (or the core's vgpreload_core.so) runs in
   the client, on the simulated CPU.  It names what it replaces in its
   symbol names; the core redirects every call of the replaced function
   (from any object, through any pointer) to the replacement when both
   objects are loaded.

   The name of a replacement or wrapper:

       _vgR_r_<SONAME>_<FUNCTION>    replaces FUNCTION in objects SONAME
       _vgR_w_<SONAME>_<FUNCTION>    wraps it: may call the original

   SONAME matches an object's DT_SONAME (or "NONE" for objects without
   one, such as the executable); FUNCTION matches a symbol's (mangled)
   name.  Both are patterns with * and ?, written in an escaped form
   because symbol names allow only letters, digits and _:

       XA *   XQ ?   XD .   XH -   XP +   XU _   XC :   XS (space)
       XL (   XR )   XT @   XX X

   SONAME ends at the first raw '_', so an '_' in it must be XU; in
   FUNCTION we write every '_' as XU too (a raw '_' there also reads as
   '_').  An 'X' not followed by one of the letters above makes the name
   malformed: the core ignores it with a warning.

   e.g. malloc in libc.so*:     _vgR_r_libcXDsoXA_malloc
        operator new in libstdc++*: _vgR_r_libstdcXPXPXA_XUZnwm
   The VG_REPLACE/VG_WRAP macros below build these names.

   Give every vgpreload library a DT_SONAME of its own (the build uses
   -soname vgpreload_NAME.so), or the pattern NONE would match it.

   This library must be self-contained: no libc, no relocations needing
   symbols (build it -nostdlib -fPIC; the core maps it itself into static
   clients). */

#ifndef VG_PRELOAD_H
#define VG_PRELOAD_H

#include "valgrind.h"
#include "vg_heapkind.h"

/* The extra level expands macro arguments (VG_SO_LIBC) before pasting. */
#define VG_REPLACE(soname, fn) VG_PRELOAD_NAME_(r, soname, fn)
#define VG_WRAP(soname, fn) VG_PRELOAD_NAME_(w, soname, fn)
#define VG_PRELOAD_NAME_(how, soname, fn) _vgR_##how##_##soname##_##fn

/* Common soname patterns. */
#define VG_SO_LIBC libcXDsoXA          /* libc.so* */
#define VG_SO_LIBSTDCXX libstdcXPXPXA   /* libstdc++* */
#define VG_SO_LIBCXX libcXPXPXA         /* libc++*: libc++.so.1, libc++abi.so.1 */
#define VG_SO_NONE NONE                /* the executable (static ones too) */
/* The malloc synonym: every other object's allocator (a tcmalloc or
   jemalloc library), but the dynamic linker's; with
   --soname-synonyms=somalloc=PATTERN, the objects PATTERN names. */
#define VG_SO_SYN_MALLOC somalloc
#define VG_SO_LIBPTHREAD libpthreadXDsoXA /* libpthread.so* */
#define VG_SO_LD_LINUX ldXHlinuxXHx86XH64XDsoXD2 /* ld-linux-x86-64.so.2 */

/*--- Requests to the core ---------------------------------------------------*/

/* The core's own client-request numbers for preload code (not
   Valgrind's; "VG" base). */
#define VG_USERREQ_PRELOAD_BASE 0x56470000u

typedef enum {
    /* HEAP_ALLOC(kind, size, align, memalign, asked): allocates size
       bytes as kind (VgHeapKind), aligned to align (a power of two; 0: the
       default alignment); returns the block or 0 (out of memory, silly
       size).  memalign: 1 when the client called the memalign family (a
       silly size is reported against "memalign", as Memcheck does).
       asked: the alignment the client passed (0 if none), which
       --trace-malloc shows. */
    VG_USERREQ__HEAP_ALLOC = VG_USERREQ_PRELOAD_BASE + 0x01,
    /* HEAP_FREE(kind, ptr): frees ptr (0 is allowed) as kind: free,
       delete or delete[]. */
    VG_USERREQ__HEAP_FREE = VG_USERREQ_PRELOAD_BASE + 0x02,
    /* HEAP_REALLOC(ptr, size): realloc as glibc's: ptr 0 is malloc(size);
       size 0 frees ptr and returns 0; a ptr that is not a live block is
       reported and 0 returned; else the new block, or 0 when out of
       memory (the old block kept). */
    VG_USERREQ__HEAP_REALLOC = VG_USERREQ_PRELOAD_BASE + 0x03,
    /* HEAP_USABLE_SIZE(ptr): malloc_usable_size(ptr). */
    VG_USERREQ__HEAP_USABLE_SIZE = VG_USERREQ_PRELOAD_BASE + 0x04,
    /* HEAP_CALLOC(nmemb, size): a zeroed block, or 0 (the core checks the
       product for overflow too). */
    VG_USERREQ__HEAP_CALLOC = VG_USERREQ_PRELOAD_BASE + 0x05,
    /* A string/memory function found that its source and destination
       overlap: args fn_name (the public name, a NUL-terminated string in
       the client: "memcpy", "strcpy", ...), dst, src, len, has_len.
       has_len says whether the report shows len, as Memcheck's does
       ("Source and destination overlap in memcpy(0x.., 0x.., 20)") or not
       ("... in strcpy(0x.., 0x..)").  The core does not handle it: it
       goes to the skin's handle_client_request (need client_requests),
       like the skin's own requests; without one it is ignored. */
    VG_USERREQ__OVERLAP = VG_USERREQ_PRELOAD_BASE + 0x10,
    /* pthread mutex wrappers (vgpreload_core.so): MUTEX_LOCK_PRE(m)
       before a lock that may block, MUTEX_LOCK_POST(m, taken) after every
       lock attempt (taken: 0/1), MUTEX_UNLOCK_POST(m) after an unlock that
       succeeded. */
    VG_USERREQ__MUTEX_LOCK_PRE = VG_USERREQ_PRELOAD_BASE + 0x20,
    VG_USERREQ__MUTEX_LOCK_POST = VG_USERREQ_PRELOAD_BASE + 0x21,
    VG_USERREQ__MUTEX_UNLOCK_POST = VG_USERREQ_PRELOAD_BASE + 0x22
} VgPreloadRequest;


/*--- Calling the original from a wrapper -------------------------------------*/

/* In a wrapper (VG_WRAP), the address of the function it wraps.  Must be
   the first thing the wrapper does.  Run natively (no core) it gives 0,
   and VG_CALL_NOREDIR_* of 0 calls nothing and gives 0. */
#define VG_GET_ORIG_FN(var)                                                 \
    do {                                                                    \
        unsigned long __orig;                                               \
        __asm__ volatile("rolq $3, %%rdi ; rolq $13, %%rdi\n\t"            \
                         "rolq $61, %%rdi ; rolq $51, %%rdi\n\t"           \
                         "xchgq %%rcx, %%rcx"                               \
                         : "=a"(__orig)                                     \
                         : "0"(0ul)                                         \
                         : "cc", "memory");                                 \
        (var) = __orig;                                                     \
    } while (0)

/* Calls fn (the original, as VG_GET_ORIG_FN gave it) with one, two or
   three word arguments without redirecting it again; res gets its word
   result.  The call is made below the red zone on a 16-byte aligned stack
   (%r14 keeps the wrapper's %rsp), and clobbers what the ABI lets a callee
   clobber.  Build wrappers with -fno-omit-frame-pointer: while the
   original runs, the wrapper's frame is found through %rbp, since %rsp
   is not where its CFI says. */
#define VG_CALL_NOREDIR_SEQ_                                                \
    "movq %%rsp, %%r14\n\t"                                                 \
    "subq $128, %%rsp\n\t"                                                  \
    "andq $-16, %%rsp\n\t"                                                  \
    "rolq $3, %%rdi ; rolq $13, %%rdi\n\t"                                  \
    "rolq $61, %%rdi ; rolq $51, %%rdi\n\t"                                 \
    "xchgq %%rdx, %%rdx\n\t"                                                \
    "movq %%r14, %%rsp"
#define VG_CALL_NOREDIR_CLOBBERS_                                           \
    "rcx", "r8", "r9", "r10", "r11", "r14", "xmm0", "xmm1", "xmm2", "xmm3",  \
        "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",   \
        "xmm12", "xmm13", "xmm14", "xmm15", "cc", "memory"

#define VG_CALL_NOREDIR_W_W(res, fn, a1)                                    \
    do {                                                                    \
        register unsigned long __rdi __asm__("rdi") = (unsigned long)(a1);  \
        register unsigned long __rax __asm__("rax") = (unsigned long)(fn);  \
        __asm__ volatile(VG_CALL_NOREDIR_SEQ_                               \
                         : "+a"(__rax), "+D"(__rdi)                         \
                         :                                                  \
                         : "rdx", "rsi", VG_CALL_NOREDIR_CLOBBERS_);        \
        (res) = __rax;                                                      \
    } while (0)

#define VG_CALL_NOREDIR_W_WW(res, fn, a1, a2)                               \
    do {                                                                    \
        register unsigned long __rdi __asm__("rdi") = (unsigned long)(a1);  \
        register unsigned long __rsi __asm__("rsi") = (unsigned long)(a2);  \
        register unsigned long __rax __asm__("rax") = (unsigned long)(fn);  \
        __asm__ volatile(VG_CALL_NOREDIR_SEQ_                               \
                         : "+a"(__rax), "+D"(__rdi), "+S"(__rsi)            \
                         :                                                  \
                         : "rdx", VG_CALL_NOREDIR_CLOBBERS_);               \
        (res) = __rax;                                                      \
    } while (0)

/* The third argument travels in %rdx, which the marker only names. */
#define VG_CALL_NOREDIR_W_WWW(res, fn, a1, a2, a3)                          \
    do {                                                                    \
        register unsigned long __rdi __asm__("rdi") = (unsigned long)(a1);  \
        register unsigned long __rsi __asm__("rsi") = (unsigned long)(a2);  \
        register unsigned long __rdx __asm__("rdx") = (unsigned long)(a3);  \
        register unsigned long __rax __asm__("rax") = (unsigned long)(fn);  \
        __asm__ volatile(VG_CALL_NOREDIR_SEQ_                               \
                         : "+a"(__rax), "+D"(__rdi), "+S"(__rsi),           \
                           "+d"(__rdx)                                      \
                         :                                                  \
                         : VG_CALL_NOREDIR_CLOBBERS_);                      \
        (res) = __rax;                                                      \
    } while (0)

#endif /* VG_PRELOAD_H */
