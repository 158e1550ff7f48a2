#!/usr/bin/perl
# gen-interface.pl rejects malformed definitions with "FILE:LINE: message"
# and exit status 1, and writes nothing.
use strict;
use warnings;

use FindBin qw($RealBin);
use lib "$RealBin/lib";
use GenTest qw(scratch_dir write_file read_file generate);
use Test::More;

my $base = read_file("$RealBin/fixtures/small.def");

# [what, text to replace, its replacement, expected message (regex),
#  text whose line the error names (default: the replacement's first line)]
my @cases = (
    ['wrong format version', 'format 1', 'format 2', qr/format 2 is not supported/],
    ['no format line', "format 1\n", '', qr/first line that is not a comment must be "format 1"/,
     'interface 1.0'],
    ['bad interface version', 'interface 1.0', 'interface 1', qr/bad interface version '1'/],
    ['no interface line', "interface 1.0\n", '', qr/missing "interface MAJOR\.MINOR"/,
     ':services'],
    ['unknown directive', 'include pub_tool_ucode.h', 'inclde pub_tool_ucode.h',
     qr/unknown directive 'inclde/],
    ['unknown section', ':details', ':detials', qr/unknown section :detials/],
    ['malloc entry marked optional', ":events\n",
     ":malloc\n## Heap.\noptional void SK_(heap_x)(ThreadId tid)\n\n:events\n",
     qr/:malloc entries are required by need replace_malloc/, 'optional void SK_(heap_x)'],
    ['section given twice', ":events\n", ":events\n:needs\n", qr/section :needs already began/,
     ":needs\n## Thread"],
    ['missing section', ":events\n", ":events_gone\n", qr/unknown section :events_gone/],
    ['entry without a doc comment', "## Called at the end.\n", '', qr/entry without a ## comment/,
     'required void SK_(fini)'],
    ['doc comment followed by a blank line', "## Called at the end.\n",
     "## Called at the end.\n\n", qr/## comment is not followed by an entry/,
     '## Called at the end.'],
    ['doc comment closing a C comment', '## Called at the end.', '## Called */ at the end.',
     qr{## comment contains \*/}],
    ['no space after ##', '## Called at the end.', '##Called at the end.',
     qr/a space after ##/],
    ['continuation without an entry', "\n:entries", "\n    stray\n:entries",
     qr/continuation line without an entry/, '    stray'],
    ['line too long', '## Instruments CB.', '## ' . ('x' x 100), qr/longer than 99/],
    ['service with the SK_ prefix', 'Int VG_(printf)', 'Int SK_(printf)',
     qr/entries of this section are VG_\(name\), not SK_\(printf\)/],
    ['not a declaration', 'Int VG_(printf)(const HChar *fmt, ...) printf(1,2)',
     'Int printf(const HChar *fmt, ...)', qr/expected a declaration/],
    ['unbalanced parentheses', 'void VG_(skin_panic)(const HChar *why) noreturn',
     'void VG_(skin_panic)(const HChar *why noreturn', qr/unbalanced parentheses/],
    ['empty parameter list', 'void SK_(post_clo_init)(void)', 'void SK_(post_clo_init)()',
     qr/write \(void\) for no parameters/],
    ['function-pointer parameter', 'SK_(thread_run)(ThreadId tid)',
     'SK_(thread_run)(void (*fn)(int))', qr/function-pointer parameter/],
    ['unknown service attribute', 'noreturn', 'noreturnn',
     qr/unknown attribute 'noreturnn'/, 'void VG_(skin_panic)'],
    ['printf attribute on the wrong parameter', 'printf(1,2)', 'printf(2,3)',
     qr/printf\(2,3\): parameter 2 is not a format string/, 'Int VG_(printf)'],
    ['printf attribute with wrong first argument', 'printf(1,2)', 'printf(1,3)',
     qr/printf\(1,3\): the arguments start at 2/, 'Int VG_(printf)'],
    ['noreturn on a function returning a value', 'void VG_(skin_panic)', 'Int VG_(skin_panic)',
     qr/noreturn function must return void/],
    ['entry point without required/optional', 'required void SK_(fini)', 'void SK_(fini)',
     qr/starts with "required" or "optional"/],
    ['entry point with an unnamed parameter', 'SK_(fini)(Int exitcode)', 'SK_(fini)(Int)',
     qr/parameter 1 \('Int'\) needs a name/, 'required void SK_(fini)'],
    ['required entry point with a default', 'required void SK_(fini)(Int exitcode)',
     'required void SK_(fini)(Int exitcode) default', qr/a required entry point has no default/],
    ['void default with a value', 'SK_(post_clo_init)(void) default',
     'SK_(post_clo_init)(void) default(0)', qr/returns void: write plain 'default'/,
     'optional void SK_(post_clo_init)'],
    ['value default without a value', 'default(False)', 'default',
     qr/write default\(VALUE\)/, 'optional Bool SK_(process_cmd_line_option)'],
    ['variadic entry point', 'SK_(fini)(Int exitcode)', 'SK_(fini)(Int exitcode, ...)',
     qr/skin functions cannot be variadic/, 'required void SK_(fini)'],
    ['event returning a value', 'void SK_(thread_run)', 'Int SK_(thread_run)',
     qr/event SK_\(thread_run\) must return void/],
    ['event with an attribute', 'SK_(thread_run)(ThreadId tid)',
     'SK_(thread_run)(ThreadId tid) noreturn', qr/events take no attributes/],
    ['need requiring an undeclared entry point', '    print_usage', '    print_usagee',
     qr/need command_line_options requires SK_\(print_usagee\), which :entries does not/,
     'command_line_options requires'],
    ['need listing a required entry point', '    print_usage', '    fini',
     qr/lists SK_\(fini\), which is required anyway/, 'command_line_options requires'],
    ['need syntax', 'core_errors', 'core_errors needs x',
     qr/expected: NAME \[requires ENTRY \.\.\.\]/],
    ['detail syntax', 'required name', 'nam3', qr/expected: required NAME \| optional NAME/],
    ['service declared twice', "## Stops the run.\n",
     "## Prints again.\nInt VG_(printf)(const HChar *fmt) \n\n## Stops the run.\n",
     qr/VG_\(printf\) clashes with a name declared at line 12/,
     'Int VG_(printf)(const HChar *fmt) '],
    ['event and entry point with one name', "## Thread TID runs.\nvoid SK_(thread_run)",
     "## Thread TID runs.\nvoid SK_(fini)",
     qr/SK_\(fini\) clashes with a name declared at line 22/, "\nvoid SK_(fini)"],
    ['detail setter clashing with a service', 'Int VG_(printf)', 'Int VG_(details_name)',
     qr/VG_\(details_name\) clashes with a name declared at line 12/, 'required name'],
);

my $dir = scratch_dir();
for my $case (@cases) {
    my ($what, $old, $new, $want, $mark) = @$case;
    my $text = $base;
    my $at = index($text, $old);
    die "test bug: '$old' not in the fixture ($what)" if $at < 0;
    substr($text, $at, length $old) = $new;
    $mark //= (split /\n/, $new)[0] // '';  # a leading "\n": the line after
    my $mark_at = index($text, $mark);
    die "test bug: '$mark' not in the edited text ($what)" if $mark eq '' || $mark_at < 0;
    my $line = 1 + (() = substr($text, 0, $mark_at) =~ /\n/g) + ($mark =~ /^\n/ ? 1 : 0);

    my $def = write_file("$dir/bad.def", $text);
    my $out = "$dir/out";
    my ($status, undef, $err) = generate($def, $out);
    is($status, 1, "$what: exit status 1");
    like($err, qr/^\Q$def\E:$line: .*$want/m, "$what: error at line $line")
        or diag("got: $err");
    ok(!-e "$out/include/vg_skin.h", "$what: nothing written");
}

# Errors are reported all at once, each with its own line.
my $text = $base;
$text =~ s/format 1/format 1\nbogus/;
$text =~ s/required name/requierd name/;
my $def = write_file("$dir/two.def", $text);
my ($status, undef, $err) = generate($def, "$dir/out");
is($status, 1, 'two errors: exit status 1');
is(scalar(() = $err =~ /^\Q$def\E:\d+: /mg), 2, 'two errors: two lines')
    or diag($err);

# The unmodified fixture is fine.
($status, undef, $err) = generate("$RealBin/fixtures/small.def", "$dir/good");
is($status, 0, 'the fixture itself is accepted') or diag($err);

done_testing();
