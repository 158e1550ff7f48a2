#!/usr/bin/perl
# Unit tests of tests/check_headers: the real tree passes, and a fixture
# tree that breaks each rule fails with one file:line per violation.
use strict;
use warnings;

use FindBin qw($RealBin);
use Test::More;

my $CHECK = "$RealBin/../check_headers";
my $FIXTURES = "$RealBin/fixtures/check_headers";

sub run_check {
    my ($tree) = @_;
    my $out = `'$CHECK' '$tree' 2>&1`;
    return ($? >> 8, $out);
}

{
    my ($status, $out) = run_check("$RealBin/../..");
    is($status, 0, 'the source tree keeps the header rules') or diag($out);
}

{
    my ($status, $out) = run_check("$FIXTURES/good");
    is($status, 0, 'a tree that keeps the rules passes') or diag($out);
    like($out, qr/3 skin files and 1 public headers are clean/,
         'skins, their tests, the template and include/ are all looked at');
}

{
    my ($status, $out) = run_check("$FIXTURES/bad");
    is($status, 1, 'a tree that breaks the rules fails');
    my @want = (
        "skins/badskin/bd_helpers.h:2: skin code includes 'pub_core_libcprint.h'",
        "skins/badskin/bd_main.c:6: skin code includes 'pub_core_aspacemgr.h'",
        "skins/badskin/bd_main.c:7: skin code includes 'priv_translate.h'",
        "skins/badskin/bd_main.c:8: skin code includes '../../coregrind/m_main.h'",
        "skins/badskin/bd_main.c:9: skin code includes 'coregrind/pub_core_threadstate.h'",
        "skins/badskin/bd_main.c:10: skin code includes 'vg_skintable.h'",
        "gen/template/tp_main.c:3: skin code includes 'pub_core_options.h'",
        "include/pub_tool_oops.h:3: public header includes 'pub_core_oops.h'",
    );
    like($out, qr/^\Q$_\E/m, "names $_") for @want;
    my @lines = grep { /^\S+:\d+: / } split /\n/, $out;
    is(scalar @lines, scalar @want, 'nothing else is reported (allowed includes, comments)')
        or diag($out);
}

done_testing();
