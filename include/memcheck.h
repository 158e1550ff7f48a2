/*--------------------------------------------------------------------*/
/*--- Client requests of the memory checkers.           memcheck.h ---*/
/*--------------------------------------------------------------------*/

/* A program that manages memory itself tells the checker about it with
   these requests (Valgrind's Memcheck numbers, so that programs built
   against Valgrind's <valgrind/memcheck.h> work unchanged, and the other
   way round).  Addrcheck keeps no V bits: "undefined" and "defined" both
   mean addressable there, and the V-bit requests do nothing.

   Natively every request evaluates to its default value (0). */

#ifndef VG_MEMCHECK_H
#define VG_MEMCHECK_H
#ifndef __MEMCHECK_H
#define __MEMCHECK_H

#include "valgrind.h"

typedef enum {
    VG_USERREQ__MAKE_MEM_NOACCESS = VG_USERREQ_TOOL_BASE('M', 'C'),
    VG_USERREQ__MAKE_MEM_UNDEFINED,
    VG_USERREQ__MAKE_MEM_DEFINED,
    VG_USERREQ__DISCARD,
    VG_USERREQ__CHECK_MEM_IS_ADDRESSABLE,
    VG_USERREQ__CHECK_MEM_IS_DEFINED,
    VG_USERREQ__DO_LEAK_CHECK,
    VG_USERREQ__COUNT_LEAKS,
    VG_USERREQ__GET_VBITS,
    VG_USERREQ__SET_VBITS,
    VG_USERREQ__CREATE_BLOCK,
    VG_USERREQ__MAKE_MEM_DEFINED_IF_ADDRESSABLE,
    VG_USERREQ__COUNT_LEAK_BLOCKS,
    VG_USERREQ__ENABLE_ADDR_ERROR_REPORTING_IN_RANGE,
    VG_USERREQ__DISABLE_ADDR_ERROR_REPORTING_IN_RANGE
} Vg_MemCheckClientRequest;

/*--- Addressability ------------------------------------------------------*/

/* [addr, addr+len) may not be touched from now on. */
#define VALGRIND_MAKE_MEM_NOACCESS(addr, len)                            \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__MAKE_MEM_NOACCESS,    \
                                    (addr), (len), 0, 0, 0)

/* [addr, addr+len) may be written (and, under Memcheck, is undefined). */
#define VALGRIND_MAKE_MEM_UNDEFINED(addr, len)                           \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__MAKE_MEM_UNDEFINED,   \
                                    (addr), (len), 0, 0, 0)

/* [addr, addr+len) may be read and written. */
#define VALGRIND_MAKE_MEM_DEFINED(addr, len)                             \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__MAKE_MEM_DEFINED,     \
                                    (addr), (len), 0, 0, 0)

/* Under Memcheck: defined, but only where it is addressable already. */
#define VALGRIND_MAKE_MEM_DEFINED_IF_ADDRESSABLE(addr, len)              \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(                                     \
        0, VG_USERREQ__MAKE_MEM_DEFINED_IF_ADDRESSABLE, (addr), (len), 0, 0, 0)

/* Names [addr, addr+len) desc in error reports; returns a handle for
   VALGRIND_DISCARD. */
#define VALGRIND_CREATE_BLOCK(addr, len, desc)                           \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__CREATE_BLOCK,         \
                                    (addr), (len), (desc), 0, 0)

/* Forgets the block VALGRIND_CREATE_BLOCK returned. */
#define VALGRIND_DISCARD(blkindex)                                       \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__DISCARD, 0,           \
                                    (blkindex), 0, 0, 0)

/*--- Checks ------------------------------------------------------------------*/

/* 0 if all of [addr, addr+len) is addressable, else the first address
   that is not (and an error is reported). */
#define VALGRIND_CHECK_MEM_IS_ADDRESSABLE(addr, len)                     \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0,                                   \
                                    VG_USERREQ__CHECK_MEM_IS_ADDRESSABLE, \
                                    (addr), (len), 0, 0, 0)

/* The same, and under Memcheck also defined. */
#define VALGRIND_CHECK_MEM_IS_DEFINED(addr, len)                         \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__CHECK_MEM_IS_DEFINED, \
                                    (addr), (len), 0, 0, 0)

#define VALGRIND_CHECK_VALUE_IS_DEFINED(lvalue)                          \
    VALGRIND_CHECK_MEM_IS_DEFINED((volatile unsigned char *)&(lvalue),   \
                                  (unsigned long)(sizeof(lvalue)))

/*--- Leak checking -------------------------------------------------------------*/

/* A full leak check now, reporting as --leak-check=full would. */
#define VALGRIND_DO_LEAK_CHECK                                           \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DO_LEAK_CHECK, 0, 0, 0, 0, 0)
/* Only what increased since the last leak check. */
#define VALGRIND_DO_ADDED_LEAK_CHECK                                     \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DO_LEAK_CHECK, 0, 1, 0, 0, 0)
/* Only what increased or decreased since the last leak check. */
#define VALGRIND_DO_CHANGED_LEAK_CHECK                                   \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DO_LEAK_CHECK, 0, 2, 0, 0, 0)
/* Only the loss records new since the last leak check. */
#define VALGRIND_DO_NEW_LEAK_CHECK                                       \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DO_LEAK_CHECK, 0, 3, 0, 0, 0)
/* The summary only. */
#define VALGRIND_DO_QUICK_LEAK_CHECK                                     \
    VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DO_LEAK_CHECK, 1, 0, 0, 0, 0)

/* The bytes found by the last leak check: leaked (definitely and
   indirectly lost), dubious (possibly lost), reachable, suppressed. */
#define VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed)     \
    __VG_COUNT_LEAKS(VG_USERREQ__COUNT_LEAKS, leaked, dubious, reachable, suppressed)

/* The same in blocks. */
#define VALGRIND_COUNT_LEAK_BLOCKS(leaked, dubious, reachable, suppressed) \
    __VG_COUNT_LEAKS(VG_USERREQ__COUNT_LEAK_BLOCKS, leaked, dubious, reachable, suppressed)

#define __VG_COUNT_LEAKS(req, leaked, dubious, reachable, suppressed)    \
    {                                                                    \
        unsigned long _qzz_leaked = 0, _qzz_dubious = 0;                 \
        unsigned long _qzz_reachable = 0, _qzz_suppressed = 0;           \
        VALGRIND_DO_CLIENT_REQUEST_STMT((req), &_qzz_leaked,             \
                                        &_qzz_dubious, &_qzz_reachable,  \
                                        &_qzz_suppressed, 0);            \
        leaked = _qzz_leaked;                                            \
        dubious = _qzz_dubious;                                          \
        reachable = _qzz_reachable;                                      \
        suppressed = _qzz_suppressed;                                    \
    }

/*--- V bits (Memcheck only) -------------------------------------------------------*/

/* Copies the V bits of [a, a+nbytes) to vbits / from vbits: 0 when not
   running under Memcheck (Addrcheck has none), 1 on success, 2 and 3 on
   errors. */
#define VALGRIND_GET_VBITS(a, vbits, nbytes)                             \
    (unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__GET_VBITS,  \
                                              (const char *)(a),         \
                                              (char *)(vbits), (nbytes), \
                                              0, 0)
#define VALGRIND_SET_VBITS(a, vbits, nbytes)                             \
    (unsigned)VALGRIND_DO_CLIENT_REQUEST_EXPR(0, VG_USERREQ__SET_VBITS,  \
                                              (const char *)(a),         \
                                              (const char *)(vbits),     \
                                              (nbytes), 0, 0)

/*--- Reporting ---------------------------------------------------------------------*/

/* No address errors in [start, start+len) until enabled again. */
#define VALGRIND_DISABLE_ADDR_ERROR_REPORTING_IN_RANGE(start, len)       \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(                                     \
        0, VG_USERREQ__DISABLE_ADDR_ERROR_REPORTING_IN_RANGE, (start), (len), 0, 0, 0)
#define VALGRIND_ENABLE_ADDR_ERROR_REPORTING_IN_RANGE(start, len)        \
    VALGRIND_DO_CLIENT_REQUEST_EXPR(                                     \
        0, VG_USERREQ__ENABLE_ADDR_ERROR_REPORTING_IN_RANGE, (start), (len), 0, 0, 0)

#endif /* __MEMCHECK_H */
#endif /* VG_MEMCHECK_H */
