#!/bin/sh
# Driver of real_bzip2.vgtest and real_xz.vgtest, run under the tool with
# --trace-children=yes so that every program it starts is checked too.
#
#   real_compress.sh COMPRESSOR [LEVEL]
#
# Generates ~400 KB of text (a fixed generator: the same bytes with any
# awk), compresses it to a temp file and back, then through a pipe, and
# prints the checksums.  The data's checksum is the first line: it shows
# that the generator did not change.
set -eu
z=$1
level=${2:--6}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/real_compress.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

awk 'BEGIN {
    split("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu", w, " ")
    s = 1
    for (i = 0; i < 30000; i++) {
        s = (s * 69069 + 1) % 4294967296
        r = int(s / 65536)
        printf "%05d %s %s %d\n", i, w[1 + r % 12], w[1 + int(r / 12) % 12], r % 1000
    }
}' > "$tmp/data"
cksum < "$tmp/data"

"$z" "$level" -c "$tmp/data" > "$tmp/data.z"
"$z" -d -c "$tmp/data.z" > "$tmp/back"
cmp "$tmp/data" "$tmp/back"
cksum < "$tmp/back"

"$z" -1 < "$tmp/data" | "$z" -d | cksum
"$z" -t "$tmp/data.z"
echo "$z: ok"
