/* clientreq_unknown: requests the tool does not know return their default
   value without complaint: an unknown core request number, another tool's
   request (memcheck's block, which nulgrind does not serve) and an unknown
   tool's. */
#include <stdio.h>
#include "../../include/valgrind.h"

int main(void)
{
    unsigned long core = VALGRIND_DO_CLIENT_REQUEST_EXPR(1234, 0x1fff, 1, 2, 3, 4, 5);
    unsigned long memcheck = VALGRIND_DO_CLIENT_REQUEST_EXPR(
        5678, VG_USERREQ_TOOL_BASE('M', 'C') + 0x100, 1, 2, 3, 4, 5);
    unsigned long other = VALGRIND_DO_CLIENT_REQUEST_EXPR(
        (unsigned long)-1, VG_USERREQ_TOOL_BASE('Z', 'Z') + 1, 0, 0, 0, 0, 0);
    unsigned long big = VALGRIND_DO_CLIENT_REQUEST_EXPR(
        0x123456789abcdefUL, 0xffffffffUL, 0, 0, 0, 0, 0);

    printf("unknown core request: %lu\n", core);
    printf("memcheck request under another skin: %lu\n", memcheck);
    printf("unknown tool request: %ld\n", (long)other);
    printf("64-bit default: %lx\n", big);
    return 0;
}
