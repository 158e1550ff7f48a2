# Workload for real_perl.vgtest: hashes, arrays, regexes, sort, sprintf,
# references, closures, string ops, local $@ and eval, pack/unpack.
# Hash order is random in Perl: every hash is walked through sort.
use strict;
use warnings;

my $seed = 7;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; return $seed >> 16 }

my @syl = qw(ka lo mi ne ru ta vo xi ze pu);
my @words = map { join '', map { $syl[rnd() % @syl] } 1 .. 1 + rnd() % 4 } 1 .. 4000;
my %count;
$count{$_}++ for @words;
my @top = (sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count)[0 .. 4];
printf "words %d distinct %d top %s\n", scalar @words, scalar keys %count,
    join(',', map { "$_=$count{$_}" } @top);

# hashes of arrays, hash slices, exists/delete
my %by_first;
push @{ $by_first{ substr $_, 0, 2 } }, $_ for @words;
for my $k (sort keys %by_first) {
    my @l = @{ $by_first{$k} };
    printf "%s %4d %-12s %s\n", $k, scalar @l, $l[0], join('|', (sort @l)[0 .. 2]);
}
my %h = map { $_ => length } @words[0 .. 99];
delete @h{ grep { /^ka/ } keys %h };
printf "slice %d exists %d\n", scalar keys %h, (exists $h{ $words[1] } ? 1 : 0);

# regexes: captures, global match, substitution with /e, tr, split
my $text = join ' ', @words[0 .. 999];
my @caps = $text =~ /\b(k\w+?)(o|i)\b/g;
printf "caps %d first %s\n", scalar(@caps) / 2, join(',', @caps[0 .. 5]);
(my $sub = substr $text, 0, 100) =~ s/(ka|lo)+/uc $&/ge;
print "subst $sub\n";
my $vowels = ($text =~ tr/aeiou//);
printf "vowels %d split %d\n", $vowels, scalar(split /[aeiou]{2,}|\s+/, $text);
my %pairs = $text =~ /(\w+)=(\d+)/g;
if ("key=42 other=7 last=1000" =~ /^(?<k>\w+)=(?<v>\d+)/) { print "named $+{k} $+{v}\n" }
my $re = qr/(\d+)-(\d+)/;
my @ranges = map { [ /$re/ ] } qw(1-5 10-20 300-400);
printf "ranges %s\n", join(';', map { $_->[1] - $_->[0] } @ranges);

# numeric sort, custom sort, Schwartzian transform, sprintf formats
my @nums = map { rnd() % 100000 } 1 .. 3000;
my @sorted = sort { $a <=> $b } @nums;
printf "nums min %d max %d median %d\n", $sorted[0], $sorted[-1], $sorted[@sorted / 2];
my @st = map { $_->[1] } sort { $a->[0] <=> $b->[0] or $a->[1] cmp $b->[1] }
    map { [ length, $_ ] } @words[0 .. 199];
print "st @st[0 .. 5]\n";
printf "fmt [%8.3f] [%-6s] [%06d] [%x] [%o] [%e] [%s]\n", 3.14159265, 'ab', 42, 255, 8, 12345.678, 'x' x 5;
my $s = sprintf '%s', join ',', map { sprintf '%03d', $_ } @sorted[0 .. 9];
print "sprintf $s\n";

# references and closures
my @counters = map { my $n = $_; sub { return $n++ } } 1 .. 5;
$_->() for @counters, @counters;
printf "closures %s\n", join ',', map { $_->() } @counters;
my $tree = {};
for my $w (@words[0 .. 499]) {
    my $node = $tree;
    $node = $node->{$_} //= {} for split //, $w;
    $node->{'$'}++;
}
sub depth { my $n = shift; my $d = 0; for (grep { $_ ne '$' } keys %$n) { my $x = depth($n->{$_}); $d = $x if $x > $d } return 1 + $d }
printf "trie depth %d\n", depth($tree);

# eval/die, local, wantarray, string repetition, pack/unpack
my $r = eval { die { code => 42 } };
printf "eval %s %d\n", defined $r ? 'def' : 'undef', $@->{code};
eval { my @a = (1) x 10; $a[20] = 1; die "len " . scalar(@a) . "\n" };
print "died $@";
my $packed = pack 'NnC/a*w', 0xdeadbeef, 513, 'hello', 300;
printf "pack %s unpack %s\n", unpack('H*', $packed), join ',', unpack 'NnC/a*w', $packed;
my $big = join '', map { chr(65 + $_ % 26) } 0 .. 9999;
printf "big %d %s %d\n", length $big, substr($big, 5000, 10), index($big, 'XYZ', 100);
printf "lc/uc %s %s %s\n", lc('MiXeD'), ucfirst('word'), scalar reverse 'stressed';
