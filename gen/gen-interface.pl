#!/usr/bin/perl
# gen-interface.pl: generates the core/skin interface from toolfuncs.def.
#
#   perl gen/gen-interface.pl --def toolfuncs.def --out build
#
# Reads the definition once and writes whole files:
#   OUT/include/vg_skin.h           what skins include
#   OUT/coregrind/vg_skintable.h    the core's tables and dispatch macros
#   OUT/coregrind/vg_skintable.c    tables, defaults, shims, setters, check
#   OUT/coregrind/vg_exports.list   the core's --dynamic-list
# Each goes through a temporary file and replaces the output only when its
# content changed, so unchanged outputs keep their time stamps.  The format
# of the definition is documented at the top of toolfuncs.def.  A malformed
# definition gives "FILE:LINE: message" lines and exit status 1.

use strict;
use warnings;
use File::Basename qw(dirname);
use File::Path qw(make_path);
use Getopt::Long qw(GetOptions);

my $FORMAT = 1;

#--- Command line -----------------------------------------------------------

my ($def_path, $out_dir);
GetOptions('def=s' => \$def_path, 'out=s' => \$out_dir)
    && defined $def_path && defined $out_dir && !@ARGV
    or die "usage: $0 --def toolfuncs.def --out DIR\n";

#--- Errors -----------------------------------------------------------------

my @errors;

sub error_at {
    my ($line, $msg) = @_;
    push @errors, "$def_path:$line: $msg\n";
    return;
}

sub stop_if_errors {
    return unless @errors;
    print STDERR @errors;
    exit 1;
}

#--- Sections ---------------------------------------------------------------
# Each section names the function that parses one of its entries (the text
# of the entry with continuation lines joined, and its line number).  A new
# section is a new row here, a parser, and its part of the output.

my %SECTION_PARSER = (
    services => \&parse_service,
    entries  => \&parse_entry,
    needs    => \&parse_need,
    details  => \&parse_detail,
    events   => \&parse_event,
    malloc   => \&parse_malloc_entry,
);
my %RESERVED_SECTION = ();
my %OPTIONAL_SECTION = (malloc => 1);

# The need the :malloc section's entry points belong to.
my $MALLOC_NEED = 'replace_malloc';

# The definition, as parsed.
my %def = (
    format   => undef,
    major    => undef,
    minor    => undef,
    includes => [],
    map { $_ => [] } keys %SECTION_PARSER,
);

#--- Reading ----------------------------------------------------------------

sub read_definition {
    open(my $fh, '<', $def_path) or die "$0: cannot read $def_path: $!\n";
    my @lines = <$fh>;
    close $fh;
    s/\r?\n\z// for @lines;
    for my $k (0 .. $#lines) {
        error_at($k + 1, 'line longer than 99 characters') if length $lines[$k] > 99;
    }

    my ($section, %section_line, @doc, $doc_line, $heading);
    my $i = 0;
    while ($i < @lines) {
        my $lineno = $i + 1;
        my $text = $lines[$i++];
        $text =~ s/\s+\z//;
        if ($text eq '') {
            error_at($doc_line, '## comment is not followed by an entry') if @doc;
            @doc = ();
            next;
        }
        if ($text =~ /^###(?:\s+(.*))?\z/) {
            error_at($lineno, '### heading inside a ## comment') if @doc;
            error_at($lineno, '### heading outside a section') unless $section;
            error_at($lineno, 'empty ### heading') unless defined $1 && $1 ne '';
            $heading = $1;
            next;
        }
        if ($text =~ /^##(?:\s(.*))?\z/) {
            my $doc = $1 // '';
            error_at($lineno, "## comment contains $1") if $doc =~ m{(\*/|/\*)};
            $doc_line = $lineno unless @doc;
            push @doc, $doc;
            next;
        }
        if ($text =~ /^##/) {
            error_at($lineno, 'write "## text" (a space after ##)');
            next;
        }
        next if $text =~ /^#/;
        if ($text =~ /^\s/) {
            error_at($lineno, 'continuation line without an entry above it');
            next;
        }
        $text .= join_continuations(\@lines, \$i);

        if ($text =~ /^:(\S*)\z/) {
            my $name = $1;
            error_at($lineno, 'section header after a ## comment') if @doc;
            @doc = ();
            $heading = undef;
            check_preamble($lineno) unless $section;
            $section = begin_section($name, $lineno, \%section_line);
            next;
        }
        if (!$section) {
            error_at($lineno, '## comment before a directive') if @doc;
            @doc = ();
            parse_directive($text, $lineno);
            next;
        }
        next if $section eq '-';
        if (!@doc) {
            error_at($lineno, 'entry without a ## comment');
        }
        my $entry = $SECTION_PARSER{$section}->($text, $lineno);
        if ($entry) {
            $entry->{line} = $lineno;
            $entry->{doc} = [@doc];
            $entry->{heading} = $heading;
            push @{ $def{$section} }, $entry;
        }
        @doc = ();
        $heading = undef;
    }
    error_at($doc_line, '## comment is not followed by an entry') if @doc;
    check_preamble(scalar(@lines) || 1) unless $section;
    for my $name (sort keys %SECTION_PARSER) {
        next if $section_line{$name} || $OPTIONAL_SECTION{$name};
        error_at(scalar(@lines) || 1, "section :$name is missing");
    }
    return;
}

# The continuation lines from $$IP on, joined (each after a space); moves
# $$IP past them.
sub join_continuations {
    my ($lines, $ip) = @_;
    my $text = '';
    while ($$ip < @$lines && $lines->[$$ip] =~ /^\s+\S/) {
        my $more = $lines->[$$ip++];
        if ($more =~ /^\s+#/) {
            error_at($$ip, 'comments cannot be indented');
            next;
        }
        $more =~ s/^\s+|\s+\z//g;
        $text .= " $more";
    }
    return $text;
}

# Starts section NAME at LINE: returns its name, or '-' (skip its entries)
# after reporting why it cannot be.
sub begin_section {
    my ($name, $line, $section_line) = @_;
    if ($RESERVED_SECTION{$name}) {
        error_at($line, "section :$name is $RESERVED_SECTION{$name}");
        return '-';
    }
    if (!$SECTION_PARSER{$name}) {
        my $known = join(' ', map {":$_"} sort keys %SECTION_PARSER);
        error_at($line, "unknown section :$name (known: $known)");
        return '-';
    }
    if ($section_line->{$name}) {
        error_at($line, "section :$name already began at line $section_line->{$name}");
        return '-';
    }
    $section_line->{$name} = $line;
    return $name;
}

sub parse_directive {
    my ($text, $line) = @_;
    if ($text =~ /^format\s+(\S+)\z/) {
        if (defined $def{format}) {
            error_at($line, 'format given twice');
        } elsif ($1 ne $FORMAT) {
            error_at($line, "format $1 is not supported (this generator reads"
                . " format $FORMAT)");
        }
        $def{format} = $1;
        return;
    }
    if (!defined $def{format}) {
        error_at($line, "the first line that is not a comment must be"
            . " \"format $FORMAT\"");
        $def{format} = $FORMAT;
    }
    if ($text =~ /^interface\s+(\S+)\z/) {
        my $v = $1;
        if ($v !~ /^(\d+)\.(\d+)\z/) {
            error_at($line, "bad interface version '$v' (want MAJOR.MINOR)");
        } elsif (defined $def{major}) {
            error_at($line, 'interface version given twice');
        } else {
            ($def{major}, $def{minor}) = ($1 + 0, $2 + 0);
        }
    } elsif ($text =~ /^include\s+(\S+)\z/) {
        my $h = $1;
        if ($h !~ /^[\w.\-\/]+\.h\z/) {
            error_at($line, "bad header name '$h'");
        } else {
            push @{ $def{includes} }, $h;
        }
    } else {
        error_at($line, "unknown directive '$text' (before the first section:"
            . ' format, interface, include)');
    }
    return;
}

sub check_preamble {
    my ($line) = @_;
    error_at($line, "missing \"format $FORMAT\"") unless defined $def{format};
    error_at($line, 'missing "interface MAJOR.MINOR"') unless defined $def{major};
    $def{format} //= $FORMAT;
    $def{major}  //= 0;
    $def{minor}  //= 0;
    return;
}

#--- Declarations -----------------------------------------------------------

my %C_TYPE_WORD = map { $_ => 1 } qw(
    void char short int long float double signed unsigned const volatile
    restrict struct union enum _Bool
);

# Parses "RET PFX_(name)(PARAMS) ATTRS".  Returns a hash or undef (after
# reporting the error).
sub parse_decl {
    my ($text, $line, $want_pfx) = @_;
    if ($text !~ /^(.*?)\b(VG|SK)_\(\s*(\w*)\s*\)\s*\(/) {
        error_at($line, "expected a declaration: RET ${want_pfx}_(name)(PARAMS)");
        return;
    }
    my ($ret, $pfx, $name) = ($1, $2, $3);
    my $rest = substr($text, $+[0]);
    if ($pfx ne $want_pfx) {
        error_at($line, "entries of this section are ${want_pfx}_(name), not"
            . " ${pfx}_($name)");
        return;
    }
    if ($name !~ /^[A-Za-z_]\w*\z/) {
        error_at($line, "bad name '${pfx}_($name)'");
        return;
    }
    my $close = matching_paren($rest);
    if (!defined $close) {
        error_at($line, "unbalanced parentheses in ${pfx}_($name)");
        return;
    }
    my $plist = substr($rest, 0, $close);
    my $attrs = substr($rest, $close + 1);

    $ret =~ s/^\s+|\s+\z//g;
    $ret =~ s/\s+/ /g;
    $ret =~ s/\s*\*\s*/ */g;
    $ret =~ s/^ //;
    if ($ret eq '' || $ret !~ /^[\w\s*]+\z/ || $ret !~ /\w/) {
        error_at($line, "bad return type '$ret' of ${pfx}_($name)");
        return;
    }
    my $d = { name => $name, pfx => $pfx, ret => $ret, params => [],
              variadic => 0 };
    parse_params($d, $plist, $line) or return;
    $d->{attrs} = parse_attrs($attrs, $line, "${pfx}_($name)") // return;
    return $d;
}

sub matching_paren {
    my ($s) = @_;
    my $depth = 1;
    for my $pos (0 .. length($s) - 1) {
        my $c = substr($s, $pos, 1);
        $depth++ if $c eq '(';
        $depth-- if $c eq ')';
        return $pos if $depth == 0;
    }
    return;
}

sub parse_params {
    my ($d, $plist, $line) = @_;
    my $what = "$d->{pfx}_($d->{name})";
    $plist =~ s/^\s+|\s+\z//g;
    if ($plist eq '') {
        error_at($line, "$what: write (void) for no parameters");
        return 0;
    }
    return 1 if $plist eq 'void';
    my @parts = split /,/, $plist, -1;
    for my $k (0 .. $#parts) {
        my $p = $parts[$k];
        $p =~ s/^\s+|\s+\z//g;
        $p =~ s/\s+/ /g;
        if ($p eq '...') {
            if ($k != $#parts) {
                error_at($line, "$what: ... must be the last parameter");
                return 0;
            }
            if ($k == 0) {
                error_at($line, "$what: ... needs a parameter before it");
                return 0;
            }
            $d->{variadic} = 1;
            next;
        }
        if ($p =~ /\(/) {
            error_at($line, "$what: function-pointer parameter '$p':"
                . ' use a typedef');
            return 0;
        }
        if ($p eq '' || $p !~ /^[\w\s*\[\]]+\z/ || $p eq 'void') {
            error_at($line, "$what: bad parameter " . ($k + 1) . " '$p'");
            return 0;
        }
        push @{ $d->{params} }, { text => $p, name => param_name($p) };
    }
    return 1;
}

# The name of parameter P ("const HChar *fmt" -> "fmt"), or undef if P is
# a type alone ("va_list", "const HChar *").
sub param_name {
    my ($p) = @_;
    return unless $p =~ /^(.*?[\s*])\s*(\w+)\s*(?:\[\s*\w*\s*\])?\z/;
    my ($type, $name) = ($1, $2);
    return if $C_TYPE_WORD{$name};
    my @words = grep { !/^(?:const|volatile|restrict)\z/ } ($type =~ /(\w+)/g);
    return unless @words;
    return if !grep { !/^(?:struct|union|enum)\z/ } @words;
    return $name;
}

# Attributes: words, each optionally with "(arguments)".
sub parse_attrs {
    my ($s, $line, $what) = @_;
    my @attrs;
    $s =~ s/^\s+//;
    while ($s ne '') {
        if ($s !~ /^(\w+)/) {
            error_at($line, "$what: unexpected '$s' after the parameters");
            return;
        }
        my $word = $1;
        $s = substr($s, length $word);
        my $arg;
        if ($s =~ /^\(/) {
            my $close = matching_paren(substr($s, 1));
            if (!defined $close) {
                error_at($line, "$what: unbalanced parentheses in attribute $word");
                return;
            }
            $arg = substr($s, 1, $close);
            $arg =~ s/^\s+|\s+\z//g;
            $s = substr($s, $close + 2);
        }
        push @attrs, { word => $word, arg => $arg };
        $s =~ s/^\s+//;
    }
    return \@attrs;
}

sub param_needs_names {
    my ($d, $line) = @_;
    for my $k (0 .. $#{ $d->{params} }) {
        next if defined $d->{params}[$k]{name};
        error_at($line, "$d->{pfx}_($d->{name}): parameter " . ($k + 1)
            . " ('$d->{params}[$k]{text}') needs a name");
        return 0;
    }
    if ($d->{variadic}) {
        error_at($line, "$d->{pfx}_($d->{name}): skin functions cannot be"
            . ' variadic');
        return 0;
    }
    return 1;
}

#--- Section parsers --------------------------------------------------------

sub parse_service {
    my ($text, $line) = @_;
    my $d = parse_decl($text, $line, 'VG') or return;
    my $what = "VG_($d->{name})";
    for my $a (@{ $d->{attrs} }) {
        if ($a->{word} eq 'noreturn' && !defined $a->{arg}) {
            error_at($line, "$what: noreturn function must return void")
                if $d->{ret} ne 'void';
            $d->{noreturn} = 1;
        } elsif ($a->{word} eq 'printf' && defined $a->{arg}
                 && $a->{arg} =~ /^(\d+)\s*,\s*(\d+)\z/) {
            my ($f, $first) = ($1, $2);
            my $n = @{ $d->{params} };
            if ($f < 1 || $f > $n || $d->{params}[$f - 1]{text} !~ /HChar\s*\*/) {
                error_at($line, "$what: printf($f,$first): parameter $f is not"
                    . ' a format string');
            } elsif ($d->{variadic} ? $first != $n + 1 : $first != 0) {
                my $want = $d->{variadic} ? $n + 1 : 0;
                error_at($line, "$what: printf($f,$first): the arguments start"
                    . " at $want");
            }
            $d->{printf} = [$f, $first];
        } else {
            my $arg = defined $a->{arg} ? "($a->{arg})" : '';
            error_at($line, "$what: unknown attribute '$a->{word}$arg'"
                . ' (services take noreturn, printf(F,A))');
        }
    }
    return $d;
}

sub parse_entry {
    my ($text, $line) = @_;
    if ($text !~ /^(required|optional)\s+(.*)\z/) {
        error_at($line, 'an entry point starts with "required" or "optional"');
        return;
    }
    my ($kind, $rest) = ($1, $2);
    my $d = parse_decl($rest, $line, 'SK') or return;
    param_needs_names($d, $line) or return;
    $d->{required} = $kind eq 'required';
    my $what = "SK_($d->{name})";
    for my $a (@{ $d->{attrs} }) {
        if ($a->{word} ne 'default') {
            error_at($line, "$what: unknown attribute '$a->{word}' (entry"
                . ' points take default or default(EXPR))');
        } elsif ($d->{required}) {
            error_at($line, "$what: a required entry point has no default");
        } elsif ($d->{ret} eq 'void' && defined $a->{arg}) {
            error_at($line, "$what returns void: write plain 'default'");
        } elsif ($d->{ret} ne 'void' && !defined $a->{arg}) {
            error_at($line, "$what: write default(VALUE) for the value the"
                . ' default returns');
        } elsif (defined $a->{arg} && $a->{arg} eq '') {
            error_at($line, "$what: empty default()");
        } else {
            $d->{default} = $a->{arg} // '';
        }
    }
    return $d;
}

# An entry of :malloc: an entry point without "required"/"optional", that
# the need replace_malloc requires (added after reading, see
# fold_malloc_section).
sub parse_malloc_entry {
    my ($text, $line) = @_;
    if ($text =~ /^(required|optional)\s/) {
        error_at($line, ':malloc entries are required by need '
            . "$MALLOC_NEED: write them without '$1'");
        return;
    }
    return parse_entry("optional $text", $line);
}

# :malloc's entries become optional entry points required by the need
# replace_malloc (which the :needs section may also declare, empty).
sub fold_malloc_section {
    my @m = @{ $def{malloc} };
    return unless @m;
    push @{ $def{entries} }, @m;
    my ($need) = grep { $_->{name} eq $MALLOC_NEED } @{ $def{needs} };
    if (!$need) {
        $need = { name => $MALLOC_NEED, requires => [], line => $m[0]{line},
                  doc => ["A skin that replaces malloc: the :malloc entry points."] };
        push @{ $def{needs} }, $need;
    }
    push @{ $need->{requires} }, map { $_->{name} } @m;
    $def{malloc} = [];
}

sub parse_event {
    my ($text, $line) = @_;
    my $d = parse_decl($text, $line, 'SK') or return;
    param_needs_names($d, $line) or return;
    if ($d->{ret} ne 'void') {
        error_at($line, "event SK_($d->{name}) must return void");
        return;
    }
    if (@{ $d->{attrs} }) {
        error_at($line, "event SK_($d->{name}): events take no attributes");
        return;
    }
    return $d;
}

sub parse_need {
    my ($text, $line) = @_;
    if ($text !~ /^([A-Za-z_]\w*)(?:\s+requires\s+(.*))?\z/) {
        error_at($line, 'expected: NAME [requires ENTRY ...]');
        return;
    }
    my ($name, $list) = ($1, $2);
    my @req = defined $list ? split(' ', $list) : ();
    if (defined $list && !@req) {
        error_at($line, "need $name: nothing after 'requires'");
        return;
    }
    for my $r (@req) {
        next if $r =~ /^[A-Za-z_]\w*\z/;
        error_at($line, "need $name: '$r' is not an entry point name");
        return;
    }
    return { name => $name, requires => \@req };
}

sub parse_detail {
    my ($text, $line) = @_;
    if ($text !~ /^(required|optional)\s+([A-Za-z_]\w*)\z/) {
        error_at($line, 'expected: required NAME | optional NAME');
        return;
    }
    return { name => $2, required => $1 eq 'required' };
}

#--- Checks across entries --------------------------------------------------

sub check_definition {
    my (%vg, %sk, %field, %need, %detail);
    my $claim = sub {
        my ($ns, $sym, $line, $as) = @_;
        if ($ns->{$sym}) {
            my $where = $ns->{$sym} eq 'generated' ? 'a name the generator defines'
                : "a name declared at line $ns->{$sym}";
            error_at($line, "$as clashes with $where");
            return 0;
        }
        $ns->{$sym} = $line;
        return 1;
    };
    # Names the generated code defines itself.
    $vg{$_} = 'generated' for qw(skin needs details check_skin_interface);
    $sk{interface_version} = 'generated';

    for my $s (@{ $def{services} }) {
        $claim->(\%vg, $s->{name}, $s->{line}, "VG_($s->{name})");
    }
    for my $e (@{ $def{entries} }, @{ $def{events} }) {
        my ($n, $line) = ($e->{name}, $e->{line});
        $claim->(\%sk, $n, $line, "SK_($n)")
            && $claim->(\%sk, "init_$n", $line, "SK_(init_$n)")
            && $claim->(\%sk, "${n}_fn", $line, "SK_(${n}_fn)");
    }
    for my $e (@{ $def{entries} }) {
        $claim->(\%field, $e->{name}, $e->{line}, "VG_(skin).$e->{name}");
    }
    for my $e (@{ $def{events} }) {
        $claim->(\%field, "track_$e->{name}", $e->{line},
            "VG_(skin).track_$e->{name}");
    }
    my %entry = map { $_->{name} => $_ } @{ $def{entries} };
    for my $n (@{ $def{needs} }) {
        $claim->(\%need, $n->{name}, $n->{line}, "need $n->{name}");
        $claim->(\%vg, "needs_$n->{name}", $n->{line}, "VG_(needs_$n->{name})");
        my %seen;
        for my $r (@{ $n->{requires} }) {
            if (!$entry{$r}) {
                error_at($n->{line}, "need $n->{name} requires SK_($r), which"
                    . ' :entries does not declare');
            } elsif ($entry{$r}{required}) {
                error_at($n->{line}, "need $n->{name} lists SK_($r), which is"
                    . ' required anyway');
            } elsif ($seen{$r}++) {
                error_at($n->{line}, "need $n->{name} lists SK_($r) twice");
            } else {
                push @{ $entry{$r}{needed_by} }, $n->{name};
            }
        }
    }
    for my $d (@{ $def{details} }) {
        $claim->(\%detail, $d->{name}, $d->{line}, "detail $d->{name}");
        $claim->(\%vg, "details_$d->{name}", $d->{line}, "VG_(details_$d->{name})");
    }
    return;
}

#--- Text helpers -----------------------------------------------------------

# A C comment of DOC lines (plus EXTRA prose, wrapped), indented by IND.
sub c_comment {
    my ($ind, $doc, @extra) = @_;
    my @lines = @$doc;
    for my $para (@extra) {
        push @lines, wrap_words(76 - length($ind), $para);
    }
    return '' unless @lines;
    my $out = '';
    for my $k (0 .. $#lines) {
        my $lead = $k == 0 ? "$ind/* " : "$ind   ";
        my $text = $lines[$k];
        $out .= $text eq '' && $k > 0 ? "\n" : "$lead$text\n";
    }
    $out =~ s/\n\z//;
    if (length((split /\n/, $out)[-1]) + 3 > 99) {
        $out .= "\n$ind   */\n";
    } else {
        $out .= " */\n";
    }
    return $out;
}

sub wrap_words {
    my ($width, $text) = @_;
    my (@lines, $cur);
    for my $w (split ' ', $text) {
        if (defined $cur && length($cur) + 1 + length($w) > $width) {
            push @lines, $cur;
            $cur = undef;
        }
        $cur = defined $cur ? "$cur $w" : $w;
    }
    push @lines, $cur if defined $cur;
    return @lines;
}

# "HEAD(p1, p2, ...)TAIL", wrapped after commas (and before TAIL) to stay
# under 100 columns.
sub c_call {
    my ($head, $params, $tail) = @_;
    my $one = $head . '(' . join(', ', @$params) . ')' . $tail;
    return $one if length($one) < 100;
    my $ind = ' ' x 4;
    my $semi = $tail eq ';' ? ';' : '';
    my $out = "$head(";
    my $cur = $out;
    for my $k (0 .. $#$params) {
        my $piece = $params->[$k] . ($k == $#$params ? ")$semi" : ',');
        if ($k > 0 && length($cur) + 1 + length($piece) > 99) {
            $out .= "\n$ind";
            $cur = $ind;
        } elsif ($k > 0) {
            $out .= ' ';
            $cur .= ' ';
        }
        $out .= $piece;
        $cur .= $piece;
    }
    return $out if $semi;
    (my $t = $tail) =~ s/^ //;
    return "$out\n$ind$t" if length($cur) + length($tail) > 99;
    return "$out$tail";
}

# A statement IND HEAD "STRING" TAIL, the string literal split over lines
# (at spaces) when it would reach column 100.
sub c_string_stmt {
    my ($ind, $head, $str, $tail) = @_;
    my $one = qq{$ind$head"$str"$tail};
    return "$one\n" if length($one) < 100;
    my $cont = "$ind    ";
    my @words = split / /, $str;
    my @lines;
    my $cur = '';
    for my $k (0 .. $#words) {
        my $w = $words[$k] . ($k < $#words ? ' ' : '');
        if ($cur ne '' && length($cont) + length($cur) + length($w) + 2 + length($tail) > 99) {
            push @lines, $cur;
            $cur = '';
        }
        $cur .= $w;
    }
    push @lines, $cur;
    (my $out = "$ind$head") =~ s/\s+\z//;
    $out .= "\n";
    $out .= qq{$cont"$_"\n} for @lines;
    $out =~ s/\n\z/$tail\n/;
    return $out;
}

sub param_texts {
    my ($d) = @_;
    my @p = map { $_->{text} } @{ $d->{params} };
    push @p, '...' if $d->{variadic};
    @p = ('void') unless @p;
    return \@p;
}

sub ret_space {
    my ($ret) = @_;
    return $ret =~ /\*\z/ ? $ret : "$ret ";
}

sub banner {
    my ($title) = @_;
    my $line = '/*' . ('=' x 68) . "*/\n";
    my $mid = "/*=== $title";
    $mid .= ' ' x (67 - length $mid) . "===*/\n";
    return "\n$line$mid$line";
}

sub subheading {
    my ($title) = @_;
    my $s = "/*--- $title ";
    $s .= '-' x (70 - length $s) if length $s < 70;
    return "\n$s*/\n";
}

sub file_banner {
    my ($what, $file) = @_;
    my $bar = '/*' . ('-' x 68) . "*/\n";
    my $l1 = "/*--- $what";
    $l1 .= ' ' x (67 - length $l1) . "---*/\n";
    my $l2 = "/*---";
    $l2 .= ' ' x (67 - length($l2) - length($file) - 1) . "$file ---*/\n";
    return $bar . $l1 . $l2 . $bar . "\n"
        . "/* Generated by gen/gen-interface.pl from toolfuncs.def (format"
        . " $def{format},\n   interface $def{major}.$def{minor}): do not edit,"
        . " change toolfuncs.def instead. */\n";
}

sub names_list {
    my (@names) = @_;
    return join(', ', @names);
}

#--- vg_skin.h --------------------------------------------------------------

sub gen_skin_header {
    my $o = file_banner('The skin interface: what a skin may call and provide.',
        'vg_skin.h');
    $o .= "\n#ifndef VG_SKIN_H\n#define VG_SKIN_H\n\n";
    $o .= qq{#include "$_"\n} for @{ $def{includes} };
    $o .= "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n";

    $o .= banner('Interface version');
    $o .= <<"EOT";

#define VG_INTERFACE_MAJOR_VERSION $def{major}
#define VG_INTERFACE_MINOR_VERSION $def{minor}

/* What VG_DETERMINE_INTERFACE_VERSION puts in a skin, under the name
   VG_INTERFACE_VERSION_SYMBOL.  major and minor stay the first two
   fields in every version, so the core can read them from any skin. */
typedef struct {
    UInt major;
    UInt minor;
    void (*pre_clo_init)(void);
    Double shadow_ratio;
} VgInterfaceVersion;

#define VG_INTERFACE_VERSION_SYMBOL "vgSkin_interface_version"

/* Every skin says, once, at file scope:
       VG_DETERMINE_INTERFACE_VERSION(my_pre_clo_init, SHADOW_RATIO);
   my_pre_clo_init (it may be static) sets the details and needs and
   registers the entry points and events with SK_(init_*).  SHADOW_RATIO
   is the skin's shadow:client memory ratio as a double: 0 for no shadow
   memory, 1.0 / 8 for one bit per byte (write 1.0 / 8, not 1 / 8), 9.0 / 8
   for Memcheck's V and A bits. */
#define VG_DETERMINE_INTERFACE_VERSION(pre_clo_init_fn, shadow_ratio_value)      \\
    extern const VgInterfaceVersion SK_(interface_version)                      \\
        __attribute__((visibility("default")));                                 \\
    const VgInterfaceVersion SK_(interface_version) = {                         \\
        VG_INTERFACE_MAJOR_VERSION, VG_INTERFACE_MINOR_VERSION, (pre_clo_init_fn),\\
        (Double)(shadow_ratio_value)}
EOT

    $o .= header_services() . header_entry_points() . header_needs_details()
        . header_events();
    $o .= "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* VG_SKIN_H */\n";
    return $o;
}

# vg_skin.h: the core services.
sub header_services {
    my $o = '';
    $o .= banner('Core services: what a skin may call');
    for my $s (@{ $def{services} }) {
        $o .= subheading($s->{heading}) if defined $s->{heading};
        $o .= "\n" . c_comment('', $s->{doc});
        my $tail = '';
        $tail .= " VG_PRINTF_LIKE($s->{printf}[0], $s->{printf}[1])" if $s->{printf};
        $tail .= ' VG_NORETURN' if $s->{noreturn};
        $o .= c_call('extern ' . ret_space($s->{ret}) . "VG_($s->{name})",
            param_texts($s), "$tail;") . "\n";
    }
    return $o;
}

# vg_skin.h: the entry points, their types and shims.
sub header_entry_points {
    my $o = '';
    $o .= banner('Entry points: what a skin provides');
    $o .= "\n/* A skin registers each with SK_(init_NAME)(fn) in its pre_clo_init;"
        . "\n   passing NULL puts the default back. */\n";
    for my $e (@{ $def{entries} }) {
        $o .= subheading($e->{heading}) if defined $e->{heading};
        my @extra;
        if ($e->{required}) {
            push @extra, 'Required.';
        } elsif ($e->{needed_by}) {
            push @extra, 'Required by the need'
                . (@{ $e->{needed_by} } > 1 ? 's ' : ' ')
                . names_list(@{ $e->{needed_by} }) . '.';
        }
        if (!$e->{required}) {
            push @extra, 'Until registered: ' . default_words($e) . '.';
        }
        $o .= "\n" . c_comment('', $e->{doc}, @extra);
        $o .= fn_typedef($e) . shim_decl($e);
    }
    return $o;
}

# vg_skin.h: the needs and details setters.
sub header_needs_details {
    my $o = '';
    $o .= banner('Needs: services a skin asks for in pre_clo_init');
    for my $n (@{ $def{needs} }) {
        $o .= subheading($n->{heading}) if defined $n->{heading};
        my @extra;
        if (@{ $n->{requires} }) {
            push @extra, 'The skin must then register '
                . names_list(map {"SK_($_)"} @{ $n->{requires} }) . '.';
        }
        $o .= "\n" . c_comment('', $n->{doc}, @extra);
        $o .= "extern void VG_(needs_$n->{name})(void);\n";
    }

    $o .= banner('Details: strings describing the skin');
    for my $d (@{ $def{details} }) {
        $o .= subheading($d->{heading}) if defined $d->{heading};
        $o .= "\n" . c_comment('', $d->{doc},
            $d->{required} ? 'Required.' : 'Optional.');
        $o .= "extern void VG_(details_$d->{name})(const HChar *$d->{name});\n";
    }
    return $o;
}

# vg_skin.h: the events, their types and shims.
sub header_events {
    my $o = '';
    $o .= banner('Trackable events: core events a skin may follow');
    $o .= "\n/* A skin follows an event by registering a function with"
        . "\n   SK_(init_EVENT)(fn) (NULL stops following it). */\n";
    for my $e (@{ $def{events} }) {
        $o .= subheading($e->{heading}) if defined $e->{heading};
        $o .= "\n" . c_comment('', $e->{doc});
        $o .= fn_typedef($e) . shim_decl($e);
    }
    return $o;
}

sub default_words {
    my ($e) = @_;
    return "SK_($e->{name}) aborts the run naming itself" unless defined $e->{default};
    return 'does nothing' if $e->{default} eq '';
    return "returns $e->{default}";
}

sub fn_typedef {
    my ($e) = @_;
    return c_call('typedef ' . ret_space($e->{ret}) . "(*SK_($e->{name}_fn))",
        param_texts($e), ';') . "\n";
}

sub shim_decl {
    my ($e) = @_;
    return c_call("extern void SK_(init_$e->{name})", ["SK_($e->{name}_fn) fn"], ';')
        . "\n";
}

#--- vg_skintable.h ---------------------------------------------------------

sub gen_table_header {
    my $o = file_banner("The core's table of the skin's entry points and events.",
        'vg_skintable.h');
    $o .= <<'EOT';

/* For the core only: skins see vg_skin.h. */

#ifndef VG_SKINTABLE_H
#define VG_SKINTABLE_H

#include "vg_skin.h"
EOT
    $o .= banner('Entry points and events');
    $o .= "\n/* Filled in by the skin's SK_(init_*) calls.  Entry points are always"
        . "\n   callable (a default stands in until the skin registers one); events"
        . "\n   are NULL until a skin follows them. */\n";
    $o .= "typedef struct {\n";
    $o .= "    SK_($_->{name}_fn) $_->{name};\n" for @{ $def{entries} };
    $o .= "\n";
    $o .= "    SK_($_->{name}_fn) track_$_->{name};\n" for @{ $def{events} };
    $o .= "} VgSkinTable;\n\nextern VgSkinTable VG_(skin);\n";

    $o .= banner('Needs and details');
    $o .= "\n/* Set by the skin's VG_(needs_*) calls; all False by default. */\n";
    $o .= "typedef struct {\n";
    $o .= "    Bool $_->{name};\n" for @{ $def{needs} };
    $o .= "} VgNeeds;\n\nextern VgNeeds VG_(needs);\n";
    $o .= "\n/* Set by the skin's VG_(details_*) calls; NULL when not set.  The"
        . "\n   strings belong to the skin (usually literals). */\n";
    $o .= "typedef struct {\n";
    $o .= "    const HChar *$_->{name};\n" for @{ $def{details} };
    $o .= "} VgDetails;\n\nextern VgDetails VG_(details);\n";

    $o .= banner('Dispatch');
    $o .= "\n/* The defaults that stand in for unregistered entry points. */\n";
    for my $e (@{ $def{entries} }) {
        $o .= c_call('extern ' . ret_space($e->{ret}) . "ML_(skin_default_$e->{name})",
            param_texts($e), ';') . "\n";
    }
    $o .= <<'EOT';

/* Has the skin registered entry point NAME? */
#define VG_SKIN_HAS(name) (VG_(skin).name != ML_(skin_default_##name))

/* Does the skin follow event NAME?  For the stack events: test the size's
   fast path (new_mem_stack_8) first, then the generic one. */
#define VG_TRACKED(name) (VG_(skin).track_##name != NULL)

/* Calls the skin's function for event NAME if it follows it: a NULL test
   when it does not. */
#define VG_TRACK(name, ...)                                                 \
    do {                                                                    \
        if (VG_(skin).track_##name != NULL)                                 \
            VG_(skin).track_##name(__VA_ARGS__);                            \
    } while (0)

/* Called after the skin's pre_clo_init: returns NULL if every required
   entry point, every entry point of the needs the skin set, and every
   required detail is there; else a message (a static string) naming the
   first one missing.  From then on, VG_(needs_*) and VG_(details_*) calls
   panic: a skin sets them in pre_clo_init only. */
extern const HChar *VG_(check_skin_interface)(void);

#endif /* VG_SKINTABLE_H */
EOT
    return $o;
}

#--- vg_skintable.c ---------------------------------------------------------

sub gen_table_source {
    my $o = file_banner("The core's table of the skin's entry points and events.",
        'vg_skintable.c');
    $o .= qq{\n#include "vg_skintable.h"\n};

    $o .= banner('Defaults of entry points');
    for my $e (@{ $def{entries} }) {
        $o .= "\n" . c_call(ret_space($e->{ret}) . "ML_(skin_default_$e->{name})",
            param_texts($e), '') . "\n{\n";
        $o .= "    (void)$_->{name};\n" for @{ $e->{params} };
        if (!defined $e->{default}) {
            $o .= c_string_stmt('    ', 'VG_(skin_panic)(',
                "SK_($e->{name}) was called, but the skin did not register it", ');');
        } elsif ($e->{default} ne '') {
            $o .= "    return $e->{default};\n";
        }
        $o .= "}\n";
    }

    $o .= banner('The tables');
    $o .= "\nVgSkinTable VG_(skin) = {\n";
    $o .= "    .$_->{name} = ML_(skin_default_$_->{name}),\n" for @{ $def{entries} };
    $o .= "};\n\nVgNeeds VG_(needs);\n\nVgDetails VG_(details);\n";

    $o .= banner('Registration shims, needs and details');
    $o .= "\n";
    for my $e (@{ $def{entries} }) {
        my $set = "    VG_(skin).$e->{name} = fn != NULL ? fn : ML_(skin_default_$e->{name});";
        if (length $set > 99) {
            $set = "    VG_(skin).$e->{name} =\n"
                . "        fn != NULL ? fn : ML_(skin_default_$e->{name});";
        }
        $o .= c_call("void SK_(init_$e->{name})", ["SK_($e->{name}_fn) fn"], '')
            . "\n{\n$set\n}\n\n";
    }
    for my $e (@{ $def{events} }) {
        $o .= c_call("void SK_(init_$e->{name})", ["SK_($e->{name}_fn) fn"], '')
            . "\n{\n    VG_(skin).track_$e->{name} = fn;\n}\n\n";
    }
    $o .= "/* Needs and details are set in pre_clo_init only: after the check they\n"
        . "   are what the core relies on. */\n"
        . "static Bool skin_checked;\n\n";
    for my $n (@{ $def{needs} }) {
        $o .= "void VG_(needs_$n->{name})(void)\n{\n    if (skin_checked)\n"
            . c_string_stmt(' ' x 8, 'VG_(skin_panic)(',
                "VG_(needs_$n->{name}) was called after pre_clo_init", ');')
            . "    VG_(needs).$n->{name} = True;\n}\n\n";
    }
    for my $d (@{ $def{details} }) {
        $o .= "void VG_(details_$d->{name})(const HChar *$d->{name})\n{\n"
            . "    if (skin_checked)\n"
            . c_string_stmt(' ' x 8, 'VG_(skin_panic)(',
                "VG_(details_$d->{name}) was called after pre_clo_init", ');')
            . "    VG_(details).$d->{name} = $d->{name};\n}\n\n";
    }

    $o =~ s/\n\n\z/\n/;
    $o .= banner('Checking a skin after its pre_clo_init');
    $o .= "\nconst HChar *VG_(check_skin_interface)(void)\n{\n    skin_checked = True;\n";
    for my $e (grep { $_->{required} } @{ $def{entries} }) {
        $o .= "    if (!VG_SKIN_HAS($e->{name}))\n"
            . c_string_stmt(' ' x 8, 'return ',
                "required entry point SK_($e->{name}) is not registered", ';');
    }
    for my $d (grep { $_->{required} } @{ $def{details} }) {
        $o .= "    if (VG_(details).$d->{name} == NULL)\n"
            . c_string_stmt(' ' x 8, 'return ', "required detail $d->{name} is not"
                . " set (with VG_(details_$d->{name}))", ';');
    }
    for my $n (grep { @{ $_->{requires} } } @{ $def{needs} }) {
        $o .= "    if (VG_(needs).$n->{name}) {\n";
        for my $r (@{ $n->{requires} }) {
            $o .= "        if (!VG_SKIN_HAS($r))\n"
                . c_string_stmt(' ' x 12, 'return ', "need $n->{name} requires"
                    . " SK_($r), which is not registered", ';');
        }
        $o .= "    }\n";
    }
    $o .= "    return NULL;\n}\n";
    return $o;
}

#--- vg_exports.list --------------------------------------------------------

sub gen_exports {
    my @syms;
    push @syms, "vgPlain_$_->{name}" for @{ $def{services} };
    push @syms, "vgPlain_needs_$_->{name}" for @{ $def{needs} };
    push @syms, "vgPlain_details_$_->{name}" for @{ $def{details} };
    push @syms, "vgSkin_init_$_->{name}" for @{ $def{entries} }, @{ $def{events} };
    return "/* The symbols the core exports to skins: the services, setters and\n"
        . "   shims of toolfuncs.def (interface $def{major}.$def{minor}).\n"
        . "   Generated by gen/gen-interface.pl: do not edit. */\n{\n"
        . join('', map {"    $_;\n"} @syms) . "};\n";
}

#--- Writing ----------------------------------------------------------------

sub write_if_changed {
    my ($path, $content) = @_;
    if (open(my $in, '<', $path)) {
        local $/;
        my $old = <$in>;
        close $in;
        return if defined $old && $old eq $content;
    }
    make_path(dirname($path));
    my $tmp = "$path.tmp$$";
    open(my $out, '>', $tmp) or die "$0: cannot write $tmp: $!\n";
    print {$out} $content or die "$0: cannot write $tmp: $!\n";
    close $out or die "$0: cannot write $tmp: $!\n";
    rename($tmp, $path) or die "$0: cannot rename $tmp to $path: $!\n";
    return;
}

#--- Main -------------------------------------------------------------------

read_definition();
fold_malloc_section();
check_definition();
stop_if_errors();

my %outputs = (
    "$out_dir/include/vg_skin.h"          => gen_skin_header(),
    "$out_dir/coregrind/vg_skintable.h"   => gen_table_header(),
    "$out_dir/coregrind/vg_skintable.c"   => gen_table_source(),
    "$out_dir/coregrind/vg_exports.list"  => gen_exports(),
);
write_if_changed($_, $outputs{$_}) for sort keys %outputs;
exit 0;
