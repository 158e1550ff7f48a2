#!/usr/bin/perl
# gen/new-skin makes a skin from gen/template/ that is renamed throughout,
# builds cleanly against the generated vg_skin.h, and uses nothing the core
# does not export.
use strict;
use warnings;

use FindBin qw($RealBin);
use lib "$RealBin/lib";
use GenTest qw($TOP $DEF scratch_dir read_file generate run_cmd gcc_errors);
use Test::More;

# A tree of our own: gen/new-skin finds the tree from where it lives.
my $dir = scratch_dir();
my $tree = "$dir/tree";
mkdir $_ or die "$_: $!" for $tree, "$tree/skins";
system('cp', '-R', "$TOP/gen", "$tree/gen") == 0 or die;
my ($status, undef, $err) = generate($DEF, "$dir/build");
is($status, 0, 'toolfuncs.def generates') or diag($err);

my ($st, $out, $errs) = run_cmd("$tree/gen/new-skin mytool");
is($st, 0, 'new-skin mytool succeeds') or diag($errs);
like($out, qr{^created skins/mytool/my_main\.c$}m, 'it says what it created');
my $skin = "$tree/skins/mytool";
ok(-f "$skin/$_", "$_ exists")
    for qw(my_main.c Makefile.inc tests/true.vgtest tests/true.stderr.exp);
ok(!-e "$skin/tp_main.c", 'no file keeps the template\'s prefix');

is(read_file("$skin/Makefile.inc"),
   "# Mytool: a skin made with gen/new-skin.\nSKINS += mytool\n"
   . "mytool_SRCS := skins/mytool/my_main.c\n", 'Makefile.inc names the skin and its source');
is(read_file("$skin/tests/true.vgtest"), "prog: /bin/true\nvgopts: -q\n", 'the first test');
is(read_file("$skin/tests/true.stderr.exp"), '', 'expects no output');

my $main = read_file("$skin/my_main.c");
unlike($main, qr/template|Template|\btp_/, 'no trace of the template\'s names');
like($main, qr/^VG_DETERMINE_INTERFACE_VERSION\(my_pre_clo_init, 0\);$/m, 'renamed prefix');
like($main, qr/VG_\(details_name\)\("Mytool"\);/, 'capitalised name in the details');
is(length((split /\n/, $main)[1]), 72, 'the banner keeps its width');

my $cc = gcc_errors("-fPIC -shared -I$TOP/include -I$dir/build/include -o $dir/vgskin_mytool.so"
    . " $skin/my_main.c");
ok(!defined $cc, 'the new skin builds with the core\'s warnings') or diag($cc);
SKIP: {
    skip 'no skin', 1 if defined $cc;
    my (undef, $undef) = run_cmd("nm -u $dir/vgskin_mytool.so");
    my %exported = map { $_ => 1 } read_file("$dir/build/coregrind/vg_exports.list")
        =~ /^    (\w+);$/mg;
    my @outside = grep { /^vg/ && !$exported{$_} } map { (split ' ')[-1] } split /\n/, $undef;
    is_deeply(\@outside, [], 'every core symbol it uses is exported');
}

($st, $out, $errs) = run_cmd("$tree/gen/new-skin --prefix mt mytool2");
is($st, 0, '--prefix');
ok(-f "$tree/skins/mytool2/mt_main.c", '--prefix names the main file');

for my $bad (['mytool', qr/skins\/mytool already exists/],
             ['MyTool', qr/a skin name is lower-case letters/],
             ['template', qr/the template's own name/],
             ['2fast', qr/a skin name is lower-case letters/]) {
    my ($name, $want) = @$bad;
    ($st, $out, $errs) = run_cmd("$tree/gen/new-skin $name");
    isnt($st, 0, "new-skin $name fails");
    like($errs, $want, "new-skin $name: says why");
}

done_testing();
