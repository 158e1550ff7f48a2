# string_insns: rep movsb/movsq/stosb/stosq, repe cmpsb, repne scasb (a
# strlen), lodsb, rep with a zero count, and the registers each leaves
# behind (rsi, rdi, rcx).
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
text:   .asciz "The quick brown fox jumps over the lazy dog"
textlen = . - text - 1
other:  .asciz "The quick brown fox jumps over the lazy cat"

    .bss
    .balign 16
buf:    .skip 4096
buf2:   .skip 4096

    .text
/* sum_bytes: %rax = sum of %rcx bytes at %rsi (no string insns) */
sum_bytes:
    xor %eax, %eax
    xor %edx, %edx
1:  test %rcx, %rcx
    jz 2f
    movzbl (%rsi), %edx
    add %rdx, %rax
    inc %rsi
    dec %rcx
    jmp 1b
2:  ret

    .globl _start
_start:
    cld
    /* rep movsb */
    lea text(%rip), %rsi
    lea buf(%rip), %rdi
    mov $(textlen + 1), %ecx
    rep movsb
    lea text+textlen+1(%rip), %rax
    sub %rax, %rsi
    lea buf+textlen+1(%rip), %rax
    sub %rax, %rdi
    SHOW_DEC "movsb_rcx", %rcx
    SHOW_DEC "movsb_rsi_off", %rsi
    SHOW_DEC "movsb_rdi_off", %rdi
    PUTS "movsb_copy="
    lea buf(%rip), %rsi
    call vgt_print_cstr
    PUTS "\n"

    /* rep stosq then rep movsq */
    lea buf(%rip), %rdi
    mov $0x0101010101010101, %rax
    mov $512, %ecx
    rep stosq
    lea buf(%rip), %rsi
    mov $4096, %ecx
    call sum_bytes
    SHOW_DEC "stosq_sum", %rax
    lea buf(%rip), %rsi
    lea buf2(%rip), %rdi
    mov $300, %ecx
    rep movsq
    lea buf2(%rip), %rsi
    mov $4096, %ecx
    call sum_bytes
    SHOW_DEC "movsq_sum", %rax

    /* rep stosb, unaligned start and length */
    lea buf+3(%rip), %rdi
    mov $0x7f, %al
    mov $1001, %ecx
    rep stosb
    lea buf(%rip), %rsi
    mov $4096, %ecx
    call sum_bytes
    SHOW_DEC "stosb_sum", %rax

    /* rep with rcx = 0 does nothing */
    lea buf(%rip), %rdi
    mov %rdi, %rdx
    mov $0x55, %al
    xor %ecx, %ecx
    rep stosb
    sub %rdx, %rdi
    movzbl buf(%rip), %eax
    SHOW_DEC "rep0_rdi_moved", %rdi
    SHOW_DEC "rep0_byte", %rax

    /* repe cmpsb: first difference */
    lea text(%rip), %rsi
    lea other(%rip), %rdi
    mov $(textlen + 1), %ecx
    repe cmpsb
    setne %al
    movzbl %al, %eax
    mov $(textlen + 1), %edx
    sub %rcx, %rdx              /* bytes compared */
    SHOW_DEC "cmpsb_differs", %rax
    SHOW_DEC "cmpsb_compared", %rdx
    /* equal strings run to the end */
    lea text(%rip), %rsi
    lea text(%rip), %rdi
    mov $(textlen + 1), %ecx
    repe cmpsb
    sete %al
    movzbl %al, %eax
    SHOW_DEC "cmpsb_equal", %rax
    SHOW_DEC "cmpsb_equal_rcx", %rcx

    /* repne scasb: strlen */
    lea text(%rip), %rdi
    xor %eax, %eax
    mov $-1, %rcx
    repne scasb
    not %rcx
    dec %rcx
    SHOW_DEC "strlen", %rcx
    /* repne scasb: find 'x' */
    lea text(%rip), %rdi
    mov $'x', %al
    mov $(textlen), %ecx
    repne scasb
    lea text(%rip), %rax
    sub %rax, %rdi
    dec %rdi
    SHOW_DEC "index_of_x", %rdi
    /* repe scasb over a run of equal bytes */
    lea buf+3(%rip), %rdi
    mov $0x7f, %al
    mov $4000, %ecx
    repe scasb
    mov $4000, %eax
    sub %rcx, %rax
    SHOW_DEC "run_of_7f", %rax

    /* lodsb loop: sum of the text's bytes */
    lea text(%rip), %rsi
    xor %edx, %edx
    mov $textlen, %ecx
1:  lodsb
    movzbl %al, %eax
    add %rax, %rdx
    dec %ecx
    jnz 1b
    SHOW_DEC "lodsb_sum", %rdx

    /* a long rep movsb (one instruction, many iterations) */
    lea buf(%rip), %rsi
    lea buf2(%rip), %rdi
    mov $4096, %ecx
    rep movsb
    lea buf2(%rip), %rsi
    mov $4096, %ecx
    call sum_bytes
    SHOW_DEC "long_movsb_sum", %rax
    EXIT 0
