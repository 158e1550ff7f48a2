# red_zone: a leaf function keeps 128 bytes of data below %rsp (the
# x86-64 red zone) while it crosses block boundaries, an indirect jump, a
# counted loop, a syscall and a cpuid, then reads the data back.  Code the
# JIT inserts must never push on the guest stack.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .text
/* leaf(seed in %rdi) -> %rax = checksum of the red zone after the trip */
leaf:
    mov %rdi, %rax
    mov $-8, %rcx
1:  imul $0x5bd1e995, %rax, %rax    /* fill -8(%rsp) .. -128(%rsp) */
    add $1, %rax
    mov %rax, (%rsp,%rcx)
    sub $8, %rcx
    cmp $-128, %rcx
    jge 1b
    jmp 2f                          /* block exit */
2:  lea 3f(%rip), %rdx
    jmp *%rdx                       /* indirect jump */
3:  mov $1000, %ecx
4:  add %rcx, %rdx                  /* a loop of small blocks */
    dec %ecx
    jnz 4b
    mov %rdi, %r8
    mov $SYS_getppid, %eax          /* a syscall */
    syscall
    mov %r8, %rdi
    mov %rbx, %r10                  /* cpuid clobbers rbx */
    xor %eax, %eax
    cpuid                           /* emulated by the tool */
    mov %r10, %rbx
    xor %eax, %eax                  /* read back all 16 slots */
    mov $-8, %rcx
5:  add (%rsp,%rcx), %rax
    rol $5, %rax
    sub $8, %rcx
    cmp $-128, %rcx
    jge 5b
    ret

    .globl _start
_start:
    xor %r12, %r12
    xor %r13, %r13
6:  lea 1(%r13), %rdi
    call leaf
    add %rax, %r12
    inc %r13
    cmp $100, %r13
    jb 6b
    SHOW_HEX "checksum", %r12
    EXIT 0
