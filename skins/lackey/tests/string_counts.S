# cflags: -nostdlib -static
/* string_counts: rep string instructions run per iteration under lackey:
   each counts iterations + 1 instructions (as Valgrind's lackey counts
   them) and one access per element.
     rep movsb x100: 100 loads + 100 stores of 1 byte, 101 instructions
     rep stosq x50:  50 stores of 8 bytes, 51 instructions
     rep movsb x0:   no access, 1 instruction
     repe cmpsb:     buffers differ at byte 10: 11 iterations, 2 x 11 loads
     repne scasb:    finds byte 7 at index 7: 8 iterations, 8 loads
     movsq (no rep): one load and one store of 8 bytes */
    .globl _start
_start:
    lea src(%rip), %rsi
    lea dst(%rip), %rdi
    mov $100, %ecx
    rep movsb
    lea dst(%rip), %rdi
    xor %eax, %eax
    mov $50, %ecx
    rep stosq
    xor %ecx, %ecx
    rep movsb
    lea src(%rip), %rsi
    lea cmp2(%rip), %rdi
    mov $64, %ecx
    repe cmpsb
    lea src(%rip), %rdi
    mov $7, %al
    mov $64, %ecx
    repne scasb
    lea src(%rip), %rsi
    lea dst(%rip), %rdi
    movsq
    mov $60, %eax
    xor %edi, %edi
    syscall
    .data
src:  .byte 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
      .fill 112, 1, 0
cmp2: .byte 0,1,2,3,4,5,6,7,8,9,99,11,12,13,14,15
      .fill 112, 1, 0
    .bss
dst:  .space 512
