/*--------------------------------------------------------------------*/
/*--- Template: a skin made with gen/new-skin.           tp_main.c ---*/
/*--------------------------------------------------------------------*/

/* Counts the blocks of guest code the core translates and reports the
   count at exit.  Counting the guest instructions the client executes
   needs UCode (an increment added to every block), which this skin gets
   once the core provides its UCode helpers.  Meanwhile it shows the parts
   every skin has: details, entry points, an option of its own, and the
   interface version.  docs/writing-a-skin.md explains each. */

#include "vg_skin.h"

/*--- Command-line options -------------------------------------------*/

static Bool tp_clo_report = True; /* --report=yes|no */

static Bool tp_process_cmd_line_option(const HChar *arg)
{
    if (VG_(bool_clo)(arg, "--report", &tp_clo_report))
        return True;
    return False;
}

static void tp_print_usage(void)
{
    VG_(printf)("    --report=no|yes           report the count at exit? [yes]\n");
}

static void tp_print_debug_usage(void)
{
    VG_(printf)("    (none)\n");
}

/*--- Instrumentation ------------------------------------------------*/

static ULong tp_blocks_translated;

static UCodeBlock *tp_instrument(UCodeBlock *cb, Addr guest_addr)
{
    tp_blocks_translated++;
    return cb;
}

/*--- Start-up and exit ----------------------------------------------*/

static void tp_fini(Int exitcode)
{
    if (tp_clo_report && VG_(verbosity)() > 0)
        VG_(umsg)("blocks translated: %llu\n", tp_blocks_translated);
}

static void tp_pre_clo_init(void)
{
    VG_(details_name)("Template");
    VG_(details_description)("counts the blocks it translates");
    VG_(details_copyright_author)("Copyright (C) 2026, the vgcore authors.");

    VG_(needs_command_line_options)();
    SK_(init_process_cmd_line_option)(tp_process_cmd_line_option);
    SK_(init_print_usage)(tp_print_usage);
    SK_(init_print_debug_usage)(tp_print_debug_usage);

    SK_(init_instrument)(tp_instrument);
    SK_(init_fini)(tp_fini);
}

/* No shadow memory: ratio 0. */
VG_DETERMINE_INTERFACE_VERSION(tp_pre_clo_init, 0);
