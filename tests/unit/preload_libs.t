#!/usr/bin/perl
# Checks every built vgpreload_*.so (build/lib/, and the test skins' under
# build/tests/) against the rules of include/vg_preload.h: the library
# runs in the client without a libc of its own and the core maps it itself
# into static clients, so it must have
#   - ELF type ET_DYN, and a DT_SONAME that is its file name (so that the
#     soname pattern NONE never matches it),
#   - no DT_NEEDED and no text relocations,
#   - no TLS (segment, sections, symbols or relocations),
#   - no relocations but R_X86_64_RELATIVE, and GLOB_DAT / JUMP_SLOT
#     against weak undefined symbols,
#   - no exported symbols but replacements and wrappers, and no local
#     aliases or clones of them (-fno-ipa-icf),
# and every _vgR_ symbol must be a function whose name decodes into a
# soname pattern and a function pattern.  The pieces must hold every
# replacement they promise (vg_replace_malloc.c, vg_replace_strmem.c,
# vgpreload_core.c list them).  The checker itself is first tried on
# small libraries built here to break each rule.
use strict;
use warnings;

use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $TOP = "$RealBin/../..";

for my $tool (qw(readelf)) {
    plan skip_all => "$tool is not installed"
        unless grep { -x "$_/$tool" } split /:/, $ENV{PATH} // '';
}

#--- Reading a library ----------------------------------------------------------

# Output of readelf with ARGS on FILE, as lines (readelf's warnings dropped).
sub readelf {
    my ($file, @args) = @_;
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if ($pid == 0) {
        open(STDERR, '>', '/dev/null');
        exec('readelf', '-W', @args, $file) or exit 127;
    }
    my @lines = <$fh>;
    close $fh;
    chomp @lines;
    return @lines;
}

# The dynamic symbols of FILE: name => { type, bind, vis, ndx }.
sub dynamic_symbols {
    my ($file) = @_;
    my %syms;
    for (readelf($file, '--dyn-syms')) {
        my ($type, $bind, $vis, $ndx, $name) =
            /^\s*\d+:\s+[0-9a-f]+\s+\S+\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/ or next;
        $name =~ s/@.*//;
        $syms{$name} = { type => $type, bind => $bind, vis => $vis, ndx => $ndx };
    }
    return \%syms;
}

#--- Symbol names ------------------------------------------------------------------

my %UNESCAPE = (A => '*', Q => '?', D => '.', H => '-', P => '+', U => '_', C => ':',
                S => ' ', L => '(', R => ')', T => '@', X => 'X');

# The pattern an escaped part of a name stands for, or undef if it is not
# well formed.
sub unescape {
    my ($part) = @_;
    return undef unless $part =~ /^[A-Za-z0-9]+$/;
    my $out = '';
    while ($part =~ /\G(?:X(.)|([^X]))/gc) {
        if (defined $1) {
            return undef unless exists $UNESCAPE{$1};
            $out .= $UNESCAPE{$1};
        } else {
            $out .= $2;
        }
    }
    return (pos($part) // 0) == length($part) ? $out : undef;
}

# "r libc.so*:malloc" for a well-formed _vgR_ NAME, else undef.
sub decode_name {
    my ($name) = @_;
    my ($how, $so, $fn) = $name =~ /^_vgR_([rw])_([A-Za-z0-9]+)_([A-Za-z0-9]+)$/
        or return undef;
    my ($soname, $function) = (unescape($so), unescape($fn));
    return undef unless defined $soname && defined $function;
    return undef unless $soname =~ /^[A-Za-z0-9._+*?-]+$/;
    return "$how $soname:$function";
}

#--- The rules ------------------------------------------------------------------------

# Everything wrong with library FILE, one line each; also the decoded names
# of its replacements through DECODED (a hash ref), if given.
sub problems {
    my ($file, $decoded) = @_;
    my @p;
    my $syms = dynamic_symbols($file);

    push @p, 'is not a shared object (ET_DYN)' unless grep { /^\s*Type:\s+DYN\b/ } readelf($file, '-h');
    my ($base) = $file =~ m{([^/]+)$};
    my @sonames = map { /\(SONAME\)\s+Library soname: \[(.*)\]/ ? $1 : () } readelf($file, '-d');
    push @p, 'has no DT_SONAME' unless @sonames;
    push @p, "its DT_SONAME $_ is not its file name" for grep { $_ ne $base } @sonames;
    for (readelf($file, '-d')) {
        push @p, "needs $1" if /\(NEEDED\)\s+Shared library: \[(.*)\]/;
        push @p, 'has text relocations' if /\(TEXTREL\)/ || /\(FLAGS\).*TEXTREL/;
    }
    push @p, 'has a TLS segment' if grep { /^\s*TLS\s/ } readelf($file, '-l');
    for (readelf($file, '-S')) {
        push @p, "has TLS section $1" if /\]\s+(\.t(?:data|bss)\S*)\s/;
    }

    for (readelf($file, '-r')) {
        my ($type, $rest) = /^[0-9a-f]{8,}\s+[0-9a-f]+\s+(R_X86_64_\w+)\s*(.*)$/ or next;
        next if $type eq 'R_X86_64_RELATIVE';
        my ($sym) = $rest =~ /^[0-9a-f]+\s+(\S+)/;
        $sym =~ s/@.*// if defined $sym;
        if (($type eq 'R_X86_64_GLOB_DAT' || $type eq 'R_X86_64_JUMP_SLOT') && defined $sym) {
            my $s = $syms->{$sym};
            next if $s && $s->{bind} eq 'WEAK' && $s->{ndx} eq 'UND';
            push @p, "$type against $sym, which is not weak undefined";
        } else {
            push @p, "relocation $type" . (defined $sym ? " against $sym" : '');
        }
    }

    # gcc's local aliases and clones of a replacement (foo.localalias from
    # identical code folding, foo.isra.0, ...) look like replacements too.
    for (readelf($file, '-s')) {
        push @p, "local copy $1 of a replacement" if /\s(_vgR_\S*\.\S+)$/;
    }

    for my $name (sort keys %$syms) {
        my $s = $syms->{$name};
        next if $name eq '';
        push @p, "TLS symbol $name" if $s->{type} eq 'TLS';
        if ($s->{ndx} eq 'UND') {
            push @p, "needs symbol $name, not weak" if $s->{bind} ne 'WEAK';
            next;
        }
        next if $s->{bind} eq 'LOCAL';
        if ($name !~ /^_vgR_/) {
            push @p, "exports $name";
            next;
        }
        my $d = decode_name($name);
        if (!defined $d) {
            push @p, "$name is not a well-formed replacement name";
        } elsif ($s->{type} ne 'FUNC' || $s->{vis} ne 'DEFAULT') {
            push @p, "$name is not a default-visibility function";
        } elsif ($decoded) {
            $decoded->{$d} = 1;
        }
    }
    return @p;
}

#--- The checker on libraries made to break the rules ---------------------------

SKIP: {
    my $cc = $ENV{CC} // 'gcc';
    skip "no C compiler ($cc)", 10
        unless system("$cc --version >/dev/null 2>&1") == 0;
    my $tmp = tempdir('preload_libs_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);
    my $NOLIBC = '-shared -fPIC -nostdlib -O1';
    my %fixture = (
        good => [$NOLIBC, "extern int *__errno_location(void) __attribute__((weak));\n"
                 . "int _vgR_r_libcXDsoXA_mallocXUtrim(void)\n"
                 . "{ return __errno_location ? *__errno_location() : 0; }\n"],
        libc => ['-shared -fPIC', "#include <stdio.h>\n"
                 . "int _vgR_r_NONE_puts(const char *s) { return puts(s); }\n"],
        tls => [$NOLIBC, "__thread int t;\nint _vgR_r_NONE_f(void) { return t; }\n"],
        strong => [$NOLIBC . ' -Wl,--unresolved-symbols=ignore-all',
                   "extern int g(void);\nint _vgR_r_NONE_f(void) { return g(); }\n"],
        bad_names => [$NOLIBC, "void _vgR_r_libc_so_malloc(void) {}\n"
                      . "void _vgR_r_libcXDsoXA_fooXZbar(void) {}\n"
                      . "void _vgR_x_NONE_f(void) {}\n"],
        exports => [$NOLIBC, "void helper(void) {}\nint _vgR_r_NONE_f;\n"],
        pointers => [$NOLIBC, "extern void g(void) __attribute__((weak));\n"
                     . "void (*_vgR_tab)(void) = g;\n"],
        folded => [$NOLIBC, "int _vgR_r_NONE_f(void) { return 1; }\n"
                   . "__asm__(\".set _vgR_r_NONE_f.localalias, _vgR_r_NONE_f\");\n"],
        no_soname => [$NOLIBC, "int _vgR_r_NONE_f(void) { return 1; }\n"],
        executable => ['-static -nostdlib -O1 -Wl,-e,_vgR_r_NONE_f',
                       "int _vgR_r_NONE_f(void) { return 1; }\n"],
    );
    my %want = (
        good => [],
        libc => [qr/^needs libc\.so/, qr/against puts, which is not weak/],
        tls => [qr/TLS segment/, qr/TLS symbol t/],
        strong => [qr/^needs symbol g, not weak$/],
        bad_names => [qr/^_vgR_r_libc_so_malloc is not a well-formed/,
                      qr/^_vgR_r_libcXDsoXA_fooXZbar is not a well-formed/,
                      qr/^_vgR_x_NONE_f is not a well-formed/],
        exports => [qr/^exports helper$/, qr/^_vgR_r_NONE_f is not a default-visibility/],
        pointers => [qr/relocation R_X86_64_64 against g/],
        folded => [qr/^local copy _vgR_r_NONE_f\.localalias of a replacement$/],
        no_soname => [qr/^has no DT_SONAME$/],
        executable => [qr/^is not a shared object/],
    );
    for my $name (sort keys %fixture) {
        my ($flags, $src) = @{ $fixture{$name} };
        open(my $fh, '>', "$tmp/$name.c") or die;
        print $fh $src;
        close $fh;
        my $soname = $name eq 'no_soname' ? '' : "-Wl,-soname,$name.so";
        my $out = `$cc $flags $soname -o $tmp/$name.so $tmp/$name.c 2>&1`;
        if ($? != 0) {
            fail("fixture $name builds");
            diag($out);
            next;
        }
        my @got = problems("$tmp/$name.so");
        my @missing = grep { my $re = $_; !grep { $_ =~ $re } @got } @{ $want{$name} };
        my $ok = !@missing && (@{ $want{$name} } ? @got > 0 : @got == 0);
        ok($ok, "checker on a library that is $name")
            or diag("problems found: " . join('; ', @got) . "\nmissing: @missing");
    }
}

#--- The built libraries -----------------------------------------------------------

my @libs = sort(glob("$TOP/build/lib/vgpreload_*.so"), glob("$TOP/build/tests/*/vgpreload_*.so"));
if (!@libs) {
    diag('no vgpreload_*.so built yet (run make): only the checker was tested');
    done_testing();
    exit 0;
}

# What each piece promises at least (decoded names): the C allocator in
# libc and the executable, the C++ one in both C++ runtimes and the
# executable; the string functions in libc, and those ld.so has its own
# copies of in ld.so; the mutex wrappers in libc and libpthread.
my @C_ALLOC = qw(malloc calloc realloc free cfree memalign posix_memalign
    aligned_alloc valloc pvalloc malloc_usable_size mallopt malloc_trim malloc_stats
    mallinfo mallinfo2 free_sized free_aligned_sized __libc_malloc __libc_calloc
    __libc_realloc __libc_free __libc_memalign __libc_valloc __libc_pvalloc);
my @CXX_ALLOC = qw(_Znwm _Znam _ZnwmRKSt9nothrow_t _ZnamRKSt9nothrow_t _ZnwmSt11align_val_t
    _ZnamSt11align_val_t _ZnwmSt11align_val_tRKSt9nothrow_t
    _ZnamSt11align_val_tRKSt9nothrow_t _ZdlPv _ZdaPv _ZdlPvm _ZdaPvm
    _ZdlPvRKSt9nothrow_t _ZdaPvRKSt9nothrow_t _ZdlPvSt11align_val_t
    _ZdaPvSt11align_val_t _ZdlPvmSt11align_val_t _ZdaPvmSt11align_val_t
    _ZdlPvSt11align_val_tRKSt9nothrow_t _ZdaPvSt11align_val_tRKSt9nothrow_t);
my @STRMEM = qw(strlen strnlen strcpy strncpy stpcpy stpncpy strcat strncat strcmp
    strncmp strcasecmp strncasecmp strchr index strrchr rindex strchrnul strstr
    strcasestr strspn strcspn strpbrk memchr memrchr rawmemchr memcmp bcmp memcpy
    memmove mempcpy memset bcopy bzero wcslen wcsnlen wcscpy wcscmp wcschr wcsrchr wmemcpy);
my @LD_SO = qw(strlen strcmp strchr index mempcpy stpcpy);
my @CHK = qw(__memcpy_chk __memmove_chk __mempcpy_chk __memset_chk __strcpy_chk
    __stpcpy_chk __strncpy_chk __stpncpy_chk __strcat_chk __strncat_chk);
my @MUTEX = qw(pthread_mutex_lock pthread_mutex_trylock pthread_mutex_timedlock
    pthread_mutex_clocklock pthread_mutex_unlock);
sub each_in {
    my ($how, $names, @sonames) = @_;
    return map { my $so = $_; map { "$how $so:$_" } @$names } @sonames;
}
my %PIECES = (
    'malloc' => ['r libc.so*:malloc', each_in('r', \@C_ALLOC, 'libc.so*', 'NONE'),
                 each_in('r', \@CXX_ALLOC, 'libstdc++*', 'libc++*', 'NONE')],
    'strmem' => ['r libc.so*:strlen', each_in('r', [@STRMEM, @CHK], 'libc.so*'),
                 each_in('r', \@LD_SO, 'ld-linux-x86-64.so.2')],
    'mutex wrappers' => ['w libc.so*:pthread_mutex_lock',
                         each_in('w', \@MUTEX, 'libc.so*', 'libpthread.so*')],
);

for my $lib (@libs) {
    (my $name = $lib) =~ s{^\Q$TOP\E/}{};
    my %decoded;
    my @p = problems($lib, \%decoded);
    ok(!@p, "$name is self-contained and its names decode") or diag(join("\n", @p));
    ok(%decoded, "$name replaces or wraps something");
    for my $piece (sort keys %PIECES) {
        my ($marker, @all) = @{ $PIECES{$piece} };
        next unless $decoded{$marker};
        my @missing = grep { !$decoded{$_} } @all;
        ok(!@missing, "$name: the $piece piece is complete (" . scalar(@all) . ')')
            or diag('missing: ' . join(', ', @missing));
    }
}
ok((grep { m{/build/lib/vgpreload_core\.so$} } @libs), 'vgpreload_core.so is built');

done_testing();
