/* What the leak tests share. */
#ifndef LEAK_COMMON_H
#define LEAK_COMMON_H

/* Zeroes the stack below the caller's frame, where the frames of malloc
   and of the functions the caller called left copies of pointers:
   Memcheck ignores them as undefined, Addrcheck (no V bits) would take
   them for pointers, and the exit path's frames reuse that stack. */
static void __attribute__((noinline, unused)) clear_stack(void)
{
    volatile char junk[8192];
    for (unsigned i = 0; i < sizeof junk; i++)
        junk[i] = 0;
}

#endif
