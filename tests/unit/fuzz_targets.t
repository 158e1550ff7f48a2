#!/usr/bin/perl
# fuzz_targets.t: the libFuzzer targets of tests/fuzz/ still build against
# the core's sources (their stubs of the rest of the core go stale as the
# core grows) and run their seeds without a sanitizer report: built with
# gcc's AddressSanitizer and tests/fuzz/standalone_main.c instead of
# libFuzzer.  Skipped when gcc cannot link with -fsanitize=address or the
# generated headers are not there (make).
use strict;
use warnings;
use File::Temp qw(tempdir);
use FindBin;
use Test::More;

my $top = "$FindBin::Bin/../..";
chdir $top or die;
plan skip_all => 'not built (make)' unless -f 'build/coregrind/vg_skintable.h';
my $tmp = tempdir('fuzz_targets_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);
open(my $fh, '>', "$tmp/t.c") or die;
print $fh "int main(void) { return 0; }\n";
close $fh;
plan skip_all => 'gcc cannot link with -fsanitize=address'
    if system("gcc -fsanitize=address -o $tmp/t $tmp/t.c >/dev/null 2>&1") != 0;

my @common = qw(gcc -std=gnu11 -g -O1 -fsanitize=address -fno-omit-frame-pointer -D_GNU_SOURCE
                -Iinclude -Ibuild/include -Icoregrind -Icoregrind/m_debuginfo -Ibuild/coregrind);
sub build {
    my ($out, @args) = @_;
    my $log = `@common -o $tmp/$out tests/fuzz/standalone_main.c @args 2>&1`;
    ok($? == 0, "$out builds") or diag($log);
    return $? == 0;
}
sub run_seeds {
    my ($exe, @seeds) = @_;
    local $ENV{ASAN_OPTIONS} = 'detect_leaks=0';
    my $out = `$tmp/$exe @seeds 2>&1`;
    my $st = $?;
    ok($st == 0 && $out =~ /ran \d+ input/ && $out !~ /ERROR: AddressSanitizer/,
       "$exe runs its " . scalar(@seeds) . ' seeds') or diag($out);
}

if (build('fuzz_suppressions', 'tests/fuzz/fuzz_suppressions.c', 'coregrind/m_suppressions.c')) {
    run_seeds('fuzz_suppressions', glob('tests/fuzz/suppressions-corpus/*'));
}

# The debug-info target in process (DEBUGINFO_FUZZ_INPROCESS): libdwarf's
# own faults on hostile input would show, but the seeds are well formed.
if (build('debuginfo_fuzz', 'tests/fuzz/debuginfo_fuzz.c', glob('coregrind/m_debuginfo/*.c'),
          '-Wl,-Bstatic', qw(-ldwarf -lelf -lz -liberty), '-Wl,-Bdynamic')) {
    my $src = 'tests/unit/debuginfo/src';
    system("gcc -g -O0 -o $tmp/prog_O0 $src/prog.c") == 0 or die;
    system("gcc -g -O2 -o $tmp/inline_O2 $src/inline.c") == 0 or die;
    local $ENV{DEBUGINFO_FUZZ_INPROCESS} = 1;
    run_seeds('debuginfo_fuzz', "$tmp/prog_O0", "$tmp/inline_O2");
}
done_testing();
