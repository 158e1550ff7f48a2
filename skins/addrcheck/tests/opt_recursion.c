/* Errors at the bottom of a direct recursion (down) and of a mutual one
   (ping -> pong -> ping ...), for --merge-recursive-frames. */
#include <stdlib.h>

static void down(char *p, int n)
{
    if (n > 0) {
        down(p, n - 1);
        return;
    }
    p[16] = 1;
}

static void pong(char *p, int n);

static void ping(char *p, int n)
{
    if (n > 0) {
        pong(p, n - 1);
        return;
    }
    p[17] = 1;
}

static void pong(char *p, int n)
{
    ping(p, n);
}

int main(void)
{
    char *p = malloc(16);
    down(p, 6);
    ping(p, 4);
    free(p);
    return 0;
}
