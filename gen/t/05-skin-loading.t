#!/usr/bin/perl
# Skin loading and the command line, end to end: the real m_commandline.c,
# m_options.c and m_skinload.c with the generated table and a stand-in for
# the rest of the core (lib/fake_core.c), linked with the generated
# vg_exports.list, loading real skin .so files built here.
use strict;
use warnings;

use FindBin qw($RealBin);
use lib "$RealBin/lib";
use GenTest qw($TOP $DEF scratch_dir write_file read_file generate run_cmd gcc_errors);
use Test::More;

my $dir = scratch_dir();
my $gen = "$dir/build";
my ($status, undef, $err) = generate($DEF, $gen);
is($status, 0, 'toolfuncs.def generates') or diag($err);

# The installed layout: bin/vgfake and lib/valgrind/vgskin_*.so.
mkdir $_ or die "$_: $!" for "$dir/bin", "$dir/lib", "$dir/lib/valgrind", "$dir/other",
    "$dir/home", "$dir/work";
my $LIB = "$dir/lib/valgrind";
my $CORE = "$dir/bin/vgfake";
my $CG = "$TOP/coregrind";
my $INC = "-I$TOP/include -I$gen/include -I$CG -I$gen/coregrind";

my $cc = gcc_errors("$INC -DVG_VERSION='\"9.8.7\"' -o $CORE $RealBin/lib/fake_core.c"
    . " $CG/m_commandline.c $CG/m_options.c"
    . " $CG/m_skinload.c $gen/coregrind/vg_skintable.c"
    . " -Wl,--dynamic-list=$gen/coregrind/vg_exports.list -ldl");
ok(!defined $cc, 'the core modules build and link with the export list') or diag($cc);
BAIL_OUT('cannot test without the core') if defined $cc;

#--- Skins -----------------------------------------------------------------

sub build_skin {
    my ($name, $source, $where) = @_;
    write_file("$dir/$name.c", $source);
    my $errors = gcc_errors("-fPIC -shared $INC -o " . ($where // $LIB) . "/vgskin_$name.so"
        . " $dir/$name.c");
    ok(!defined $errors, "skin $name builds") or diag($errors);
}

my $GOOD = <<'EOF';
#include "vg_skin.h"

static Bool gs_flag;
static Long gs_count;

static UCodeBlock *gs_instrument(UCodeBlock *cb, Addr a) { return cb; }
static void gs_fini(Int exitcode) { VG_(printf)("goodskin: fini %d\n", exitcode); }
static void gs_post_clo_init(void)
{
    VG_(printf)("goodskin: flag=%d count=%lld\n", gs_flag, gs_count);
}
static void gs_thread_run(ThreadId tid) { VG_(printf)("goodskin: thread %u runs\n", tid); }

static Bool gs_option(const HChar *arg)
{
    if (VG_(bool_clo)(arg, "--good-flag", &gs_flag))
        return True;
    if (VG_(int_clo)(arg, "--good-count", &gs_count))
        return True;
    return False;
}
static void gs_usage(void) { VG_(printf)("    --good-flag=no|yes        a flag [no]\n"); }
static void gs_debug_usage(void) { VG_(printf)("    --good-debug=no|yes       nothing\n"); }

static void gs_pre_clo_init(void)
{
    VG_(details_name)("Goodskin");
    VG_(details_description)("a test skin");
    VG_(details_copyright_author)("Copyright (C) nobody.");
    VG_(details_bug_reports_to)("/dev/null");
    VG_(details_shadow_ratios)("1/8 1");
    VG_(needs_command_line_options)();
    SK_(init_instrument)(gs_instrument);
    SK_(init_fini)(gs_fini);
    SK_(init_post_clo_init)(gs_post_clo_init);
    SK_(init_process_cmd_line_option)(gs_option);
    SK_(init_print_usage)(gs_usage);
    SK_(init_print_debug_usage)(gs_debug_usage);
    SK_(init_thread_run)(gs_thread_run);
}

VG_DETERMINE_INTERFACE_VERSION(gs_pre_clo_init, 1.0 / 8);
EOF
build_skin('goodskin', $GOOD);
write_file("$LIB/vgpreload_goodskin.so", '');
build_skin('nulgrind', read_file("$TOP/skins/nulgrind/nl_main.c"));
build_skin('nulgrind', read_file("$TOP/skins/nulgrind/nl_main.c"), "$dir/other");

# A skin whose pre_clo_init is BODY (with details) and ratio RATIO.
sub flawed {
    my ($body, $ratio, $extra) = @_;
    $ratio //= 0;
    $extra //= '';
    return <<"EOF";
#include "vg_skin.h"
__attribute__((unused)) static UCodeBlock *fl_instrument(UCodeBlock *cb, Addr a) { return cb; }
__attribute__((unused)) static void fl_fini(Int exitcode) { }
$extra
static void fl_pre_clo_init(void)
{
    VG_(details_name)("Flawed");
    VG_(details_description)("a broken skin");
    VG_(details_copyright_author)("nobody");
$body
}
VG_DETERMINE_INTERFACE_VERSION(fl_pre_clo_init, $ratio);
EOF
}
my $BOTH = "    SK_(init_instrument)(fl_instrument);\n    SK_(init_fini)(fl_fini);";
build_skin('nofini', flawed('    SK_(init_instrument)(fl_instrument);'));
build_skin('needsmissing', flawed("$BOTH\n    VG_(needs_skin_errors)();"));
build_skin('badratio', flawed("$BOTH\n    VG_(details_shadow_ratios)(\"1/8 1\");", '0.5'));
build_skin('badsym', flawed($BOTH, 0,
    "Int VG_(not_in_interface)(void);\nint fl_use(void) { return VG_(not_in_interface)(); }"));

# Skins built against other interface versions: written by hand, as an
# old or new vg_skin.h would have.
sub versioned {
    my ($major, $minor) = @_;
    return <<"EOF";
typedef struct { unsigned major, minor; void (*init)(void); double ratio; } V;
static void init(void) { }
const V vgSkin_interface_version = { $major, $minor, init, 0 };
EOF
}
my ($MAJOR, $MINOR) = read_file("$gen/include/vg_skin.h")
    =~ /VG_INTERFACE_MAJOR_VERSION (\d+)\n#define VG_INTERFACE_MINOR_VERSION (\d+)/;
build_skin('newmajor', versioned($MAJOR + 1, 0));
build_skin('newminor', versioned($MAJOR, $MINOR + 1));
build_skin('notaskin', "int not_a_skin;\n");

#--- Running it --------------------------------------------------------------

# Runs the core with ARGS (a shell word list) in the work directory, with
# a clean environment plus ENV; returns (status, stdout, stderr).
sub vg {
    my ($args, %env) = @_;
    my $envs = join(' ', map {"$_='$env{$_}'"} sort keys %env);
    return run_cmd("cd $dir/work && env -i PATH=/usr/bin:/bin HOME=$dir/home $envs"
        . " $CORE $args");
}

# One run, with checks: exit STATUS, stdout lines matching OUT (a list of
# regexes), stderr equal to ERR (a string) or matching it (a regex).
sub check {
    my ($what, $args, $want_status, $out, $err_want, %env) = @_;
    my ($st, $stdout, $stderr) = vg($args, %env);
    is($st, $want_status, "$what: exit status $want_status") or diag("stderr: $stderr");
    for my $re (@$out) {
        like($stdout, $re, "$what: stdout $re");
    }
    if (ref $err_want) {
        like($stderr, $err_want, "$what: stderr");
    } elsif (defined $err_want) {
        is($stderr, $err_want, "$what: stderr");
    }
    return ($stdout, $stderr);
}

my $HINT = "valgrind: Use --help for more information or consult the user manual.\n";
my $GOODRUN = "goodskin: flag=0 count=0\ngoodskin: thread 1 runs\ngoodskin: fini 0\n";

check('a good skin', '--skin=goodskin /bin/true a "b c"', 0,
      [qr/^skin=goodskin$/m, qr/^libdir=\Q$LIB\E$/m,
       qr/^preload=\Q$LIB\E\/vgpreload_goodskin\.so$/m, qr/^ratio=0\.125 declared=0\.125$/m,
       qr/^client=\/bin\/true,a,b c$/m, qr/^command_line=--skin=goodskin$/m],
      $GOODRUN);
check('--tool= is --skin=', '--tool=nulgrind /bin/true', 0,
      [qr/^skin=nulgrind$/m, qr/^preload=\(none\)$/m, qr/^ratio=0 declared=0$/m], '');
check('VALGRINDLIB', '--skin=nulgrind /bin/true', 0,
      [qr/^libdir=\Q$dir\E\/other$/m], '', VALGRINDLIB => "$dir/other/");
check('VALGRINDLIB without the skin', '--skin=goodskin /bin/true', 1, [],
      "valgrind: no skin 'goodskin' in $dir/other (its skins: nulgrind)\n",
      VALGRINDLIB => "$dir/other");

my $SKINS = 'badratio badsym goodskin needsmissing newmajor newminor nofini notaskin nulgrind';
check('the default skin is memcheck', '/bin/true', 1, [],
      "valgrind: no skin 'memcheck' in $LIB (its skins: $SKINS)\n");
check('an unknown skin', '--skin=nosuch /bin/true', 1, [],
      "valgrind: no skin 'nosuch' in $LIB (its skins: $SKINS)\n");
check('a skin name that is a path', '--skin=../valgrind/nulgrind /bin/true', 1, [],
      qr/^valgrind: no skin '\.\.\/valgrind\/nulgrind' in /);
check('no skins at all', '--skin=nulgrind /bin/true', 1, [],
      "valgrind: no skin 'nulgrind': $dir/home has no skins (is VALGRINDLIB right?)\n",
      VALGRINDLIB => "$dir/home");
check('an empty skin name', '--tool= /bin/true', 1, [],
      "valgrind: Bad option: --tool=\nvalgrind: the skin's name is missing\n$HINT");

check('a missing required entry point', '--skin=nofini /bin/true', 1, [],
      "valgrind: skin 'nofini' is incomplete: required entry point SK_(fini) is not"
      . " registered\n");
check('a need without its entry points', '--skin=needsmissing /bin/true', 1, [],
      "valgrind: skin 'needsmissing' is incomplete: need skin_errors requires"
      . " SK_(eq_SkinError), which is not registered\n");
check('a newer major interface version', '--skin=newmajor /bin/true', 1, [],
      "valgrind: skin 'newmajor' was built for skin interface " . ($MAJOR + 1) . ".0, but"
      . " this core provides $MAJOR.$MINOR: rebuild the skin against this core\n");
check('a newer minor interface version', '--skin=newminor /bin/true', 1, [],
      "valgrind: skin 'newminor' was built for skin interface $MAJOR." . ($MINOR + 1)
      . ", but this core provides $MAJOR.$MINOR: rebuild the skin against this core\n");
check('a skin calling outside the interface', '--skin=badsym /bin/true', 1, [],
      qr/^valgrind: cannot load skin 'badsym': .*undefined symbol: vgPlain_not_in_interface\n\z/);
check('not a skin', '--skin=notaskin /bin/true', 1, [],
      "valgrind: $LIB/vgskin_notaskin.so is not a skin: it has no vgSkin_interface_version"
      . " (from VG_DETERMINE_INTERFACE_VERSION)\n");
check('a declared ratio outside shadow_ratios', '--skin=badratio /bin/true', 1, [],
      "valgrind: skin 'badratio' declares the shadow ratio 0.5, which its shadow_ratios"
      . " detail (\"1/8 1\") does not list\n");

#--- Options -----------------------------------------------------------------

check('an unknown option', '--skin=nulgrind --bogus /bin/true', 1, [],
      "valgrind: Unknown option: --bogus\n$HINT");
check('a skin option', '--skin=goodskin --good-flag=yes --good-count=0x10 /bin/true', 0, [],
      "goodskin: flag=1 count=16\ngoodskin: thread 1 runs\ngoodskin: fini 0\n");
check('a skin option for a skin without options', '--skin=nulgrind --good-flag=yes /bin/true',
      1, [], "valgrind: Unknown option: --good-flag=yes\n$HINT");
check('a bad boolean', '--skin=nulgrind --trace-children=maybe /bin/true', 1, [],
      "valgrind: Bad option: --trace-children=maybe\nvalgrind: 'maybe' is not a boolean: use"
      . " 'yes' or 'no'\n$HINT");
check('a bad skin boolean', '--skin=goodskin --good-flag=1 /bin/true', 1, [],
      qr/^valgrind: Bad option: --good-flag=1\n/);
check('an integer out of range', '--skin=nulgrind --num-callers=0 /bin/true', 1, [],
      "valgrind: Bad option: --num-callers=0\nvalgrind: '--num-callers' must be between 1 and"
      . " 500\n$HINT");
check('not an integer', '--skin=nulgrind --num-callers=12x /bin/true', 1, [],
      "valgrind: Bad option: --num-callers=12x\nvalgrind: '12x' is not an integer\n$HINT");
check('a bad choice', '--skin=nulgrind --gen-suppressions=some /bin/true', 1, [],
      "valgrind: Bad option: --gen-suppressions=some\nvalgrind: 'some' is not one of"
      . " no|yes|all\n$HINT");
check('integers, booleans, choices', '--skin=nulgrind --num-callers=500 --trace-children=yes'
      . ' --gen-suppressions=all /bin/true', 0,
      [qr/^num_callers=500 trace_children=1$/m, qr/^gen_suppressions=2$/m], '');
check('repeatable options', '--skin=nulgrind -v -v -d --suppressions=a --suppressions=b'
      . ' --trace-block=0x401000 /bin/true', 0,
      [qr/^verbosity=3 debug=1$/m, qr/^suppressions=a,b$/m,
       qr/^trace_block\(0x401000\)=1 trace_block\(0x402000\)=0$/m], '');
check('--trace-block=all', '--skin=nulgrind --trace-block=all /bin/true', 0,
      [qr/^trace_block\(0x401000\)=1 trace_block\(0x402000\)=1$/m], '');
check('-q then -v', '--skin=nulgrind -q --verbose /bin/true', 0, [qr/^verbosity=1 /m], '');
check('the last log option wins (fd)', '--skin=nulgrind --log-file=x --log-fd=5 /bin/true', 0,
      [qr/^log_fd=5 log_file=\(none\) log_socket=\(none\)$/m], '');
check('the last log option wins (file)', '--skin=nulgrind --log-socket=h:1 --log-file=x'
      . ' /bin/true', 0, [qr/^log_fd=2 log_file=x log_socket=\(none\)$/m], '');
check('options after the program are the client\'s', '--skin=nulgrind /bin/true --bogus -q',
      0, [qr/^client=\/bin\/true,--bogus,-q$/m, qr/^verbosity=1 /m], '');
check('no program', '--skin=nulgrind -q', 1, [],
      "valgrind: no program specified\nvalgrind: Use --help for more information.\n");
check('nothing at all', '', 1, [], qr/^valgrind: no program specified\n/);

#--- Help and version ----------------------------------------------------------

check('--version', '--skin=nosuch --version', 0, [qr/\Avalgrind-9\.8\.7\n\z/], '');
my ($help) = check('--help', '--skin=goodskin --help', 0,
      [qr/\Ausage: valgrind \[options\] prog-and-args\n/,
       qr/^    --num-callers=<number>    show <number> callers in stack traces \[12\]$/m,
       qr/^  user options for Goodskin:\n    --good-flag=no\|yes        a flag \[no\]\n/m,
       qr/^  Bug reports to: \/dev\/null$/m], '');
unlike($help, qr/debugging options for|--trace-block/, '--help: no debugging options');
($help) = check('--help-debug', '--skin=goodskin --help-debug /bin/true', 0,
      [qr/^  debugging options for all skins:\n/m, qr/^    --trace-block=<addr>\|all/m,
       qr/^  debugging options for Goodskin:\n    --good-debug=no\|yes/m], '');
check('-h for a skin without options', '-h --tool=nulgrind', 0,
      [qr/^  user options for Nulgrind:\n    \(none\)\n/m], '');

#--- Option sources --------------------------------------------------------------

write_file("$dir/home/.valgrindrc", "--skin=goodskin --num-callers=20\n--suppressions=home\n");
write_file("$dir/work/.valgrindrc", "# comment --num-callers=99\n--num-callers=40"
    . " --suppressions=cwd  # another\n--goodskin:good-count=7 --otherskin:bogus=1\n");
chmod 0644, "$dir/work/.valgrindrc";
my %ENV_OPTS = (VALGRIND_OPTS => '--num-callers=30 --suppressions=env');
check('rc files and VALGRIND_OPTS, in order', '--suppressions=argv /bin/true', 0,
      [qr/^skin=goodskin$/m, qr/^num_callers=40 /m, qr/^suppressions=home,env,cwd,argv$/m,
       qr/^command_line=--suppressions=argv$/m],
      "goodskin: flag=0 count=7\ngoodskin: thread 1 runs\ngoodskin: fini 0\n", %ENV_OPTS);
check('the command line wins', '--num-callers=50 --skin=nulgrind /bin/true', 0,
      [qr/^skin=nulgrind$/m, qr/^num_callers=50 /m], '', %ENV_OPTS);
check('--SKIN:option for an unknown option', '--goodskin:bogus /bin/true', 1, [],
      "valgrind: Unknown option: --goodskin:bogus\n$HINT");

chmod 0666, "$dir/work/.valgrindrc";
check('a world-writable ./.valgrindrc', '/bin/true', 0,
      [qr/^num_callers=30 /m, qr/^suppressions=home,env$/m],
      "valgrind: warning: ./.valgrindrc is world-writable: ignored\n$GOODRUN", %ENV_OPTS);
chmod 0644, "$dir/work/.valgrindrc";
SKIP: {
    skip 'changing the owner needs root', 3 if $> != 0;
    chown 65534, -1, "$dir/work/.valgrindrc" or die;
    check('a ./.valgrindrc owned by someone else', '/bin/true', 0,
          [qr/^suppressions=home$/m],
          "valgrind: warning: ./.valgrindrc is not owned by you: ignored\n$GOODRUN");
}
unlink "$dir/work/.valgrindrc";
my ($st, $stdout) = run_cmd("cd $dir/home && env -i HOME=$dir/home $CORE /bin/true");
like($stdout, qr/^suppressions=home$/m, 'run from $HOME: ~/.valgrindrc is read once');
unlink "$dir/home/.valgrindrc";

#--- Shadow ratios -----------------------------------------------------------------

check('a supported ratio', '--skin=goodskin --shadow-ratio=1 /bin/true', 0,
      [qr/^ratio=1 declared=0\.125$/m]);
check('a supported ratio, written differently', '--skin=goodskin --shadow-ratio=0.125'
      . ' /bin/true', 0, [qr/^ratio=0\.125 declared=0\.125$/m]);
check('an unsupported ratio', '--skin=goodskin --shadow-ratio=9/8 /bin/true', 1, [],
      "valgrind: Bad option: --shadow-ratio=9/8\nvalgrind: skin 'goodskin' supports the"
      . " shadow ratios 1/8 1\n$HINT");
check('not a ratio', '--skin=goodskin --shadow-ratio=1/0 /bin/true', 1, [],
      "valgrind: Bad option: --shadow-ratio=1/0\nvalgrind: '1/0' is not a shadow ratio (such"
      . " as 1/8, 0.125, 1, 9/8)\n$HINT");
check('the declared ratio of a skin without a list', '--skin=nulgrind --shadow-ratio=0'
      . ' /bin/true', 0, [qr/^ratio=0 declared=0$/m], '');
check('another ratio for a skin without a list', '--skin=nulgrind --shadow-ratio=1/8'
      . ' /bin/true', 1, [], qr/supports only its shadow ratio 0\n/);

done_testing();
