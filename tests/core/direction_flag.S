# direction_flag: std, then rep movsb/movsq/stosb, lodsb and scasb run
# backwards; DF stays set across block boundaries, an indirect jump and a
# syscall; cld restores forward copies.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
src:    .ascii "0123456789abcdef"
srclen = . - src
    .bss
    .balign 16
dst:    .skip 64

    .text
    .globl _start
_start:
    /* overlapping move to the right, as memmove does it: backwards */
    lea src(%rip), %rsi
    lea dst+8(%rip), %rdi
    mov $srclen, %ecx
    cld
    rep movsb                   /* dst+8 = "0123456789abcdef" */
    lea dst+8+srclen-1(%rip), %rsi
    lea dst+12+srclen-1(%rip), %rdi
    mov $srclen, %ecx
    std
    jmp 1f                      /* DF across a block boundary */
1:  rep movsb                   /* shift right by 4, backwards */
    pushfq
    pop %rax
    shr $10, %rax
    and $1, %eax
    SHOW_DEC "df_after_std", %rax
    lea dst+8(%rip), %rax
    sub %rax, %rdi
    SHOW_DEC "rdi_end_off", %rdi  /* one below the first byte written */
    cld
    lea dst+12(%rip), %rsi
    mov $srclen, %edx
    PUTS "shifted="
    push %rsi
    push %rdi
    push %rax
    mov $SYS_write, %eax
    mov $1, %edi
    syscall
    pop %rax
    pop %rdi
    pop %rsi
    PUTS "\n"

    /* rep movsq backwards */
    lea src+8(%rip), %rsi
    lea dst+40(%rip), %rdi
    mov $2, %ecx
    std
    rep movsq
    cld
    mov dst+32(%rip), %rax
    mov dst+40(%rip), %rdx
    SHOW_HEX "movsq_lo", %rax
    SHOW_HEX "movsq_hi", %rdx

    /* DF set across a syscall and an indirect jmp, then stosb */
    lea dst+63(%rip), %rdi
    std
    mov $SYS_getppid, %eax
    syscall
    lea 2f(%rip), %r11
    jmp *%r11
2:  mov $'#', %al
    mov $5, %ecx
    rep stosb                   /* fills dst+59..dst+63 */
    cld
    lea dst+58(%rip), %rax
    sub %rax, %rdi
    SHOW_DEC "stosb_end_off", %rdi
    movzbl dst+59(%rip), %eax
    SHOW_DEC "stosb_first", %rax

    /* lodsb backwards: reverse a string */
    lea src+srclen-1(%rip), %rsi
    lea dst(%rip), %rdi
    mov $srclen, %ecx
3:  std
    lodsb
    cld
    stosb
    dec %ecx
    jnz 3b
    PUTS "reversed="
    lea dst(%rip), %rsi
    mov $srclen, %edx
    mov $SYS_write, %eax
    mov $1, %edi
    syscall
    PUTS "\n"

    /* scasb backwards: last '7' */
    lea src+srclen-1(%rip), %rdi
    mov $'7', %al
    mov $srclen, %ecx
    std
    repne scasb
    cld
    lea src(%rip), %rax
    sub %rax, %rdi
    inc %rdi
    SHOW_DEC "rindex_7", %rdi

    pushfq
    pop %rax
    shr $10, %rax
    and $1, %eax
    SHOW_DEC "df_at_end", %rax
    EXIT 0
