#!/usr/bin/perl
# Unit test of the debug-info module (coregrind/m_debuginfo/) and the
# unwinder (coregrind/m_stacktrace.c).
#
# Builds tests/unit/debuginfo/harness.c with the module and stubs of the
# core (tests/unit/debuginfo/stubs.c), compiles the small programs of
# tests/unit/debuginfo/src/ with gcc/g++ in a temporary directory, and
# compares the harness's answers with binutils' (nm, addr2line, c++filt):
# symbols, file:line at -O0 and -O2, inlined frames, C++ names, a shared
# library's soname, a stripped binary, a separate debug file found by
# .gnu_debuglink, libc's and ld.so's lines through libc6-dbg, and CFI
# unwinding of a -fomit-frame-pointer chain, also from a signal handler.
use strict;
use warnings;

use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $top = "$RealBin/../..";
my $dir = "$RealBin/debuginfo";
my $tmp = tempdir('debuginfo_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $cc = $ENV{CC} // 'gcc';
my $cxx = $ENV{CXX} // 'g++';

plan skip_all => 'run make first (build/coregrind/vg_skintable.h is missing)'
    unless -f "$top/build/coregrind/vg_skintable.h";
for my $tool (qw(nm addr2line objcopy strip c++filt objdump)) {
    plan skip_all => "$tool is missing" if system("command -v $tool >/dev/null 2>&1");
}

sub run {
    my ($cmd) = @_;
    my $out = `$cmd 2>&1`;
    BAIL_OUT("failed: $cmd\n$out") if $?;
    return $out;
}

#--- Build ----------------------------------------------------------------

my @warn = qw(-std=gnu11 -g -O1 -fno-strict-aliasing -D_GNU_SOURCE -Wall -Wextra -Werror
              -Wno-unused-parameter -Wshadow=local);
my @srcs = (glob("$top/coregrind/m_debuginfo/*.c"), "$top/coregrind/m_stacktrace.c",
            "$dir/stubs.c", "$dir/harness.c");
run(join ' ', $cc, @warn, "-I$top/include", "-I$top/build/include", "-I$top/coregrind",
    "-I$top/coregrind/m_debuginfo", "-I$top/build/coregrind", '-o', "$tmp/harness", @srcs,
    '-Wl,-Bstatic -ldwarf -lelf -lz -liberty -Wl,-Bdynamic -ldl');

my $src = "$dir/src";
run("$cc -g -O0 -o $tmp/prog_O0 $src/prog.c");
run("$cc -g -O2 -o $tmp/prog_O2 $src/prog.c");
run("$cc -g -O2 -o $tmp/inline $src/inline.c");
run("$cc -g -gdwarf-4 -O2 -o $tmp/inline_dw4 $src/inline.c");
run("$cxx -g -O0 -o $tmp/cxx $src/cxx.cpp");
run("$cc -g -O0 -shared -fPIC -Wl,-soname,libdt.so.1 -o $tmp/libdt.so $src/shlib.c");
run("$cc -g -O2 -fomit-frame-pointer -shared -fPIC -o $tmp/libchain.so $src/chain.c");
run("strip --strip-all -o $tmp/prog_stripped $tmp/prog_O0");
run("objcopy --only-keep-debug $tmp/prog_O2 $tmp/prog_dl.debug");
run("strip --strip-all -o $tmp/prog_dl $tmp/prog_O2");
run("objcopy --add-gnu-debuglink=$tmp/prog_dl.debug $tmp/prog_dl");
run("$cc -g -O0 -gz=zlib -o $tmp/prog_gz $src/prog.c");

#--- Talking to the harness -----------------------------------------------------

# Runs the harness on a list of commands; returns its answer lines.
sub harness {
    my @cmds = @_;
    my $in = "$tmp/cmds";
    open(my $fh, '>', $in) or die "$in: $!";
    print $fh "$_\n" for @cmds;
    close $fh;
    my @out = split /\n/, `$tmp/harness < $in 2>&1`;
    return @out;
}

# Function symbols of a file: name -> [vaddr, size] (nm's view).
sub functions {
    my ($file) = @_;
    my %f;
    for (split /\n/, run("nm -S --defined-only $file")) {
        my ($a, $s, $t, $n) = split ' ';
        next unless defined $n && $t =~ /^[tTwW]$/ && $n !~ /^_|\./;
        $f{$n} = [hex($a), hex($s)];
    }
    return %f;
}

# Instruction addresses of function fn (objdump's view), inside its
# symbol's extent (objdump counts the padding after it too).
sub insns {
    my ($file, $fn) = @_;
    my %f = functions($file);
    my ($lo, $size) = @{$f{$fn} // [0, 0]};
    my @a;
    my $in = 0;
    for (split /\n/, run("objdump -d --no-show-raw-insn $file")) {
        if (/^[0-9a-f]+ <(.*)>:$/) {
            $in = $1 eq $fn;
            next;
        }
        push @a, hex($1) if $in && /^\s*([0-9a-f]+):/ && hex($1) < $lo + $size;
    }
    return @a;
}

# addr2line's inlined chain: "fn@file:line;..." innermost first.
sub a2l_chain {
    my ($file, $a) = @_;
    my @l = split /\n/, run(sprintf "addr2line -f -i -s -e %s %x", $file, $a);
    my @f;
    while (@l) {
        my $fn = shift @l;
        my $pos = shift @l // '??:0';
        $pos =~ s/ \(discriminator \d+\)//;
        $pos = '??:0' if $pos eq '??:?';
        push @f, "$fn\@$pos";
    }
    return join ';', @f;
}

sub a2l_line {
    my ($file, $a) = @_;
    my $l = run(sprintf "addr2line -s -e %s %x", $file, $a);
    chomp $l;
    $l =~ s/ \(discriminator \d+\)//;
    return $l =~ /^\?\?/ ? '-' : $l;
}

#--- Symbols and lines ----------------------------------------------------------

for my $opt (qw(O0 O2)) {
    my $prog = "$tmp/prog_$opt";
    my %f = functions($prog);
    my @names = grep { exists $f{$_} } qw(main compute fill);
    my (@cmds, @want);
    for my $n (@names) {
        my ($a, $s) = @{$f{$n}};
        push @cmds, sprintf('fn %x', $a), sprintf('entry %x', $a), sprintf('fn %x', $a + $s - 1),
            sprintf('entry %x', $a + 1);
        push @want, $n, $n, $n, '-';
    }
    my @got = harness("load $prog", @cmds);
    is(shift @got, 'loaded', "$opt: loaded");
    is_deeply(\@got, \@want, "$opt: names of main, compute, fill (start, end, entry only)");

    my (@addrs);
    for my $n (@names) {
        push @addrs, insns($prog, $n);
    }
    my @exp = map { a2l_line($prog, $_) } @addrs;
    @got = harness("load $prog", map { sprintf 'line %x', $_ } @addrs);
    shift @got;
    is_deeply(\@got, \@exp, "$opt: file:line of every instruction matches addr2line ("
              . scalar(@addrs) . ' addresses)');
}

{
    my $prog = "$tmp/prog_O0";
    my %f = functions($prog);
    my $c = $f{compute}[0];
    my $l = a2l_line($prog, $c);
    my @got = harness("load $prog", sprintf('fullline %x', $c), sprintf('desc %x', $c),
                      sprintf('obj %x', $c), sprintf('fn %x', 0x10));
    is($got[1], "$src/$l", 'directory of the source file');
    like($got[2], qr/^0x[0-9A-F]+: compute \(\Q$l\E\)$/, 'describe_IP with file:line');
    is($got[3], $prog, 'objname');
    is($got[4], '-', 'no name outside the object');
}

#--- Inlined frames -------------------------------------------------------------

for my $v (['inline', 'DWARF 5'], ['inline_dw4', 'DWARF 4']) {
    my $prog = "$tmp/$v->[0]";
    my @addrs = (insns($prog, 'outer'), insns($prog, 'main'));
    my @exp = map { a2l_chain($prog, $_) } @addrs;
    my @got = harness("load $prog", map { sprintf 'inl %x', $_ } @addrs);
    shift @got;
    my $bad = 0;
    for my $i (0 .. $#addrs) {
        next if $got[$i] eq $exp[$i];
        diag(sprintf "%x: got %s, addr2line %s", $addrs[$i], $got[$i], $exp[$i]) if $bad++ < 5;
    }
    is($bad, 0, "$v->[1]: inlined chains of every instruction of outer and main "
       . 'match addr2line -i');
    ok((grep { /^inner\@inline\.c:\d+;middle\@inline\.c:\d+;outer\@/ } @got),
       "$v->[1]: inner inlined in middle inlined in outer");
}

#--- C++ names ------------------------------------------------------------------

{
    my $prog = "$tmp/cxx";
    my (@cmds, @dem, @raw);
    for (split /\n/, run("nm --defined-only $prog")) {
        my ($a, $t, $n) = split ' ';
        next unless $n && $t =~ /^[tTwW]$/ && $n =~ /^_ZNK?3geo/;
        push @cmds, sprintf('fn %x', hex $a);
        push @raw, $n;
        my $d = run("c++filt '$n'");
        chomp $d;
        push @dem, $d;
    }
    ok(@cmds >= 5, 'C++: found the geo:: functions');
    my @got = harness("load $prog", @cmds, 'demangle no', @cmds);
    shift @got;
    is_deeply([@got[0 .. $#cmds]], \@dem, 'C++: demangled names match c++filt');
    is_deeply([@got[@cmds + 1 .. $#got]], \@raw, 'C++: --demangle=no gives mangled names');
    ok((grep { $_ eq 'geo::Point::dot(geo::Point const&) const' } @got),
       'C++: a const method with a reference parameter');
}

#--- A shared library -----------------------------------------------------------------

{
    my $lib = "$tmp/libdt.so";
    my %f = functions($lib);
    my @got = harness("load $lib", 'soname', sprintf('fn %x', $f{dt_helper}[0]),
                      sprintf('line %x', $f{dt_helper}[0]), sprintf('obj %x', $f{dt_entry}[0]));
    is_deeply(\@got, ['loaded', 'libdt.so.1', 'dt_helper', 'shlib.c:3', $lib],
              'shared library: soname, name, line, object');
}

#--- Stripped, and a separate debug file ---------------------------------------------

{
    my %f = functions("$tmp/prog_O0");
    my $a = $f{compute}[0];
    my $s = "$tmp/prog_stripped";
    my @got = harness("load $s", sprintf('fn %x', $a), sprintf('line %x', $a),
                      sprintf('obj %x', $a), sprintf('desc %x', $a));
    is_deeply([@got[0 .. 3]], ['loaded', '-', '-', $s], 'stripped: no name or line, the object');
    like($got[4], qr/^0x[0-9A-F]+: \?\?\? \(in \Q$s\E\)$/, 'stripped: "??? (in obj)"');

    %f = functions("$tmp/prog_O2");
    my @cmds = map { (sprintf('fn %x', $f{$_}[0]), sprintf('line %x', $f{$_}[0])) }
               qw(compute fill);
    my @exp = map { ($_, a2l_line("$tmp/prog_O2", $f{$_}[0])) } qw(compute fill);
    @got = harness("load $tmp/prog_dl", @cmds);
    shift @got;
    is_deeply(\@got, \@exp, '.gnu_debuglink: names and lines from the .debug file');

    %f = functions("$tmp/prog_gz");
    @got = harness("load $tmp/prog_gz", sprintf('line %x', $f{fill}[0]));
    is($got[1], a2l_line("$tmp/prog_gz", $f{fill}[0]), 'compressed (-gz) sections');
}

#--- libc and ld.so through libc6-dbg ----------------------------------------------------

SKIP: {
    my $libc = '/lib/x86_64-linux-gnu/libc.so.6';
    skip 'no libc6-dbg', 3 unless -d '/usr/lib/debug/.build-id';
    my @got = harness("load $libc", 'addr qsort');
    skip 'no qsort in libc', 3 if $got[1] eq '-';
    my $q = hex $got[1];
    @got = harness("load $libc", sprintf('fn %x', $q), sprintf('line %x', $q),
                   sprintf('fullline %x', $q));
    is($got[1], 'qsort', 'libc: qsort');
    like($got[2], qr/^msort\.c:\d+$/, "libc: qsort's file:line ($got[2])");
    my $ld = '/lib64/ld-linux-x86-64.so.2';
    @got = harness("load $ld", 'addr _dl_catch_exception');
    my $a = $got[1] eq '-' ? 0 : hex $got[1];
    @got = harness("load $ld", sprintf('line %x', $a));
    like($got[1], qr/^[\w-]+\.[chS]:\d+$/, "ld.so: _dl_catch_exception's file:line ($got[1])");
}

#--- Unwinding ------------------------------------------------------------------------------

{
    my $lib = "$tmp/libchain.so";
    my $d = run("objdump -d $lib");
    unlike($d, qr/<c[123]>:\n\s*[0-9a-f]+:\s+(?:[0-9a-f]{2} )+\s*push\s+%rbp/,
           'the chain keeps no frame pointer');
    my @got = harness("chain $lib", "signal $lib", "pp $lib");
    like($got[0], qr/^capture c3 c2 c1 run_chain run_lib main /, "CFI unwinding: $got[0]");
    like($got[1], qr/^capture on_signal .* in_signal c3 c2 c1 run_chain run_lib main /,
         'through a signal frame');
    open(my $fh, '<', "$src/chain.c") or die;
    my @src = <$fh>;
    close $fh;
    my %call;
    for my $i (0 .. $#src) {
        $call{$1} = $i + 1 if $src[$i] =~ m{/\* (\w+) calls};
    }
    my @pp = @got[2 .. $#got];
    like($pp[0], qr/^   at 0x[0-9A-F]+: capture \(harness\.c:\d+\)$/, 'pp: first frame');
    is_deeply([map { /^   by 0x[0-9A-F]+: (\w+) \((chain\.c:\d+)\)$/ ? "$1 $2" : $_ } @pp[1 .. 4]],
              ["c3 chain.c:$call{c3}", "c2 chain.c:$call{c2}", "c1 chain.c:$call{c1}",
               "run_chain chain.c:$call{run_chain}"],
              'pp: callers at their call lines');
    like($pp[-2], qr/^   by 0x[0-9A-F]+: main \(harness\.c:\d+\)$/, 'pp: cut after main');
}

done_testing();
