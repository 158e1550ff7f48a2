#!/usr/bin/perl
# The generated VG_(check_skin_interface) names the first thing a skin
# failed to provide: a required entry point, a required detail, or an entry
# point of a need it set.  The defaults of unregistered entry points do
# what toolfuncs.def says (return a value, or panic naming themselves).
use strict;
use warnings;

use FindBin qw($RealBin);
use lib "$RealBin/lib";
use GenTest qw($TOP $DEF scratch_dir write_file generate run_cmd gcc_errors);
use Test::More;

my $dir = scratch_dir();
my $out = "$dir/build";
my ($status, undef, $err) = generate($DEF, $out);
is($status, 0, 'toolfuncs.def generates') or diag($err);

# The core side: reports the check, then calls a few defaults.
write_file("$dir/core.c", <<'EOF');
#include "vg_skintable.h"
#include <stdio.h>
#include <stdlib.h>

void VG_(skin_panic)(const HChar *why)
{
    printf("panic: %s\n", why);
    exit(3);
}

extern const VgInterfaceVersion SK_(interface_version);

int main(void)
{
    SK_(interface_version).pre_clo_init();
    const HChar *missing = VG_(check_skin_interface)();
    printf("check: %s\n", missing ? missing : "complete");
    printf("has post_clo_init: %d\n", VG_SKIN_HAS(post_clo_init));
    VG_(skin).post_clo_init(); /* default: does nothing */
    printf("cmd line option: %d\n", VG_(skin).process_cmd_line_option("--x=1"));
    printf("cheap sanity: %d\n", VG_(skin).cheap_sanity_check());
    VG_(skin).pp_SkinError(NULL); /* default: panics */
    return 0;
}
EOF

# A skin made of the lines given (its pre_clo_init body).
sub skin_source {
    my ($body) = @_;
    return <<"EOF";
#include "vg_skin.h"
__attribute__((unused)) static UCodeBlock *x_instrument(UCodeBlock *cb, Addr a) { return cb; }
__attribute__((unused)) static void x_fini(Int exitcode) { }
__attribute__((unused)) static Bool x_option(const HChar *arg) { return False; }
__attribute__((unused)) static void x_usage(void) { }
static void x_pre_clo_init(void)
{
$body
}
VG_DETERMINE_INTERFACE_VERSION(x_pre_clo_init, 0);
EOF
}

my $details = join("\n", '    VG_(details_name)("X");',
    '    VG_(details_description)("test");', '    VG_(details_copyright_author)("nobody");');
my $entries = "    SK_(init_instrument)(x_instrument);\n    SK_(init_fini)(x_fini);";

my @cases = (
    ['a complete skin', "$details\n$entries", 'complete'],
    ['no SK_(fini)', "$details\n    SK_(init_instrument)(x_instrument);",
     'required entry point SK_(fini) is not registered'],
    ['no SK_(instrument)', "$details\n    SK_(init_fini)(x_fini);",
     'required entry point SK_(instrument) is not registered'],
    ['SK_(fini) registered, then unregistered with NULL',
     "$details\n$entries\n    SK_(init_fini)(NULL);",
     'required entry point SK_(fini) is not registered'],
    ['no name detail', "$entries\n" . join("\n", grep { !/details_name/ } split /\n/, $details),
     'required detail name is not set (with VG_(details_name))'],
    ['need command_line_options without its entry points',
     "$details\n$entries\n    VG_(needs_command_line_options)();",
     'need command_line_options requires SK_(process_cmd_line_option), which is not registered'],
    ['need command_line_options with only some entry points',
     "$details\n$entries\n    VG_(needs_command_line_options)();\n"
     . "    SK_(init_process_cmd_line_option)(x_option);\n    SK_(init_print_usage)(x_usage);",
     'need command_line_options requires SK_(print_debug_usage), which is not registered'],
    ['need skin_errors without its entry points',
     "$details\n$entries\n    VG_(needs_skin_errors)();",
     'need skin_errors requires SK_(eq_SkinError), which is not registered'],
    ['need core_errors (nothing required)', "$details\n$entries\n    VG_(needs_core_errors)();",
     'complete'],
);

for my $case (@cases) {
    my ($what, $body, $want) = @$case;
    write_file("$dir/skin.c", skin_source($body));
    my $cc = gcc_errors("-I$TOP/include -I$out/include -I$out/coregrind -o $dir/prog"
        . " $dir/core.c $dir/skin.c $out/coregrind/vg_skintable.c");
    ok(!defined $cc, "$what: compiles") or diag($cc);
    my ($run, $stdout) = run_cmd("$dir/prog");
    is($run, 3, "$what: the default of pp_SkinError panics");
    is($stdout, <<"EOF", "$what: check says '$want'");
check: $want
has post_clo_init: 0
cmd line option: 0
cheap sanity: 1
panic: SK_(pp_SkinError) was called, but the skin did not register it
EOF
}

# Needs and details are for pre_clo_init only.
write_file("$dir/skin.c", skin_source("$details\n$entries"));
write_file("$dir/late.c", <<'EOF');
#include "vg_skintable.h"
#include <stdio.h>
#include <stdlib.h>

void VG_(skin_panic)(const HChar *why)
{
    printf("panic: %s\n", why);
    exit(3);
}

extern const VgInterfaceVersion SK_(interface_version);

int main(void)
{
    SK_(interface_version).pre_clo_init();
    printf("check: %s\n", VG_(check_skin_interface)() ? "incomplete" : "complete");
    VG_(needs_core_errors)();
    return 0;
}
EOF
my $cc = gcc_errors("-I$TOP/include -I$out/include -I$out/coregrind -o $dir/late"
    . " $dir/late.c $dir/skin.c $out/coregrind/vg_skintable.c");
ok(!defined $cc, 'late need: compiles') or diag($cc);
my ($run, $stdout) = run_cmd("$dir/late");
is($run, 3, 'a need set after pre_clo_init panics');
is($stdout, "check: complete\npanic: VG_(needs_core_errors) was called after pre_clo_init\n",
   'naming the setter');

done_testing();
