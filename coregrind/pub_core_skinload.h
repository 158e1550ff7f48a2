/*--------------------------------------------------------------------*/
/*--- Finding and loading the skin.            pub_core_skinload.h ---*/
/*--------------------------------------------------------------------*/

/* The skin is vgskin_NAME.so in the library directory: $VALGRINDLIB if
   set, else <directory of the core's executable>/../lib/valgrind.  Every
   problem with it (unknown name, not loadable, built for another
   interface version, incomplete) is one "valgrind: ..." line and exit
   status 1. */

#ifndef PUB_CORE_SKINLOAD_H
#define PUB_CORE_SKINLOAD_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

/* Loads skin NAME (once), checks its interface version, runs its
   pre_clo_init and checks that it registered everything required (with
   VG_(check_skin_interface)) and that its shadow ratio is consistent with
   its shadow_ratios detail.  Returns only on success. */
void VG_(load_skin)(const HChar *name);

/* Is there a skin NAME in the library directory? */
Bool VG_(skin_exists)(const HChar *name);

/* The library directory (no trailing '/').  Owned by this module. */
const HChar *VG_(libdir)(void);

/* The loaded skin's name (as given to VG_(load_skin)) and file. */
const HChar *VG_(skin_name)(void);
const HChar *VG_(skin_path)(void);

/* The skin's vgpreload_NAME.so next to it, for the client's LD_PRELOAD,
   or NULL if it has none. */
const HChar *VG_(skin_preload_path)(void);

/* The core's vgpreload_core.so (pthread mutex wrappers), or NULL if it
   is not installed. */
const HChar *VG_(core_preload_path)(void);

/* The shadow ratio the skin declared in VG_DETERMINE_INTERFACE_VERSION. */
Double VG_(skin_declared_ratio)(void);

/* Checks the --shadow-ratio= value TEXT against the ratios the skin
   supports (its shadow_ratios detail, else only its declared ratio) and
   makes it the ratio in force; a ratio the skin does not support stops the
   run through VG_(fmsg_bad_option). */
void VG_(skin_choose_shadow_ratio)(const HChar *text);

/* The shadow ratio in force: the one chosen with --shadow-ratio=, else
   the declared one. */
Double VG_(skin_shadow_ratio)(void);

#endif /* PUB_CORE_SKINLOAD_H */
