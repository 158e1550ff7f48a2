/*--------------------------------------------------------------------*/
/*--- Basic types and naming macros shared by the core and skins.  ---*/
/*---                                              pub_tool_basics.h ---*/
/*--------------------------------------------------------------------*/

/* Every other header, core or skin, starts from this one.  It holds
   only types and macros: no declarations of core services (those are
   generated into vg_skin.h from toolfuncs.def). */

#ifndef PUB_TOOL_BASICS_H
#define PUB_TOOL_BASICS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/*--- Naming ---------------------------------------------------------*/

/* VG_(x): defined by the core, callable by skins.
   SK_(x): skin entry points and the SK_(init_x) registration shims.
   ML_(x): module-local names inside the core; never in public headers. */
#define VG_(str) vgPlain_##str
#define SK_(str) vgSkin_##str
#define ML_(str) vgModuleLocal_##str

/*--- Fixed-size types (Valgrind's spellings) --------------------------*/

typedef unsigned char UChar;
typedef signed char SChar;
typedef char HChar; /* characters of host strings */
typedef unsigned short UShort;
typedef signed short Short;
typedef unsigned int UInt;
typedef signed int Int;
typedef unsigned long long ULong;
typedef signed long long Long;
typedef double Double;

typedef uintptr_t UWord;
typedef intptr_t Word;
typedef uintptr_t Addr; /* an address in the client's or the core's space */
typedef uintptr_t SizeT;
typedef intptr_t SSizeT;
typedef uint64_t OffT;

typedef _Bool Bool;
#define True ((Bool)1)
#define False ((Bool)0)

/* A thread's index in the core's thread table (1 is the main thread). */
typedef UInt ThreadId;
#define VG_INVALID_THREADID ((ThreadId)0)

/*--- Small helpers --------------------------------------------------*/

#define VG_PAGE_SIZE 4096UL
#define VG_PGROUNDDN(a) ((Addr)(a) & ~(VG_PAGE_SIZE - 1))
#define VG_PGROUNDUP(a) VG_PGROUNDDN((Addr)(a) + VG_PAGE_SIZE - 1)
#define VG_IS_ALIGNED(a, n) ((((Addr)(a)) & ((n)-1)) == 0)
/* a rounded up to a multiple of n, a power of two. */
#define VG_ROUNDUP(a, n) (((Addr)(a) + (n)-1) & ~((Addr)(n)-1))
#define VG_N_ELEMS(arr) (sizeof(arr) / sizeof((arr)[0]))

#define VG_LIKELY(x) __builtin_expect(!!(x), 1)
#define VG_UNLIKELY(x) __builtin_expect(!!(x), 0)

#define VG_PRINTF_LIKE(fmt, first) __attribute__((format(printf, fmt, first)))
#define VG_NORETURN __attribute__((noreturn))

#endif /* PUB_TOOL_BASICS_H */
