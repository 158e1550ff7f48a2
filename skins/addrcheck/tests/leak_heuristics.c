/* Interior pointers that Memcheck's heuristics (all of them by default)
   take for start pointers: to the second word of a block whose first
   word is a plausible element count (newarray) or the size of the rest
   (length64), and to the fourth word of a block laid out as libstdc++'s
   old std::string (stdstring).  A pointer 16 bytes into a block that
   matches none of them leaves the block possibly lost. */
#include <stdlib.h>
#include <string.h>
#include "leak_common.h"

char *volatile array_elems;
char *volatile length64_data;
char *volatile string_chars;
char *volatile plain_inside;

int main(void)
{
    unsigned long *a = malloc(8 + 5 * 12);
    a[0] = 5;                              /* 5 elements of 12 bytes */
    array_elems = (char *)(a + 1);

    unsigned long *l = malloc(8 + 1001);
    l[0] = 1001;                           /* 1001 bytes follow */
    length64_data = (char *)(l + 1);

    unsigned long *s = malloc(3 * 8 + 20 + 1);
    s[0] = 5;                              /* length */
    s[1] = 20;                             /* capacity */
    s[2] = 0;                              /* refcount */
    memcpy(s + 3, "hello", 6);
    string_chars = (char *)(s + 3);

    unsigned long *p = calloc(4, 8);
    plain_inside = (char *)(p + 2);
    a = l = s = p = NULL;
    clear_stack();
    return 0;
}
