# loop_insns: loop, loope, loopne, jrcxz and jecxz with known counts:
# loope stopping when ZF clears, loopne stopping on a match or running
# out, jecxz and addr32 loop seeing only the low 32 bits of rcx.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
arr:    .byte 0, 0, 0, 0, 5, 0, 0, 9, 0, 0
arrlen = . - arr

    .text
    .globl _start
_start:
    /* loop: 100000 iterations */
    xor %eax, %eax
    mov $100000, %ecx
1:  add $3, %rax
    loop 1b
    SHOW_DEC "loop_sum", %rax
    SHOW_DEC "loop_rcx", %rcx

    /* loop with rcx = 1 runs the body once */
    xor %eax, %eax
    mov $1, %ecx
2:  inc %rax
    loop 2b
    SHOW_DEC "loop_once", %rax

    /* loope: scan while the bytes are zero */
    lea arr(%rip), %rsi
    mov $arrlen, %ecx
    xor %edx, %edx
3:  inc %rdx
    cmpb $0, (%rsi)
    lea 1(%rsi), %rsi
    loope 3b
    SHOW_DEC "loope_steps", %rdx
    SHOW_DEC "loope_rcx", %rcx

    /* loopne: scan until a byte equals 9 */
    lea arr(%rip), %rsi
    mov $arrlen, %ecx
    xor %edx, %edx
4:  inc %rdx
    cmpb $9, (%rsi)
    lea 1(%rsi), %rsi
    loopne 4b
    SHOW_DEC "loopne_steps", %rdx
    SHOW_DEC "loopne_rcx", %rcx

    /* loopne running out of count */
    lea arr(%rip), %rsi
    mov $4, %ecx
    xor %edx, %edx
5:  inc %rdx
    cmpb $9, (%rsi)
    lea 1(%rsi), %rsi
    loopne 5b
    SHOW_DEC "loopne_exhausted", %rdx

    /* jrcxz as a loop guard: counts 0..rcx */
    xor %eax, %eax
    mov $77, %ecx
6:  jrcxz 7f
    inc %rax
    dec %rcx
    jmp 6b
7:  SHOW_DEC "jrcxz_count", %rax

    /* jrcxz looks at all 64 bits, jecxz at the low 32 */
    mov $0x100000000, %rcx
    xor %eax, %eax
    jrcxz 8f
    or $1, %eax
8:  jecxz 9f
    or $2, %eax
9:  SHOW_DEC "jrcxz_jecxz", %rax

    /* loop through a 32-bit counter (addr32 prefix uses ecx) */
    mov $0x100000003, %rcx
    xor %eax, %eax
10: inc %rax
    addr32 loop 10b
    SHOW_DEC "loop_ecx_iters", %rax
    SHOW_HEX "loop_ecx_rcx", %rcx

    /* nested loops both using loop (push/pop the outer count) */
    xor %eax, %eax
    mov $300, %ecx
11: push %rcx
    mov $200, %ecx
12: inc %rax
    loop 12b
    pop %rcx
    loop 11b
    SHOW_DEC "nested_loop", %rax
    EXIT 0
