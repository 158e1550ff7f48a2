# recursion_deep: a recursive function 100000 calls deep (each frame
# pushes a return address and a saved register), mutual recursion 100001
# deep, and Ackermann(2, 500) for a storm of calls and returns at varying
# depths.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .text
/* sum_to(n) = n + sum_to(n - 1), sum_to(0) = 0; n in %rdi, result %rax */
sum_to:
    test %rdi, %rdi
    jnz 1f
    xor %eax, %eax
    ret
1:  push %rdi
    dec %rdi
    call sum_to
    pop %rdi
    add %rdi, %rax
    ret

/* is_even(n) / is_odd(n): mutual recursion, result in %rax */
is_even:
    test %rdi, %rdi
    jnz 1f
    mov $1, %eax
    ret
1:  dec %rdi
    jmp is_odd_tail             /* into a block that calls is_odd */
is_odd_tail:
    call is_odd
    ret
is_odd:
    test %rdi, %rdi
    jnz 1f
    xor %eax, %eax
    ret
1:  dec %rdi
    call is_even
    ret

/* ack(m, n) in %rdi, %rsi -> %rax; counts calls in %r15 */
ack:
    inc %r15
    test %rdi, %rdi
    jnz 1f
    lea 1(%rsi), %rax
    ret
1:  test %rsi, %rsi
    jnz 2f
    dec %rdi
    mov $1, %esi
    jmp ack                     /* tail call */
2:  push %rdi
    dec %rsi
    call ack                    /* ack(m, n - 1) */
    pop %rdi
    dec %rdi
    mov %rax, %rsi
    jmp ack                     /* ack(m - 1, ack(m, n - 1)) */

    .globl _start
_start:
    mov %rsp, %r14
    mov $100000, %edi
    call sum_to
    SHOW_DEC "sum_to_100000", %rax
    mov $100001, %edi
    call is_even
    SHOW_DEC "is_even_100001", %rax
    mov $100000, %edi
    call is_odd
    SHOW_DEC "is_odd_100000", %rax
    xor %r15, %r15
    mov $2, %edi
    mov $500, %esi
    call ack
    SHOW_DEC "ack_2_500", %rax
    SHOW_DEC "ack_calls", %r15
    xor %r15, %r15
    mov $3, %edi
    mov $6, %esi
    call ack
    SHOW_DEC "ack_3_6", %rax
    SHOW_DEC "ack_calls", %r15
    cmp %rsp, %r14
    jne 1f
    PUTS "stack=balanced\n"
    EXIT 0
1:  PUTS "stack=UNBALANCED\n"
    EXIT 1
