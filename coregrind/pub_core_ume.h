/*--------------------------------------------------------------------*/
/*--- Loading the client: ELF, #!, the initial stack.  pub_core_ume.h ---*/
/*--------------------------------------------------------------------*/

#ifndef PUB_CORE_UME_H
#define PUB_CORE_UME_H

#include "pub_core_basics.h"

typedef struct {
    Addr entry;         /* first guest instruction: ld.so's or the exe's entry */
    Addr exe_entry;     /* AT_ENTRY */
    Addr phdr;          /* AT_PHDR */
    UInt phnum, phent;
    Addr interp_base;   /* AT_BASE (0 without an interpreter) */
    Addr exe_lo, exe_hi; /* the executable's mapped span */
    Addr initial_sp;    /* rsp at entry: points at argc */
    HChar *exe_path;    /* the ELF file actually loaded (for /proc/self/exe) */
    HChar *interp_path; /* or NULL */
    Int client_argc;
    HChar **client_argv; /* as the client sees them (after #! expansion) */
    HChar *script_path;  /* prog when it is a #! script, as found through $PATH; or NULL */
} ClientImage;

/* Finds prog (searching $PATH if it has no '/'), follows #! lines, maps the
   executable and its interpreter into the client region, reserves brk,
   and builds the initial stack (argv, envp, auxv).  Bad input is one
   error line and the exit status a shell would give (127 not found, 126
   not executable).  A program without an interpreter (static) also gets
   the objects preloads lists (NULL-terminated, may be NULL) mapped and
   relocated, since no ld.so will honour LD_PRELOAD for it. */
void VG_(load_client)(const HChar *prog, HChar **argv, HChar **envp,
                      const HChar *const *preloads, ClientImage *out);

#endif /* PUB_CORE_UME_H */
