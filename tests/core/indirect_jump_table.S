# indirect_jump_table: switch-style dispatch through jump tables, in each
# form compilers emit: jmp through an absolute table with an index, through
# a register base, through a register holding the target, and a table of
# signed 32-bit offsets added to its own address (the PIE form).
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .section .rodata
    .balign 8
abs_table:
    .quad case0, case1, case2, case3, case4
back_table:
    .quad bcase0, bcase1, bcase2, bcase3
rel_table:
    .long rcase0 - rel_table, rcase1 - rel_table, rcase2 - rel_table
    .long rcase3 - rel_table, rcase4 - rel_table

    .text
    .globl _start
_start:
    /* 1: jmp *abs_table(,%rax,8) */
    xor %r12, %r12              /* accumulator */
    xor %r13, %r13              /* i */
1:  mov %r13, %rax
    xor %edx, %edx
    mov $5, %ecx
    div %rcx                    /* %rdx = i % 5 */
    mov %rdx, %rax
    jmp *abs_table(,%rax,8)
case0: add $1, %r12
    jmp 2f
case1: add $10, %r12
    jmp 2f
case2: add $100, %r12
    jmp 2f
case3: add $1000, %r12
    jmp 2f
case4: add $10000, %r12
2:  inc %r13
    cmp $1003, %r13
    jb 1b
    SHOW_DEC "abs_index", %r12

    /* 2: base in a register: jmp *(%rbx,%rax,8); 3: target in %r11 */
    xor %r12, %r12
    xor %r13, %r13
    lea back_table(%rip), %rbx
3:  mov %r13, %rax
    and $3, %eax
    mov (%rbx,%rax,8), %r11
    lea 4f(%rip), %r14          /* "return" address for the cases */
    test $1, %r13
    jz 5f
    jmp *(%rbx,%rax,8)
5:  jmp *%r11
4:  inc %r13
    cmp $999, %r13
    jb 3b
    SHOW_DEC "reg_base_and_reg", %r12

    /* 4: relative table: movslq (%rdx,%rax,4),%rax; add %rdx,%rax; jmp *%rax */
    xor %r12, %r12
    xor %r13, %r13
6:  imul $3, %r13, %rax
    xor %edx, %edx
    mov $5, %ecx
    div %rcx
    mov %rdx, %rax              /* case (3 * i) % 5 */
    lea rel_table(%rip), %rdx
    movslq (%rdx,%rax,4), %rax
    add %rdx, %rax
    jmp *%rax
rcase0: add $3, %r12
    jmp 7f
rcase1: add $5, %r12
    jmp 7f
rcase2: add $7, %r12
    jmp 7f
rcase3: add $11, %r12
    jmp 7f
rcase4: add $13, %r12
7:  inc %r13
    cmp $500, %r13
    jb 6b
    SHOW_DEC "relative", %r12
    EXIT 0

/* cases for parts 2 and 3: add and jump back through %r14 */
bcase0: add $2, %r12
    jmp *%r14
bcase1: add $20, %r12
    jmp *%r14
bcase2: add $200, %r12
    jmp *%r14
bcase3: add $2000, %r12
    jmp *%r14
