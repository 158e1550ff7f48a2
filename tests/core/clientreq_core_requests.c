/* clientreq_core_requests: core requests with effects a program can see:
   VALGRIND_NON_SIMD_CALL0-3 run a function on the real CPU, passing the
   thread id first (the expected output is the tool's view: natively
   nothing is called and every answer is 0); requests that only inform the
   tool (error reporting on/off, a stack, a custom allocator's blocks and
   pools) are accepted silently by a tool that does not use them. */
#include <stdio.h>
#include <stdlib.h>
#include "../../include/valgrind.h"

static int calls;

static long zero_args(long tid)
{
    calls++;
    return tid > 0 ? 100 : -1;
}

static long one_arg(long tid, long a)
{
    calls++;
    return tid > 0 ? a * 2 : -1;
}

static long two_args(long tid, long a, long b)
{
    calls++;
    return tid > 0 ? a * b : -1;
}

static long three_args(long tid, long a, long b, long c)
{
    calls++;
    return tid > 0 ? a + b + c : -1;
}

int main(void)
{
    static char stack[65536];
    static char pool[4096];
    char *block = malloc(64);
    unsigned id;

    printf("CALL0: %ld\n", (long)VALGRIND_NON_SIMD_CALL0(zero_args));
    printf("CALL1: %ld\n", (long)VALGRIND_NON_SIMD_CALL1(one_arg, 21));
    printf("CALL2: %ld\n", (long)VALGRIND_NON_SIMD_CALL2(two_args, 6, 7));
    printf("CALL3: %ld\n", (long)VALGRIND_NON_SIMD_CALL3(three_args, 1, 2, 3));
    printf("functions called: %d\n", calls);

    VALGRIND_DISABLE_ERROR_REPORTING;
    VALGRIND_ENABLE_ERROR_REPORTING;
    id = VALGRIND_STACK_REGISTER(stack, stack + sizeof stack);
    VALGRIND_STACK_CHANGE(id, stack, stack + sizeof stack / 2);
    VALGRIND_STACK_DEREGISTER(id);
    VALGRIND_CREATE_MEMPOOL(pool, 0, 0);
    VALGRIND_MEMPOOL_ALLOC(pool, pool + 64, 128);
    VALGRIND_MEMPOOL_FREE(pool, pool + 64);
    VALGRIND_DESTROY_MEMPOOL(pool);
    VALGRIND_MALLOCLIKE_BLOCK(pool, 32, 0, 1);
    VALGRIND_FREELIKE_BLOCK(pool, 0);
    printf("COUNT_ERRORS: %u\n", VALGRIND_COUNT_ERRORS);
    free(block);
    return 0;
}
