# clientreq_raw_sequence: the client-request ABI spelled out in bytes, as a
# binary built against any valgrind.h contains it: rol %rdi by 3, 13, 61
# and 51, then xchg %rbx,%rbx; args block address in rax, default in rdx,
# answer in rdx.  RUNNING_ON_VALGRIND answers 1 under the tool (expected
# output is the tool's view), an unknown request answers the default, and
# every register but rdx is unchanged.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

    .data
    .balign 8
args_running:   .quad 0x1001, 0, 0, 0, 0, 0
args_unknown:   .quad 0x1fff, 1, 2, 3, 4, 5
args_tool:      .quad 0x5a5a0001, 1, 2, 3, 4, 5   /* ('Z','Z') + 1 */

    .text
/* request: %rax = args, %rdx = default -> %rdx; checks rdi, rbx, rax */
request:
    mov %rax, %r8
    mov $0x0123456789abcdef, %rdi
    mov $0x1111222233334444, %rbx
    .byte 0x48, 0xc1, 0xc7, 0x03    /* rol $3, %rdi */
    .byte 0x48, 0xc1, 0xc7, 0x0d    /* rol $13, %rdi */
    .byte 0x48, 0xc1, 0xc7, 0x3d    /* rol $61, %rdi */
    .byte 0x48, 0xc1, 0xc7, 0x33    /* rol $51, %rdi */
    .byte 0x48, 0x87, 0xdb          /* xchg %rbx, %rbx */
    xor %ecx, %ecx
    mov $0x0123456789abcdef, %r9
    cmp %r9, %rdi
    setne %cl
    mov $0x1111222233334444, %r9
    cmp %r9, %rbx
    setne %r9b
    movzbl %r9b, %r9d
    add %r9, %rcx
    cmp %r8, %rax
    setne %r9b
    movzbl %r9b, %r9d
    add %r9, %rcx               /* rcx = registers that changed */
    ret

    .globl _start
_start:
    lea args_running(%rip), %rax
    xor %edx, %edx
    call request
    SHOW_DEC "running_on_valgrind", %rdx
    SHOW_DEC "changed_regs", %rcx
    lea args_unknown(%rip), %rax
    mov $4242, %edx
    call request
    SHOW_DEC "unknown_core_request", %rdx
    SHOW_DEC "changed_regs", %rcx
    lea args_tool(%rip), %rax
    mov $77, %edx
    call request
    SHOW_DEC "unknown_tool_request", %rdx
    SHOW_DEC "changed_regs", %rcx
    EXIT 0
