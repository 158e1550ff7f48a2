#!/usr/bin/perl
# lackey_inline_counter.t: lackey's counters are inline increments.  The
# --trace-block dump of a block of skins/lackey/tests/loop_counts shows
# INC operations in its instrumentation, and its emitted code increments
# memory in place and calls no helper.  Skipped when not built.
use strict;
use warnings;
use Test::More;
use FindBin;

my $top = "$FindBin::Bin/../..";
my $prog = "$top/build/skins/lackey/tests/loop_counts";
plan skip_all => "$prog is not built (make tests-build)" unless -x $prog;
plan skip_all => 'lackey is not built' unless -e "$top/.in_place/vgskin_lackey.so";

my $out = `$top/vg-in-place --skin=lackey -q --trace-block=0x401000 $prog 2>&1`;
my ($instr) = $out =~ /^---- instrumentation\n(.*?)^---- emitted code/ms;
my ($code) = $out =~ /^---- emitted code[^\n]*\n(.*?)^====/ms;
ok(defined $instr && defined $code, 'the block at 0x401000 is dumped');
$instr //= '';
$code //= '';
my $incs = () = $instr =~ /^\s+INC \[0x[0-9a-f]+\] \+= \d+$/mg;
cmp_ok($incs, '>=', 6, "instrumentation: $incs inline counter increments");
unlike($instr, qr/CCALL/, 'instrumentation: no helper call');
unlike($code, qr/:\s+call\b/, 'emitted code: no call instruction');
my $rmw = () = $code =~ /:\s+(?:add qword ptr \[\w+\], \d+|lea \w+, \[\w+ \+ \d+\])$/mg;
cmp_ok($rmw, '>=', 6, "emitted code: $rmw in-place increments (add [mem] or load/lea/store)");
done_testing();
