#!/usr/bin/perl
# Unit test of the allocation replacements
# (vg_replace_malloc/vg_replace_malloc.c), run natively.
#
# Builds vg_replace_malloc.c as the preload libraries are built (no libc,
# no builtins), but with -DVGP_NATIVE_TEST, so that its requests to the
# core go to a stand-in in tests/unit/malloc_native/harness.c, and links
# it with that harness twice: as a C program, where
# std::__throw_bad_alloc() does not exist, and with one (-DWITH_THROW).
# The harness calls every _vgR_r_ function of libc.so*, NONE, libstdc++*
# and libc++* and checks the request each makes (kind, size, alignment:
# glibc 2.36's memalign rounding, valloc and pvalloc's pages), the checks
# made before any request (posix_memalign's EINVAL, calloc overflows),
# realloc(NULL, n) made malloc's request, errno after failures and after
# realloc(p, 0),
# that free(NULL) and delete of NULL ask nothing, and what a failing
# operator new does: throw, or say so and exit 1.
use strict;
use warnings;

use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $top = "$RealBin/../..";
my $cc = $ENV{CC} // 'gcc';
my $tmp = tempdir('malloc_native_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);

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
    . "-c $top/vg_replace_malloc/vg_replace_malloc.c -o $tmp/malloc.o");
for my $variant ('', '-DWITH_THROW') {
    my $exe = $variant ? "$tmp/harness_throw" : "$tmp/harness";
    run("$cc -std=gnu11 -g -O1 -fno-builtin $warn $variant -I$top/include "
        . "-o $exe $RealBin/malloc_native/harness.c $tmp/malloc.o");
    check_harness($exe, $variant ? ' (with std::__throw_bad_alloc)' : '');
}
done_testing();

# Runs one build of the harness: a test per group of checks.
sub check_harness {
    my ($exe, $suffix) = @_;
    my $out = `$exe 2>&1`;
    my $status = $?;
    my $groups = 0;
    for my $line (split /\n/, $out) {
        if ($line =~ /^PASS (.*)/) {
            pass($1 . $suffix);
            $groups++;
        } elsif ($line =~ /^FAIL ([^:]*): (.*)/) {
            fail($1 . $suffix);
            diag($2);
            $groups++;
        }
    }
    my $why = $status & 127 ? 'died of signal ' . ($status & 127) : 'exit status ' . ($status >> 8);
    ok($out =~ /^DONE$/m, "the harness ran to its end$suffix")
        or diag("harness $why after:\n$out");
    cmp_ok($groups, '>=', 6, "every group of checks reported$suffix");
}
