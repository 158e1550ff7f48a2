# riprel_operands: rip-relative memory operands of every shape the JIT must
# relocate: loads and stores, immediates after the displacement (imm8,
# imm16, imm32), lea into 32- and 64-bit registers, push/pop memory, locked
# read-modify-write, and SSE/AVX loads including ones with an imm8 after
# the displacement.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
    .balign 16
vec:    .quad 0x0706050403020100, 0x0f0e0d0c0b0a0908
        .quad 0x1716151413121110, 0x1f1e1d1c1b1a1918
v64:    .quad 0x1122334455667788
v64b:   .quad 1
v64c:   .quad 3
v64d:   .quad 0
v64e:   .quad 0
v32:    .long 1000
v32b:   .long 0
v16:    .word 500
v16b:   .word 0
v8:     .byte 7
v8b:    .byte 0
        .balign 8
dbl:    .double 2.5

    .text
    .globl _start
_start:
    /* plain loads into various registers */
    mov v64(%rip), %rax
    SHOW_HEX "load64", %rax
    mov v64(%rip), %r12
    SHOW_HEX "load64_r12", %r12
    movl v32(%rip), %r9d
    SHOW_DEC "load32", %r9
    movzwl v16(%rip), %ecx
    SHOW_DEC "load16", %rcx
    movsbq v8(%rip), %rdx
    SHOW_DEC "load8", %rdx
    mov v64+4(%rip), %eax       /* displacement with an offset */
    SHOW_HEX "load_offset", %rax

    /* stores of registers and of immediates (imm after the disp) */
    mov %r12, v64e(%rip)
    SHOW_HEX "store64", v64e(%rip)
    movl $0xdeadbeef, v32b(%rip)
    movl v32b(%rip), %eax
    SHOW_HEX "store_imm32", %rax
    movw $0x1234, v16b(%rip)
    movzwl v16b(%rip), %eax
    SHOW_HEX "store_imm16", %rax
    movb $0x5a, v8b(%rip)
    movzbl v8b(%rip), %eax
    SHOW_HEX "store_imm8", %rax
    movq $-2, v64d(%rip)
    SHOW_HEX "store_imm32_sx", v64d(%rip)

    /* arithmetic with immediates after the displacement */
    addq $0x12345678, v64b(%rip)
    SHOW_HEX "add_imm32", v64b(%rip)
    addq $5, v64c(%rip)
    SHOW_DEC "add_imm8", v64c(%rip)
    shlq $4, v64c(%rip)
    SHOW_DEC "shl_imm8", v64c(%rip)
    btsq $63, v64b(%rip)
    SHOW_HEX "bts_imm8", v64b(%rip)
    andw $0xff0, v16b(%rip)
    movzwl v16b(%rip), %eax
    SHOW_HEX "and_imm16", %rax
    imul $3, v32(%rip), %ecx
    SHOW_DEC "imul_imm8", %rcx
    imul $100000, v32(%rip), %ecx
    SHOW_DEC "imul_imm32", %rcx

    /* compares with immediates, result through setcc */
    xor %eax, %eax
    cmpl $1000, v32(%rip)
    sete %al
    xor %ecx, %ecx
    cmpw $499, v16(%rip)
    setg %cl
    xor %edx, %edx
    cmpb $7, v8(%rip)
    setz %dl
    xor %esi, %esi
    cmpq $0x55667788, v64(%rip)
    seta %sil
    xor %edi, %edi
    testl $0x3e8, v32(%rip)
    setnz %dil
    shl $1, %rcx
    shl $2, %rdx
    shl $3, %rsi
    shl $4, %rdi
    or %rcx, %rax
    or %rdx, %rax
    or %rsi, %rax
    or %rdi, %rax
    SHOW_DEC "cmp_bits", %rax

    /* lea, 64- and 32-bit destinations */
    lea v64(%rip), %rax
    lea v64(%rip), %ecx
    mov %eax, %edx
    cmp %rdx, %rcx
    jne 1f
    lea v64+8(%rip), %rsi
    sub %rax, %rsi
    cmp $8, %rsi
    jne 1f
    lea v64b(%rip), %rsi
    cmp %rsi, %rax
    je 1f
    mov (%rax), %rdi            /* the lea pointed at the data */
    cmp v64(%rip), %rdi
    jne 1f
    PUTS "lea=ok\n"
    jmp 2f
1:  PUTS "lea=BAD\n"
2:
    /* push/pop with rip-relative memory operands */
    pushq v64(%rip)
    popq v64e(%rip)
    SHOW_HEX "push_pop_mem", v64e(%rip)

    /* locked and exchanging read-modify-write */
    mov $10, %eax
    lock xaddq %rax, v64c(%rip)
    SHOW_DEC "xadd_old", %rax
    SHOW_DEC "xadd_new", v64c(%rip)
    mov $90, %eax
    mov $1, %ecx
    lock cmpxchgq %rcx, v64c(%rip)  /* fails: loads the old value */
    SHOW_DEC "cmpxchg_fail", %rax
    lock cmpxchgq %rcx, v64c(%rip)  /* succeeds */
    SHOW_DEC "cmpxchg_ok", v64c(%rip)
    mov $77, %eax
    xchg %rax, v64c(%rip)
    SHOW_DEC "xchg_old", %rax
    SHOW_DEC "xchg_new", v64c(%rip)

    /* SSE */
    movdqa vec(%rip), %xmm3
    movq %xmm3, %rax
    pextrq $1, %xmm3, %rcx
    SHOW_HEX "movdqa_lo", %rax
    SHOW_HEX "movdqa_hi", %rcx
    pshufd $0x1b, vec(%rip), %xmm1  /* imm8 after the displacement */
    movq %xmm1, %rax
    pextrq $1, %xmm1, %rcx
    SHOW_HEX "pshufd_lo", %rax
    SHOW_HEX "pshufd_hi", %rcx
    movsd dbl(%rip), %xmm2
    addsd dbl(%rip), %xmm2
    cvttsd2si %xmm2, %rax
    SHOW_DEC "double_sum", %rax
    pxor %xmm4, %xmm4
    movdqu %xmm3, v64d(%rip)        /* 16-byte store over v64d, v64e */
    SHOW_HEX "movdqu_store", v64e(%rip)

    /* AVX */
    vmovdqu vec(%rip), %ymm5
    vextracti128 $1, %ymm5, %xmm6
    vmovq %xmm6, %rax
    vpextrq $1, %xmm6, %rcx
    SHOW_HEX "vmovdqu_hi_lo", %rax
    SHOW_HEX "vmovdqu_hi_hi", %rcx
    vpxor %xmm0, %xmm0, %xmm0
    vpblendd $0xf0, vec(%rip), %ymm0, %ymm7  /* VEX with imm8 after disp */
    vmovq %xmm7, %rax
    vextracti128 $1, %ymm7, %xmm6
    vmovq %xmm6, %rcx
    SHOW_HEX "vpblendd_lo", %rax
    SHOW_HEX "vpblendd_hi", %rcx
    vpbroadcastq v64(%rip), %ymm8
    vextracti128 $1, %ymm8, %xmm6
    vpextrq $1, %xmm6, %rax
    SHOW_HEX "vpbroadcastq", %rax
    vzeroupper
    EXIT 0
