/* --ignore-ranges: loads after a client-described block at a fixed
   address (so that the ranges on the command line can name them), in and
   out of the ignored ranges (whose end is their last byte).  Only bytes
   near the block are reported: further ones Memcheck describes by their
   mapping, which Addrcheck does not. */
#include <sys/mman.h>
#include "valgrind.h"
#include "memcheck.h"

#define PAGE ((char *)0x20000000)

static void __attribute__((noinline)) load(const char *a)
{
    (void)*(volatile const char *)a;
}

int main(void)
{
    char *p = mmap(PAGE, 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != PAGE)
        return 1;
    VALGRIND_MAKE_MEM_NOACCESS(p, 4096);
    VALGRIND_MALLOCLIKE_BLOCK(p + 0x100, 0x100, 16, 0);
    load(p + 0x200); /* reported: 0 bytes after the block */
    load(p + 0x201); /* ignored: the first range's start */
    load(p + 0x20e); /* ignored: its last byte */
    load(p + 0x20f); /* reported */
    load(p + 0x400); /* ignored: the second range */
    return 0;
}
