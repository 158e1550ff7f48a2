#!/usr/bin/perl
# Tests of tests/xml/check-xml and of valgrind-protocol4.xsd: a good
# protocol 4 document passes both, and each kind of broken one fails.
use strict;
use warnings;
use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $CHECK = "$RealBin/check-xml";
my $XSD = "$RealBin/valgrind-protocol4.xsd";
my $have_xmllint = system('command -v xmllint >/dev/null 2>&1') == 0;
my $dir = tempdir(CLEANUP => 1);

my $GOOD = <<'XML';
<?xml version="1.0"?>

<valgrindoutput>

<protocolversion>4</protocolversion>
<protocoltool>reporter</protocoltool>

<preamble>
  <line>Reporter, a test</line>
</preamble>

<pid>100</pid>
<ppid>99</ppid>
<tool>reporter</tool>

<args>
  <vargv>
    <exe>/bin/valgrind</exe>
    <arg>--xml=yes</arg>
  </vargv>
  <argv>
    <exe>./prog</exe>
    <arg>a&lt;b</arg>
  </argv>
</args>

<status>
  <state>RUNNING</state>
  <time>00:00:00:00.001 </time>
</status>

<error>
  <unique>0x0</unique>
  <tid>1</tid>
  <kind>InvalidRead</kind>
  <what>Invalid read of size 4</what>
  <stack>
    <frame>
      <ip>0x401000</ip>
      <obj>/prog</obj>
      <fn>main</fn>
      <dir>/src</dir>
      <file>prog.c</file>
      <line>3</line>
    </frame>
  </stack>
  <auxwhat>Address 0x0 is nowhere</auxwhat>
  <suppression>
    <sname>insert_a_suppression_name_here</sname>
    <skind>Reporter:Read</skind>
    <sframe> <fun>main</fun> </sframe>
    <rawtext>
<![CDATA[
{
   <insert_a_suppression_name_here>
   Reporter:Read
   fun:main
}
]]>
    </rawtext>
  </suppression>
</error>

<clientmsg>
  <tid>1</tid>
  <text>hello</text>
</clientmsg>

<status>
  <state>FINISHED</state>
  <time>00:00:00:00.002 </time>
</status>

<errorcounts>
  <pair>
    <count>2</count>
    <unique>0x0</unique>
  </pair>
</errorcounts>

<suppcounts>
  <pair>
    <count>1</count>
    <name>some-supp</name>
  </pair>
</suppcounts>

</valgrindoutput>
XML

sub run_check {
    my ($xml, @opts) = @_;
    my $file = "$dir/t.xml";
    open(my $fh, '>', $file) or die;
    print $fh $xml;
    close $fh;
    my $out = `'$CHECK' @opts '$file' 2>&1`;
    return ($? >> 8, $out);
}

my ($st, $out) = run_check($GOOD);
is($st, 0, 'a good document passes') or diag($out);
like($out, qr/^errors: 1 \(InvalidRead\)$/m, 'its errors are counted');
like($out, qr/^errorcounts: 0x0=2$/m, 'its error counts');
like($out, qr/^suppcounts: some-supp=1$/m, 'its suppression counts');
like($out, qr/^clientmsgs: 1$/m, 'its client messages');
SKIP: {
    skip 'no xmllint', 1 unless $have_xmllint;
    ($st, $out) = run_check($GOOD, "--schema=$XSD");
    is($st, 0, 'and it is valid against the schema') or diag($out);
}

my @broken = (
    ['truncated', sub { substr($_[0], 0, length($_[0]) - 40) },
     qr/not closed|suppcounts/],
    ['no FINISHED status', sub { $_[0] =~ s/FINISHED/RUNNING/r }, qr/status records/],
    ['errorcounts of an unknown error',
     sub { $_[0] =~ s/<unique>0x0<\/unique>\n  <\/pair>/<unique>0x7<\/unique>\n  <\/pair>/r },
     qr/never printed/],
    ['a frame without ip', sub { $_[0] =~ s/      <ip>0x401000<\/ip>\n//r },
     qr/without <ip>/],
    ['fields out of order',
     sub { $_[0] =~ s/(  <tid>1<\/tid>\n)(  <kind>InvalidRead<\/kind>\n)/$2$1/r },
     qr/out of order/],
    ['suppcounts not last',
     sub {
         $_[0] =~ s/(<errorcounts>.*?<\/errorcounts>\n)(\n<suppcounts>.*?<\/suppcounts>\n)/$2$1/sr
     },
     qr/last element is <errorcounts>/],
    ['a stray ampersand', sub { $_[0] =~ s/a&lt;b/a&b/r }, qr/'&'/],
    ['mismatched tags', sub { $_[0] =~ s/<\/what>/<\/kind>/r }, qr/closes/],
    ['protocol version 3', sub { $_[0] =~ s/>4</>3</r }, qr/not 4/],
);
for my $case (@broken) {
    my ($name, $mutate, $why) = @$case;
    my $xml = $mutate->($GOOD);
    isnt($xml, $GOOD, "$name: the mutation applies");
    ($st, $out) = run_check($xml);
    is($st, 1, "$name: fails");
    like($out, $why, "$name: says why") or diag($out);
}

SKIP: {
    skip 'no xmllint', 3 unless $have_xmllint;
    for my $case (@broken[0, 3, 4]) {
        ($st, $out) = run_check($case->[1]->($GOOD), "--schema=$XSD");
        like($out, qr/xmllint/, "$case->[0]: the schema rejects it too");
    }
}

done_testing();
