/*--------------------------------------------------------------------*/
/*--- Suppressions: reading, matching and generating them.         ---*/
/*---                                       pub_core_suppressions.h ---*/
/*--------------------------------------------------------------------*/

/* Valgrind's suppression file format:

       # a comment
       {
          a-name
          Skin1,Skin2:Kind        (or *:Kind)
          skin-specific lines     (read by SK_(read_extra_suppression_info))
          fun:PATTERN             the function, mangled name (or demangled,
                                  when PATTERN has characters that only
                                  demangled names have: "(<: ,&")
          obj:PATTERN             the object (file path) containing the code
          src:PATTERN[:LINE]      the source file (and line)
          ...                     any number of frames, none included
       }

   PATTERNs take * and ? wildcards (\ escapes them).  A suppression
   matches an error when the skin says the kind (and its extra lines)
   match and its frames match the innermost frames of the error's stack,
   inlined calls counting as frames of their own.  Entries for other skins
   are skipped.  The services skins use for their callbacks
   (VG_(get_line), VG_(get_supp_kind), ...) are declared in vg_skin.h. */

#ifndef PUB_CORE_SUPPRESSIONS_H
#define PUB_CORE_SUPPRESSIONS_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

/* The most frames a suppression may have (Valgrind's limit). */
#define VG_MAX_SUPP_CALLERS 24

/* Where and why a suppressions file is malformed. */
typedef struct {
    Int line;
    HChar reason[256];
} SuppFileError;

/* Reads the suppressions of the file open on FD (called FILENAME in
   VG_(show_used_suppressions)), adding them to those in force.  Returns
   False, with *ERR filled, at the first malformed entry; the entries
   before it are kept. */
Bool VG_(read_suppressions_fd)(Int fd, const HChar *filename, SuppFileError *err);

/* Reads the default suppressions file (unless --default-suppressions=no;
   a missing default file is skipped) and every --suppressions=FILE.  A
   file that cannot be read or is malformed stops the run with one line,
   "valgrind: FILE:LINE: reason", and exit status 1. */
void VG_(load_suppressions)(void);

/* Does NAME match PATTERN, whose '*' matches any characters, '?' any one
   and '\' makes the next character literal? */
Bool VG_(string_match)(const HChar *pat, const HChar *name);

/* The first suppression that matches ERR, or NULL. */
Supp *VG_(matching_suppression)(const SkinError *err);

/* Counts one more error suppressed by SU. */
void VG_(count_suppression_use)(Supp *su);

/* Prints the suppressions used so far with their counts: "used_suppression:"
   debugging lines, or with --xml=yes the <suppcounts> element.  Returns
   whether any was used. */
Bool VG_(show_used_suppressions)(void);

/* Prints the suppression that would suppress ERR, ready to paste into a
   suppressions file (to the log), or with --xml=yes its <suppression>
   element.  Errors that cannot be suppressed (SK_(get_error_name) gives
   NULL) get a note instead. */
void VG_(print_suppression_for)(const SkinError *err);

/* Forgets every suppression (their skin extras are the skin's to free):
   for the fuzz target and unit tests. */
void VG_(free_all_suppressions)(void);

/* The number of suppressions in force. */
UInt VG_(n_suppressions)(void);

#endif /* PUB_CORE_SUPPRESSIONS_H */
