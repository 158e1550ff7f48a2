/* The leak-check client requests: a full check, the counts of bytes and
   blocks, a quick (summary) check, an added check after the leaks grew,
   and a changed check after they shrank. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "memcheck.h"
#include "leak_common.h"

void *volatile lost;
void *volatile kept;
volatile uintptr_t hidden; /* a pointer the leak checker cannot recognise */

#define HIDE 0x5555555555555555UL

static void say(const char *what)
{
    unsigned long leaked = 0, dubious = 0, reachable = 0, suppressed = 0;
    unsigned long b_leaked = 0, b_dubious = 0, b_reachable = 0, b_suppressed = 0;
    char line[200];
    VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
    VALGRIND_COUNT_LEAK_BLOCKS(b_leaked, b_dubious, b_reachable, b_suppressed);
    int n = snprintf(line, sizeof line,
                     "%s: leaked %lu/%lu, dubious %lu/%lu, reachable %lu/%lu, "
                     "suppressed %lu/%lu\n",
                     what, leaked, b_leaked, dubious, b_dubious, reachable, b_reachable,
                     suppressed, b_suppressed);
    if (write(1, line, (size_t)n) != n)
        exit(1);
}

static void lose(size_t n)
{
    lost = malloc(n);
    lost = NULL;
}

int main(void)
{
    kept = malloc(40);
    lose(16);
    hidden = (uintptr_t)malloc(24) ^ HIDE;
    clear_stack();
    VALGRIND_DO_LEAK_CHECK;
    say("full");

    lose(16);
    clear_stack();
    VALGRIND_DO_QUICK_LEAK_CHECK;
    say("quick");

    lose(16);
    clear_stack();
    VALGRIND_DO_ADDED_LEAK_CHECK;
    say("added");

    free((void *)(hidden ^ HIDE));
    free((void *)kept);
    kept = malloc(8);
    clear_stack();
    VALGRIND_DO_CHANGED_LEAK_CHECK;
    say("changed");
    clear_stack();
    return 0;
}
