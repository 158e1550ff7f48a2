#!/usr/bin/perl
# Unit test of the string and memory replacements
# (vgpreload/vg_replace_strmem.c), run natively.
#
# Builds vg_replace_strmem.c as the preload libraries are built (no libc,
# no builtins), but with -DVGP_NATIVE_TEST, so that its requests to the
# core go to a stand-in in tests/unit/strmem_native/harness.c, and links
# it with that harness.  The harness calls the _vgR_r_ functions of libc
# and ld.so on strings of length 0..40 at every alignment, with n limits,
# found and not-found cases, case folding and wide strings, and compares
# them with glibc's; it places strings against an inaccessible page to
# catch reads and writes past their ends; it checks which copies report
# an overlap (and with what name, pointers and length), and that the _chk
# functions abort with glibc's message exactly when the data does not fit.
use strict;
use warnings;

use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $top = "$RealBin/../..";
my $cc = $ENV{CC} // 'gcc';
my $tmp = tempdir('strmem_native_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);

plan skip_all => "$cc is missing" if system("command -v $cc >/dev/null 2>&1");

sub run {
    my ($cmd) = @_;
    my $out = `$cmd 2>&1`;
    BAIL_OUT("failed: $cmd\n$out") if $?;
    return $out;
}

# The flags of the preload libraries (PRELOAD_CFLAGS in the Makefile).
my $warn = '-Wall -Wextra -Werror -Wno-unused-parameter -Wshadow=local';
my $preload_flags = "-std=gnu11 -g -O2 -fno-strict-aliasing -fno-omit-frame-pointer $warn "
    . '-fPIC -fvisibility=hidden -ffreestanding -fno-builtin '
    . '-fno-tree-loop-distribute-patterns -fno-stack-protector -fno-ipa-icf';

run("$cc $preload_flags -DVGP_NATIVE_TEST -I$top/include -I$top/vgpreload "
    . "-c $top/vgpreload/vg_replace_strmem.c -o $tmp/strmem.o");
run("$cc -std=gnu11 -g -O1 -fno-builtin $warn -I$top/include "
    . "-o $tmp/harness $RealBin/strmem_native/harness.c $tmp/strmem.o");

my $out = `$tmp/harness 2>&1`;
my $status = $?;
my $groups = 0;
for my $line (split /\n/, $out) {
    if ($line =~ /^PASS (.*)/) {
        pass($1);
        $groups++;
    } elsif ($line =~ /^FAIL ([^:]*): (.*)/) {
        fail($1);
        diag($2);
        $groups++;
    }
}
my $why = $status & 127 ? 'died of signal ' . ($status & 127) : 'exit status ' . ($status >> 8);
ok($out =~ /^DONE$/m, 'the harness ran to its end')
    or diag("harness $why after:\n$out");
cmp_ok($groups, '>=', 14, 'every group of checks reported');

done_testing();
