# cflags: -nostdlib -static
/* call_counts: 10 direct calls and 5 indirect calls of countme (so
   --fnname=countme counts 15 entries), each call storing its return
   address and each ret loading it, and push/pop pairs. */
    .globl _start
    .globl countme
countme:
    push %rbx                      # store 8
    pop %rbx                       # load 8
    ret                            # load 8
_start:
    mov $10, %r12d
1:  call countme                   # store 8
    dec %r12d
    jnz 1b
    lea countme(%rip), %rax
    mov $5, %r12d
2:  call *%rax                     # store 8
    dec %r12d
    jnz 2b
    mov $60, %eax
    xor %edi, %edi
    syscall
