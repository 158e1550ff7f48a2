# segment_fs_gs: after arch_prctl(ARCH_SET_FS/ARCH_SET_GS), loads, stores,
# compares, read-modify-writes, push/pop and indirect calls through fs: and
# gs: operands with an absolute disp32, a moffs64, a base register, and
# base+index*8+disp; lea ignores the segment; ARCH_GET_FS/GS give back
# what was set.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .bss
    .balign 64
fsbuf:  .skip 512
gsbuf:  .skip 512
got:    .skip 8

    .text
seven:
    mov $7, %eax
    ret

/* exercise SEG (fs or gs) whose base is BUF; prints with PREFIX */
.macro SEGMENT_OPS seg, buf, prefix
    lea \buf(%rip), %r14
    mov %r14, (%r14)                    /* self pointer at offset 0 */
    mov %\seg:0, %rax
    cmp %rax, %r14
    jne 91f
    PUTS "\prefix\().self_pointer=ok\n"
    jmp 92f
91: PUTS "\prefix\().self_pointer=BAD\n"
92:
    movq $0x1111, %\seg:8               /* store imm32, absolute disp32 */
    SHOW_HEX "\prefix\().store_disp32", 8(%r14)
    mov %\seg:8, %rax
    SHOW_HEX "\prefix\().load_disp32", %rax
    movabs $0x2222333344445555, %rax
    movabs %rax, %\seg:16               /* moffs64 store */
    movabs %\seg:16, %rax               /* moffs64 load */
    SHOW_HEX "\prefix\().moffs64", %rax
    mov $24, %ebx
    movl $0x66667777, %\seg:(%rbx)      /* base register */
    mov %\seg:(%rbx), %ecx
    SHOW_HEX "\prefix\().base_reg", %rcx
    mov $4, %ecx
    movq $-3, %\seg:0x20(%rbx,%rcx,8)   /* base + index*8 + disp */
    mov 0x58(%r14), %rax
    neg %rax
    SHOW_DEC "\prefix\().sib_store_neg", %rax
    mov %\seg:0x20(%rbx,%rcx,8), %rdx
    neg %rdx
    SHOW_DEC "\prefix\().sib_load_neg", %rdx
    addl $1, %\seg:(%rbx)               /* read-modify-write */
    SHOW_HEX "\prefix\().add_mem", 24(%r14)
    lock incq %\seg:8
    SHOW_HEX "\prefix\().lock_inc", 8(%r14)
    mov $5, %eax
    xchg %rax, %\seg:8
    SHOW_HEX "\prefix\().xchg_old", %rax

    /* compares with immediates after the displacement */
    movq $5, %\seg:0x40
    xor %eax, %eax
    cmpq $5, %\seg:0x40
    sete %al
    xor %edx, %edx
    cmpl $0x66667778, %\seg:(%rbx)
    sete %dl
    xor %esi, %esi
    cmpb $0x78, %\seg:0(%rbx,%rcx,1)    /* byte at 28: 0x66 -> above */
    setb %sil
    shl $1, %rdx
    shl $2, %rsi
    or %rdx, %rax
    or %rsi, %rax
    SHOW_DEC "\prefix\().cmp_bits", %rax

    /* lea does not add the segment base */
    .ifc \seg, fs
    .byte 0x64                          /* lea %fs:0x10(%rbx), %rax */
    .else
    .byte 0x65                          /* lea %gs:0x10(%rbx), %rax */
    .endif
    lea 0x10(%rbx), %rax
    SHOW_DEC "\prefix\().lea", %rax

    /* push/pop and an indirect call through segment memory */
    pushq %\seg:16
    popq %\seg:0x48
    SHOW_HEX "\prefix\().push_pop", 0x48(%r14)
    lea seven(%rip), %rax
    mov %rax, %\seg:0x50
    xor %eax, %eax
    call *%\seg:0x50
    SHOW_DEC "\prefix\().call_mem", %rax

    /* SSE load through the segment */
    movdqu %\seg:16, %xmm0
    movq %xmm0, %rax
    SHOW_HEX "\prefix\().movdqu", %rax
.endm

    .globl _start
_start:
    mov $SYS_arch_prctl, %eax
    mov $ARCH_SET_FS, %edi
    lea fsbuf(%rip), %rsi
    syscall
    SHOW_DEC "set_fs", %rax
    mov $SYS_arch_prctl, %eax
    mov $ARCH_SET_GS, %edi
    lea gsbuf(%rip), %rsi
    syscall
    SHOW_DEC "set_gs", %rax

    mov $SYS_arch_prctl, %eax
    mov $ARCH_GET_FS, %edi
    lea got(%rip), %rsi
    syscall
    lea fsbuf(%rip), %rcx
    cmp got(%rip), %rcx
    jne 1f
    PUTS "get_fs=ok\n"
    jmp 2f
1:  PUTS "get_fs=BAD\n"
2:  mov $SYS_arch_prctl, %eax
    mov $ARCH_GET_GS, %edi
    lea got(%rip), %rsi
    syscall
    lea gsbuf(%rip), %rcx
    cmp got(%rip), %rcx
    jne 1f
    PUTS "get_gs=ok\n"
    jmp 2f
1:  PUTS "get_gs=BAD\n"
2:
    SEGMENT_OPS fs, fsbuf, fs
    SEGMENT_OPS gs, gsbuf, gs

    /* the two bases stay apart */
    movq $1, %fs:0x100
    movq $2, %gs:0x100
    mov %fs:0x100, %rax
    mov %gs:0x100, %rcx
    shl $4, %rcx
    or %rcx, %rax
    SHOW_HEX "fs_gs_apart", %rax

    /* a new base takes effect immediately */
    mov $SYS_arch_prctl, %eax
    mov $ARCH_SET_FS, %edi
    lea gsbuf(%rip), %rsi
    syscall
    mov %fs:0x100, %rax
    SHOW_DEC "fs_rebased", %rax
    EXIT 0
