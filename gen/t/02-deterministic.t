#!/usr/bin/perl
# The generator's output depends only on the definition, and files whose
# content would not change are not rewritten (their time stamps stay).
use strict;
use warnings;

use FindBin qw($RealBin);
use lib "$RealBin/lib";
use GenTest qw($DEF scratch_dir write_file read_file generate);
use Test::More;

my @FILES = qw(include/vg_skin.h coregrind/vg_skintable.h coregrind/vg_skintable.c
               coregrind/vg_exports.list);

my $dir = scratch_dir();
my ($status, $out, $err) = generate($DEF, "$dir/a");
is($status, 0, 'toolfuncs.def generates') or diag($err);
is($out . $err, '', 'quietly');
($status) = generate($DEF, "$dir/b");
is($status, 0, 'again, elsewhere');
for my $f (@FILES) {
    ok(-s "$dir/a/$f", "$f written");
    is(read_file("$dir/a/$f"), read_file("$dir/b/$f"), "$f: the same both times");
}

# Age the outputs, regenerate: nothing may be touched.
my $old = time() - 3600;
utime($old, $old, "$dir/a/$_") for @FILES;
($status) = generate($DEF, "$dir/a");
is($status, 0, 'regenerating in place');
for my $f (@FILES) {
    is((stat "$dir/a/$f")[9], $old, "$f: unchanged, not rewritten");
}
opendir(my $dh, "$dir/a/coregrind") or die;
is_deeply([grep { /tmp/ } readdir $dh], [], 'no temporary files left behind');
closedir $dh;

# A change to one doc comment changes vg_skin.h only.
my $def = read_file($DEF);
$def =~ s/^## The process id\.$/## The process id (changed)./m or die 'test bug';
write_file("$dir/changed.def", $def);
($status, undef, $err) = generate("$dir/changed.def", "$dir/a");
is($status, 0, 'a doc comment changed') or diag($err);
isnt((stat "$dir/a/include/vg_skin.h")[9], $old, 'vg_skin.h rewritten');
like(read_file("$dir/a/include/vg_skin.h"), qr/The process id \(changed\)/, 'with the new text');
for my $f (grep { !/vg_skin\.h/ } @FILES) {
    is((stat "$dir/a/$f")[9], $old, "$f: not rewritten");
}

# A failing run leaves the previous outputs alone.
write_file("$dir/broken.def", "format 1\ninterface 1.0\n:nonsense\n");
($status) = generate("$dir/broken.def", "$dir/a");
is($status, 1, 'a broken definition fails');
like(read_file("$dir/a/include/vg_skin.h"), qr/The process id \(changed\)/,
     'and the outputs are still there');

done_testing();
