# cflags: -nostdlib -static
/* memory_counts: one instruction per kind of access and size, each
   counted exactly once by lackey (see the comments), including the ones
   capstone 4 describes wrongly (SSE/AVX stores, cmpxchg) and the
   instructions that look like accesses but make none. */
    .globl _start
_start:
    lea buf(%rip), %rdi            # no access
    movb $1, (%rdi)                # store 1
    movw $2, 2(%rdi)               # store 2
    movl $3, 4(%rdi)               # store 4
    movq $4, 8(%rdi)               # store 8
    mov (%rdi), %al                # load 1
    mov 2(%rdi), %ax               # load 2
    mov 4(%rdi), %eax              # load 4
    mov 8(%rdi), %rax              # load 8
    addq $1, 8(%rdi)               # modify 8
    addl $1, 4(%rdi)               # modify 4
    incb (%rdi)                    # modify 1
    lock xadd %rax, 8(%rdi)        # modify 8
    xchg %rax, 8(%rdi)             # modify 8
    cmpxchg %rbx, 8(%rdi)          # modify 8 (capstone 4 says load)
    movdqu (%rdi), %xmm0           # load 16
    movdqu %xmm0, 16(%rdi)         # store 16 (capstone 4 says load)
    vmovdqu (%rdi), %ymm1          # load 32
    vmovdqu %ymm1, 32(%rdi)        # store 32 (capstone 4 says load)
    movq %xmm0, 64(%rdi)           # store 8 (capstone 4 says load)
    prefetcht0 (%rdi)              # no access
    nopl 8(%rdi)                   # no access
    lea 8(%rdi), %rsi              # no access
    cmpq $0, 8(%rdi)               # load 8
    mov $60, %eax
    xor %edi, %edi
    syscall
    .bss
    .align 64
buf: .space 128
