/*--------------------------------------------------------------------*/
/*--- Loading the client: ELF, #!, the initial stack.       m_ume.c ---*/
/*--------------------------------------------------------------------*/

/* The core maps the client executable and its program interpreter
   itself and builds the stack the kernel would have built, so the client
   runs under translation from its very first instruction. */

#include "pub_core_basics.h"
#include "pub_core_ume.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_libcprint.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHEBANG_MAX 256 /* the kernel's BINPRM_BUF_SIZE */
#define MAX_SHEBANG_DEPTH 4

/*--- Finding the program ---------------------------------------------------------*/

static Bool is_executable_file(const HChar *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The path the kernel would be given, as a shell finds it. */
static HChar *resolve_program(const HChar *prog)
{
    if (strchr(prog, '/') != NULL)
        return strdup(prog);
    const HChar *path = getenv("PATH");
    if (path == NULL)
        path = "/usr/local/bin:/usr/bin:/bin";
    HChar *found_nonexec = NULL;
    for (const HChar *p = path;;) {
        const HChar *colon = strchr(p, ':');
        SizeT dlen = colon ? (SizeT)(colon - p) : strlen(p);
        HChar *cand = malloc(dlen + strlen(prog) + 3);
        vg_assert(cand != NULL);
        if (dlen == 0)
            strcpy(cand, ".");
        else {
            memcpy(cand, p, dlen);
            cand[dlen] = 0;
        }
        strcat(cand, "/");
        strcat(cand, prog);
        if (is_executable_file(cand)) {
            free(found_nonexec);
            return cand;
        }
        if (found_nonexec == NULL && access(cand, F_OK) == 0)
            found_nonexec = cand;
        else
            free(cand);
        if (colon == NULL)
            break;
        p = colon + 1;
    }
    if (found_nonexec)
        return found_nonexec;
    VG_(fatal)(127, "%s: command not found", prog);
}

/*--- Reading headers -----------------------------------------------------------------*/

typedef struct {
    Int fd;
    const HChar *path;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
    Addr bias;
    Addr lo, hi; /* mapped span, after bias */
} ElfFile;

static VG_NORETURN void bad_exec(const HChar *path, Int err)
{
    VG_(fatal)(err == ENOENT ? 127 : 126, "%s: %s", path, strerror(err));
}

/* Opens path for exec, checking what the kernel's execve checks first. */
static Int open_for_exec(const HChar *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        bad_exec(path, errno);
    if (S_ISDIR(st.st_mode))
        bad_exec(path, EISDIR);
    if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0)
        bad_exec(path, EACCES);
    Int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        bad_exec(path, errno);
    return fd;
}

static void read_elf_headers(ElfFile *f, const UChar *head, SizeT head_len)
{
    const HChar *path = f->path;
    if (head_len < EI_NIDENT || memcmp(head, ELFMAG, SELFMAG) != 0)
        VG_(fatal)(126, "%s: cannot execute binary file: Exec format error", path);
    if (head[EI_CLASS] != ELFCLASS64)
        VG_(fatal)(126, "%s: not an x86-64 ELF executable (%s)", path,
                   head[EI_CLASS] == ELFCLASS32 ? "ELFCLASS32" : "bad ELF class");
    if (head_len < sizeof(Elf64_Ehdr))
        VG_(fatal)(126, "%s: truncated ELF file", path);
    memcpy(&f->eh, head, sizeof f->eh);
    const Elf64_Ehdr *eh = &f->eh;
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
        VG_(fatal)(126, "%s: not an x86-64 ELF executable (big-endian)", path);
    if (eh->e_machine != EM_X86_64)
        VG_(fatal)(126, "%s: not an x86-64 ELF executable (machine %u)", path, eh->e_machine);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        VG_(fatal)(126, "%s: not an executable ELF file (type %u)", path, eh->e_type);
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > 512)
        VG_(fatal)(126, "%s: bad ELF program headers", path);
    SizeT ph_bytes = (SizeT)eh->e_phnum * sizeof(Elf64_Phdr);
    f->ph = malloc(ph_bytes);
    vg_assert(f->ph != NULL);
    ssize_t n = pread(f->fd, f->ph, ph_bytes, (off_t)eh->e_phoff);
    if (n != (ssize_t)ph_bytes)
        VG_(fatal)(126, "%s: truncated ELF file", path);
    struct stat st;
    if (fstat(f->fd, &st) != 0)
        bad_exec(path, errno);
    for (UInt i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD && p->p_type != PT_INTERP)
            continue;
        if (p->p_offset + p->p_filesz > (ULong)st.st_size || p->p_filesz > p->p_memsz ||
            (p->p_type == PT_LOAD && (p->p_offset & (VG_PAGE_SIZE - 1)) !=
                                         (p->p_vaddr & (VG_PAGE_SIZE - 1))))
            VG_(fatal)(126, "%s: truncated or malformed ELF file", path);
    }
}

/*--- Mapping ---------------------------------------------------------------------------*/

static UInt prot_of(Elf64_Word flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
           (flags & PF_X ? PROT_EXEC : 0);
}

static void map_or_die(const ElfFile *f, Addr a, SizeT len, UInt prot, UInt flags, Int fd,
                       OffT off)
{
    SysRes r = VG_(am_map_client_fixed)(a, len, prot, flags, fd, off);
    if (r.is_error)
        VG_(fatal)(126, "%s: cannot map segment at %#lx: %s", f->path, a, strerror((int)r.val));
}

/* Maps every PT_LOAD of f.  is_main: a PIE executable goes at the layout's
   exe base; other ET_DYN objects are placed like an mmap. */
static void map_elf(ElfFile *f, Bool is_main)
{
    Addr lo = ~(Addr)0, hi = 0, align = VG_PAGE_SIZE;
    for (UInt i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        if (p->p_vaddr < lo)
            lo = p->p_vaddr;
        if (p->p_vaddr + p->p_memsz > hi)
            hi = p->p_vaddr + p->p_memsz;
        if (p->p_align > align && (p->p_align & (p->p_align - 1)) == 0)
            align = p->p_align;
    }
    if (hi == 0)
        VG_(fatal)(126, "%s: no loadable segments", f->path);
    lo = VG_PGROUNDDN(lo);
    hi = VG_PGROUNDUP(hi);
    if (align > (1UL << 21))
        align = 1UL << 21;
    if (f->eh.e_type == ET_EXEC) {
        f->bias = 0;
    } else if (is_main) {
        f->bias = VG_(layout).exe_base - lo;
    } else {
        Addr a = VG_(am_find_client_space)(0, hi - lo + align);
        if (a == 0)
            VG_(fatal)(126, "%s: no room to map it", f->path);
        a = (a + align - 1) & ~(align - 1);
        f->bias = a - lo;
    }
    f->lo = lo + f->bias;
    f->hi = hi + f->bias;

    for (UInt i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        UInt prot = prot_of(p->p_flags);
        Addr start = f->bias + p->p_vaddr;
        Addr page = VG_PGROUNDDN(start);
        Addr file_end = start + p->p_filesz;
        Addr mem_end = start + p->p_memsz;
        Bool partial_bss = p->p_memsz > p->p_filesz && (file_end & (VG_PAGE_SIZE - 1)) != 0;
        if (p->p_filesz > 0) {
            UInt fprot = partial_bss ? prot | PROT_WRITE : prot;
            map_or_die(f, page, VG_PGROUNDUP(file_end) - page, fprot, MAP_PRIVATE, f->fd,
                       (OffT)(p->p_offset - (start - page)));
            if (partial_bss) {
                memset((void *)file_end, 0, VG_PGROUNDUP(file_end) - file_end);
                if (fprot != prot)
                    VG_(am_client_mprotect)(page, VG_PGROUNDUP(file_end) - page, prot);
            }
        }
        Addr anon = p->p_filesz > 0 ? VG_PGROUNDUP(file_end) : page;
        if (VG_PGROUNDUP(mem_end) > anon)
            map_or_die(f, anon, VG_PGROUNDUP(mem_end) - anon, prot,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }
}

/*--- vgpreload objects in static clients ------------------------------------------------*/

/* Without ld.so nobody would load the skin's vgpreload object (whose
   replacements must reach a static program's malloc), so the core does:
   it is self-contained, needing only R_X86_64_RELATIVE relocations and
   symbol ones against its own or weak undefined symbols (which stay 0). */

static VG_NORETURN void bad_preload(const HChar *path, const HChar *why)
{
    VG_(fatal)(1, "cannot load %s into a static program: %s", path, why);
}

/* The client word at a, which the relocation may write. */
static Addr *reloc_target(const ElfFile *f, Elf64_Addr off)
{
    Addr a = f->bias + off;
    if (a < f->lo || a + 8 > f->hi || !VG_(am_is_valid_for_client)(a, 8, PROT_WRITE))
        bad_preload(f->path, "a relocation outside its writable segments");
    return (Addr *)a;
}

static void apply_relocs(const ElfFile *f, const Elf64_Rela *r, SizeT n, const Elf64_Sym *symtab)
{
    for (SizeT i = 0; i < n; i++) {
        UInt type = ELF64_R_TYPE(r[i].r_info), symi = ELF64_R_SYM(r[i].r_info);
        if (type == R_X86_64_NONE)
            continue;
        if (type == R_X86_64_RELATIVE) {
            *reloc_target(f, r[i].r_offset) = f->bias + (Addr)r[i].r_addend;
            continue;
        }
        if ((type != R_X86_64_GLOB_DAT && type != R_X86_64_JUMP_SLOT && type != R_X86_64_64) ||
            symtab == NULL)
            bad_preload(f->path, "a relocation type other than RELATIVE, GLOB_DAT, JUMP_SLOT, 64");
        const Elf64_Sym *sym = &symtab[symi];
        Addr val = 0;
        if (sym->st_shndx != SHN_UNDEF)
            val = f->bias + sym->st_value;
        else if (ELF64_ST_BIND(sym->st_info) != STB_WEAK)
            bad_preload(f->path, "it needs a symbol from another object");
        if (type == R_X86_64_64)
            val += (Addr)r[i].r_addend;
        *reloc_target(f, r[i].r_offset) = val;
    }
}

/* The address of a DT_ table in the mapped object, checked to lie in it. */
static const void *dyn_ptr(const ElfFile *f, Elf64_Addr v, SizeT len)
{
    Addr a = f->bias + v;
    if (a < f->lo || a + len > f->hi || a + len < a)
        bad_preload(f->path, "a malformed dynamic section");
    return (const void *)a;
}

static void relocate_preload(const ElfFile *f)
{
    const Elf64_Dyn *dyn = NULL;
    SizeT n_dyn = 0;
    for (UInt i = 0; i < f->eh.e_phnum; i++) {
        if (f->ph[i].p_type == PT_DYNAMIC) {
            n_dyn = f->ph[i].p_memsz / sizeof(Elf64_Dyn);
            dyn = dyn_ptr(f, f->ph[i].p_vaddr, n_dyn * sizeof(Elf64_Dyn));
        }
    }
    Elf64_Addr rela = 0, jmprel = 0, symtab = 0;
    SizeT relasz = 0, pltrelsz = 0;
    for (SizeT i = 0; i < n_dyn && dyn[i].d_tag != DT_NULL; i++) {
        switch (dyn[i].d_tag) {
        case DT_RELA: rela = dyn[i].d_un.d_ptr; break;
        case DT_RELASZ: relasz = dyn[i].d_un.d_val; break;
        case DT_JMPREL: jmprel = dyn[i].d_un.d_ptr; break;
        case DT_PLTRELSZ: pltrelsz = dyn[i].d_un.d_val; break;
        case DT_SYMTAB: symtab = dyn[i].d_un.d_ptr; break;
        case DT_NEEDED: bad_preload(f->path, "it needs other objects (DT_NEEDED)");
        case DT_TEXTREL: bad_preload(f->path, "it has text relocations");
        default: break;
        }
    }
    const Elf64_Sym *syms = symtab ? dyn_ptr(f, symtab, sizeof(Elf64_Sym)) : NULL;
    if (relasz)
        apply_relocs(f, dyn_ptr(f, rela, relasz), relasz / sizeof(Elf64_Rela), syms);
    if (pltrelsz)
        apply_relocs(f, dyn_ptr(f, jmprel, pltrelsz), pltrelsz / sizeof(Elf64_Rela), syms);
}

static void load_preload(const HChar *path)
{
    ElfFile f;
    memset(&f, 0, sizeof f);
    f.path = path;
    f.fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f.fd < 0)
        bad_preload(path, strerror(errno));
    UChar head[sizeof(Elf64_Ehdr)];
    ssize_t n = pread(f.fd, head, sizeof head, 0);
    read_elf_headers(&f, head, n < 0 ? 0 : (SizeT)n);
    if (f.eh.e_type != ET_DYN)
        bad_preload(path, "not a shared object");
    /* Writable while relocating: map_elf keeps the segments' own
       protections, and a preload's GOT is in its RW segment. */
    map_elf(&f, False);
    relocate_preload(&f);
    close(f.fd);
    free(f.ph);
}

static Addr phdr_addr(const ElfFile *f)
{
    for (UInt i = 0; i < f->eh.e_phnum; i++)
        if (f->ph[i].p_type == PT_PHDR)
            return f->bias + f->ph[i].p_vaddr;
    for (UInt i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type == PT_LOAD && f->eh.e_phoff >= p->p_offset &&
            f->eh.e_phoff < p->p_offset + p->p_filesz)
            return f->bias + p->p_vaddr + (f->eh.e_phoff - p->p_offset);
    }
    return 0;
}

static HChar *interp_of(const ElfFile *f)
{
    for (UInt i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type != PT_INTERP)
            continue;
        if (p->p_filesz == 0 || p->p_filesz > 4096)
            VG_(fatal)(126, "%s: bad PT_INTERP", f->path);
        HChar *s = calloc(1, p->p_filesz + 1);
        vg_assert(s != NULL);
        if (pread(f->fd, s, p->p_filesz, (off_t)p->p_offset) != (ssize_t)p->p_filesz)
            VG_(fatal)(126, "%s: truncated ELF file", f->path);
        return s;
    }
    return NULL;
}

/*--- #! scripts ----------------------------------------------------------------------------*/

/* Splits a "#!interp [arg]" line the way Linux does: one optional
   argument, the rest of the line with surrounding blanks trimmed. */
static void parse_shebang(const HChar *path, const UChar *buf, SizeT n, HChar **interp,
                          HChar **arg)
{
    SizeT end = 2;
    while (end < n && buf[end] != '\n')
        end++;
    HChar line[SHEBANG_MAX + 1];
    SizeT len = end - 2;
    if (len > SHEBANG_MAX)
        len = SHEBANG_MAX;
    memcpy(line, buf + 2, len);
    line[len] = 0;
    HChar *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    HChar *q = p;
    while (*q && *q != ' ' && *q != '\t')
        q++;
    if (q == p)
        VG_(fatal)(126, "%s: bad interpreter: no interpreter named after #!", path);
    HChar *a = NULL;
    if (*q) {
        *q++ = 0;
        while (*q == ' ' || *q == '\t')
            q++;
        HChar *e = q + strlen(q);
        while (e > q && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            *--e = 0;
        if (*q)
            a = strdup(q);
    }
    *interp = strdup(p);
    *arg = a;
}

/*--- The initial stack ----------------------------------------------------------------------*/

typedef struct {
    Addr sp;
} StackBuilder;

static Addr push_bytes(StackBuilder *sb, const void *p, SizeT n)
{
    sb->sp -= n;
    memcpy((void *)sb->sp, p, n);
    return sb->sp;
}

static Addr push_str(StackBuilder *sb, const HChar *s)
{
    return push_bytes(sb, s, strlen(s) + 1);
}

static UInt count_strs(HChar **v)
{
    UInt n = 0;
    while (v && v[n])
        n++;
    return n;
}

static void build_stack(ClientImage *ci, HChar **argv, HChar **envp, const HChar *execfn)
{
    StackBuilder sb = {VG_(layout).stack_hi};
    UInt argc = count_strs(argv), envc = count_strs(envp);

    /* Strings at the top, as the kernel puts them. */
    sb.sp -= sizeof(Addr); /* end marker */
    Addr execfn_p = push_str(&sb, execfn);
    Addr *envp_p = malloc((envc + 1) * sizeof(Addr));
    Addr *argv_p = malloc((argc + 1) * sizeof(Addr));
    vg_assert(envp_p && argv_p);
    for (Int i = (Int)envc - 1; i >= 0; i--)
        envp_p[i] = push_str(&sb, envp[i]);
    for (Int i = (Int)argc - 1; i >= 0; i--)
        argv_p[i] = push_str(&sb, argv[i]);
    Addr platform_p = push_str(&sb, "x86_64");
    UChar random[16];
    if (getentropy(random, sizeof random) != 0)
        memset(random, 0x5a, sizeof random);
    sb.sp &= ~(Addr)15;
    Addr random_p = push_bytes(&sb, random, sizeof random);

    /* auxv: ours where the kernel describes the machine, the client's where
       it describes the program. */
    Addr auxv[64];
    UInt na = 0;
#define AUX(t, v) (auxv[na++] = (t), auxv[na++] = (Addr)(v))
    Addr vdso = getauxval(AT_SYSINFO_EHDR);
    if (vdso)
        AUX(AT_SYSINFO_EHDR, vdso);
    AUX(AT_MINSIGSTKSZ, getauxval(AT_MINSIGSTKSZ));
    AUX(AT_HWCAP, getauxval(AT_HWCAP));
    AUX(AT_PAGESZ, VG_PAGE_SIZE);
    AUX(AT_CLKTCK, getauxval(AT_CLKTCK));
    AUX(AT_PHDR, ci->phdr);
    AUX(AT_PHENT, ci->phent);
    AUX(AT_PHNUM, ci->phnum);
    AUX(AT_BASE, ci->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, ci->exe_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random_p);
    /* HWCAP2 bit 1 (FSGSBASE) stays hidden: the guest's %fs is virtual. */
    AUX(AT_HWCAP2, getauxval(AT_HWCAP2) & ~(Addr)2);
    AUX(AT_EXECFN, execfn_p);
    AUX(AT_PLATFORM, platform_p);
    AUX(AT_NULL, 0);
#undef AUX

    SizeT words = 1 + (argc + 1) + (envc + 1) + na;
    sb.sp -= words * sizeof(Addr);
    sb.sp &= ~(Addr)15;
    Addr *w = (Addr *)sb.sp;
    *w++ = argc;
    for (UInt i = 0; i < argc; i++)
        *w++ = argv_p[i];
    *w++ = 0;
    for (UInt i = 0; i < envc; i++)
        *w++ = envp_p[i];
    *w++ = 0;
    memcpy(w, auxv, na * sizeof(Addr));
    ci->initial_sp = sb.sp;
    free(envp_p);
    free(argv_p);
}

/*--- Putting it together -------------------------------------------------------------------------*/

void VG_(load_client)(const HChar *prog, HChar **argv, HChar **envp,
                      const HChar *const *preloads, ClientImage *ci)
{
    memset(ci, 0, sizeof *ci);
    HChar *path = resolve_program(prog);
    const HChar *execfn = path;

    /* Client argv, rebuilt as #! lines are followed. */
    UInt argc = count_strs(argv);
    HChar **cargv = calloc(argc + 2 * MAX_SHEBANG_DEPTH + 2, sizeof(HChar *));
    vg_assert(cargv != NULL);
    for (UInt i = 0; i < argc; i++)
        cargv[i] = argv[i];
    if (argc == 0)
        cargv[argc++] = (HChar *)prog;

    ElfFile exe;
    for (UInt depth = 0;; depth++) {
        memset(&exe, 0, sizeof exe);
        exe.path = path;
        exe.fd = open_for_exec(path);
        UChar head[SHEBANG_MAX + 2];
        ssize_t n = pread(exe.fd, head, sizeof head, 0);
        if (n < 0)
            bad_exec(path, errno);
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            if (depth >= MAX_SHEBANG_DEPTH)
                VG_(fatal)(126, "%s: too many levels of #! interpreters", path);
            if (depth == 0)
                ci->script_path = path;
            HChar *interp, *arg;
            parse_shebang(path, head, (SizeT)n, &interp, &arg);
            close(exe.fd);
            /* argv becomes: interp [arg] script args... */
            UInt extra = arg ? 2 : 1;
            memmove(cargv + extra, cargv, (argc + 1) * sizeof(HChar *));
            cargv[0] = interp;
            if (arg)
                cargv[1] = arg;
            cargv[extra] = path;
            argc += extra;
            if (access(interp, F_OK) != 0)
                VG_(fatal)(127, "%s: %s: bad interpreter: No such file or directory", path,
                           interp);
            path = interp;
            continue;
        }
        read_elf_headers(&exe, head, (SizeT)n);
        break;
    }

    map_elf(&exe, True);
    ci->exe_path = realpath(exe.path, NULL);
    if (ci->exe_path == NULL)
        ci->exe_path = strdup(exe.path);
    ci->exe_lo = exe.lo;
    ci->exe_hi = exe.hi;
    ci->exe_entry = exe.bias + exe.eh.e_entry;
    ci->phdr = phdr_addr(&exe);
    ci->phnum = exe.eh.e_phnum;
    ci->phent = sizeof(Elf64_Phdr);
    ci->entry = ci->exe_entry;
    VG_(am_init_brk)(exe.hi);

    HChar *interp = interp_of(&exe);
    if (interp != NULL) {
        ElfFile in;
        memset(&in, 0, sizeof in);
        in.path = interp;
        in.fd = open(interp, O_RDONLY | O_CLOEXEC);
        if (in.fd < 0)
            VG_(fatal)(127, "%s: cannot run: interpreter %s: %s", exe.path, interp,
                       strerror(errno));
        UChar head[sizeof(Elf64_Ehdr)];
        ssize_t n = pread(in.fd, head, sizeof head, 0);
        read_elf_headers(&in, head, n < 0 ? 0 : (SizeT)n);
        if (in.eh.e_type != ET_DYN)
            VG_(fatal)(126, "%s: interpreter %s is not a shared object", exe.path, interp);
        map_elf(&in, False);
        ci->interp_base = in.lo;
        ci->interp_path = interp;
        ci->entry = in.bias + in.eh.e_entry;
        close(in.fd);
        free(in.ph);
    } else {
        for (UInt i = 0; preloads != NULL && preloads[i] != NULL; i++)
            load_preload(preloads[i]);
    }
    close(exe.fd);
    free(exe.ph);

    ci->client_argc = (Int)argc;
    ci->client_argv = cargv;
    build_stack(ci, cargv, envp, execfn);
}
