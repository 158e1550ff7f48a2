/*--------------------------------------------------------------------*/
/*--- Unit test driver of the debug-info module.          harness.c ---*/
/*--------------------------------------------------------------------*/

/* Reads commands from stdin, one per line, and prints one answer line
   each, for tests/unit/debuginfo.t to compare with what binutils says:

     load PATH          register an ELF file as if mapped (ET_DYN at a
                        made-up base); later addresses are its vaddrs
     fn|raw|entry ADDR  VG_(get_fnname) / _raw / _if_entry
     line ADDR          VG_(get_filename_linenum): "file:line" ("dir" too
     fullline ADDR        with fullline)
     inl ADDR           VG_(get_inlined_frames): "fn@file:line;..."
     obj|desc ADDR      VG_(get_objname), VG_(describe_IP)
     soname             VG_(di_soname) of the last object loaded
     addr NAME          vaddr of the symbol NAME (VG_(di_foreach_symbol))
     demangle yes|no    VG_(clo_demangle)
     chain LIB          dlopen LIB, register this process's mappings, call
                        its run_chain(capture) and print the function of
                        every frame capture unwinds
     signal LIB         the same, capture running in a signal handler
     pp LIB             VG_(pp_StackTrace) of the chain's trace
     forget             forget every object
   "-" stands for "no answer". */

#include "pub_core_basics.h"
#include "pub_core_debuginfo.h"
#include "pub_core_stacktrace.h"
#include "priv_debuginfo.h"

#include <dlfcn.h>
#include <elf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

extern Bool VG_(clo_demangle);
void stub_read_maps(void);

static Addr bias;
static Addr next_base = 0x100000000000UL;
static DebugInfo *last_di;

static void on_loaded(DebugInfo *di)
{
    last_di = di;
}

static void cmd_load(const HChar *path)
{
    ElfImage e;
    if (!ML_(elf_open)(path, &e)) {
        printf("failed\n");
        return;
    }
    Addr base = e.type == ET_DYN ? next_base : 0;
    next_base += 0x10000000UL;
    Bool done = False;
    for (UInt i = 0; i < e.phnum && !done; i++) {
        ElfSeg g;
        if (!ML_(elf_segment)(&e, i, &g) || g.type != PT_LOAD || !(g.flags & PF_X))
            continue;
        Addr a = (g.vaddr & ~(VG_PAGE_SIZE - 1)) + base;
        OffT off = g.offset & ~(VG_PAGE_SIZE - 1);
        done = VG_(di_notify_mmap)(a, g.memsz, PROT_READ | PROT_EXEC, off, path) != 0;
    }
    ML_(elf_close)(&e);
    bias = base;
    printf(done ? "loaded\n" : "failed\n");
}

typedef struct {
    const HChar *want;
    Addr found;
} SymSearch;

static void find_sym(Addr a, SizeT size, const HChar *name, Bool is_ifunc, void *opaque)
{
    SymSearch *s = opaque;
    if (s->found == 0 && strcmp(name, s->want) == 0)
        s->found = a;
}

static void print_opt(Bool ok, const HChar *const *s)
{
    printf("%s\n", ok && *s ? *s : "-");
}

/*--- Unwinding this process's own stack ------------------------------------------------*/

static Addr trace[64];
static UInt n_trace;
static Addr stack_lo, stack_hi;

static void register_self(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    HChar line[4096];
    while (f != NULL && fgets(line, sizeof line, f)) {
        unsigned long lo, hi, off;
        char perms[8], path[4000];
        path[0] = 0;
        if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %3999s", &lo, &hi, perms, &off, path) < 4)
            continue;
        if (strcmp(path, "[stack]") == 0) {
            stack_lo = lo;
            stack_hi = hi;
        }
        if (perms[2] == 'x' && path[0] == '/')
            VG_(di_notify_mmap)(lo, hi - lo, PROT_READ | PROT_EXEC, off, path);
    }
    if (f != NULL)
        fclose(f);
    stub_read_maps();
}

__attribute__((noinline)) static void capture(void)
{
    Addr ip, sp, fp;
    __asm__ volatile("lea 0(%%rip), %0\n\tmov %%rsp, %1\n\tmov %%rbp, %2"
                     : "=r"(ip), "=r"(sp), "=r"(fp));
    n_trace = VG_(get_StackTrace_from)(ip, sp, fp, stack_lo, stack_hi, trace, 64);
}

static void on_signal(int sig)
{
    capture();
}

static void in_signal(void)
{
    raise(SIGUSR1);
}

static Bool run_lib(const HChar *lib, Bool sig)
{
    void *h = dlopen(lib, RTLD_NOW);
    if (h == NULL) {
        printf("dlopen failed: %s\n", dlerror());
        return False;
    }
    int (*run_chain)(void (*)(void)) = (int (*)(void (*)(void)))dlsym(h, "run_chain");
    if (run_chain == NULL) {
        printf("no run_chain\n");
        return False;
    }
    register_self();
    n_trace = 0;
    if (sig) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGUSR1, &sa, NULL);
        run_chain(in_signal);
    } else {
        run_chain(capture);
    }
    return True;
}

static void cmd_chain(const HChar *lib, Bool sig)
{
    if (!run_lib(lib, sig))
        return;
    for (UInt i = 0; i < n_trace; i++) {
        const HChar *fn;
        if (!VG_(get_fnname)(VG_(StackTrace_lookup_ip)(trace, i), &fn))
            fn = "???";
        printf("%s%s", i ? " " : "", fn);
    }
    printf("\n");
}

/*--- The command loop ------------------------------------------------------------------------*/

int main(void)
{
    HChar line[4096];
    VG_(set_di_callbacks)(on_loaded, NULL);
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        HChar *arg = strchr(line, ' ');
        if (arg)
            *arg++ = 0;
        else
            arg = line + strlen(line);
        Addr a = bias + strtoul(arg, NULL, 16);
        const HChar *s = NULL, *dir = NULL;
        UInt ln = 0;
        if (strcmp(line, "load") == 0) {
            cmd_load(arg);
        } else if (strcmp(line, "fn") == 0) {
            print_opt(VG_(get_fnname)(a, &s), &s);
        } else if (strcmp(line, "raw") == 0) {
            print_opt(VG_(get_fnname_raw)(a, &s), &s);
        } else if (strcmp(line, "entry") == 0) {
            print_opt(VG_(get_fnname_if_entry)(a, &s), &s);
        } else if (strcmp(line, "line") == 0 || strcmp(line, "fullline") == 0) {
            if (VG_(get_filename_linenum)(a, &s, &dir, &ln)) {
                if (line[0] == 'f')
                    printf("%s/%s:%u\n", dir ? dir : "", s, ln);
                else
                    printf("%s:%u\n", s, ln);
            } else {
                printf("-\n");
            }
        } else if (strcmp(line, "inl") == 0) {
            InlinedFrame fr[32];
            UInt n = VG_(get_inlined_frames)(a, fr, 32);
            for (UInt i = 0; i < n; i++)
                printf("%s%s@%s:%u", i ? ";" : "", fr[i].fnname ? fr[i].fnname : "??",
                       fr[i].file ? fr[i].file : "??", fr[i].line);
            printf(n ? "\n" : "-\n");
        } else if (strcmp(line, "obj") == 0) {
            print_opt(VG_(get_objname)(a, &s), &s);
        } else if (strcmp(line, "desc") == 0) {
            HChar buf[512];
            printf("%s\n", VG_(describe_IP)(a, buf, sizeof buf));
        } else if (strcmp(line, "soname") == 0) {
            s = last_di ? VG_(di_soname)(last_di) : NULL;
            print_opt(True, &s);
        } else if (strcmp(line, "addr") == 0) {
            SymSearch ss = {arg, 0};
            if (last_di)
                VG_(di_foreach_symbol)(last_di, find_sym, &ss);
            if (ss.found)
                printf("%lx\n", (unsigned long)(ss.found - bias));
            else
                printf("-\n");
        } else if (strcmp(line, "demangle") == 0) {
            VG_(clo_demangle) = strcmp(arg, "yes") == 0;
            printf("ok\n");
        } else if (strcmp(line, "chain") == 0 || strcmp(line, "signal") == 0) {
            cmd_chain(arg, line[0] == 's');
        } else if (strcmp(line, "pp") == 0) {
            if (run_lib(arg, False))
                VG_(pp_StackTrace)(trace, n_trace);
            printf("end\n");
        } else if (strcmp(line, "forget") == 0) {
            ML_(di_forget_all)();
            last_di = NULL;
            printf("ok\n");
        } else {
            printf("unknown command %s\n", line);
        }
    }
    return 0;
}
