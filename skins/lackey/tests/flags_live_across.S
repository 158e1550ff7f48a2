# cflags: -nostdlib -static -Itests/core
/* flags_live_across: the flags set before an instrumented instruction are
   read after it (cmp; load; jcc / setcc / adc), with registers the
   instrumentation needs live around it.  Prints the outcomes; under lackey
   (which instruments every load and store) they must equal native. */
#include "vgtest_asm.h"
    .globl _start
_start:
    lea data(%rip), %rbx
    xor %r12, %r12                 /* checksum */
    mov $64, %r13d
1:  mov %r13, %rax
    cmp $32, %rax                  /* flags: below 32? */
    mov (%rbx,%r13,8), %rcx        /* instrumented load */
    mov %rcx, 8(%rbx,%r13,8)       /* instrumented store */
    jb 2f
    add %rcx, %r12
2:  cmp %r13, %rcx                 /* flags again */
    mov (%rbx), %rdx               /* load between the cmp and the setcc */
    setb %dl
    movzx %dl, %edx
    add %rdx, %r12
    stc
    mov 8(%rbx), %rsi              /* load between stc and adc */
    adc $0, %r12
    dec %r13
    jnz 1b
    SHOW_DEC "checksum", %r12
    mov $60, %eax
    xor %edi, %edi
    syscall
    .data
data:
    .rept 80
    .quad 17
    .endr
