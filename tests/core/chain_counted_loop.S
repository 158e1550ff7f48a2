# chain_counted_loop: tight loops closed by a backward conditional jump,
# the first thing a block-chaining JIT must get right.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .globl _start
_start:
    /* dec/jnz: 10 million iterations of a two-instruction block */
    xor %eax, %eax
    mov $10000000, %ecx
1:  add %rcx, %rax
    dec %rcx
    jnz 1b
    SHOW_DEC "sum_down", %rax
    SHOW_DEC "rcx_after", %rcx

    /* counting up, cmp/jb, with the loop head in the middle of a block */
    xor %eax, %eax
    xor %edx, %edx
    xor %ecx, %ecx
    add $3, %rdx                /* same block as the loop head */
2:  inc %rcx
    add %rcx, %rax
    cmp $1000000, %rcx
    jb 2b
    SHOW_DEC "sum_up", %rax
    SHOW_DEC "count_up", %rcx
    SHOW_DEC "rdx", %rdx

    /* a signed loop counting from -500000 to 500000 with jle */
    mov $-500000, %rcx
    xor %eax, %eax
    xor %esi, %esi
3:  inc %rsi
    add %rcx, %rax
    inc %rcx
    cmp $500000, %rcx
    jle 3b
    SHOW_DEC "signed_iters", %rsi
    SHOW_DEC "signed_sum", %rax

    /* a loop whose body is the fall-through and whose exit is a forward
       conditional branch, closed by an unconditional backward jmp */
    xor %ecx, %ecx
    xor %eax, %eax
4:  cmp $777777, %rcx
    jae 5f
    add $2, %rax
    inc %rcx
    jmp 4b
5:  SHOW_DEC "jmp_loop_iters", %rcx
    SHOW_DEC "jmp_loop_sum", %rax
    EXIT 0
