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
