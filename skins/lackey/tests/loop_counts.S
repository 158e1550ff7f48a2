# cflags: -nostdlib -static
/* loop_counts: a counted loop with known numbers for lackey:
   1 + 1000 + 1000 + 3 = 2004 guest instructions, 1000 conditional
   branches of which 999 are taken, no memory accesses, no calls. */
    .globl _start
_start:
    mov $1000, %ecx
1:  dec %ecx
    jnz 1b
    mov $60, %eax
    xor %edi, %edi
    syscall
