#!/usr/bin/perl
# Unit tests of ./vg-in-place: it finds its tree however it is called
# (absolute, relative, through a symlink), sets VALGRINDLIB, passes the
# arguments and the exit status through, and says what to do when the tree
# is not built.
use strict;
use warnings;

use Cwd qw(realpath);
use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $SCRIPT = realpath("$RealBin/../../vg-in-place");
my $tmp = realpath(tempdir('vg_in_place_t.XXXXXX', TMPDIR => 1, CLEANUP => 1));
my $tree = "$tmp/tree";

mkdir $_ or die "$_: $!" for $tree, "$tree/.in_place", "$tmp/bin", "$tmp/elsewhere";
system('cp', $SCRIPT, "$tree/vg-in-place") == 0 or die;
write_exe("$tree/.in_place/valgrind", <<'EOF_FAKE');
#!/bin/sh
echo "VALGRINDLIB=$VALGRINDLIB"
for a in "$@"; do echo "arg=[$a]"; done
exit 7
EOF_FAKE
symlink("../tree/vg-in-place", "$tmp/bin/vgip-rel") or die;
symlink("$tree/vg-in-place", "$tmp/bin/vgip-abs") or die;
symlink("vgip-rel", "$tmp/bin/vgip-chain") or die;

sub write_exe {
    my ($file, $text) = @_;
    open(my $fh, '>', $file) or die "$file: $!";
    print $fh $text;
    close $fh;
    chmod 0755, $file;
}

# Runs @cmd in $dir; returns (output with stderr, exit status).
sub run_in {
    my ($dir, @cmd) = @_;
    my $pid = open(my $ph, '-|') // die "fork: $!";
    if ($pid == 0) {
        chdir $dir or die;
        open(STDERR, '>&', \*STDOUT);
        exec(@cmd) or exit 127;
    }
    local $/;
    my $out = <$ph> // '';
    close $ph;
    return ($out, $? >> 8);
}

my $want = "VALGRINDLIB=$tree/.in_place\narg=[--skin=nulgrind]\narg=[a b]\narg=[]\n";
my @args = ('--skin=nulgrind', 'a b', '');
my @calls = (
    [ $tmp, "$tree/vg-in-place", 'absolute path' ],
    [ $tree, './vg-in-place', './vg-in-place' ],
    [ $tmp, 'tree/vg-in-place', 'relative path' ],
    [ "$tmp/elsewhere", '../tree/vg-in-place', 'relative path with ..' ],
    [ "$tmp/elsewhere", "$tmp/bin/vgip-rel", 'relative symlink' ],
    [ "$tmp/elsewhere", "../bin/vgip-abs", 'absolute symlink called relatively' ],
    [ "$tmp/elsewhere", "$tmp/bin/vgip-chain", 'chain of symlinks' ],
);
for my $c (@calls) {
    my ($dir, $cmd, $what) = @$c;
    my ($out, $status) = run_in($dir, $cmd, @args);
    is($out, $want, "$what: VALGRINDLIB and arguments");
    is($status, 7, "$what: exit status passed through");
}

{
    local $ENV{PATH} = "$tmp/bin:$ENV{PATH}";
    my ($out, $status) = run_in("$tmp/elsewhere", 'vgip-rel', @args);
    is($out, $want, 'found through PATH');
}

unlink "$tree/.in_place/valgrind";
{
    my ($out, $status) = run_in($tmp, "$tree/vg-in-place", '--skin=nulgrind', 'true');
    is($status, 1, 'unbuilt tree: exit 1');
    like($out, qr/\.in_place\/valgrind is missing: run 'make' first/,
         'unbuilt tree: says what to do');
}

done_testing();
