#!/usr/bin/perl
# lackey_vs_valgrind.t: lackey's guest instruction count on a static
# compute-bound program (skins/lackey/tests/count_static.c) is within 1%
# of Valgrind's lackey on the same program.  Skipped when Valgrind or the
# built test program is missing.
use strict;
use warnings;
use Test::More;
use FindBin;

my $top = "$FindBin::Bin/../..";
my $prog = "$top/build/skins/lackey/tests/count_static";
plan skip_all => 'valgrind is not installed' if system('valgrind --version >/dev/null 2>&1') != 0;
plan skip_all => "$prog is not built (make tests-build)" unless -x $prog;
plan skip_all => 'lackey is not built' unless -e "$top/.in_place/vgskin_lackey.so";

sub count {
    my ($cmd) = @_;
    my $out = `$cmd 2>&1`;
    my ($n) = $out =~ /guest instrs:\s+([\d,]+)/;
    return undef unless defined $n;
    $n =~ s/,//g;
    return $n;
}

my $theirs = count("valgrind --tool=lackey $prog");
my $ours = count("$top/vg-in-place --skin=lackey $prog");
ok(defined $theirs, 'valgrind --tool=lackey reports a count');
ok(defined $ours, 'our lackey reports a count');
SKIP: {
    skip 'no counts', 1 unless defined $theirs && defined $ours && $theirs > 0;
    my $diff = abs($ours - $theirs) / $theirs;
    ok($diff < 0.01, sprintf('counts within 1%%: ours %d, valgrind %d (%.3f%%)',
                             $ours, $theirs, 100 * $diff));
}
done_testing();
