# GenTest: helpers shared by the gen/t tests: where the tree is, running
# the generator, compiling C against the generated interface.
package GenTest;

use strict;
use warnings;

use Cwd qw(realpath);
use Exporter qw(import);
use File::Temp qw(tempdir);
use FindBin qw($RealBin);

our @EXPORT_OK = qw(
    $TOP $GEN $DEF $CFLAGS
    scratch_dir write_file read_file run_cmd generate gcc_errors
);

our $TOP = realpath("$RealBin/../..");
our $GEN = "$TOP/gen/gen-interface.pl";
our $DEF = "$TOP/toolfuncs.def";

# The Makefile's warning flags, so generated code is held to the same bar.
our $CFLAGS = '-std=gnu11 -g -O1 -D_GNU_SOURCE -Wall -Wextra -Werror'
    . ' -Wno-unused-parameter -Wshadow=local';

sub scratch_dir {
    return realpath(tempdir('gen_t.XXXXXX', TMPDIR => 1, CLEANUP => 1));
}

sub write_file {
    my ($path, $text) = @_;
    open(my $fh, '>', $path) or die "$path: $!";
    print {$fh} $text;
    close $fh or die "$path: $!";
    return $path;
}

sub read_file {
    my ($path) = @_;
    open(my $fh, '<', $path) or die "$path: $!";
    local $/;
    my $text = <$fh>;
    close $fh;
    return $text;
}

# Runs a shell command line; returns (exit status, stdout, stderr).
sub run_cmd {
    my ($cmd) = @_;
    my $dir = scratch_dir();
    my $status = system("$cmd >'$dir/out' 2>'$dir/err'") >> 8;
    return ($status, read_file("$dir/out"), read_file("$dir/err"));
}

# Runs the generator on DEF into OUT; returns (exit status, stdout, stderr).
sub generate {
    my ($def, $out) = @_;
    return run_cmd("perl '$GEN' --def '$def' --out '$out'");
}

# Compiles with gcc (ARGS is the rest of the command line); returns the
# compiler's output if it failed, else undef.
sub gcc_errors {
    my ($args) = @_;
    my ($status, $out, $err) = run_cmd("gcc $CFLAGS $args");
    return $status == 0 ? undef : "$out$err";
}

1;
