/*--------------------------------------------------------------------*/
/*--- A small x86-64 emitter.                              m_emit.c ---*/
/*--------------------------------------------------------------------*/

#include "pub_core_basics.h"
#include "pub_core_emit.h"

#include <string.h>

/*--- Bytes -------------------------------------------------------------------*/

static Bool room(Emit *e, UInt n)
{
    if (e->overflow || e->p + n > e->limit) {
        e->overflow = True;
        return False;
    }
    return True;
}

void emit_byte(Emit *e, UChar b)
{
    if (room(e, 1))
        *e->p++ = b;
}

void emit_u32(Emit *e, UInt v)
{
    if (room(e, 4)) {
        memcpy(e->p, &v, 4);
        e->p += 4;
    }
}

void emit_u64(Emit *e, ULong v)
{
    if (room(e, 8)) {
        memcpy(e->p, &v, 8);
        e->p += 8;
    }
}

void emit_bytes(Emit *e, const UChar *b, UInt n)
{
    if (room(e, n)) {
        memcpy(e->p, b, n);
        e->p += n;
    }
}

static Bool fits_s8(Long v)
{
    return v >= -128 && v <= 127;
}

static Bool fits_s32(Long v)
{
    return v >= INT32_MIN && v <= INT32_MAX;
}

/*--- ModRM / SIB ---------------------------------------------------------------*/

static UChar scale_bits(Int scale)
{
    switch (scale) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    default: vg_assert2(0, "bad scale %d", scale); return 0;
    }
}

/* Emits ModRM (+SIB, +disp) for regfield and m.  For a rip-relative m the
   disp32 is left for the caller to fill (its offset is returned). */
static UChar *emit_modrm_mem(Emit *e, Int regfield, const EMem *m)
{
    UChar reg = (UChar)((regfield & 7) << 3);
    vg_assert(m->index != R_RSP);
    if (m->base == R_RIP) {
        vg_assert(m->index == R_NONE);
        emit_byte(e, 0x05 | reg);
        UChar *d = e->p;
        emit_u32(e, 0);
        return d;
    }
    if (m->base == R_NONE) {
        /* [index*scale + disp32] or absolute [disp32] via SIB base=101. */
        vg_assert(fits_s32(m->disp));
        emit_byte(e, 0x04 | reg);
        UChar idx = m->index == R_NONE ? 4 : (UChar)(m->index & 7);
        UChar ss = m->index == R_NONE ? 0 : scale_bits(m->scale);
        emit_byte(e, (UChar)(ss << 6 | idx << 3 | 5));
        emit_u32(e, (UInt)m->disp);
        return NULL;
    }
    Bool need_sib = m->index != R_NONE || (m->base & 7) == 4;
    UChar mod;
    if (m->disp == 0 && (m->base & 7) != 5)
        mod = 0;
    else if (fits_s8(m->disp))
        mod = 1;
    else
        mod = 2;
    vg_assert(fits_s32(m->disp));
    if (need_sib) {
        emit_byte(e, (UChar)(mod << 6 | reg | 4));
        UChar idx = m->index == R_NONE ? 4 : (UChar)(m->index & 7);
        UChar ss = m->index == R_NONE ? 0 : scale_bits(m->scale);
        emit_byte(e, (UChar)(ss << 6 | idx << 3 | (m->base & 7)));
    } else {
        emit_byte(e, (UChar)(mod << 6 | reg | (m->base & 7)));
    }
    if (mod == 1)
        emit_byte(e, (UChar)(SChar)m->disp);
    else if (mod == 2)
        emit_u32(e, (UInt)m->disp);
    return NULL;
}

static Bool ext_reg(Int r)
{
    return r != R_NONE && r != R_RIP && r >= 8;
}

void emit_op_rm(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, const EMem *m)
{
    if (m->seg)
        emit_byte(e, m->seg);
    if (opsize == 2)
        emit_byte(e, 0x66);
    UChar rex = (UChar)(0x40 | (opsize == 8 ? 8 : 0) | (ext_reg(reg) ? 4 : 0) |
                        (ext_reg(m->index) ? 2 : 0) | (ext_reg(m->base) ? 1 : 0));
    if (rex != 0x40)
        emit_byte(e, rex);
    emit_bytes(e, opc, nopc);
    UChar *d = emit_modrm_mem(e, reg, m);
    vg_assert(d == NULL); /* rip-relative is only for guest rewrites */
}

static void op_rr(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, Int rm,
                  Bool force_rex)
{
    if (opsize == 2)
        emit_byte(e, 0x66);
    UChar rex = (UChar)(0x40 | (opsize == 8 ? 8 : 0) | (reg >= 8 ? 4 : 0) | (rm >= 8 ? 1 : 0));
    if (rex != 0x40 || force_rex)
        emit_byte(e, rex);
    emit_bytes(e, opc, nopc);
    emit_byte(e, (UChar)(0xC0 | (reg & 7) << 3 | (rm & 7)));
}

void emit_op_rr(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, Int rm)
{
    op_rr(e, opsize, opc, nopc, reg, rm, False);
}

void emit_op_rr_byte(Emit *e, Int opsize, const UChar *opc, UInt nopc, Int reg, Int rm)
{
    op_rr(e, opsize, opc, nopc, reg, rm, (reg >= 4 && reg < 8) || (rm >= 4 && rm < 8));
}

void emit_op_rm_byte(Emit *e, const UChar *opc, UInt nopc, Int reg, const EMem *m)
{
    if (m->seg)
        emit_byte(e, m->seg);
    UChar rex = (UChar)(0x40 | (ext_reg(reg) ? 4 : 0) | (ext_reg(m->index) ? 2 : 0) |
                        (ext_reg(m->base) ? 1 : 0));
    if (rex != 0x40 || (reg >= 4 && reg < 8))
        emit_byte(e, rex);
    emit_bytes(e, opc, nopc);
    emit_modrm_mem(e, reg, m);
}

/*--- Moves -----------------------------------------------------------------------*/

void emit_mov_load(Emit *e, Int reg, const EMem *m)
{
    static const UChar op = 0x8B;
    emit_op_rm(e, 8, &op, 1, reg, m);
}

void emit_mov_store(Emit *e, const EMem *m, Int reg)
{
    static const UChar op = 0x89;
    emit_op_rm(e, 8, &op, 1, reg, m);
}

void emit_mov_rr(Emit *e, Int dst, Int src)
{
    static const UChar op = 0x89;
    emit_op_rr(e, 8, &op, 1, src, dst);
}

void emit_lea(Emit *e, Int reg, const EMem *m)
{
    static const UChar op = 0x8D;
    vg_assert(m->seg == 0);
    emit_op_rm(e, 8, &op, 1, reg, m);
}

void emit_movabs(Emit *e, Int reg, ULong imm)
{
    if (imm <= 0xFFFFFFFFULL) {
        if (reg >= 8)
            emit_byte(e, 0x41);
        emit_byte(e, (UChar)(0xB8 + (reg & 7)));
        emit_u32(e, (UInt)imm);
    } else if (fits_s32((Long)imm)) {
        static const UChar op = 0xC7;
        emit_op_rr(e, 8, &op, 1, 0, reg);
        emit_u32(e, (UInt)imm);
    } else {
        emit_byte(e, (UChar)(0x48 | (reg >= 8 ? 1 : 0)));
        emit_byte(e, (UChar)(0xB8 + (reg & 7)));
        emit_u64(e, imm);
    }
}

void emit_mov_m32_imm(Emit *e, const EMem *m, UInt imm)
{
    static const UChar op = 0xC7;
    emit_op_rm(e, 4, &op, 1, 0, m);
    emit_u32(e, imm);
}

void emit_mov_m64_simm(Emit *e, const EMem *m, Int imm)
{
    static const UChar op = 0xC7;
    emit_op_rm(e, 8, &op, 1, 0, m);
    emit_u32(e, (UInt)imm);
}

void emit_push_simm32(Emit *e, Int imm)
{
    emit_byte(e, 0x68);
    emit_u32(e, (UInt)imm);
}

void emit_pop(Emit *e, Int reg)
{
    if (reg >= 8)
        emit_byte(e, 0x41);
    emit_byte(e, (UChar)(0x58 + (reg & 7)));
}

void emit_push(Emit *e, Int reg)
{
    if (reg >= 8)
        emit_byte(e, 0x41);
    emit_byte(e, (UChar)(0x50 + (reg & 7)));
}

void emit_jmp_mem(Emit *e, const EMem *m)
{
    static const UChar op = 0xFF;
    emit_op_rm(e, 4, &op, 1, 4, m);
}

/*--- Branches ----------------------------------------------------------------------*/

Bool rel32_reaches(const UChar *insn_end, Addr target)
{
    Long d = (Long)target - (Long)(Addr)insn_end;
    return fits_s32(d);
}

void patch_rel32(UChar *field, const UChar *target)
{
    Long d = (Long)(Addr)target - (Long)(Addr)(field + 4);
    vg_assert2(fits_s32(d), "rel32 out of reach: %p -> %p", (void *)field, (void *)target);
    Int d32 = (Int)d;
    memcpy(field, &d32, 4);
}

void patch_rel8(UChar *field, const UChar *target)
{
    Long d = (Long)(Addr)target - (Long)(Addr)(field + 1);
    vg_assert(fits_s8(d));
    *field = (UChar)(SChar)d;
}

UChar *emit_jmp32(Emit *e, const UChar *target)
{
    emit_byte(e, 0xE9);
    UChar *f = e->p;
    emit_u32(e, 0);
    if (target)
        patch_rel32(f, target);
    return f;
}

UChar *emit_jcc32(Emit *e, Int cc, const UChar *target)
{
    emit_byte(e, 0x0F);
    emit_byte(e, (UChar)(0x80 + cc));
    UChar *f = e->p;
    emit_u32(e, 0);
    if (target)
        patch_rel32(f, target);
    return f;
}

UChar *emit_rel8_branch(Emit *e, UChar opcode, const UChar *target)
{
    emit_byte(e, opcode);
    UChar *f = e->p;
    emit_byte(e, 0);
    if (target)
        patch_rel8(f, target);
    return f;
}

/*--- Guest instructions with a re-encoded memory operand ---------------------------*/

static Bool is_legacy_prefix(UChar b)
{
    switch (b) {
    case 0xF0: case 0xF2: case 0xF3: case 0x2E: case 0x36: case 0x3E: case 0x26:
    case 0x64: case 0x65: case 0x66: case 0x67:
        return True;
    default:
        return False;
    }
}

Bool layout_insn(InsnLayout *L, const UChar *bytes, UInt len, UInt modrm_pos)
{
    memset(L, 0, sizeof *L);
    L->bytes = bytes;
    L->len = len;
    L->seg_pos = L->rex_pos = L->vex_pos = -1;
    UInt i = 0;
    while (i < len && is_legacy_prefix(bytes[i])) {
        if (bytes[i] == 0x64 || bytes[i] == 0x65)
            L->seg_pos = (Int)i;
        i++;
    }
    L->n_legacy = i;
    if (i < len && (bytes[i] & 0xF0) == 0x40) {
        L->rex_pos = (Int)i;
        i++;
    } else if (i + 2 < len && bytes[i] == 0xC4) {
        L->vex_pos = (Int)i;
        i += 3;
    } else if (i + 1 < len && bytes[i] == 0xC5) {
        L->vex_pos = (Int)i;
        i += 2;
    } else if (i < len && bytes[i] == 0x62) {
        return False; /* EVEX: AVX-512 is hidden from the guest */
    }
    L->opc_pos = i;
    if (modrm_pos <= i || modrm_pos >= len)
        return False;
    L->modrm_pos = modrm_pos;
    UChar modrm = bytes[modrm_pos];
    UChar mod = modrm >> 6, rm = modrm & 7;
    if (mod == 3)
        return False;
    UInt p = modrm_pos + 1;
    Bool has_sib = rm == 4;
    UInt disp = 0;
    if (mod == 1)
        disp = 1;
    else if (mod == 2)
        disp = 4;
    else if (rm == 5)
        disp = 4;
    if (has_sib) {
        if (p >= len)
            return False;
        if (mod == 0 && (bytes[p] & 7) == 5)
            disp = 4;
        p++;
    }
    p += disp;
    if (p > len)
        return False;
    L->mem_end = p;
    return True;
}

void emit_guest_with_mem(Emit *e, const InsnLayout *L, const EMem *m, Bool drop_seg)
{
    const UChar *b = L->bytes;
    for (UInt i = 0; i < L->n_legacy; i++) {
        if (drop_seg && (Int)i == L->seg_pos)
            continue;
        emit_byte(e, b[i]);
    }
    Bool X = ext_reg(m->index), B = ext_reg(m->base);
    if (L->rex_pos >= 0) {
        emit_byte(e, (UChar)((b[L->rex_pos] & ~0x03) | (X ? 2 : 0) | (B ? 1 : 0)));
    } else if (L->vex_pos >= 0) {
        if (b[L->vex_pos] == 0xC4) {
            emit_byte(e, 0xC4);
            emit_byte(e, (UChar)((b[L->vex_pos + 1] & ~0x60) | (X ? 0 : 0x40) | (B ? 0 : 0x20)));
            emit_byte(e, b[L->vex_pos + 2]);
        } else {
            vg_assert2(!X && !B, "VEX2 instruction needs an extended register");
            emit_byte(e, 0xC5);
            emit_byte(e, b[L->vex_pos + 1]);
        }
    } else if (X || B) {
        emit_byte(e, (UChar)(0x40 | (X ? 2 : 0) | (B ? 1 : 0)));
    }
    emit_bytes(e, b + L->opc_pos, L->modrm_pos - L->opc_pos);
    UChar *rip_disp = emit_modrm_mem(e, (b[L->modrm_pos] >> 3) & 7, m);
    emit_bytes(e, b + L->mem_end, L->len - L->mem_end);
    if (rip_disp != NULL) {
        Long d = m->disp - (Long)(Addr)e->p;
        vg_assert(fits_s32(d));
        Int d32 = (Int)d;
        memcpy(rip_disp, &d32, 4);
    }
}
