/*--------------------------------------------------------------------*/
/*--- The client's blocking system calls.           m_syscall_asm.S ---*/
/*--------------------------------------------------------------------*/

/* Word vg_client_syscall_asm(UWord no, const UWord args[6],
                              volatile UInt *interrupted)

   Performs system call `no` for the client, unless *interrupted is set
   (a signal for the thread arrived), in which case it returns -EINTR
   without entering the kernel.  The signal handler (m_signals.c) closes
   the window between the test and the syscall instruction: if it
   interrupts the thread at any address in [vg_csys_check, vg_csys_insn],
   the call has not happened, and it resumes the thread at
   vg_csys_interrupted instead.  A signal during the call itself makes the
   kernel return -EINTR (the core's handlers have no SA_RESTART). */

    .text
    .globl vg_client_syscall_asm
    .globl vg_csys_check
    .globl vg_csys_insn
    .globl vg_csys_done
    .globl vg_csys_interrupted
    .type vg_client_syscall_asm, @function
vg_client_syscall_asm:
    mov %rdi, %rax
    mov %rdx, %r11
    mov 0(%rsi), %rdi
    mov 16(%rsi), %rdx
    mov 24(%rsi), %r10
    mov 32(%rsi), %r8
    mov 40(%rsi), %r9
    mov 8(%rsi), %rsi
vg_csys_check:
    cmpl $0, (%r11)
    jne vg_csys_interrupted
vg_csys_insn:
    syscall
vg_csys_done:
    ret
vg_csys_interrupted:
    mov $-4, %rax
    ret
    .size vg_client_syscall_asm, . - vg_client_syscall_asm

    .section .note.GNU-stack, "", @progbits
