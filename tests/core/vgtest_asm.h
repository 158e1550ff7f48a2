/* vgtest_asm.h: helpers for the assembly tests in tests/core.
 *
 * Included once, at the top of a test's .S file, before its own code.  The
 * tests run without libc (built with -nostdlib -static), so this gives them
 * text output and exit through raw system calls.
 *
 * Every helper preserves every general-purpose register (including %rcx
 * and %r11, which the kernel clobbers) and the flags, so a test can print
 * in the middle of what it checks.  They do push on the stack: do not call
 * them while the red zone holds live data.
 */

#define SYS_write       1
#define SYS_mmap        9
#define SYS_mprotect    10
#define SYS_munmap      11
#define SYS_getpid      39
#define SYS_exit        60
#define SYS_getppid     110
#define SYS_arch_prctl  158
#define SYS_exit_group  231

#define ARCH_SET_GS     0x1001
#define ARCH_SET_FS     0x1002
#define ARCH_GET_FS     0x1003
#define ARCH_GET_GS     0x1004

/* PUTS "text": writes the literal text (escapes like \n allowed). */
.macro PUTS str
    .pushsection .rodata
.Lputs_str_\@:
    .asciz "\str"
    .popsection
    push %rsi
    lea .Lputs_str_\@(%rip), %rsi
    call vgt_print_cstr
    pop %rsi
.endm

/* PUT_DEC src: writes src (a register or memory operand, 64 bits) as an
 * unsigned decimal number. */
.macro PUT_DEC src
    push %rdi
    mov \src, %rdi
    call vgt_print_dec
    pop %rdi
.endm

/* PUT_HEX src: writes src as 0x followed by 16 hex digits. */
.macro PUT_HEX src
    push %rdi
    mov \src, %rdi
    call vgt_print_hex
    pop %rdi
.endm

/* SHOW_DEC "name", src: writes "name=<decimal>\n". */
.macro SHOW_DEC name, src
    PUTS "\name="
    PUT_DEC \src
    PUTS "\n"
.endm

/* SHOW_HEX "name", src: writes "name=0x<16 hex digits>\n". */
.macro SHOW_HEX name, src
    PUTS "\name="
    PUT_HEX \src
    PUTS "\n"
.endm

/* EXIT code: exit_group(code). */
.macro EXIT code
    mov $\code, %edi
    mov $SYS_exit_group, %eax
    syscall
.endm

    .text

/* vgt_write: write(1, %rsi, %rdx), retrying on short writes. */
vgt_write:
    pushfq
    push %rax
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %r11
1:  test %rdx, %rdx
    jz 2f
    mov $SYS_write, %eax
    mov $1, %edi
    syscall
    test %rax, %rax
    jle 2f
    add %rax, %rsi
    sub %rax, %rdx
    jmp 1b
2:  pop %r11
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rax
    popfq
    ret

/* vgt_print_cstr: writes the NUL-terminated string at %rsi. */
vgt_print_cstr:
    pushfq
    push %rdx
    xor %edx, %edx
1:  cmpb $0, (%rsi,%rdx)
    je 2f
    inc %rdx
    jmp 1b
2:  call vgt_write
    pop %rdx
    popfq
    ret

/* vgt_print_dec: writes %rdi as an unsigned decimal number. */
vgt_print_dec:
    pushfq
    push %rax
    push %rcx
    push %rdx
    push %rsi
    sub $32, %rsp
    lea 32(%rsp), %rsi          /* digits are built backwards from here */
    mov %rdi, %rax
    mov $10, %ecx
1:  xor %edx, %edx
    div %rcx
    add $'0', %dl
    dec %rsi
    mov %dl, (%rsi)
    test %rax, %rax
    jnz 1b
    lea 32(%rsp), %rdx
    sub %rsi, %rdx
    call vgt_write
    add $32, %rsp
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rax
    popfq
    ret

/* vgt_print_hex: writes %rdi as 0x and 16 hex digits. */
vgt_print_hex:
    pushfq
    push %rax
    push %rcx
    push %rdx
    push %rsi
    sub $32, %rsp
    movw $0x7830, (%rsp)        /* "0x" */
    mov %rdi, %rax
    mov $17, %ecx
1:  mov %eax, %edx
    and $15, %edx
    cmp $10, %edx
    jb 2f
    add $('a' - '0' - 10), %edx
2:  add $'0', %edx
    mov %dl, (%rsp,%rcx)
    shr $4, %rax
    dec %ecx
    cmp $1, %ecx
    jne 1b
    mov %rsp, %rsi
    mov $18, %edx
    call vgt_write
    add $32, %rsp
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rax
    popfq
    ret
