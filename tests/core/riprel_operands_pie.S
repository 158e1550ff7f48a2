# riprel_operands_pie: riprel_operands built as a static PIE, so the code
# and data sit wherever the loader puts them.
# cflags: -nostdlib -static-pie
#include "riprel_operands.S"
