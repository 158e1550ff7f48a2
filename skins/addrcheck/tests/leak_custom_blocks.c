/* Blocks of a custom allocator: a malloc'ed arena carved into blocks
   with VALGRIND_MALLOCLIKE_BLOCK, and a memory pool.  The arena itself is
   not checked (Memcheck drops a block that holds custom ones), its
   pieces are: one still reachable from a global, one lost; the same for
   the pool's blocks. */
#include <stdlib.h>
#include "valgrind.h"
#include "memcheck.h"
#include "leak_common.h"

char *volatile arena;
char *volatile kept_piece;
char *volatile pool_area;
char *volatile kept_chunk;

/* In a function of its own, so that clear_stack also clears the copies
   of the client requests' arguments. */
static void __attribute__((noinline)) allocate(void)
{
    arena = malloc(1024);
    VALGRIND_MALLOCLIKE_BLOCK(arena + 64, 100, 0, 0);
    VALGRIND_MALLOCLIKE_BLOCK(arena + 256, 200, 0, 0);
    kept_piece = arena + 64;

    pool_area = malloc(4096);
    VALGRIND_CREATE_MEMPOOL(pool_area, 0, 0);
    VALGRIND_MEMPOOL_ALLOC(pool_area, pool_area + 128, 48);
    VALGRIND_MEMPOOL_ALLOC(pool_area, pool_area + 512, 80);
    kept_chunk = pool_area + 128;
}

int main(void)
{
    allocate();
    clear_stack();
    return 0;
}
