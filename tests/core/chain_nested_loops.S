# chain_nested_loops: three nested counted loops (1000 x 100 x 50) whose
# inner blocks chain to each other and back to the outer ones.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .globl _start
_start:
    xor %eax, %eax              /* innermost iterations */
    xor %ebx, %ebx              /* middle iterations */
    xor %r12, %r12              /* weighted sum i*j + k */
    mov $1000, %r8
1:  mov $100, %r9
2:  mov $50, %r10
    inc %rbx
3:  inc %rax
    mov %r8, %r11
    imul %r9, %r11
    add %r10, %r11
    add %r11, %r12
    dec %r10
    jnz 3b
    dec %r9
    jnz 2b
    dec %r8
    jnz 1b
    SHOW_DEC "inner", %rax
    SHOW_DEC "middle", %rbx
    SHOW_DEC "weighted", %r12

    /* nested loops with the inner bound depending on the outer index:
       sum over i < 2000 of i = triangular number */
    xor %eax, %eax
    xor %ecx, %ecx
4:  xor %edx, %edx
    cmp %rcx, %rdx
    jae 6f
5:  inc %rax
    inc %rdx
    cmp %rcx, %rdx
    jb 5b
6:  inc %rcx
    cmp $2000, %rcx
    jb 4b
    SHOW_DEC "triangle", %rax
    EXIT 0
