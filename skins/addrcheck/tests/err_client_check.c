/* Client requests that find unaddressable bytes: a check that runs past a
   heap block, one that runs past a mempool chunk (in its redzone), and a
   mempool request for an address that is no pool. */
#include "memcheck.h"
#include <stdlib.h>

static char pool_mem[256];

int main(void)
{
    char *p = malloc(10);
    VALGRIND_CHECK_MEM_IS_ADDRESSABLE(p, 12);

    VALGRIND_MAKE_MEM_NOACCESS(pool_mem, sizeof pool_mem);
    VALGRIND_CREATE_MEMPOOL(pool_mem, 8, 0);
    VALGRIND_MEMPOOL_ALLOC(pool_mem, pool_mem + 16, 32);
    VALGRIND_CHECK_MEM_IS_ADDRESSABLE(pool_mem + 40, 12);

    VALGRIND_MEMPOOL_ALLOC(p + 3, pool_mem + 100, 8);
    VALGRIND_DESTROY_MEMPOOL(pool_mem);
    free(p);
    return 0;
}
