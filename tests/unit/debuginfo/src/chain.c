/* A call chain built without frame pointers (-O2 -fomit-frame-pointer):
   only CFI can unwind it.  run_chain -> c1 -> c2 -> c3 -> callback. */
#include <string.h>

typedef void (*cb_t)(void);
volatile int sink;

__attribute__((noinline, noclone)) int c3(cb_t cb, int n)
{
    char buf[100];
    memset(buf, n, sizeof buf);
    cb(); /* c3 calls back */
    return buf[n % 100] + sink;
}

__attribute__((noinline, noclone)) int c2(cb_t cb, int n)
{
    long v[7];
    for (int i = 0; i < 7; i++)
        v[i] = n * i + sink;
    int r = c3(cb, n + 1); /* c2 calls c3 */
    return r + (int)v[n % 7];
}

__attribute__((noinline, noclone)) int c1(cb_t cb, int n)
{
    return c2(cb, n * 2) + 1; /* c1 calls c2 */
}

int run_chain(cb_t cb)
{
    return c1(cb, 3) + 2; /* run_chain calls c1 */
}
