#!/bin/sh
# shebang_sh: a script run as the program; the tool starts /bin/sh with
# the script's path as its argument, as the kernel would.
echo "script ran with $# arguments: $*"
x=0
for i in 1 2 3 4 5; do x=$((x + i)); done
echo "sum=$x"
exit 5
