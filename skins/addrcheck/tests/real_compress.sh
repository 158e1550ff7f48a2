#!/bin/sh
# Driver of real_bzip2.vgtest, real_xz.vgtest and real_gzip.vgtest, run
# under the tool with --trace-children=yes so that every program it starts
# (awk, cksum, cmp and the compressor) is checked too.
#
#   real_compress.sh COMPRESSOR
#
# Generates ~310 KB of text (a fixed generator in integer arithmetic: the
# same bytes with any awk), compresses it to a temp file and back, then
# through a pipe, tests the compressed file, and prints checksums.
set -eu
z=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/real_compress.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

awk 'BEGIN {
    split("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu", w, " ")
    s = 1
    for (i = 0; i < 15000; i++) {
        s = (s * 69069 + 1) % 4294967296
        r = int(s / 65536)
        printf "%05d %s %s %d\n", i, w[1 + r % 12], w[1 + int(r / 12) % 12], r % 1000
    }
}' > "$tmp/data"
cksum < "$tmp/data"

"$z" -6 -c "$tmp/data" > "$tmp/data.z"
"$z" -d -c "$tmp/data.z" > "$tmp/back"
cmp "$tmp/data" "$tmp/back"
cksum < "$tmp/back"

"$z" -1 < "$tmp/data" | "$z" -d | cksum
"$z" -t "$tmp/data.z"
echo "$z: ok"
