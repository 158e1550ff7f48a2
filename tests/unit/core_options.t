#!/usr/bin/perl
# core_options.t: the core options that are not about one report's text:
# unknown options and bad values stop the run (exit 1, one "Bad option"
# line), Valgrind's options with no effect here are accepted with their
# values checked, --stats prints the translation statistics,
# --max-threads limits clone, --main-stacksize sizes the main stack, and
# --extra-debuginfo-path / --allow-mismatched-debuginfo find separate
# debug files.  Skipped when the tree is not built.
use strict;
use warnings;
use Cwd qw(realpath);
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use FindBin;
use Test::More;

my $top = realpath("$FindBin::Bin/../..");
my $vg = "$top/vg-in-place";
plan skip_all => 'the tree is not built (make)' unless -x "$top/.in_place/valgrind";
plan skip_all => 'addrcheck is not built' unless -e "$top/.in_place/vgskin_addrcheck.so";
my $tmp = realpath(tempdir('core_options_t.XXXXXX', TMPDIR => 1, CLEANUP => 1));

# Runs @cmd; returns (stdout, stderr, exit status).
sub run {
    my (@cmd) = @_;
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) {
        open(STDOUT, '>', "$tmp/out") or die;
        open(STDERR, '>', "$tmp/err") or die;
        exec(@cmd) or exit 127;
    }
    waitpid($pid, 0);
    my $status = $? >> 8;
    local $/;
    open(my $o, '<', "$tmp/out") or die;
    open(my $e, '<', "$tmp/err") or die;
    return (scalar(<$o>) // '', scalar(<$e>) // '', $status);
}

sub compile {
    my ($name, $src, @flags) = @_;
    open(my $fh, '>', "$tmp/$name.c") or die;
    print $fh $src;
    close $fh;
    system('cc', '-O0', '-o', "$tmp/$name", "$tmp/$name.c", @flags) == 0 or die "cc $name";
    return "$tmp/$name";
}

my $true = compile('t', "int main(void) { return 3; }\n");

# Unknown options and bad values.
my ($out, $err, $st) = run($vg, '--skin=nulgrind', '--no-such-option=1', $true);
is($st, 1, 'unknown option: exit 1');
like($err, qr/Unknown option: --no-such-option=1/, 'unknown option: named');
for my $bad ('--smc-check=bogus', '--vgdb=maybe', '--num-transtab-sectors=x',
             '--max-threads=0', '--main-stacksize=12', '--extra-debuginfo-path=rel/dir') {
    ($out, $err, $st) = run($vg, '--skin=nulgrind', $bad, $true);
    is($st, 1, "$bad: exit 1");
    like($err, qr/^valgrind: Bad option: \Q$bad\E$/m, "$bad: one 'Bad option' line");
}

# Accepted with no effect: the client runs, its status comes through.
my @compat = ('--vgdb=no', '--vgdb=full', '--vgdb-stop-at=startup', '--vgdb-poll=100',
              '--vgdb-shadow-registers=no', '--vgdb-prefix=/tmp/x', '--smc-check=all',
              '--fair-sched=yes', '--num-transtab-sectors=64',
              '--avg-transtab-entry-size=400', '--valgrind-stacksize=1048576',
              '--aspace-minaddr=0x1000000', '--sim-hints=lax-ioctls',
              '--kernel-variant=bproc', '--show-emwarns=yes', '--sigill-diagnostics=no',
              '--unw-stack-scan-thresh=0', '--unw-stack-scan-frames=5',
              '--resync-filter=no', '--dsymutil=yes', '--xtree-memory=none',
              '--debuginfo-server=127.0.0.1:1500', '--core-redzone-size=16',
              '--profile-heap=no', '--xtree-memory-file=x.kcg', '--progress-interval=10', '--vex-iropt-level=2',
              '--vex-guest-chase=no', '--input-fd=0', '--max-threads=50');
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', @compat, $true);
is($st, 3, 'options of no effect: the client runs (exit 3)');
is($err, '', 'options of no effect: nothing said under -q');
($out, $err, $st) = run($vg, '--skin=nulgrind', '--vgdb-error=0', $true);
like($err, qr/Warning: --vgdb-error has no effect: there is no gdbserver/,
     '--vgdb-error=0 warns');
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--vgdb-error=999999999', $true);
is($err, '', "--vgdb-error at Valgrind's default: no warning");

# Without --skin: memcheck, and addrcheck as there is no memcheck here.
($out, $err, $st) = run($vg, $true);
SKIP: {
    skip 'there is a memcheck skin', 2 if -e "$top/.in_place/vgskin_memcheck.so";
    like($err, qr/^==\d+== Addrcheck, /m, 'no --skin: addrcheck');
    is($st, 3, 'no --skin: the client ran');
}

# --require-text-symbol: a loaded object whose soname matches must have
# a matching text symbol.
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--require-text-symbol=:libc.so*:mall?c',
                        $true);
is($st, 3, '--require-text-symbol: found, the client runs');
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--require-text-symbol=/libc.so*/no_such_fn',
                        $true);
is($st, 1, '--require-text-symbol: missing, exit 1');
like($err, qr/Fatal error at when loading library with soname\nvalgrind:     libc\.so\.6\n.*\n.*    no_such_fn\n/,
     '--require-text-symbol: Valgrind\'s message');
($out, $err, $st) = run($vg, '--skin=nulgrind', '--require-text-symbol=:libc.so*', $true);
is($st, 1, '--require-text-symbol: a malformed one is a bad option');

# --command-line-only=yes: $VALGRIND_OPTS is not read.
{
    local $ENV{VALGRIND_OPTS} = '--no-such-option-from-env=1';
    ($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', $true);
    is($st, 1, '$VALGRIND_OPTS is read');
    ($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--command-line-only=yes', $true);
    is($st, 3, '--command-line-only=yes: $VALGRIND_OPTS is not');
}
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--trace-flags=10000000', '--px-default=allregs',
                        '--sym-offsets=yes', '--dump-error=1', $true);
is($st, 3, "Valgrind's debugging options of no effect: accepted");

# --help-dyn-options: exit 0, on stdout.
($out, $err, $st) = run($vg, '--help-dyn-options');
is($st, 0, '--help-dyn-options: exit 0');
like($out, qr/dynamically changeable options:\n    \(none\)/, '--help-dyn-options: none');

# --stats
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--stats=yes', $true);
like($err, qr/translations: \d+ blocks, \d+ guest insns/, '--stats=yes: translation counts');
like($err, qr/code cache: \d+ sectors evicted/, '--stats=yes: cache line');
like($err, qr/block entries: [1-9]\d*;/, '--stats=yes: block entries counted');
like($err, qr/resident memory: client [1-9]\d* KiB, shadow \d+ KiB .*code cache [1-9]\d* KiB, core [1-9]\d* KiB; peak of the process [1-9]\d* KiB/,
     '--stats=yes: resident memory by region');
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', $true);
unlike($err, qr/translations:/, 'no statistics by default');

# --max-threads
my $thr = compile('thr', <<'EOF', '-pthread');
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static void *idle(void *a) { (void)a; for (;;) pause(); return 0; }
int main(void) {
    pthread_t t;
    int n = 0, r = 0;
    for (int i = 0; i < 6; i++) {
        if ((r = pthread_create(&t, 0, idle, 0)) != 0)
            break;
        n++;
    }
    printf("created %d: %s\n", n, r ? strerror(r) : "all");
    return 0;
}
EOF
($out, $err, $st) = run($vg, '--skin=nulgrind', '--max-threads=4', $thr);
is($out, "created 3: Resource temporarily unavailable\n", '--max-threads=4: the 4th thread fails');
like($err, qr/Warning: --max-threads=4 reached/, '--max-threads: said once');
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', $thr);
is($out, "created 6: all\n", 'default: 6 threads');

# --main-stacksize: 40 MiB of recursion.
my $deep = compile('deep', <<'EOF');
#include <stdio.h>
static int down(int n) { volatile char pad[4000]; pad[0] = (char)n; return n == 0 ? 0 : down(n - 1) + pad[0] - (char)n; }
int main(void) { printf("depth %d\n", down(10000) + 10000); return 0; }
EOF
($out, $err, $st) = run($vg, '--skin=nulgrind', '-q', '--main-stacksize=67108864', $deep);
is($out, "depth 10000\n", '--main-stacksize=64M: 40 MiB deep recursion');
is($st, 0, '--main-stacksize=64M: exit 0');

# Separate debug files: prog has a .gnu_debuglink to a file that only
# the extra root holds, at ROOT/<prog's directory>/prog.debug.
my $leak_src = <<'EOF';
#include <stdlib.h>
int main(void) {
    char *p = malloc(8);
    p[8] = 1;
    free(p);
    return 0;
}
EOF
my $prog = compile('dbg', $leak_src, '-g');
my $root = "$tmp/root";
make_path("$root$tmp");
system("objcopy --only-keep-debug $prog $root$tmp/dbg.debug && strip -g -R .note.gnu.build-id $prog "
       . "&& cd $root$tmp && objcopy --add-gnu-debuglink=dbg.debug $prog") == 0 or die 'objcopy';
($out, $err, $st) = run($vg, '--skin=addrcheck', '-q', $prog);
like($err, qr/by 0x[0-9A-F]+: main \(in \Q$prog\E\)|at 0x[0-9A-F]+: main \(in /,
     'no debug file found: main without file:line');
($out, $err, $st) = run($vg, '--skin=addrcheck', '-q', "--extra-debuginfo-path=$root", $prog);
like($err, qr/at 0x[0-9A-F]+: main \(dbg\.c:4\)/, '--extra-debuginfo-path: main (dbg.c:4)');

# A debug file whose CRC differs is refused, unless allowed.
open(my $fh, '>>', "$root$tmp/dbg.debug") or die;
print $fh "x";
close $fh;
($out, $err, $st) = run($vg, '--skin=addrcheck', '-q', "--extra-debuginfo-path=$root", $prog);
unlike($err, qr/main \(dbg\.c:4\)/, 'CRC mismatch: the debug file is not used');
($out, $err, $st) = run($vg, '--skin=addrcheck', '-q', "--extra-debuginfo-path=$root",
                        '--allow-mismatched-debuginfo=yes', $prog);
like($err, qr/at 0x[0-9A-F]+: main \(dbg\.c:4\)/, '--allow-mismatched-debuginfo=yes: used');

done_testing();
