# indirect_call_ret: calls through a register, through memory (absolute,
# register-based and rip-relative), through an indexed table; ret, ret $16,
# a tail call through jmp *%r11, a ret to a pushed address, and the
# call-next-instruction trick to read rip.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
    .balign 8
fnptr:      .quad add_one
fn_table:   .quad add_one, add_ten, add_hundred
fnpair:     .quad add_ten, add_hundred

    .text
add_one:     add $1, %rax
    ret
add_ten:     add $10, %rax
    ret
add_hundred: add $100, %rax
    ret

/* sum_args: adds the two words the caller pushed, pops them with ret $16 */
sum_args:
    add 8(%rsp), %rax
    add 16(%rsp), %rax
    ret $16

/* tail_entry: adds 1000, then tail-calls add_ten through %r11 */
tail_entry:
    add $1000, %rax
    lea add_ten(%rip), %r11
    jmp *%r11

    .globl _start
_start:
    mov %rsp, %r15              /* to check the stack is balanced */
    xor %eax, %eax
    mov $100000, %r12
1:  lea add_one(%rip), %rbx
    call *%rbx                  /* register */
    lea add_ten(%rip), %r9
    call *%r9                   /* extended register */
    call *fnptr(%rip)           /* rip-relative memory */
    lea fnpair(%rip), %rsi
    call *(%rsi)                /* register-indirect memory */
    call *8(%rsi)               /* with displacement */
    mov %r12, %rcx
    and $1, %ecx
    inc %rcx
    call *fn_table(,%rcx,8)     /* absolute, indexed */
    dec %r12
    jnz 1b
    SHOW_DEC "calls_sum", %rax

    /* ret $16 */
    xor %eax, %eax
    mov $1000, %r12
2:  push %r12
    pushq $5
    call sum_args
    dec %r12
    jnz 2b
    SHOW_DEC "ret_imm_sum", %rax

    /* tail call */
    xor %eax, %eax
    mov $1000, %r12
3:  call tail_entry
    dec %r12
    jnz 3b
    SHOW_DEC "tail_sum", %rax

    /* ret to an address the code pushed itself */
    xor %eax, %eax
    lea 4f(%rip), %rcx
    push %rcx
    ret
    .byte 0x0f, 0x0b
4:  add $7, %rax
    SHOW_DEC "pushed_ret", %rax

    /* call the next instruction and pop the return address */
    call 5f
5:  pop %rcx
    lea 5b(%rip), %rdx
    cmp %rcx, %rdx
    jne 6f
    PUTS "call_next=ok\n"
    jmp 7f
6:  PUTS "call_next=BAD\n"
7:
    /* a return address changed by the callee */
    xor %eax, %eax
    call skip_over
    add $1, %rax                /* skipped */
skip_target:
    add $2, %rax
    SHOW_DEC "changed_ret", %rax

    cmp %rsp, %r15
    jne 8f
    PUTS "stack=balanced\n"
    EXIT 0
8:  PUTS "stack=UNBALANCED\n"
    EXIT 1

skip_over:
    lea skip_target(%rip), %rcx
    mov %rcx, (%rsp)
    ret
