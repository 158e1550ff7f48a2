# chain_jmp_chain: a chain of 512 blocks each ending in an unconditional
# jmp to the next (both rel8 and rel32 forms), run 2000 times.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .globl _start
_start:
    xor %eax, %eax
    mov $2000, %r15
.Lround:
    .rept 256
    inc %rax
    jmp 1f                      /* rel8 */
    .byte 0x0f, 0x0b            /* ud2: never executed */
1:  add $2, %rax
    .byte 0xe9                  /* jmp rel32 to the next instruction + 2 */
    .long 2
    .byte 0x0f, 0x0b
    .endr
    dec %r15
    jnz .Lround
    SHOW_DEC "total", %rax

    /* a chain that jumps backwards and forwards through far-apart code */
    xor %eax, %eax
    jmp .Lhop1
.Lhop2:
    add $20, %rax
    jmp .Lhop3
.Lhop1:
    add $1, %rax
    jmp .Lhop2
    .skip 70000, 0x90
.Lhop3:
    add $300, %rax
    jmp .Lhop4
    .skip 70000, 0x90
.Lhop4:
    add $4000, %rax
    jmp .Lhop5
    .skip 70000, 0x90
.Lhop5:
    SHOW_DEC "hops", %rax
    EXIT 0
