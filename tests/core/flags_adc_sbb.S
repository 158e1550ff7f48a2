# flags_adc_sbb: 256-bit additions and subtractions as adc/sbb carry
# chains, with the chain cut into separate blocks by jmps, and rcl/rcr,
# clc/stc/cmc.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
a256:   .quad 0xffffffffffffffff, 0xffffffffffffffff, 0x0123456789abcdef, 0
b256:   .quad 0x0000000000000001, 0x0000000000000000, 0xfedcba9876543211, 5
r256:   .quad 0, 0, 0, 0

    .text
    .globl _start
_start:
    /* sum in one block */
    mov a256(%rip), %rax
    mov a256+8(%rip), %rbx
    mov a256+16(%rip), %rcx
    mov a256+24(%rip), %rdx
    add b256(%rip), %rax
    adc b256+8(%rip), %rbx
    adc b256+16(%rip), %rcx
    adc b256+24(%rip), %rdx
    setc %r8b
    SHOW_HEX "sum0", %rax
    SHOW_HEX "sum1", %rbx
    SHOW_HEX "sum2", %rcx
    SHOW_HEX "sum3", %rdx

    /* the same chain with a block boundary after every limb */
    mov a256(%rip), %rax
    mov a256+8(%rip), %rbx
    mov a256+16(%rip), %rcx
    mov a256+24(%rip), %rdx
    add b256(%rip), %rax
    jmp 1f
1:  adc b256+8(%rip), %rbx
    jmp 2f
2:  adc b256+16(%rip), %rcx
    lea 3f(%rip), %r11
    jmp *%r11
3:  adc b256+24(%rip), %rdx
    mov %rax, r256(%rip)
    mov %rbx, r256+8(%rip)
    mov %rcx, r256+16(%rip)
    mov %rdx, r256+24(%rip)
    SHOW_HEX "split_sum2", r256+16(%rip)
    SHOW_HEX "split_sum3", r256+24(%rip)

    /* subtraction back: r - b == a, borrow chain through a loop */
    clc
    xor %ecx, %ecx
    lea r256(%rip), %rsi
    lea b256(%rip), %rdi
    mov $4, %r9
4:  mov (%rsi,%rcx,8), %rax
    sbb (%rdi,%rcx,8), %rax     /* uses the borrow of the previous limb */
    mov %rax, (%rsi,%rcx,8)
    inc %rcx                    /* inc keeps CF */
    dec %r9                     /* dec keeps CF */
    jnz 4b
    setc %al
    movzbl %al, %eax
    SHOW_DEC "final_borrow", %rax
    SHOW_HEX "diff0", r256(%rip)
    SHOW_HEX "diff1", r256+8(%rip)
    SHOW_HEX "diff2", r256+16(%rip)
    SHOW_HEX "diff3", r256+24(%rip)

    /* a borrow out of the top */
    xor %eax, %eax
    xor %edx, %edx
    sub $1, %rax
    sbb $0, %rdx
    setc %cl
    movzbl %cl, %ecx
    SHOW_HEX "borrow_lo", %rax
    SHOW_HEX "borrow_hi", %rdx
    SHOW_DEC "borrow_out", %rcx

    /* clc / stc / cmc with adc */
    xor %eax, %eax
    stc
    adc $0, %rax                /* 1 */
    stc
    cmc
    adc $0, %rax                /* +0 */
    clc
    cmc
    adc $10, %rax               /* +11 */
    SHOW_DEC "carry_ops", %rax

    /* rcl/rcr rotate through the carry */
    mov $0x8000000000000001, %rax
    clc
    rcl $1, %rax                /* CF=1, rax=2 */
    setc %cl
    rcr $1, %rax                /* back */
    setc %dl
    movzbl %cl, %ecx
    movzbl %dl, %edx
    SHOW_HEX "rcl_rcr", %rax
    SHOW_DEC "rcl_cf", %rcx
    SHOW_DEC "rcr_cf", %rdx

    /* a counted adc loop: sum of 1..1000 as a 128-bit number times 2^63 */
    xor %eax, %eax
    xor %edx, %edx
    mov $1000, %ecx
5:  mov %rcx, %rbx
    shl $63, %rbx
    mov %rcx, %rsi
    shr $1, %rsi
    add %rbx, %rax
    adc %rsi, %rdx
    dec %rcx
    jnz 5b
    SHOW_HEX "wide_lo", %rax
    SHOW_HEX "wide_hi", %rdx
    EXIT 0
