# flags_setcc_cmov: all 16 setcc and cmovcc conditions after compares with
# known outcomes, and bit-test / shift / inc instructions that set only
# some flags.
# cflags: -nostdlib -static -no-pie
#include "vgtest_asm.h"

/* SETS: after cmp %rsi,%rdi, %rax gets one bit per true condition */
.macro ONE_SET cc, shift
    set\cc %cl
    movzbl %cl, %ecx
    shl $\shift, %rcx
    or %rcx, %rax
.endm

set_conds:
    xor %eax, %eax
    cmp %rsi, %rdi
    ONE_SET o, 0
    cmp %rsi, %rdi              /* shl clobbered the flags: compare again */
    ONE_SET no, 1
    cmp %rsi, %rdi
    ONE_SET b, 2
    cmp %rsi, %rdi
    ONE_SET ae, 3
    cmp %rsi, %rdi
    ONE_SET e, 4
    cmp %rsi, %rdi
    ONE_SET ne, 5
    cmp %rsi, %rdi
    ONE_SET be, 6
    cmp %rsi, %rdi
    ONE_SET a, 7
    cmp %rsi, %rdi
    ONE_SET s, 8
    cmp %rsi, %rdi
    ONE_SET ns, 9
    cmp %rsi, %rdi
    ONE_SET p, 10
    cmp %rsi, %rdi
    ONE_SET np, 11
    cmp %rsi, %rdi
    ONE_SET l, 12
    cmp %rsi, %rdi
    ONE_SET ge, 13
    cmp %rsi, %rdi
    ONE_SET le, 14
    cmp %rsi, %rdi
    ONE_SET g, 15
    ret

/* CMOVS: mov does not touch flags, so one cmp serves all 16 cmovs */
.macro ONE_CMOV cc, shift
    mov $(1 << \shift), %r8
    mov $0, %r9d                /* not xor or or: they set the flags */
    cmov\cc %r8, %r9
    lea (%rax,%r9), %rax
.endm

cmov_conds:
    xor %eax, %eax
    cmp %rsi, %rdi
    ONE_CMOV o, 0
    ONE_CMOV no, 1
    ONE_CMOV b, 2
    ONE_CMOV ae, 3
    ONE_CMOV e, 4
    ONE_CMOV ne, 5
    ONE_CMOV be, 6
    ONE_CMOV a, 7
    ONE_CMOV s, 8
    ONE_CMOV ns, 9
    ONE_CMOV p, 10
    ONE_CMOV np, 11
    ONE_CMOV l, 12
    ONE_CMOV ge, 13
    ONE_CMOV le, 14
    ONE_CMOV g, 15
    ret

.macro PAIR name, a, b
    mov \a, %rdi
    mov \b, %rsi
    call set_conds
    mov %rax, %r12
    call cmov_conds
    SHOW_HEX "setcc_\name", %r12
    SHOW_HEX "cmovcc_\name", %rax
.endm

    .globl _start
_start:
    PAIR lt, $1, $2
    PAIR gt, $2, $1
    PAIR eq, $5, $5
    PAIR neg_pos, $-1, $1
    mov $0x8000000000000000, %r10
    PAIR overflow, %r10, $1
    PAIR zero_min, $0, %r10

    /* 32-bit cmov with a false condition still zero-extends */
    mov $-1, %rax
    mov $1, %ecx
    cmp %ecx, %ecx
    cmovne %ecx, %eax
    SHOW_HEX "cmov32_false", %rax

    /* inc/dec keep CF */
    stc
    mov $-1, %rax
    inc %rax                    /* ZF=1, CF unchanged (1) */
    setc %cl
    setz %dl
    SHOW_DEC "inc_keeps_cf", %rcx
    SHOW_DEC "inc_sets_zf", %rdx
    clc
    xor %eax, %eax
    dec %rax                    /* SF=1, CF unchanged (0) */
    setc %cl
    sets %dl
    movzbl %cl, %ecx
    movzbl %dl, %edx
    SHOW_DEC "dec_keeps_cf", %rcx
    SHOW_DEC "dec_sets_sf", %rdx

    /* bt family sets CF from the bit */
    mov $0x10, %eax
    bt $4, %rax
    setc %cl
    bts $5, %rax
    setc %dl
    movzbl %cl, %ecx
    movzbl %dl, %edx
    SHOW_DEC "bt4", %rcx
    SHOW_DEC "bts5_old", %rdx
    SHOW_HEX "bts5_value", %rax

    /* shifts: CF = last bit out; a shift by 0 changes no flag */
    mov $0x81, %eax
    shr $1, %al                 /* CF=1 */
    setc %cl
    stc
    mov $0, %edx
    mov %edx, %ecx
    mov $0x80, %esi
    shl %cl, %esi               /* count 0: CF stays 1 */
    setc %dl
    movzbl %dl, %edx
    SHOW_DEC "shift0_keeps_cf", %rdx
    EXIT 0
