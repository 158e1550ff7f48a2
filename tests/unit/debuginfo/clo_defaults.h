/* The core options the debug-info reader and the stack tracer read, at
   their defaults: for the programs that link those files without the
   rest of the core (the unit harness and the fuzz target). */
#ifndef CLO_DEFAULTS_H
#define CLO_DEFAULTS_H

Bool VG_(clo_demangle) = True;
const HChar *VG_(clo_extra_debuginfo_path) = NULL;
Bool VG_(clo_allow_mismatched_debuginfo) = False;
Bool VG_(clo_show_below_main) = False;
Int VG_(clo_merge_recursive_frames) = 0;
Int VG_(clo_n_fullpath_after) = 0;
const HChar **VG_(clo_fullpath_after) = NULL;
Bool VG_(clo_read_inline_info) = True;

#endif
