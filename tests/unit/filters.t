#!/usr/bin/perl
# Unit tests of the generic filters: tests/filter_stderr, filter_stdout and
# filter_addresses.  They must strip PIDs and addresses and nothing else.
use strict;
use warnings;

use FindBin qw($RealBin);
use IPC::Open2 qw(open2);
use Test::More;

my $TESTS = "$RealBin/..";

# Feeds $input to the filter and returns (output, exit status).
sub filter {
    my ($input, $name, @args) = @_;
    my $pid = open2(my $out, my $in, "$TESTS/$name", @args);
    print $in $input;
    close $in;
    local $/;
    my $text = <$out> // '';
    waitpid($pid, 0);
    return ($text, $? >> 8);
}

sub filters_to {
    my ($name, $args, $input, $want, $what) = @_;
    my ($got, $status) = filter($input, $name, @$args);
    is($got, $want, "$name @$args: $what");
    is($status, 0, "$name @$args: exit 0 ($what)");
}

# Lines that no filter may change.
my $plain = join('', map { "$_\n" }
    'Invalid read of size 4',
    '   at main (hello.c:12)',
    'Address 0x12 is 2 bytes after a block of size 10 alloc\'d',
    'total heap usage: 1,024 allocs, 1,023 frees, 65,536 bytes allocated',
    'pid 12345 and x==y and 0xZZZZ and ==abc==',
    'hexadecimal 0x123 is short', '');

#--- filter_stderr ---------------------------------------------------------------

filters_to('filter_stderr', [], $plain, $plain, 'ordinary text unchanged');
filters_to('filter_stderr', [],
           "==12345== Memcheck\n--7-- note\n**99** fatal\n==1== x ==22==\n",
           "==PID== Memcheck\n--PID-- note\n**PID** fatal\n==PID== x ==PID==\n",
           'pids in ==N==, --N--, **N**');
filters_to('filter_stderr', [],
           "==1== Parent PID: 4242\n",
           "==PID== Parent PID: PPID\n", 'parent pid');
filters_to('filter_stderr', [],
           "core dumped to vgcore.31337; see cachegrind.out.77 and massif.out.8\n",
           "core dumped to vgcore.PID; see cachegrind.out.PID and massif.out.PID\n",
           'pids in output file names');
filters_to('filter_stderr', [],
           "   at 0x4005D4: main (a.c:3)\n by 0X1 0xDEADbeef 0x1234 0x00000000004011a6\n",
           "   at 0x........: main (a.c:3)\n by 0X1 0x........ 0x........ 0x........\n",
           'addresses of 4 or more hex digits');
filters_to('filter_stderr', [], "no newline at end 0xabcdef",
           "no newline at end 0x........", 'last line without a newline');

#--- filter_stdout -------------------------------------------------------------

filters_to('filter_stdout', [], $plain, $plain, 'passes through');
my $mixed = "==123== at 0xbeefcafe\n";
filters_to('filter_stdout', [], $mixed, $mixed, 'no pids or addresses stripped by default');
filters_to('filter_stdout', ['--addresses'], $mixed, "==123== at 0x........\n",
           'addresses on request');
filters_to('filter_stdout', ['--pids'], $mixed, "==PID== at 0xbeefcafe\n",
           'pids on request');
filters_to('filter_stdout', ['--pids', '--addresses'], $plain, $plain,
           'ordinary text unchanged with both options');
{
    open(my $saved, '>&', \*STDERR) or die;
    open(STDERR, '>', '/dev/null') or die;
    my ($got, $status) = filter("x\n", 'filter_stdout', '--bogus');
    open(STDERR, '>&', $saved) or die;
    isnt($status, 0, 'filter_stdout: an unknown option is an error');
}

#--- filter_addresses ------------------------------------------------------------

filters_to('filter_addresses', [], $plain, $plain, 'ordinary text unchanged');
filters_to('filter_addresses', [], "==5== block at 0x4a4b040\n",
           "==5== block at 0x........\n", 'addresses only, pids kept');

done_testing();
