#!/usr/bin/perl
# Unit tests of tests/tap_dispatch, through prove as `make regtest` uses it:
# perl and shell *.t files (no execute bit needed) and failures reported.
# Its .vgtest branch is exercised in driver.t.
use strict;
use warnings;

use File::Temp qw(tempdir);
use FindBin qw($RealBin);
use Test::More;

my $DISPATCH = "$RealBin/../tap_dispatch";
my $dir = tempdir('tap_dispatch_t.XXXXXX', TMPDIR => 1, CLEANUP => 1);

sub put {
    my ($name, $text) = @_;
    open(my $fh, '>', "$dir/$name") or die "$name: $!";
    print $fh $text;
    close $fh;
    return "$dir/$name";
}

sub prove_files {
    my $out = `prove -v --exec '$DISPATCH' @_ 2>&1`;
    return ($? >> 8, $out);
}

my $perl = put('perl.t', "use strict;\nprint qq(1..1\\nok 1 - ran by \$^X\\n);\n");
my $sh = put('shell.t', "#!/bin/sh\necho 1..1\necho \"ok 1 - ran by sh, args [\$*]\"\n");
my $env = put('env.t', "#!/usr/bin/env bash\necho 1..1\necho \"ok 1 - bash \$BASH_VERSION\"\n");
my $bad = put('failing.t', "print qq(1..2\\nok 1\\nnot ok 2 - fails\\n);\n");

my ($status, $out) = prove_files($perl, $sh, $env);
is($status, 0, 'perl and shell tests pass') or diag($out);
like($out, qr/^ok 1 - ran by \S*perl/m, 'a *.t without #! runs under perl');
like($out, qr/^ok 1 - ran by sh, args \[\]$/m, 'a #!/bin/sh *.t runs under sh, no execute bit');
like($out, qr/^ok 1 - bash \d/m, 'a #!/usr/bin/env bash *.t runs under bash');
like($out, qr/^Result: PASS$/m, 'prove says PASS');

($status, $out) = prove_files($perl, $bad);
isnt($status, 0, 'a failing *.t fails the run');
like($out, qr/^Result: FAIL$/m, 'prove says FAIL');

done_testing();
