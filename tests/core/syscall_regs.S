# syscall_regs: after a syscall, rcx holds the address of the next
# instruction and r11 the flags at the syscall (what the syscall
# instruction itself puts there); other registers are untouched; unknown
# system call numbers return -ENOSYS; the program ends with exit_group(42).
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .text
    .globl _start
_start:
    /* rcx = rip after the syscall */
    mov $SYS_getppid, %eax
    syscall
1:  lea 1b(%rip), %rdx
    cmp %rcx, %rdx
    sete %al
    movzbl %al, %eax
    SHOW_DEC "rcx_is_return_rip", %rax

    /* again from a different place, with a different flags pattern */
    stc
    mov $SYS_getppid, %eax
    syscall
2:  lea 2b(%rip), %rdx
    cmp %rcx, %rdx
    sete %al
    movzbl %al, %eax
    SHOW_DEC "rcx_is_return_rip_2", %rax

    /* r11 = rflags at the syscall, for a few flag patterns */
    .irp pattern, 0x202, 0x203, 0x2c6, 0xa93, 0x8d7
    pushq $\pattern
    popfq
    pushfq
    pop %rbx                    /* the flags as they were */
    mov $SYS_getppid, %eax
    syscall
    cmp %r11, %rbx
    sete %al
    movzbl %al, %eax
    SHOW_DEC "r11_is_rflags_\pattern", %rax
    .endr
    pushq $0x202
    popfq

    /* registers other than rax, rcx, r11 survive (spot check) */
    mov $0x1234, %edx
    mov $0x5678, %esi
    mov $0x9abc, %edi
    mov $0xdef0, %r8
    mov $0x4321, %r9
    mov $0x8765, %r10
    mov $SYS_getppid, %eax
    syscall
    add %rsi, %rdx
    add %rdi, %rdx
    add %r8, %rdx
    add %r9, %rdx
    add %r10, %rdx
    SHOW_HEX "others_sum", %rdx

    /* unknown system calls */
    mov $1000, %eax
    syscall
    neg %rax
    SHOW_DEC "nr_1000_neg", %rax
    mov $-1, %rax
    syscall
    neg %rax
    SHOW_DEC "nr_minus1_neg", %rax
    mov $100000, %eax
    syscall
    neg %rax
    SHOW_DEC "nr_100000_neg", %rax

    /* write returns the count; a bad fd gives -EBADF */
    mov $SYS_write, %eax
    mov $-1, %edi
    lea 1b(%rip), %rsi
    mov $1, %edx
    syscall
    neg %rax
    SHOW_DEC "write_badfd_neg", %rax

    EXIT 42
