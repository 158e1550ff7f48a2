#!/usr/bin/perl
# Unit test of the system call descriptions (coregrind/m_sysdesc.c and
# coregrind/syscalls.def).
#
# Compiles m_sysdesc.c against the mocks in tests/unit/sysdesc/mock/ (a
# VG_TRACK that records every event, an address-space manager that
# accepts only the ranges a test declares), with the build's warning
# flags, and runs tests/unit/sysdesc/harness.c, which prints TAP.  The
# sources are copied into a temporary directory first: a quoted #include
# looks in the including file's own directory before -I, and the real
# coregrind/pub_core_tooliface.h must not win over the mock.
use strict;
use warnings;

use File::Copy qw(copy);
use File::Temp qw(tempdir);
use FindBin qw($RealBin);

my $top = "$RealBin/../..";
my $dir = "$RealBin/sysdesc";
my $tmp = tempdir('sysdesc_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $cc = $ENV{CC} // 'gcc';

sub bail {
    my ($why, $out) = @_;
    print "1..1\nnot ok 1 - $why\n";
    print map { "# $_\n" } split /\n/, ($out // '');
    exit 1;
}

for my $f (qw(m_sysdesc.c syscalls.def)) {
    copy("$top/coregrind/$f", "$tmp/$f") or bail("cannot copy coregrind/$f: $!");
}

# The numbers and names the system's <asm/unistd_64.h> defines.
my $macros = `echo '#include <asm/unistd_64.h>' | $cc -E -dM - 2>&1`;
bail('cannot preprocess <asm/unistd_64.h>', $macros) if $?;
my @names = sort { $a->[0] <=> $b->[0] }
            map { /^#define __NR_(\w+) (\d+)$/ ? [$2, $1] : () } split /\n/, $macros;
bail('no __NR_ macros found') unless @names;
open(my $fh, '>', "$tmp/sysnames.h") or bail("cannot write sysnames.h: $!");
print $fh "{$_->[0], \"$_->[1]\"},\n" for @names;
close($fh);

# The warning flags of the Makefile's build, and -Wunused-parameter too.
my @cflags = qw(-std=gnu11 -g -O1 -fno-strict-aliasing -D_GNU_SOURCE
                -Wall -Wextra -Werror -Wshadow=local);
my @cmd = ($cc, @cflags, "-I$dir/mock", "-I$dir", "-I$top/coregrind", "-I$top/include",
           "-DSYSNAMES_H=\"$tmp/sysnames.h\"", '-o', "$tmp/harness",
           "$tmp/m_sysdesc.c", "$dir/harness.c", "$dir/mock.c");
my $out = `@{[join ' ', map { "'$_'" } @cmd]} 2>&1`;
bail('build of the harness', $out) if $?;

exec("$tmp/harness") or bail("cannot run the harness: $!");
