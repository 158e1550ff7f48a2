/*--------------------------------------------------------------------*/
/*--- Debug information of the client's ELF objects.               ---*/
/*---                                          pub_core_debuginfo.h ---*/
/*--------------------------------------------------------------------*/

/* One DebugInfo per client ELF object mapped (executable, ld.so, every
   shared library).  Symbols (symtab, dynsym) are read when its first
   executable mapping is recorded; DWARF (line tables, function names,
   inlined calls) and CFI are read lazily, at the first query that needs
   them, from the file or its separate debug file (.gnu_debuglink,
   build-id under /usr/lib/debug).  Malformed or truncated debug info never
   crashes the core: the query fails and the caller prints "???".
   All queries take a client code address (an "IP"). */

#ifndef PUB_CORE_DEBUGINFO_H
#define PUB_CORE_DEBUGINFO_H

#include "pub_core_basics.h"

/*--- Notifications from the address-space manager --------------------------*/

/* A client file mapping [a, a+len) of `filename` at file offset `offset`
   with protections prot was made.  Returns a handle (0 if not an ELF
   object we keep) for the new_mem_mmap/startup events' di_handle. */
ULong VG_(di_notify_mmap)(Addr a, SizeT len, UInt prot, OffT offset, const HChar *filename);

/* [a, a+len) was unmapped: objects whose code overlaps it are
   forgotten (their names and lines would be stale). */
void VG_(di_notify_munmap)(Addr a, SizeT len);

/* The handle of the object whose code or data holds a (0 if none), for
   callers that record mappings before they report them to the skin. */
ULong VG_(di_handle_of)(Addr a);

/* The handle the next object will get: handles grow in load order, so
   the objects loaded so far are those with a smaller one. */
ULong VG_(di_next_handle)(void);

/*--- Queries ---------------------------------------------------------------*/

/* The function containing ip: demangled unless --demangle=no.  The
   string lives until the object is unmapped.  False if unknown. */
Bool VG_(get_fnname)(Addr ip, const HChar **name);

/* Like VG_(get_fnname) but only if ip is the function's first byte. */
Bool VG_(get_fnname_if_entry)(Addr ip, const HChar **name);

/* The mangled (linkage) name, for suppression matching and redirection. */
Bool VG_(get_fnname_raw)(Addr ip, const HChar **name);

/* Source position of ip: file name (without directory), directory (may
   be NULL), line.  False if there is no line info. */
Bool VG_(get_filename_linenum)(Addr ip, const HChar **file, const HChar **dir, UInt *line);

/* The object (file path as mapped) containing ip. */
Bool VG_(get_objname)(Addr ip, const HChar **objname);

/* Inlined calls at ip, innermost first: each frame's function name and
   the source position *in that function*.  The last entry is the
   function really containing ip (the same as VG_(get_fnname)).  Returns
   the number filled (0 if nothing is known); at most max. */
typedef struct {
    const HChar *fnname;
    const HChar *file;
    const HChar *dir;
    UInt line;
} InlinedFrame;
UInt VG_(get_inlined_frames)(Addr ip, InlinedFrame *out, UInt max);

/* Writes one line describing ip the way Valgrind's error reports do:
   "0x4005D4: main (test.c:10)", "0x4005D4: foo (in /lib/libfoo.so)",
   "0x4005D4: ???".  Returns buf. */
const HChar *VG_(describe_IP)(Addr ip, HChar *buf, SizeT n);

/* Is name one of the C library's start-up functions that call main
   ("__libc_start_main", "__libc_start_call_main", "_start", ...)?
   Traces are cut after them and they print as "(below main)". */
Bool VG_(is_below_main_name)(const HChar *name);

/* Formats one line of a trace from its parts, as VG_(describe_IP) does:
   "0xADDR: fn (file:line)", "0xADDR: fn (in obj)", "0xADDR: ???";
   a below-main fn prints as "(below main)" (unless --show-below-main=yes),
   and dir/file as --fullpath-after asks.  Any part may be NULL. */
void VG_(describe_frame)(Addr print_ip, const HChar *fn, const HChar *dir, const HChar *file,
                         UInt line, const HChar *obj, HChar *buf, SizeT n);

/*--- Unwinding ---------------------------------------------------------------*/

/* One frame of a guest stack: the registers CFI needs. */
typedef struct {
    Addr ip, sp, fp;
} UnwindRegs;

/* Steps *r from a frame to its caller using the CFI (.eh_frame or
   .debug_frame) covering r->ip; reads client memory only inside
   [stack_lo, stack_hi).  False if there is no CFI or it does not apply. */
Bool VG_(use_CF_info)(UnwindRegs *r, Addr stack_lo, Addr stack_hi);

/* The stack unwinder's step: every general register (hardware order, as
   ThreadState.gpr) with a mask of the known ones, so a CFA defined from
   any register works.  ip is a return address (looked up at ip-1)
   unless exact_ip.  rd reads one stack word, refusing what it must.
   *signal_frame is set when the frame was a signal trampoline's (the
   caller's ip is then exact).  False, leaving *r alone, if there is no
   CFI for ip or it cannot be applied (e.g. the outermost frame). */
typedef struct {
    Addr ip;
    Addr gpr[16];
    UInt known; /* bit i set: gpr[i] is known */
} UnwindFullRegs;
typedef Bool (*StackReadFn)(Addr a, Addr *out, void *opaque);
Bool VG_(use_CF_info_full)(UnwindFullRegs *r, Bool exact_ip, StackReadFn rd, void *opaque,
                           Bool *signal_frame);

/*--- Symbols, for function redirection -------------------------------------------*/

typedef struct DebugInfo DebugInfo;

/* loaded is called (from VG_(di_notify_mmap)) when an object's symbols
   have been read, unloading just before an object is forgotten (munmap):
   the redirection machinery looks for replacements there. */
void VG_(set_di_callbacks)(void (*loaded)(DebugInfo *di), void (*unloading)(DebugInfo *di));

/* Calls fn for every object known. */
void VG_(di_foreach)(void (*fn)(DebugInfo *di, void *opaque), void *opaque);

const HChar *VG_(di_soname)(const DebugInfo *di);   /* DT_SONAME, or the file name */
Bool VG_(di_has_soname)(const DebugInfo *di);       /* it has a DT_SONAME */
const HChar *VG_(di_filename)(const DebugInfo *di);
Bool VG_(di_contains)(const DebugInfo *di, Addr a); /* a is in its code */

/* Calls fn for every function symbol of di, its debug file's too (its address, size, its
   mangled name, and whether it is an IFUNC, whose address is then its
   resolver's). */
void VG_(di_foreach_symbol)(DebugInfo *di,
                            void (*fn)(Addr a, SizeT size, const HChar *name, Bool is_ifunc,
                                       void *opaque),
                            void *opaque);

/* In the child of a client fork: the parent's helper processes are not
   ours. */
void VG_(di_atfork_child)(void);

/* The address of the function symbol NAME in some loaded object (the
   first found; the symbol tables read at load time only). */
Bool VG_(di_lookup_symbol)(const HChar *name, Addr *out);

/* Splits the symbol name of a vgpreload replacement (include/vg_preload.h):
   *wrap (else it replaces), its SONAME and FN patterns unescaped into so
   and fn (so_n and fn_n bytes).  False if name is not one, is malformed or
   does not fit. */
Bool VG_(parse_preload_name)(const HChar *name, Bool *wrap, HChar *so, SizeT so_n, HChar *fn,
                             SizeT fn_n);

#endif /* PUB_CORE_DEBUGINFO_H */
