/*--------------------------------------------------------------------*/
/*--- The guest's CPUID: the host's, minus what we cannot handle.   ---*/
/*---                                                    m_cpuid.c ---*/
/*--------------------------------------------------------------------*/

/* The guest may only see instruction-set extensions that capstone 4
   decodes and that the translator and skins handle: no AVX-512 of any
   kind (EVEX), no transactional memory (xbegin is a control transfer),
   none of the extensions capstone 4 mis-decodes (rdpid, movdiri,
   serialize, waitpkg, CET shadow stacks) or cannot decode (VAES, GFNI,
   VNNI, AMX, KL, PKU).  glibc then chooses its AVX2 string functions.
   See ../shared/notes/dependencies.md. */

#include "pub_core_basics.h"
#include "pub_core_cpuid.h"

#include <cpuid.h>
#include <string.h>

#define BIT(n) (1u << (n))

/* The answers so far: CPUID traps to the hypervisor in a virtual
   machine (tens of microseconds), and ld.so alone asks about 60 times.
   Per-CPU values (the APIC ids of leaves 1, 0xB and 0x1F) stay those
   of the first CPU asked, as if the program had not migrated. */
#define CPUID_CACHE 64
static struct {
    UInt leaf, subleaf;
    Bool valid;
    UInt regs[4];
} cache[CPUID_CACHE];

static void host_cpuid(UInt leaf, UInt subleaf, UInt out[4]);

void VG_(guest_cpuid)(UInt leaf, UInt subleaf, UInt out[4])
{
    UInt slot = (leaf * 7 + subleaf + (leaf >> 31) * 13) % CPUID_CACHE;
    if (cache[slot].valid && cache[slot].leaf == leaf && cache[slot].subleaf == subleaf) {
        memcpy(out, cache[slot].regs, sizeof cache[slot].regs);
        return;
    }
    host_cpuid(leaf, subleaf, out);
    cache[slot].leaf = leaf;
    cache[slot].subleaf = subleaf;
    memcpy(cache[slot].regs, out, sizeof cache[slot].regs);
    cache[slot].valid = True;
}

static void host_cpuid(UInt leaf, UInt subleaf, UInt out[4])
{
    UInt a = 0, b = 0, c = 0, d = 0;
    __cpuid_count(leaf, subleaf, a, b, c, d);
    switch (leaf) {
    case 7:
        if (subleaf == 0) {
            b &= ~(BIT(0) | BIT(4) | BIT(11) | BIT(14) |              /* FSGSBASE HLE RTM MPX */
                   BIT(16) | BIT(17) | BIT(21) | BIT(26) | BIT(27) |  /* AVX-512 F DQ IFMA PF ER */
                   BIT(28) | BIT(30) | BIT(31));                      /* AVX-512 CD BW VL */
            c &= ~(BIT(1) | BIT(3) | BIT(4) | BIT(5) | BIT(6) |       /* VBMI PKU OSPKE WAITPKG VBMI2 */
                   BIT(7) | BIT(8) | BIT(9) | BIT(10) | BIT(11) |     /* CET_SS GFNI VAES VPCLMULQDQ VNNI */
                   BIT(12) | BIT(14) | BIT(22) | BIT(23) | BIT(25) |  /* BITALG VPOPCNTDQ RDPID KL CLDEMOTE */
                   BIT(27) | BIT(28) | BIT(29));                      /* MOVDIRI MOVDIR64B ENQCMD */
            d &= ~(BIT(2) | BIT(3) | BIT(8) | BIT(14) | BIT(16) |     /* 4VNNIW 4FMAPS VP2INTERSECT SERIALIZE TSXLDTRK */
                   BIT(18) | BIT(20) | BIT(22) | BIT(23) | BIT(24) |  /* PCONFIG CET_IBT AMX-BF16 FP16 AMX-TILE */
                   BIT(25));                                          /* AMX-INT8 */
        } else {
            a = b = c = d = 0; /* AVX-VNNI, AVX512_BF16, AMX-FP16, ... */
        }
        break;
    case 0x14: /* processor trace */
    case 0x19: /* key locker */
    case 0x1D: /* AMX tiles */
    case 0x1E:
    case 0x24: /* AVX10 */
        a = b = c = d = 0;
        break;
    case 0x80000001:
        c &= ~(BIT(11) | BIT(16) | BIT(21)); /* XOP, FMA4, TBM */
        break;
    default:
        break;
    }
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = d;
}
