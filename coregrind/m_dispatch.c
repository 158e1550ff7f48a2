/*--------------------------------------------------------------------*/
/*--- The dispatcher: entering and leaving translated code.         ---*/
/*---                                                  m_dispatch.c ---*/
/*--------------------------------------------------------------------*/

/* These routines are emitted at start-up into the first page of the code
   cache rather than assembled into the core binary, because translations
   must reach them with rel32 jumps and the core's text is far away.
   Each routine is listed in assembly above the code that emits it.
   %gs always points at the running thread's ThreadState. */

#include "pub_core_basics.h"
#include "pub_core_dispatch.h"
#include "pub_core_emit.h"

#include <cpuid.h>
#include <asm/prctl.h>
#include <sys/syscall.h>

VgDispatch VG_(dispatch);

static const Int callee_saved[] = {R_RBP, R_RBX, R_R12, R_R13, R_R14, R_R15};

static EMem gs_at(Int off)
{
    return emem_gs(off);
}

/* xsave64/xrstor64 gs:[TS_OFF_XSAVE] with rfbm = 7 (x87, SSE, AVX).
   xsaveopt64 where the CPU has it: it skips the parts the guest has not
   changed since the xrstor64 of the same area, which most exits (client
   requests, syscalls) find untouched. */
static void emit_xstate(Emit *e, Bool save)
{
    static Int opt = -1;
    if (opt < 0) {
        UInt a, b, c, d;
        __cpuid_count(0xD, 1, a, b, c, d);
        opt = a & 1;
    }
    emit_movabs(e, R_RAX, 7);
    emit_movabs(e, R_RDX, 0);
    static const UChar op[] = {0x0F, 0xAE};
    EMem m = gs_at(TS_OFF_XSAVE);
    emit_op_rm(e, 8, op, 2, save ? (opt ? 6 : 4) : 5, &m);
}

/*
 * enter(host):                    ; SysV: %rdi = host code
 *     push rbp, rbx, r12-r15
 *     mov  gs:HOST_RSP, rsp
 *     mov  gs:JUMP_SLOT, rdi
 *     xrstor64 gs:XSAVE             ; guest x87/SSE/AVX
 *     push gs:RFLAGS ; popfq
 *     mov  rax..r15, gs:GPR[...]   ; rsp last but one, switching stacks
 *     jmp  gs:JUMP_SLOT
 */
static void emit_enter(Emit *e)
{
    for (UInt i = 0; i < VG_N_ELEMS(callee_saved); i++)
        emit_push(e, callee_saved[i]);
    EMem m = gs_at(TS_OFF_HOST_RSP);
    emit_mov_store(e, &m, R_RSP);
    m = gs_at(TS_OFF_JUMP_SLOT);
    emit_mov_store(e, &m, R_RDI);
    emit_xstate(e, False);
    static const UChar push_rm = 0xFF;
    m = gs_at(TS_OFF_RFLAGS);
    emit_op_rm(e, 4, &push_rm, 1, 6, &m);
    emit_byte(e, 0x9D); /* popfq */
    for (Int r = 0; r < 16; r++) {
        m = gs_at(TS_OFF_GPR(r));
        emit_mov_load(e, r, &m);
    }
    m = gs_at(TS_OFF_JUMP_SLOT);
    emit_jmp_mem(e, &m);
}

/*
 * exit_stub:
 *     mov  dword gs:EXIT_KIND, EXIT_STUB
 * exit_common:
 *     mov  gs:GPR[rsp], rsp
 *     mov  rsp, gs:HOST_RSP
 *     mov  gs:GPR[r], r             ; every other GPR
 *     pushfq ; pop gs:RFLAGS
 *     xsave64 gs:XSAVE
 *     push 0 ; popfq                ; DF=0 and no AC for the core
 *     pop  r15-r12, rbx, rbp
 *     ret
 */
static void emit_exit(Emit *e)
{
    VG_(dispatch).exit_stub = (Addr)e->p;
    EMem m = gs_at(TS_OFF_EXIT_KIND);
    emit_mov_m32_imm(e, &m, EXIT_STUB);
    VG_(dispatch).exit_common = (Addr)e->p;
    m = gs_at(TS_OFF_GPR(R_RSP));
    emit_mov_store(e, &m, R_RSP);
    m = gs_at(TS_OFF_HOST_RSP);
    emit_mov_load(e, R_RSP, &m);
    for (Int r = 0; r < 16; r++) {
        if (r == R_RSP)
            continue;
        m = gs_at(TS_OFF_GPR(r));
        emit_mov_store(e, &m, r);
    }
    emit_byte(e, 0x9C); /* pushfq */
    static const UChar pop_rm = 0x8F;
    m = gs_at(TS_OFF_RFLAGS);
    emit_op_rm(e, 4, &pop_rm, 1, 0, &m);
    emit_xstate(e, True);
    emit_byte(e, 0x6A); /* push 0 */
    emit_byte(e, 0x00);
    emit_byte(e, 0x9D); /* popfq */
    for (Int i = (Int)VG_N_ELEMS(callee_saved) - 1; i >= 0; i--)
        emit_pop(e, callee_saved[i]);
    emit_byte(e, 0xC3);
}

/*
 * lookup_miss:                    ; rdx = guest target; rax, rcx, rdx spilled
 *     mov  gs:RIP, rdx
 *     mov  rax, gs:SPILL_RAX ; rcx ; rdx
 *     mov  dword gs:EXIT_KIND, EXIT_LOOKUP
 *     jmp  exit_common
 */
static void emit_lookup_miss(Emit *e)
{
    VG_(dispatch).lookup_miss = (Addr)e->p;
    EMem m = gs_at(TS_OFF_RIP);
    emit_mov_store(e, &m, R_RDX);
    static const Int spilled[][2] = {
        {R_RAX, SPILL_RAX}, {R_RCX, SPILL_RCX}, {R_RDX, SPILL_RDX}};
    for (UInt i = 0; i < 3; i++) {
        m = gs_at(TS_OFF_SPILL(spilled[i][1]));
        emit_mov_load(e, spilled[i][0], &m);
    }
    m = gs_at(TS_OFF_EXIT_KIND);
    emit_mov_m32_imm(e, &m, EXIT_LOOKUP);
    emit_jmp32(e, (const UChar *)VG_(dispatch).exit_common);
}

/*
 * fault_exit:                     ; from a signal handler that saved the guest
 *     mov  dword gs:EXIT_KIND, EXIT_FAULT
 *     mov  rsp, gs:HOST_RSP
 *     push 0 ; popfq
 *     pop  r15-r12, rbx, rbp
 *     ret
 */
static void emit_fault_exit(Emit *e)
{
    VG_(dispatch).fault_exit = (Addr)e->p;
    EMem m = gs_at(TS_OFF_EXIT_KIND);
    emit_mov_m32_imm(e, &m, EXIT_FAULT);
    m = gs_at(TS_OFF_HOST_RSP);
    emit_mov_load(e, R_RSP, &m);
    emit_byte(e, 0x6A);
    emit_byte(e, 0x00);
    emit_byte(e, 0x9D);
    for (Int i = (Int)VG_N_ELEMS(callee_saved) - 1; i >= 0; i--)
        emit_pop(e, callee_saved[i]);
    emit_byte(e, 0xC3);
}

/*
 * escape(ts):                     ; SysV: %rdi = ts, for the last time
 *     mov r12, rdi
 *     arch_prctl(ARCH_SET_FS, ts->fs_base) ; arch_prctl(ARCH_SET_GS, ts->gs_base)
 *     xrstor64 [r12 + XSAVE]
 *     push [r12 + RFLAGS] ; popfq
 *     mov  every GPR from [r12 + GPR], r12 last
 *     jmp  [rip + escape_slot]
 */
static void emit_escape(Emit *e)
{
    VG_(dispatch).escape = (Addr)e->p;
    emit_mov_rr(e, R_R12, R_RDI);
    static const struct { Int code; Int off; } bases[] = {
        {ARCH_SET_FS, TS_OFF_FS_BASE}, {ARCH_SET_GS, TS_OFF_GS_BASE}};
    for (UInt i = 0; i < 2; i++) {
        EMem m = emem(R_R12, R_NONE, 1, bases[i].off);
        emit_mov_load(e, R_RSI, &m);
        emit_movabs(e, R_RDI, (ULong)bases[i].code);
        emit_movabs(e, R_RAX, SYS_arch_prctl);
        emit_byte(e, 0x0F); /* syscall */
        emit_byte(e, 0x05);
    }
    emit_movabs(e, R_RAX, 7);
    emit_movabs(e, R_RDX, 0);
    static const UChar xrstor[] = {0x0F, 0xAE};
    EMem m = emem(R_R12, R_NONE, 1, TS_OFF_XSAVE);
    emit_op_rm(e, 8, xrstor, 2, 5, &m);
    static const UChar push_rm = 0xFF;
    m = emem(R_R12, R_NONE, 1, TS_OFF_RFLAGS);
    emit_op_rm(e, 4, &push_rm, 1, 6, &m);
    emit_byte(e, 0x9D);
    for (Int r = 0; r < 16; r++) {
        if (r == R_R12)
            continue;
        m = emem(R_R12, R_NONE, 1, TS_OFF_GPR(r));
        emit_mov_load(e, r, &m);
    }
    m = emem(R_R12, R_NONE, 1, TS_OFF_GPR(R_R12));
    emit_mov_load(e, R_R12, &m);
    /* jmp [rip + disp32] -> the slot, placed right after. */
    emit_byte(e, 0xFF);
    emit_byte(e, 0x25);
    UChar *rel = e->p;
    emit_u32(e, 0);
    while (((Addr)e->p & 7) != 0)
        emit_byte(e, 0xCC);
    VG_(dispatch).escape_slot = (Addr)e->p;
    patch_rel32(rel, e->p);
    emit_u64(e, 0);
}

/*
 * helper_call:                    ; a C call from out-of-line UCode: the
 *                                 ; guest's registers are in place (or in
 *                                 ; uc_save), the descriptor at gs:CALL_DESC
 *     mov  gs:GPR[rsp], rsp ; mov rsp, gs:HOST_RSP
 *     pushfq ; push rax rcx rdx rsi rdi r8-r11 rbx ; cld
 *     mov  rbx, gs:CALL_DESC
 *     [CTX: gs:RIP = desc.guest_ip, gs:GPR[rbp] = rbp or gs:UC_SAVE[rbp]]
 *     [FULL: xsave(opt)64 gs:XSAVE]
 *     rdi..r9 = gs:[desc.arg_off[i]] ; call desc.fn ; gs:[desc.result_off] = rax
 *     [FULL: xrstor64 gs:XSAVE]
 *     gs:CALL_RESUME = rbx + sizeof desc
 *     pop rbx r11-r8 rdi rsi rdx rcx rax ; DF as it was ; drop the flags
 *     mov rsp, gs:GPR[rsp] ; jmp gs:CALL_RESUME
 * About 40 instructions, shared by every out-of-line call: the slow path
 * of each check is then a few bytes instead of 200.
 */
static void emit_bytes_raw(Emit *e, const UChar *b, UInt n)
{
    for (UInt i = 0; i < n; i++)
        emit_byte(e, b[i]);
}

static void emit_helper_call(Emit *e)
{
    static const Int saved[] = {R_RAX, R_RCX, R_RDX, R_RSI, R_RDI, R_R8,
                                R_R9,  R_R10, R_R11, R_RBX};
    VG_(dispatch).helper_call = (Addr)e->p;
    EMem m = gs_at(TS_OFF_GPR(R_RSP));
    emit_mov_store(e, &m, R_RSP);
    m = gs_at(TS_OFF_HOST_RSP);
    emit_mov_load(e, R_RSP, &m);
    emit_byte(e, 0x9C); /* pushfq: the core stack is at 8 mod 16, then 0 */
    for (UInt i = 0; i < VG_N_ELEMS(saved); i++)
        emit_push(e, saved[i]); /* ten: still 0 mod 16 */
    emit_byte(e, 0xFC);          /* cld */
    m = gs_at(TS_OFF_CALL_DESC);
    emit_mov_load(e, R_RBX, &m);
    /* Context. */
    static const UChar test_ctx[] = {0xF6, 0x43, 0x2C, VG_CALL_CTX}; /* test byte [rbx+44] */
    emit_bytes_raw(e, test_ctx, sizeof test_ctx);
    UChar *no_ctx = emit_rel8_branch(e, 0x74, NULL); /* jz */
    static const UChar rip[] = {0x48, 0x8B, 0x43, 0x08}; /* mov rax, [rbx+8] */
    emit_bytes_raw(e, rip, sizeof rip);
    m = gs_at(TS_OFF_RIP);
    emit_mov_store(e, &m, R_RAX);
    emit_mov_rr(e, R_RAX, R_RBP);
    static const UChar test_rbp[] = {0xF6, 0x43, 0x2C, VG_CALL_RBP_SAVED};
    emit_bytes_raw(e, test_rbp, sizeof test_rbp);
    UChar *rbp_in_reg = emit_rel8_branch(e, 0x74, NULL);
    m = gs_at(TS_OFF_UC_SAVE(R_RBP));
    emit_mov_load(e, R_RAX, &m);
    patch_rel8(rbp_in_reg, e->p);
    m = gs_at(TS_OFF_GPR(R_RBP));
    emit_mov_store(e, &m, R_RAX);
    patch_rel8(no_ctx, e->p);
    /* The vector state, for helpers that may use it. */
    static const UChar test_full[] = {0xF6, 0x43, 0x2C, VG_CALL_FULL};
    emit_bytes_raw(e, test_full, sizeof test_full);
    UChar *gpr_only = emit_rel8_branch(e, 0x74, NULL);
    emit_xstate(e, True);
    patch_rel8(gpr_only, e->p);
    /* Arguments: mov eax, [rbx + 16 + 4i] ; mov reg, gs:[rax] */
    static const UChar argreg_rex[6] = {0x48, 0x48, 0x48, 0x48, 0x4C, 0x4C};
    static const UChar argreg_low[6] = {7, 6, 2, 1, 0, 1}; /* rdi rsi rdx rcx r8 r9 */
    for (UInt i = 0; i < 6; i++) {
        UChar ld[] = {0x8B, 0x43, (UChar)(16 + 4 * i)};
        emit_bytes_raw(e, ld, sizeof ld);
        UChar mv[] = {0x65, argreg_rex[i], 0x8B, (UChar)(argreg_low[i] << 3)};
        emit_bytes_raw(e, mv, sizeof mv);
    }
    static const UChar call[] = {0xFF, 0x13};              /* call [rbx] */
    static const UChar res_off[] = {0x8B, 0x4B, 0x28};      /* mov ecx, [rbx+40] */
    static const UChar res_st[] = {0x65, 0x48, 0x89, 0x01}; /* mov gs:[rcx], rax */
    emit_bytes_raw(e, call, sizeof call);
    emit_bytes_raw(e, res_off, sizeof res_off);
    emit_bytes_raw(e, res_st, sizeof res_st);
    emit_bytes_raw(e, test_full, sizeof test_full);
    UChar *gpr_only2 = emit_rel8_branch(e, 0x74, NULL);
    emit_xstate(e, False);
    patch_rel8(gpr_only2, e->p);
    static const UChar resume[] = {0x48, 0x8D, 0x43, 0x30}; /* lea rax, [rbx+48] */
    emit_bytes_raw(e, resume, sizeof resume);
    m = gs_at(TS_OFF_CALL_RESUME);
    emit_mov_store(e, &m, R_RAX);
    for (Int i = (Int)VG_N_ELEMS(saved) - 1; i >= 0; i--)
        emit_pop(e, saved[i]);
    /* DF back as it was: testb $4, 1(%rsp); jz 1f; std; 1: */
    static const UChar df[] = {0xF6, 0x44, 0x24, 0x01, 0x04, 0x74, 0x01, 0xFD};
    emit_bytes_raw(e, df, sizeof df);
    m = gs_at(TS_OFF_GPR(R_RSP));
    emit_mov_load(e, R_RSP, &m);
    m = gs_at(TS_OFF_CALL_RESUME);
    emit_jmp_mem(e, &m);
}

void VG_(dispatch_init)(UChar *area, SizeT size)
{
    Emit e = {area, area, area + size, False};
    VG_(dispatch).enter = (Addr)e.p;
    emit_enter(&e);
    while (((Addr)e.p & 15) != 0)
        emit_byte(&e, 0xCC);
    emit_exit(&e);
    while (((Addr)e.p & 15) != 0)
        emit_byte(&e, 0xCC);
    emit_lookup_miss(&e);
    while (((Addr)e.p & 15) != 0)
        emit_byte(&e, 0xCC);
    emit_fault_exit(&e);
    while (((Addr)e.p & 15) != 0)
        emit_byte(&e, 0xCC);
    emit_escape(&e);
    while (((Addr)e.p & 15) != 0)
        emit_byte(&e, 0xCC);
    emit_helper_call(&e);
    vg_assert(!e.overflow);
}

ExitKind VG_(run_translations)(ThreadState *ts, Addr host_code)
{
    ts->exit_kind = EXIT_NONE;
    ((void (*)(Addr))VG_(dispatch).enter)(host_code);
    return (ExitKind)ts->exit_kind;
}

VG_NORETURN void VG_(escape_to_native)(ThreadState *ts)
{
    *(Addr *)VG_(dispatch).escape_slot = ts->rip;
    ((void (*)(ThreadState *))VG_(dispatch).escape)(ts);
    __builtin_unreachable();
}
