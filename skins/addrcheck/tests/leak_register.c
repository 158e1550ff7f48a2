/* A block whose only pointer is in a register: the leak check counts
   the general registers of every thread as roots.  One asm statement
   moves the pointer from memory into %r12, clears the memory, and asks
   for a leak check (the client request touches only %rax, %rdx and %rdi),
   so no compiler can keep another copy; a second check after %r12 is
   cleared finds the block lost. */
#include <stdlib.h>
#include "memcheck.h"
#include "leak_common.h"

void *volatile only_copy;

int main(void)
{
    unsigned long args[6] = {VG_USERREQ__DO_LEAK_CHECK, 0, 0, 0, 0, 0};
    unsigned long result = 0;
    only_copy = malloc(48);
    clear_stack();
    __asm__ volatile("movq only_copy(%%rip), %%r12\n\t"
                     "movq $0, only_copy(%%rip)\n\t"
                     "movq %1, %%rax\n\t"
                     "xorq %%rdx, %%rdx\n\t"
                     "rolq $3, %%rdi\n\t"
                     "rolq $13, %%rdi\n\t"
                     "rolq $61, %%rdi\n\t"
                     "rolq $51, %%rdi\n\t"
                     "xchgq %%rbx, %%rbx\n\t"
                     "movq %%rdx, %0\n\t"
                     "xorq %%r12, %%r12"
                     : "=r"(result)
                     : "r"(args)
                     : "rax", "rdx", "rdi", "r12", "memory", "cc");
    clear_stack();
    VALGRIND_DO_LEAK_CHECK;
    return (int)result;
}
