# regs_preserved: all 16 general-purpose registers, xmm0-15 with the upper
# halves of ymm0-15, MXCSR and the x87 control word keep their values
# across block exits, chained and indirect jumps, calls through memory,
# a thousand loop iterations and syscalls (where only rax, rcx and r11 are
# the kernel's; the test saves and restores those itself).
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
    .balign 32
gpr_init:
    .quad 0x0101010101010101, 0x0202020202020202, 0x0303030303030303
    .quad 0x0404040404040404, 0               /* rsp: filled at start */
    .quad 0x0606060606060606, 0x0707070707070707, 0x0808080808080808
    .quad 0x0909090909090909, 0x1010101010101010, 0x1111111111111111
    .quad 0x1212121212121212, 0x1313131313131313, 0x1414141414141414
    .quad 0x1515151515151515, 0x1616161616161616
ymm_init:
    .set i, 0
    .rept 16
    .quad 0xa0a0a0a000000000 + i, 0xb0b0b0b000000000 + i
    .quad 0xc0c0c0c000000000 + i, 0xd0d0d0d000000000 + i
    .set i, i + 1
    .endr
jump_target: .quad after_indirect
call_target: .quad empty_function
counter:     .quad 0
save_rax:    .quad 0
save_rcx:    .quad 0
save_r11:    .quad 0
mxcsr_init:  .long 0x3f80 | 0x4000          /* round down, all masked */
fcw_init:    .word 0x0c7f                   /* round toward zero */

    .bss
    .balign 32
gpr_out:    .skip 16 * 8
ymm_out:    .skip 16 * 32
mxcsr_out:  .skip 4
fcw_out:    .skip 2

    .text
empty_function:
    ret

/* SAVE_SYSCALL nr: a syscall that leaves every register as it was */
.macro PRESERVING_SYSCALL nr
    mov %rax, save_rax(%rip)
    mov %rcx, save_rcx(%rip)
    mov %r11, save_r11(%rip)
    mov $\nr, %eax
    syscall
    mov save_rax(%rip), %rax
    mov save_rcx(%rip), %rcx
    mov save_r11(%rip), %r11
.endm

    .globl _start
_start:
    mov %rsp, gpr_init+32(%rip)
    ldmxcsr mxcsr_init(%rip)
    fldcw fcw_init(%rip)
    .set r, 0
    .irp reg, ymm0, ymm1, ymm2, ymm3, ymm4, ymm5, ymm6, ymm7, \
              ymm8, ymm9, ymm10, ymm11, ymm12, ymm13, ymm14, ymm15
    vmovdqu ymm_init + r(%rip), %\reg
    .set r, r + 32
    .endr
    mov gpr_init+0(%rip), %rax
    mov gpr_init+8(%rip), %rcx
    mov gpr_init+16(%rip), %rdx
    mov gpr_init+24(%rip), %rbx
    mov gpr_init+40(%rip), %rbp
    mov gpr_init+48(%rip), %rsi
    mov gpr_init+56(%rip), %rdi
    mov gpr_init+64(%rip), %r8
    mov gpr_init+72(%rip), %r9
    mov gpr_init+80(%rip), %r10
    mov gpr_init+88(%rip), %r11
    mov gpr_init+96(%rip), %r12
    mov gpr_init+104(%rip), %r13
    mov gpr_init+112(%rip), %r14
    mov gpr_init+120(%rip), %r15

    movq $1000, counter(%rip)
.Lround:
    jmp 1f                          /* a direct block exit */
1:  PRESERVING_SYSCALL SYS_getppid
    jmp *jump_target(%rip)          /* an indirect one */
after_indirect:
    call *call_target(%rip)         /* call and ret */
    PRESERVING_SYSCALL SYS_getpid
    decq counter(%rip)
    jnz .Lround

    mov %rax, gpr_out+0(%rip)
    mov %rcx, gpr_out+8(%rip)
    mov %rdx, gpr_out+16(%rip)
    mov %rbx, gpr_out+24(%rip)
    mov %rsp, gpr_out+32(%rip)
    mov %rbp, gpr_out+40(%rip)
    mov %rsi, gpr_out+48(%rip)
    mov %rdi, gpr_out+56(%rip)
    mov %r8, gpr_out+64(%rip)
    mov %r9, gpr_out+72(%rip)
    mov %r10, gpr_out+80(%rip)
    mov %r11, gpr_out+88(%rip)
    mov %r12, gpr_out+96(%rip)
    mov %r13, gpr_out+104(%rip)
    mov %r14, gpr_out+112(%rip)
    mov %r15, gpr_out+120(%rip)
    .set r, 0
    .irp reg, ymm0, ymm1, ymm2, ymm3, ymm4, ymm5, ymm6, ymm7, \
              ymm8, ymm9, ymm10, ymm11, ymm12, ymm13, ymm14, ymm15
    vmovdqu %\reg, ymm_out + r(%rip)
    .set r, r + 32
    .endr
    stmxcsr mxcsr_out(%rip)
    fnstcw fcw_out(%rip)
    vzeroupper

    /* compare: count differing quadwords, and a checksum of what was read */
    xor %r12, %r12                  /* gpr mismatches */
    xor %r13, %r13                  /* checksum */
    xor %ecx, %ecx
2:  lea gpr_init(%rip), %rsi
    mov (%rsi,%rcx,8), %rax
    lea gpr_out(%rip), %rsi
    mov (%rsi,%rcx,8), %rdx
    cmp $4, %ecx                    /* rsp varies from run to run */
    je 3f
    add %rdx, %r13
    rol $7, %r13
3:  cmp %rax, %rdx
    je 4f
    inc %r12
4:  inc %ecx
    cmp $16, %ecx
    jb 2b
    xor %r14, %r14                  /* ymm mismatches */
    xor %ecx, %ecx
5:  lea ymm_init(%rip), %rsi
    mov (%rsi,%rcx,8), %rax
    lea ymm_out(%rip), %rsi
    mov (%rsi,%rcx,8), %rdx
    add %rdx, %r13
    rol $7, %r13
    cmp %rax, %rdx
    je 6f
    inc %r14
6:  inc %ecx
    cmp $64, %ecx
    jb 5b
    SHOW_DEC "gpr_mismatches", %r12
    SHOW_DEC "ymm_qword_mismatches", %r14
    SHOW_HEX "checksum", %r13
    mov mxcsr_out(%rip), %eax
    SHOW_HEX "mxcsr", %rax
    movzwl fcw_out(%rip), %eax
    SHOW_HEX "x87_control", %rax
    EXIT 0
