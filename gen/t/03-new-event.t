#!/usr/bin/perl
# Adding a trackable event is one edit of toolfuncs.def: after it, the
# generated header declares the event's type and SK_(init_*) shim, the
# core's table has its dispatch entry, the shim is exported, and a skin
# that registers for the event is called by VG_TRACK.
use strict;
use warnings;

use FindBin qw($RealBin);
use lib "$RealBin/lib";
use GenTest qw($TOP $DEF scratch_dir write_file read_file generate run_cmd gcc_errors);
use Test::More;

my $dir = scratch_dir();

# The edit: one new event at the end of :events.
my $def = read_file($DEF);
$def .= <<'EOF';

## Thread TID made COUNT system calls since it last ran (a test event).
void SK_(syscalls_counted)(ThreadId tid, ULong count)
EOF
write_file("$dir/toolfuncs.def", $def);
my $out = "$dir/build";
my ($status, undef, $err) = generate("$dir/toolfuncs.def", $out);
is($status, 0, 'the edited definition generates') or diag($err);

sub contains {
    my ($text, $want, $what) = @_;
    ok(index($text, $want) >= 0, $what) or diag("missing:\n$want");
}

contains(read_file("$out/include/vg_skin.h"), <<'EOF',
/* Thread TID made COUNT system calls since it last ran (a test event). */
typedef void (*SK_(syscalls_counted_fn))(ThreadId tid, ULong count);
extern void SK_(init_syscalls_counted)(SK_(syscalls_counted_fn) fn);
EOF
    'vg_skin.h: doc comment, function type and shim declaration');

contains(read_file("$out/coregrind/vg_skintable.h"),
    "    SK_(syscalls_counted_fn) track_syscalls_counted;\n",
    'vg_skintable.h: the dispatch entry VG_(skin).track_syscalls_counted');

contains(read_file("$out/coregrind/vg_skintable.c"), <<'EOF',
void SK_(init_syscalls_counted)(SK_(syscalls_counted_fn) fn)
{
    VG_(skin).track_syscalls_counted = fn;
}
EOF
    'vg_skintable.c: the shim');

like(read_file("$out/coregrind/vg_exports.list"), qr/^    vgSkin_init_syscalls_counted;$/m,
     'vg_exports.list: the shim is exported');

# A skin registers for the event; the core fires it.
write_file("$dir/skin.c", <<'EOF');
#include "vg_skin.h"

static ThreadId seen_tid;
static ULong seen_count;
static Int calls;

static void ts_syscalls_counted(ThreadId tid, ULong count)
{
    seen_tid = tid;
    seen_count = count;
    calls++;
}

static UCodeBlock *ts_instrument(UCodeBlock *cb, Addr a) { return cb; }
static void ts_fini(Int exitcode) { VG_(printf)("fini: %d call(s), tid %u, count %llu\n",
                                                calls, seen_tid, seen_count); }

static void ts_pre_clo_init(void)
{
    VG_(details_name)("Testskin");
    VG_(details_description)("registers for the new event");
    VG_(details_copyright_author)("nobody");
    SK_(init_instrument)(ts_instrument);
    SK_(init_fini)(ts_fini);
    SK_(init_syscalls_counted)(ts_syscalls_counted);
}

VG_DETERMINE_INTERFACE_VERSION(ts_pre_clo_init, 0);
EOF
write_file("$dir/core.c", <<'EOF');
#include "vg_skintable.h"
#include <stdio.h>
#include <stdlib.h>

/* The services the generated table and the skin use. */
Int VG_(printf)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void VG_(skin_panic)(const HChar *why)
{
    printf("panic: %s\n", why);
    exit(3);
}

extern const VgInterfaceVersion SK_(interface_version);

int main(void)
{
    printf("tracked before: %d\n", VG_TRACKED(syscalls_counted));
    VG_TRACK(syscalls_counted, 1, 1); /* nobody follows it yet: nothing happens */
    SK_(interface_version).pre_clo_init();
    const HChar *missing = VG_(check_skin_interface)();
    printf("check: %s\n", missing ? missing : "complete");
    printf("tracked after: %d\n", VG_TRACKED(syscalls_counted));
    VG_TRACK(syscalls_counted, 7, 42);
    VG_TRACK(thread_run, 7); /* not followed: a NULL test */
    VG_(skin).fini(0);
    return 0;
}
EOF
my $cc = gcc_errors("-I$TOP/include -I$out/include -I$out/coregrind -o $dir/prog"
    . " $dir/core.c $dir/skin.c $out/coregrind/vg_skintable.c"
    . " -Wl,--dynamic-list=$out/coregrind/vg_exports.list");
ok(!defined $cc, 'harness, skin and generated table compile and link cleanly') or diag($cc);

SKIP: {
    skip 'no harness', 3 if defined $cc;
    my ($run, $stdout, $stderr) = run_cmd("$dir/prog");
    is($run, 0, 'harness runs') or diag($stderr);
    is($stdout, <<'EOF', 'the skin was called through VG_TRACK, once, with the arguments');
tracked before: 0
check: complete
tracked after: 1
fini: 1 call(s), tid 7, count 42
EOF
    my (undef, $dyn) = run_cmd("nm -D --defined-only $dir/prog");
    like($dyn, qr/\bvgSkin_init_syscalls_counted\b/, 'the linked core exports the new shim');
}

done_testing();
