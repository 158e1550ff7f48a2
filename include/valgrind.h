/*--------------------------------------------------------------------*/
/*--- Client requests: how a program talks to the tool running it. ---*/
/*---                                                    valgrind.h ---*/
/*--------------------------------------------------------------------*/

/* Include this in a program to ask the tool things ("am I running under
   the tool?", "print this to the tool's log", "this is a custom
   allocator's block").  Natively every request costs a few instructions
   and evaluates to its default value, so the program behaves the same
   with and without the tool.

   The binary interface is Valgrind's on x86-64 Linux: a program built
   against this header works under Valgrind, and a program built against
   Valgrind's <valgrind/valgrind.h> works under vgcore.  The interface:

     - a "special instruction preamble" of four rotates of %rdi, by 3, 13,
       61 and 51 bits (128 in all, so %rdi is unchanged natively), followed
       by the marker instruction `xchgq %rbx,%rbx`;
     - %rax holds the address of six machine words: the request number
       and five arguments;
     - %rdx holds the default value on entry and the result on exit.

   The tool recognises the whole sequence and replaces it by a call to its
   request handler.  Only the arithmetic flags are clobbered.

   Define NVALGRIND before including this header to compile every request
   out.  On targets other than x86-64 (LP64) the requests evaluate to their
   default value. */

/* Valgrind's own guard name too, so that a program including both this
   header and Valgrind's (say through Valgrind's memcheck.h) gets one set
   of definitions. */
#if !defined(VGCORE_VALGRIND_H) && !defined(__VALGRIND_H)
#define VGCORE_VALGRIND_H
#define __VALGRIND_H

/* The level of Valgrind's header whose interface this header provides;
   programs test these to know which macros exist. */
#define __VALGRIND_MAJOR__ 3
#define __VALGRIND_MINOR__ 19

#include <stdarg.h>

#if !defined(NVALGRIND) && defined(__GNUC__) && defined(__x86_64__) &&  \
    !defined(__ILP32__) && !defined(_WIN64)
#define VGCORE_CLREQ_ENABLED 1
#else
#define VGCORE_CLREQ_ENABLED 0
#endif

/*--- The magic sequence ---------------------------------------------*/

#if VGCORE_CLREQ_ENABLED

#define __SPECIAL_INSTRUCTION_PREAMBLE                                  \
    "rolq $3,  %%rdi ; rolq $13, %%rdi\n\t"                             \
    "rolq $61, %%rdi ; rolq $51, %%rdi\n\t"

/* Evaluates to the tool's answer to REQUEST with arguments A1..A5, or to
   DEFAULT when no tool is running (or the tool does not know REQUEST). */
#define VALGRIND_DO_CLIENT_REQUEST_EXPR(_zzq_default, _zzq_request,     \
                                        _zzq_arg1, _zzq_arg2,           \
                                        _zzq_arg3, _zzq_arg4,           \
                                        _zzq_arg5)                      \
    __extension__({                                                     \
        volatile unsigned long int _vgcr_block[6];                      \
        volatile unsigned long int _vgcr_answer;                        \
        _vgcr_block[0] = (unsigned long int)(_zzq_request);             \
        _vgcr_block[1] = (unsigned long int)(_zzq_arg1);                \
        _vgcr_block[2] = (unsigned long int)(_zzq_arg2);                \
        _vgcr_block[3] = (unsigned long int)(_zzq_arg3);                \
        _vgcr_block[4] = (unsigned long int)(_zzq_arg4);                \
        _vgcr_block[5] = (unsigned long int)(_zzq_arg5);                \
        __asm__ volatile(__SPECIAL_INSTRUCTION_PREAMBLE                 \
                         "xchgq %%rbx,%%rbx"                            \
                         : "=d"(_vgcr_answer)                           \
                         : "a"(&_vgcr_block[0]),                        \
                           "0"((unsigned long int)(_zzq_default))       \
                         : "cc", "memory");                             \
        _vgcr_answer;                                                   \
    })

#else /* !VGCORE_CLREQ_ENABLED */

#define VALGRIND_DO_CLIENT_REQUEST_EXPR(_zzq_default, _zzq_request,     \
                                        _zzq_arg1, _zzq_arg2,           \
                                        _zzq_arg3, _zzq_arg4,           \
                                        _zzq_arg5)                      \
    (_zzq_default)

#endif /* VGCORE_CLREQ_ENABLED */

/* The same, for requests whose answer nobody wants. */
#define VALGRIND_DO_CLIENT_REQUEST_STMT(_zzq_request, _zzq_arg1,        \
                                        _zzq_arg2, _zzq_arg3,           \
                                        _zzq_arg4, _zzq_arg5)           \
    do {                                                                \
        (void)VALGRIND_DO_CLIENT_REQUEST_EXPR(0, (_zzq_request),        \
                                              (_zzq_arg1), (_zzq_arg2), \
                                              (_zzq_arg3), (_zzq_arg4), \
                                              (_zzq_arg5));             \
    } while (0)

/* The older spelling: stores the answer in an lvalue. */
#define VALGRIND_DO_CLIENT_REQUEST(_zzq_rlval, _zzq_default,            \
                                   _zzq_request, _zzq_arg1, _zzq_arg2,  \
                                   _zzq_arg3, _zzq_arg4, _zzq_arg5)     \
    do {                                                                \
        (_zzq_rlval) = VALGRIND_DO_CLIENT_REQUEST_EXPR(                 \
            (_zzq_default), (_zzq_request), (_zzq_arg1), (_zzq_arg2),   \
            (_zzq_arg3), (_zzq_arg4), (_zzq_arg5));                     \
    } while (0)

/*--- Request numbers --------------------------------------------------*/

/* A tool's own requests (memcheck's, helgrind's, ...) live in a block of
   2^16 numbers named by two characters, e.g. ('M','C') for memcheck. */
#define VG_USERREQ_TOOL_BASE(a, b)                                      \
    ((unsigned int)(((a) & 0xff) << 24 | ((b) & 0xff) << 16))
#define VG_IS_TOOL_USERREQ(a, b, v)                                     \
    (VG_USERREQ_TOOL_BASE(a, b) == ((v) & 0xffff0000))

/* The core's requests.  These numbers are an ABI: never renumber, only
   add. */
typedef enum {
    VG_USERREQ__RUNNING_ON_VALGRIND = 0x1001,
    VG_USERREQ__DISCARD_TRANSLATIONS = 0x1002,

    /* Call a function on the real CPU: fn(tid, args...). */
    VG_USERREQ__CLIENT_CALL0 = 0x1101,
    VG_USERREQ__CLIENT_CALL1 = 0x1102,
    VG_USERREQ__CLIENT_CALL2 = 0x1103,
    VG_USERREQ__CLIENT_CALL3 = 0x1104,

    VG_USERREQ__COUNT_ERRORS = 0x1201,
    VG_USERREQ__GDB_MONITOR_COMMAND = 0x1202,
    VG_USERREQ__CLO_CHANGE = 0x1203,

    /* Custom allocators. */
    VG_USERREQ__MALLOCLIKE_BLOCK = 0x1301,
    VG_USERREQ__FREELIKE_BLOCK = 0x1302,
    VG_USERREQ__CREATE_MEMPOOL = 0x1303,
    VG_USERREQ__DESTROY_MEMPOOL = 0x1304,
    VG_USERREQ__MEMPOOL_ALLOC = 0x1305,
    VG_USERREQ__MEMPOOL_FREE = 0x1306,
    VG_USERREQ__MEMPOOL_TRIM = 0x1307,
    VG_USERREQ__MOVE_MEMPOOL = 0x1308,
    VG_USERREQ__MEMPOOL_CHANGE = 0x1309,
    VG_USERREQ__MEMPOOL_EXISTS = 0x130a,
    VG_USERREQ__RESIZEINPLACE_BLOCK = 0x130b,

    /* Printing to the tool's log.  The plain forms are kept for old
       binaries; the header only uses the _VALIST_BY_REF ones, whose
       second argument is the address of a va_list. */
    VG_USERREQ__PRINTF = 0x1401,
    VG_USERREQ__PRINTF_BACKTRACE = 0x1402,
    VG_USERREQ__PRINTF_VALIST_BY_REF = 0x1403,
    VG_USERREQ__PRINTF_BACKTRACE_VALIST_BY_REF = 0x1404,

    /* Stacks the program switches to by itself. */
    VG_USERREQ__STACK_REGISTER = 0x1501,
    VG_USERREQ__STACK_DEREGISTER = 0x1502,
    VG_USERREQ__STACK_CHANGE = 0x1503,

    VG_USERREQ__LOAD_PDB_DEBUGINFO = 0x1601,
    VG_USERREQ__MAP_IP_TO_SRCLOC = 0x1701,

    /* Argument +1 disables error reporting for the calling thread, -1
       undoes one disablement. */
    VG_USERREQ__CHANGE_ERR_DISABLEMENT = 0x1801,

    VG_USERREQ__VEX_INIT_FOR_IRI = 0x1901,
    VG_USERREQ__INNER_THREADS = 0x1902
} Vg_ClientRequest;

/*--- Asking about the tool --------------------------------------------*/

/* 0 natively, 1 under the tool (more when the tool itself runs under a
   tool). */
#define RUNNING_ON_VALGRIND                                             \
    ((unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(                         \
        0, VG_USERREQ__RUNNING_ON_VALGRIND, 0, 0, 0, 0, 0))

/* The program changed code in [addr, addr+len): forget any translation of
   it. */
#define VALGRIND_DISCARD_TRANSLATIONS(_qzz_addr, _qzz_len)              \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DISCARD_TRANSLATIONS,   \
                                    _qzz_addr, _qzz_len, 0, 0, 0)

/* How many errors the tool has reported so far (0 for tools that report
   none). */
#define VALGRIND_COUNT_ERRORS                                           \
    ((unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(                         \
        0, VG_USERREQ__COUNT_ERRORS, 0, 0, 0, 0, 0))

/* Runs a monitor command as the tool's gdbserver would; non-zero if the
   command was not recognised. */
#define VALGRIND_MONITOR_COMMAND(command)                               \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__GDB_MONITOR_COMMAND, \
                                    command, 0, 0, 0, 0)

/* Changes a dynamically changeable command-line option, e.g.
   "--leak-check=full". */
#define VALGRIND_CLO_CHANGE(option)                                     \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__CLO_CHANGE, option,     \
                                    0, 0, 0, 0)

/*--- Calling a function on the real CPU -------------------------------*/

/* FN is called with the tool's thread id as its first argument, followed
   by the given ones, and is not instrumented.  Natively nothing is called
   and the value is 0. */
#define VALGRIND_NON_SIMD_CALL0(_qyy_fn)                                \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__CLIENT_CALL0,        \
                                    _qyy_fn, 0, 0, 0, 0)
#define VALGRIND_NON_SIMD_CALL1(_qyy_fn, _qyy_arg1)                     \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__CLIENT_CALL1,        \
                                    _qyy_fn, _qyy_arg1, 0, 0, 0)
#define VALGRIND_NON_SIMD_CALL2(_qyy_fn, _qyy_arg1, _qyy_arg2)          \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__CLIENT_CALL2,        \
                                    _qyy_fn, _qyy_arg1, _qyy_arg2, 0, 0)
#define VALGRIND_NON_SIMD_CALL3(_qyy_fn, _qyy_arg1, _qyy_arg2, _qyy_arg3) \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__CLIENT_CALL3,        \
                                    _qyy_fn, _qyy_arg1, _qyy_arg2,      \
                                    _qyy_arg3, 0)

/*--- Custom allocators ------------------------------------------------*/

/* A block of SIZEB bytes at ADDR, with RZB bytes of redzone on each side,
   was handed out by the program's own allocator. */
#define VALGRIND_MALLOCLIKE_BLOCK(addr, sizeB, rzB, is_zeroed)          \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__MALLOCLIKE_BLOCK,       \
                                    addr, sizeB, rzB, is_zeroed, 0)

/* The block at ADDR grew or shrank in place. */
#define VALGRIND_RESIZEINPLACE_BLOCK(addr, oldSizeB, newSizeB, rzB)     \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__RESIZEINPLACE_BLOCK,    \
                                    addr, oldSizeB, newSizeB, rzB, 0)

/* The block at ADDR was given back to the program's allocator. */
#define VALGRIND_FREELIKE_BLOCK(addr, rzB)                              \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__FREELIKE_BLOCK,         \
                                    addr, rzB, 0, 0, 0)

/* Flags of VALGRIND_CREATE_MEMPOOL_EXT. */
#define VALGRIND_MEMPOOL_AUTO_FREE 1
#define VALGRIND_MEMPOOL_METAPOOL 2

/* A memory pool identified by the address POOL. */
#define VALGRIND_CREATE_MEMPOOL(pool, rzB, is_zeroed)                   \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__CREATE_MEMPOOL,         \
                                    pool, rzB, is_zeroed, 0, 0)
#define VALGRIND_CREATE_MEMPOOL_EXT(pool, rzB, is_zeroed, flags)        \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__CREATE_MEMPOOL,         \
                                    pool, rzB, is_zeroed, flags, 0)
#define VALGRIND_DESTROY_MEMPOOL(pool)                                  \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DESTROY_MEMPOOL,        \
                                    pool, 0, 0, 0, 0)
#define VALGRIND_MEMPOOL_ALLOC(pool, addr, size)                        \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__MEMPOOL_ALLOC,          \
                                    pool, addr, size, 0, 0)
#define VALGRIND_MEMPOOL_FREE(pool, addr)                               \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__MEMPOOL_FREE,           \
                                    pool, addr, 0, 0, 0)
/* Frees every piece of the pool outside [addr, addr+size). */
#define VALGRIND_MEMPOOL_TRIM(pool, addr, size)                         \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__MEMPOOL_TRIM,           \
                                    pool, addr, size, 0, 0)
/* The pool's anchor moved from POOLA to POOLB. */
#define VALGRIND_MOVE_MEMPOOL(poolA, poolB)                             \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__MOVE_MEMPOOL,           \
                                    poolA, poolB, 0, 0, 0)
/* The piece at ADDRA moved to ADDRB and now has SIZE bytes. */
#define VALGRIND_MEMPOOL_CHANGE(pool, addrA, addrB, size)               \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__MEMPOOL_CHANGE,         \
                                    pool, addrA, addrB, size, 0)
/* Non-zero if POOL is a known pool. */
#define VALGRIND_MEMPOOL_EXISTS(pool)                                   \
    ((unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(                         \
        0, VG_USERREQ__MEMPOOL_EXISTS, pool, 0, 0, 0, 0))

/*--- Stacks -------------------------------------------------------------*/

/* [start, end) is a stack the program will switch to; returns its id. */
#define VALGRIND_STACK_REGISTER(start, end)                             \
    ((unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(                         \
        0, VG_USERREQ__STACK_REGISTER, start, end, 0, 0, 0))
#define VALGRIND_STACK_DEREGISTER(id)                                   \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__STACK_DEREGISTER,       \
                                    id, 0, 0, 0, 0)
#define VALGRIND_STACK_CHANGE(id, start, end)                           \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__STACK_CHANGE,           \
                                    id, start, end, 0, 0)

/*--- Debug information --------------------------------------------------*/

#define VALGRIND_LOAD_PDB_DEBUGINFO(fd, ptr, total_size, delta)         \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__LOAD_PDB_DEBUGINFO,     \
                                    fd, ptr, total_size, delta, 0)

/* Writes "file:line"-style text for code address ADDR into BUF64, a
   buffer of at least 64 bytes; natively BUF64 is left alone. */
#define VALGRIND_MAP_IP_TO_SRCLOC(addr, buf64)                          \
    ((unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(                         \
        0, VG_USERREQ__MAP_IP_TO_SRCLOC, addr, buf64, 0, 0, 0))

/*--- Error reporting ----------------------------------------------------*/

/* Disable and re-enable error reporting for the calling thread; the
   calls nest. */
#define VALGRIND_DISABLE_ERROR_REPORTING                                \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__CHANGE_ERR_DISABLEMENT, \
                                    1, 0, 0, 0, 0)
#define VALGRIND_ENABLE_ERROR_REPORTING                                 \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__CHANGE_ERR_DISABLEMENT, \
                                    -1, 0, 0, 0, 0)

/* Used when the tool itself runs under a tool. */
#define VALGRIND_INNER_THREADS(_qzz_addr)                               \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__INNER_THREADS,          \
                                    _qzz_addr, 0, 0, 0, 0)

/*--- Printing to the tool's log ---------------------------------------*/

/* printf-style output into the tool's log (stderr by default), each line
   with the client-message prefix **PID**.  Returns the number of
   characters printed, 0 natively.  The _BACKTRACE form appends the
   caller's stack trace. */
static __inline__ int VALGRIND_PRINTF(const char *format, ...)
    __attribute__((format(__printf__, 1, 2), __unused__));
static __inline__ int VALGRIND_PRINTF_BACKTRACE(const char *format, ...)
    __attribute__((format(__printf__, 1, 2), __unused__));

static __inline__ int VALGRIND_PRINTF(const char *format, ...)
{
#if VGCORE_CLREQ_ENABLED
    unsigned long int printed;
    va_list vargs;
    va_start(vargs, format);
    printed = VALGRIND_DO_CLIENT_REQUEST_EXPR(
        0, VG_USERREQ__PRINTF_VALIST_BY_REF, (unsigned long int)format,
        (unsigned long int)&vargs, 0, 0, 0);
    va_end(vargs);
    return (int)printed;
#else
    (void)format;
    return 0;
#endif
}

static __inline__ int VALGRIND_PRINTF_BACKTRACE(const char *format, ...)
{
#if VGCORE_CLREQ_ENABLED
    unsigned long int printed;
    va_list vargs;
    va_start(vargs, format);
    printed = VALGRIND_DO_CLIENT_REQUEST_EXPR(
        0, VG_USERREQ__PRINTF_BACKTRACE_VALIST_BY_REF,
        (unsigned long int)format, (unsigned long int)&vargs, 0, 0, 0);
    va_end(vargs);
    return (int)printed;
#else
    (void)format;
    return 0;
#endif
}

#endif /* VGCORE_VALGRIND_H, __VALGRIND_H */
