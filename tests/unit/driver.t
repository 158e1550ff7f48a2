#!/usr/bin/perl
# Unit tests of tests/vg_regtest, the .vgtest driver.
#
# The fixture tree tests/unit/fixtures/driver/ (a tests/core/ and a
# skins/foo/tests/ with small shell-script "clients") is copied to a
# temporary directory that the driver takes as the tree (VG_REGTEST_TOP),
# and the tool is tests/unit/fixtures/fake-valgrind (VG_REGTEST_VALGRIND),
# which echoes its arguments Valgrind-style and runs the program natively.
use strict;
use warnings;

use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use POSIX qw(_exit);
use Test::More;
use Time::HiRes qw(time);

my $TESTS = "$RealBin/..";
my $DRIVER = "$TESTS/vg_regtest";
my $FIXTURES = "$RealBin/fixtures";
my $FAKE = "$FIXTURES/fake-valgrind";

my $top = tempdir('driver_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);
system('cp', '-a', "$FIXTURES/driver/.", $top) == 0
    or BAIL_OUT("cannot copy the fixture tree");
mkdir "$top/build";
mkdir "$top/build/tests";
mkdir "$top/build/tests/core";
system('cp', '-a', "$top/tests/core/hello", "$top/build/tests/core/built") == 0
    or BAIL_OUT("cannot make build/tests/core/built");
my $core = "$top/tests/core";

$ENV{VG_REGTEST_TOP} = $top;
$ENV{VG_REGTEST_VALGRIND} = $FAKE;
$ENV{VG_REGTEST_TIMEOUT} = 30;

# Runs the driver (or @cmd) with stdout and stderr captured apart.
sub run_cmd {
    my (@cmd) = @_;
    my ($out, $err) = ("$top/.out", "$top/.err");
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>', $out);
        open(STDERR, '>', $err);
        exec(@cmd) or _exit(127);
    }
    waitpid($pid, 0);
    return { exit => $? >> 8, out => slurp($out), err => slurp($err) };
}

sub run_driver { return run_cmd($DRIVER, @_) }

# Runs tests/core/NAME.vgtest.
sub run_core { return run_driver("$core/$_[0].vgtest") }

sub slurp {
    my ($file) = @_;
    open(my $fh, '<', $file) or return undef;
    local $/;
    return scalar <$fh>;
}

sub passes {
    my ($name, $r) = @_;
    $r //= run_core($name);
    my $ok = is($r->{exit}, 0, "$name: exit 0")
        & like($r->{out}, qr/^1\.\.1\nok 1 - \S*\b$name\.vgtest\n\z/, "$name: ok")
        & is($r->{err}, '', "$name: nothing on stderr");
    diag("stdout:\n$r->{out}stderr:\n$r->{err}") unless $ok;
    return $r;
}

sub fails {
    my ($name, @why) = @_;
    my $r = run_core($name);
    is($r->{exit}, 1, "$name: exit 1");
    like($r->{out}, qr/^1\.\.1\nnot ok 1 - \S*\b$name\.vgtest\n\z/, "$name: not ok");
    like($r->{err}, $_, "$name: diagnostic $_") for @why;
    unlike($r->{err}, qr/^(?!#)/m, "$name: every diagnostic line starts with #");
    return $r;
}

#--- Passing, outputs, stale diffs --------------------------------------------

{
    passes('pass');
    is(slurp("$core/pass.stdout.out"), "hello, world\nargs: a b c\n",
       'pass: stdout.out holds the program output');
    like(slurp("$core/pass.stderr.out"), qr/^==PID== argv: --skin=nulgrind \.\/hello a b c$/m,
         'pass: stderr.out is filtered, args are shell words, prog is ./NAME');
}

{
    my $r = fails('stdout_mismatch', qr/stdout differs/, qr/^# -goodbye$/m,
                  qr/^# \+hello, world$/m);
    like(slurp("$core/stdout_mismatch.stdout.diff"), qr/^-goodbye\n\+hello, world$/m,
         'stdout_mismatch: .stdout.diff written');
    system('cp', "$core/stdout_mismatch.stdout.out", "$core/stdout_mismatch.stdout.exp");
    passes('stdout_mismatch');
    ok(!-e "$core/stdout_mismatch.stdout.diff", 'a passing run removes the old .diff');
}

#--- Expected files ------------------------------------------------------------

passes('alternatives');
fails('alternatives_none', qr/nor any of 2 alternatives/, qr/^# \+args: alt$/m);
passes('no_stderr_exp_quiet');
fails('no_stderr_exp_noisy', qr/stderr differs/, qr/none: empty/,
      qr/^# \+==PID== Fake tool, skin nulgrind$/m);

#--- Keys ------------------------------------------------------------------------

{
    my $r = run_core('prereq_skip');
    is($r->{exit}, 0, 'prereq_skip: exit 0');
    like($r->{out}, qr/^ok 1 - \S+ # SKIP prereq failed: test -e no-such-file$/m,
         'prereq_skip: TAP SKIP with the reason');
    ok(!-e "$core/prereq_skip.stderr.out", 'prereq_skip: the program did not run');
}
passes('prereq_ok');

passes('post');
is(slurp("$core/post.post.out"), "post ran in core\n", 'post: runs in the test directory');
fails('post_mismatch', qr/post differs/, qr/^# \+something else$/m);

passes('cleanup');
ok(!-e "$core/made-by-post", 'cleanup: ran after post');

passes('env');

passes('exitcode_match');
fails('exitcode_mismatch', qr/exit status 3 under the tool, expected 0/);
passes('exitcode_signal');

passes('native_match');
{
    fails('native_stdout_mismatch', qr/stdout under the tool differs from the native run/,
          qr/^# \+extra$/m);
    ok(-s "$core/native_stdout_mismatch.native.diff", 'native: .native.diff written');
}
fails('native_exit_mismatch', qr/exit status 1 under the tool, 0 native/);

passes('stdin');
passes('stdin_default');

#--- Filters -------------------------------------------------------------------

{
    passes('filters');
    unlike(slurp("$core/filters.stderr.out"), qr/stack near/,
           'filters: test-local filter with stderr_filter_args applied');
    is(slurp("$core/filters.stdout.out"), "buffer at 0x........, size 0x10\n",
       'filters: stdout_filter_args --addresses applied');
}
passes('default_stdout_filter');
passes('local_filter');    # the others show the default is tests/filter_stderr
fails('bad_filter', qr/stderr_filter: 'no-such-filter' not found/);

#--- Finding the program and the skin --------------------------------------------

passes('build_dir');
fails('missing_prog', qr/prog: 'no-such-program-anywhere' not found/);
passes('path_prog');
passes('absolute_missing');    # the tool gets to report it
passes('vgopts_skin');
passes('skin_default', run_driver("$top/skins/foo/tests/skin_default.vgtest"));
fails('bad_key', qr/line 2: unknown key 'colour'/);

{
    local $ENV{VG_REGTEST_VALGRIND};
    delete $ENV{VG_REGTEST_VALGRIND};
    system('cp', $FAKE, "$top/vg-in-place") == 0 or die;
    passes('pass');
    unlink "$top/vg-in-place";
    fails('pass', qr/the tool \S+vg-in-place is missing/);
}

#--- Timeout --------------------------------------------------------------------

{
    local $ENV{VG_REGTEST_TIMEOUT} = 1;
    my $t0 = time;
    fails('timeout', qr/timed out after 1 s \(killed\)/);
    cmp_ok(time - $t0, '<', 20, 'timeout: the driver did not wait for the program');
    chomp(my $pid = slurp("$core/fake.pid") // '');
    like($pid, qr/^\d+$/, 'timeout: the tool had started');
    ok(!kill(0, $pid), 'timeout: the tool was killed');
}

{
    # ^C or make's SIGTERM reaches the driver only: it must take the tool
    # (in a process group of its own) down with it.
    unlink "$core/fake.pid";
    my $pid = fork() // die;
    if ($pid == 0) {
        open(STDOUT, '>', '/dev/null');
        open(STDERR, '>', '/dev/null');
        exec($DRIVER, "$core/timeout.vgtest") or _exit(127);
    }
    my $fake;
    for (1 .. 200) {
        last if defined($fake = slurp("$core/fake.pid")) && $fake =~ /\n/;
        select(undef, undef, undef, 0.05);
    }
    chomp($fake //= '');
    like($fake, qr/^\d+$/, 'SIGTERM: the tool had started');
    kill 'TERM', $pid;
    waitpid($pid, 0);
    is($? & 127, 15, 'SIGTERM: the driver dies of it');
    my $gone = 0;
    for (1 .. 100) {
        my $stat = slurp("/proc/$fake/stat");
        last if $gone = !defined $stat || $stat =~ /^\d+ \(.*\) [ZX] /;
        select(undef, undef, undef, 0.05);
    }
    ok($gone, 'SIGTERM: the tool was killed too');
}

#--- Several files, directories, TAP under prove -----------------------------------

{
    my $r = run_driver(map { "$core/$_.vgtest" } qw(pass exitcode_mismatch prereq_skip));
    is($r->{exit}, 1, 'three tests: exit 1 when one fails');
    like($r->{out}, qr/^1\.\.3\nok 1 - \S+\nnot ok 2 - \S+\nok 3 - \S+ # SKIP .*\n\z/,
         'three tests: one plan, one line each');
    like($r->{err}, qr/3 tests: 1 passed, 1 failed, 1 skipped/, 'three tests: summary');

    $r = run_driver("$top/skins");
    like($r->{out}, qr/^1\.\.1\nok 1 - \S+skin_default\.vgtest\n\z/,
         'a directory stands for the .vgtest files below it');
}

{
    my $r = run_cmd('prove', '--exec', "$TESTS/tap_dispatch",
                    "$core/pass.vgtest", "$core/env.vgtest");
    like($r->{out}, qr/^Result: PASS$/m, 'prove + tap_dispatch: passing tests pass');
    $r = run_cmd('prove', '--exec', "$TESTS/tap_dispatch", "$core/exitcode_mismatch.vgtest");
    like($r->{out}, qr/^Result: FAIL$/m, 'prove + tap_dispatch: a failing test fails');
    like($r->{err}, qr/exit status 3 under the tool/, 'prove shows the diagnostics');
}

done_testing();
