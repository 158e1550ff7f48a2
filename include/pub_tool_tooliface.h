/*--------------------------------------------------------------------*/
/*--- Small types of the core/skin interface, and sk_assert.       ---*/
/*---                                           pub_tool_tooliface.h ---*/
/*--------------------------------------------------------------------*/

/* The types that toolfuncs.def uses in service and event signatures,
   beyond the basic ones.  The declarations themselves are generated
   into vg_skin.h, which includes this header. */

#ifndef PUB_TOOL_TOOLIFACE_H
#define PUB_TOOL_TOOLIFACE_H

#include "pub_tool_basics.h"

/*--- Messages -------------------------------------------------------*/

/* The kind of a VG_(message): it decides the prefix of every line. */
typedef enum {
    Vg_UserMsg,   /* "==PID== ": what the user asked for (errors, results) */
    Vg_DebugMsg,  /* "--PID-- ": extra information (-v, -d) */
    Vg_ClientMsg, /* "**PID** ": printed on behalf of the client */
    Vg_FailMsg    /* "valgrind: ": a fatal problem, before exiting */
} VgMsgKind;

/*--- Events ---------------------------------------------------------*/

/* Which part of the core raised a pre_mem_* / post_mem_* / *_reg_*
   event, so that a skin can word its error message. */
typedef enum {
    Vg_CoreStartup,   /* setting up the client at start-up */
    Vg_CoreSignal,    /* building or removing a signal frame */
    Vg_CoreSysCall,   /* a system call wrapper */
    Vg_CoreTranslate, /* reading client code to translate it */
    Vg_CoreClientReq  /* a client request */
} CorePart;

/* The result of a system call: when is_error, val is the errno (a
   positive number), else it is the value returned. */
typedef struct {
    UWord val;
    Bool is_error;
} SysRes;

/*--- Assertions -----------------------------------------------------*/

/* sk_assert(e): when e is false, print where and why through
   VG_(assert_fail) and abort.  sk_assert2(e, fmt, ...) adds a
   printf-style explanation.  Cheap enough to leave in released skins.
   VG_(assert_fail) is declared in vg_skin.h. */
#define sk_assert(expr)                                                     \
    ((void)(VG_LIKELY(expr) ? 0                                             \
                            : (VG_(assert_fail)(False, #expr, __FILE__,     \
                                                __LINE__, __func__, "%s",   \
                                                ""), 0)))
#define sk_assert2(expr, ...)                                               \
    ((void)(VG_LIKELY(expr) ? 0                                             \
                            : (VG_(assert_fail)(False, #expr, __FILE__,     \
                                                __LINE__, __func__,         \
                                                __VA_ARGS__), 0)))

#endif /* PUB_TOOL_TOOLIFACE_H */
