# flags_syscall_pushf: pushf/popf round trips of every arithmetic flag, DF
# and ID; the flags set before a syscall are the flags after it (the kernel
# clobbers only rcx and r11), for a successful and a failing syscall.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

#define ARITH_FLAGS 0x8d5               /* OF SF ZF AF PF CF */
#define DF_FLAG 0x400
#define ID_FLAG 0x200000

    .data
patterns:
    .quad 0, 0x001, 0x004, 0x010, 0x040, 0x080, 0x800, 0x8d5, 0x845, 0x0c4
    .quad 0x401, 0xcd5
npatterns = (. - patterns) / 8

    .text
/* popf_pushf: sets the flags to %rdi (within ARITH_FLAGS|DF), reads
   them back into %rax masked */
popf_pushf:
    pushfq
    andq $~(ARITH_FLAGS | DF_FLAG), (%rsp)
    or %rdi, (%rsp)
    popfq
    pushfq
    pop %rax
    cld
    and $(ARITH_FLAGS | DF_FLAG), %rax
    ret

/* flags_over_syscall: sets the flags to %rdi, runs syscall %rsi, returns
   the flags after it in %rax (masked) */
flags_over_syscall:
    push %rdi
    push %rsi
    mov %rsi, %rax
    pushfq
    andq $~(ARITH_FLAGS | DF_FLAG), (%rsp)
    or %rdi, (%rsp)
    popfq
    syscall
    pushfq
    pop %rax
    cld
    and $(ARITH_FLAGS | DF_FLAG), %rax
    pop %rsi
    pop %rdi
    ret

    .globl _start
_start:
    xor %r12, %r12              /* mismatches */
    xor %r13, %r13
1:  lea patterns(%rip), %rax
    mov (%rax,%r13,8), %rdi
    call popf_pushf
    cmp %rax, %rdi
    je 2f
    inc %r12
    SHOW_HEX "popf_pushf_mismatch", %rdi
2:  mov $SYS_getppid, %esi
    call flags_over_syscall
    cmp %rax, %rdi
    je 3f
    inc %r12
    SHOW_HEX "syscall_mismatch", %rdi
3:  mov $1000, %esi             /* not a system call: -ENOSYS */
    call flags_over_syscall
    cmp %rax, %rdi
    je 4f
    inc %r12
    SHOW_HEX "enosys_mismatch", %rdi
4:  inc %r13
    cmp $npatterns, %r13
    jb 1b
    SHOW_DEC "patterns", %r13
    SHOW_DEC "mismatches", %r12

    /* flags from an arithmetic instruction survive a syscall */
    mov $0x7fffffffffffffff, %rcx
    add $1, %rcx                /* OF=1 SF=1 ZF=0 CF=0 */
    mov $SYS_getppid, %eax
    syscall
    pushfq
    pop %rax
    and $ARITH_FLAGS, %rax
    SHOW_HEX "add_then_syscall", %rax

    /* the ID flag can be toggled (how programs detect cpuid) */
    pushfq
    pop %rax
    mov %rax, %rcx
    xor $ID_FLAG, %rax
    push %rax
    popfq
    pushfq
    pop %rax
    xor %rcx, %rax
    and $ID_FLAG, %rax
    shr $21, %rax
    SHOW_DEC "id_toggles", %rax
    push %rcx
    popfq

    /* lahf/sahf */
    mov $0xd5, %ah
    sahf
    mov $0, %ah
    lahf
    movzbl %ah, %eax
    and $0xd5, %eax
    SHOW_HEX "sahf_lahf", %rax
    EXIT 0
