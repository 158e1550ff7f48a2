# cflags: -nostdlib -static
/* trace_mem_format: --trace-mem=yes prints an "I  addr,len" line per
   instruction and " L/S/M addr,size" per access, in Valgrind lackey's
   format (addresses in hex, at least 8 digits).  The code and data are at
   fixed addresses of a static non-PIE program; no stack accesses. */
    .globl _start
_start:
    lea buf(%rip), %rdi
    movq $5, (%rdi)
    mov 8(%rdi), %rax
    addq $1, 16(%rdi)
    mov $60, %eax
    xor %edi, %edi
    syscall
    .bss
    .align 64
buf: .space 64
