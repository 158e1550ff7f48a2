# flags_across_blocks: flags set in one block and read in another: a cmp,
# then an unconditional jmp, then the jcc in the target block, for all 16
# conditions; flags read after a taken jcc, after an indirect jmp, after
# call and ret.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

/* COND_AFTER_JMP cc, bit: cmp %rsi,%rdi; jmp; j<cc> in the next block */
.macro COND_AFTER_JMP cc, bit
    cmp %rsi, %rdi
    jmp 91f
    .byte 0x0f, 0x0b
91: j\cc 92f
    jmp 93f
92: or $\bit, %rax
93:
.endm

/* all_conds: %rax = bit mask of the conditions that hold for %rdi cmp %rsi */
all_conds:
    xor %eax, %eax
    COND_AFTER_JMP o,  0x0001
    COND_AFTER_JMP no, 0x0002
    COND_AFTER_JMP b,  0x0004
    COND_AFTER_JMP ae, 0x0008
    COND_AFTER_JMP e,  0x0010
    COND_AFTER_JMP ne, 0x0020
    COND_AFTER_JMP be, 0x0040
    COND_AFTER_JMP a,  0x0080
    COND_AFTER_JMP s,  0x0100
    COND_AFTER_JMP ns, 0x0200
    COND_AFTER_JMP p,  0x0400
    COND_AFTER_JMP np, 0x0800
    COND_AFTER_JMP l,  0x1000
    COND_AFTER_JMP ge, 0x2000
    COND_AFTER_JMP le, 0x4000
    COND_AFTER_JMP g,  0x8000
    ret

.macro PAIR a, b
    mov \a, %rdi
    mov \b, %rsi
    call all_conds
    SHOW_HEX "conds(\a,\b)", %rax
.endm

set_carry_if_below:
    /* reads the caller's flags after the call */
    setb %al
    ret

    .globl _start
_start:
    PAIR $1, $2
    PAIR $2, $1
    PAIR $5, $5
    PAIR $-1, $1
    PAIR $1, $-1
    mov $0x8000000000000000, %r8
    PAIR %r8, $1
    PAIR $0, %r8
    PAIR $3, $0

    /* flags live across a taken conditional branch into another block,
       consumed by adc there */
    xor %eax, %eax
    mov $-1, %rcx
    add $1, %rcx                /* CF=1, ZF=1 */
    jz 1f
    .byte 0x0f, 0x0b
1:  adc $0, %rax                /* adds the carry */
    SHOW_DEC "adc_after_jz", %rax

    /* flags across an indirect jmp */
    lea 2f(%rip), %r11
    mov $7, %ecx
    cmp $9, %rcx                /* 7 < 9: CF=1 SF=1 */
    jmp *%r11
    .byte 0x0f, 0x0b
2:  setb %al
    sets %dl
    shl $1, %dl
    or %dl, %al
    movzbl %al, %eax
    SHOW_DEC "after_indirect_jmp", %rax

    /* flags across call and ret */
    xor %eax, %eax
    mov $2, %ecx
    cmp $3, %rcx
    call set_carry_if_below
    movzbl %al, %eax
    jc 3f                       /* CF still set after ret? */
    SHOW_DEC "after_call", %rax
    PUTS "carry_after_ret=0\n"
    jmp 4f
3:  SHOW_DEC "after_call", %rax
    PUTS "carry_after_ret=1\n"
4:
    /* a flag set long ago (many blocks) still read correctly */
    mov $5, %ecx
    cmp $5, %rcx                /* ZF=1 */
    mov $50, %edx               /* mov/lea/jmp do not touch flags */
5:  lea -1(%rdx), %rdx
    jrcxz 6f                    /* never: rcx=5 */
    test %rdx, %rdx             /* clobbers ZF... */
    jnz 5b
    cmp $5, %rcx                /* ...so set it again */
    jmp 7f
6:  .byte 0x0f, 0x0b
7:  lea 8f(%rip), %r11
    jmp *%r11
8:  jmp 9f
9:  sete %al
    movzbl %al, %eax
    SHOW_DEC "zf_after_chain", %rax
    EXIT 0
