#!/usr/bin/perl
# Unit tests of tests/Makefile.inc without the core: in a scratch tree, a
# tiny top Makefile includes it, and we check what `make tests-build` builds
# (sources next to a .vgtest, into the build/ mirror, with their "cflags:"
# flags) and what `make regtest` hands to prove.
use strict;
use warnings;

use File::Path qw(make_path);
use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $tree = tempdir('tests_build_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);
# Under `make regtest`, the outer make's flags (-n, -k, its jobserver) must
# not leak into ours.
delete @ENV{qw(MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES)};

sub put {
    my ($path, $text) = @_;
    (my $dir = "$tree/$path") =~ s{/[^/]+$}{};
    make_path($dir);
    open(my $fh, '>', "$tree/$path") or die "$path: $!";
    print $fh $text;
    close $fh;
}

sub make_in_tree {
    my $out = `make -C '$tree' --no-print-directory @_ 2>&1`;
    return ($? >> 8, $out);
}

{
    open(my $fh, '<', "$RealBin/../Makefile.inc") or die "Makefile.inc: $!";
    local $/;
    put('tests/Makefile.inc', scalar <$fh>);
}
put('Makefile', <<'EOF');
B := build
CC := gcc
.PHONY: all
all:
include tests/Makefile.inc
EOF

my $prints = "#include <stdio.h>\nint main(void) { puts(WORD); return 0; }\n";
put('tests/core/plain.vgtest', "prog: plain\n");
put('tests/core/plain.c', "/* no flags */\n#define WORD \"plain\"\n$prints");
put('tests/core/flagged.vgtest', "prog: flagged\n");
put('tests/core/flagged.c', "/* A test. */\n// cflags: -DWORD='\"flagged\"' -static\n$prints");
put('tests/core/shared_by_two.c', "// cflags: -DWORD='\"shared\"'\n$prints");
put('tests/core/helper.h', "#define WORD \"from header\"\n");
put('tests/core/usehdr.c', "#include \"helper.h\"\n$prints");
put('tests/core/asm.S', <<'EOF');
# cflags: -nostdlib -static -no-pie
#include "asm_exit.h"
    .globl _start
_start:
    mov $60, %eax
    mov $EXIT_CODE, %edi
    syscall
EOF
put('tests/core/asm_exit.h', "#define EXIT_CODE 42\n");
put('tests/core/sub/deep.vgtest', "prog: deep\n");
put('tests/core/sub/deep.c', "// cflags: -DWORD='\"deep\"'\n$prints");
put('skins/foo/tests/cxx.vgtest', "prog: cxx\n");
put('skins/foo/tests/cxx.cpp',
    "// cflags: -std=c++17\n#include <iostream>\nint main() { std::cout << \"c++\\n\"; }\n");
put('skins/foo/tests/filter_stderr', "#!/bin/sh\ncat\n");
put('skins/foo/foo_main.c', "this is skin code, not a test program\n");
put('tests/nodir/lonely.c', "no .vgtest here: not built\n");
put('tests/unit/fixtures/x/fixture.vgtest', "prog: fixture\n");
put('tests/unit/fixtures/x/fixture.c', "driver fixtures are not built\n");
put('tests/unit/one.t', "print qq(1..0\\n);\n");
put('gen/t/two.t', "print qq(1..0\\n);\n");
put('tests/demo/buggy.c', "#define WORD \"demo\"\n$prints");

my ($status, $out) = make_in_tree('tests-build');
is($status, 0, 'tests-build succeeds') or diag($out);

sub runs {
    my ($bin, $want, $what) = @_;
    my $got = `'$tree/build/$bin' 2>&1`;
    is($got, $want, "$bin: $what");
}
runs('tests/core/plain', "plain\n", 'built without extra flags');
runs('tests/core/flagged', "flagged\n", 'cflags: comment used');
runs('tests/core/shared_by_two', "shared\n", 'every source of a test directory is built');
runs('tests/core/usehdr', "from header\n", 'headers next to the source are found');
runs('tests/core/sub/deep', "deep\n", 'subdirectories mirrored');
runs('skins/foo/tests/cxx', "c++\n", '.cpp built with g++');
runs('tests/demo/buggy', "demo\n", 'the demo program is built too');
system("'$tree/build/tests/core/asm'");
is($? >> 8, 42, 'tests/core/asm: .S built with its "# cflags:" line');
{
    open(my $fh, '<:raw', "$tree/build/tests/core/flagged") or die;
    local $/;
    my $elf = <$fh> // '';
    # ELF64: e_phoff at 32, e_phentsize and e_phnum at 54; PT_INTERP is 3.
    my ($phoff, $phentsize, $phnum) = unpack('x32 Q< x14 v v', $elf);
    my @types = map { unpack('V', substr($elf, $phoff + $_ * $phentsize, 4)) }
        0 .. $phnum - 1;
    ok(@types && !grep({ $_ == 3 } @types),
       'flags after the source (-static) take effect: no program interpreter');
}
ok(!-e "$tree/build/tests/nodir/lonely", 'sources without a .vgtest beside them are skipped');
ok(!-e "$tree/build/tests/unit/fixtures/x/fixture", 'driver fixtures are not built');
ok(!-e "$tree/build/skins/foo/foo_main", 'skin sources are not test programs');

($status, $out) = make_in_tree('tests-build');
like($out, qr/Nothing to be done/, 'a second tests-build does nothing');
{
    # Sources old, programs newer, one header newest: only its user is stale.
    my $t = time;
    utime($t - 100, $t - 100, glob("$tree/tests/core/*.[chS]"));
    utime($t - 50, $t - 50, grep { !/\.d$/ } glob("$tree/build/tests/core/*"));
    utime($t - 10, $t - 10, "$tree/tests/core/asm_exit.h");
}
($status, $out) = make_in_tree('tests-build');
like($out, qr{-o build/tests/core/asm }, 'a changed header rebuilds its users');
unlike($out, qr{-o build/tests/core/plain }, '... and only them');

($status, $out) = make_in_tree('-n', 'regtest');
my ($prove) = $out =~ /^(prove .*)$/m;
ok(defined $prove, 'regtest runs prove once') or diag($out);
$prove //= '';
like($prove, qr{--exec tests/tap_dispatch}, 'prove dispatches through tap_dispatch');
for my $f (qw(tests/unit/one.t gen/t/two.t tests/core/plain.vgtest
              tests/core/flagged.vgtest tests/core/sub/deep.vgtest
              skins/foo/tests/cxx.vgtest)) {
    like($prove, qr{ \Q$f\E( |$)}, "regtest runs $f");
}
unlike($prove, qr{fixture\.vgtest}, 'regtest leaves out the driver fixtures');

done_testing();
