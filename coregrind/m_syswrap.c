/*--------------------------------------------------------------------*/
/*--- System calls of the client.                        m_syswrap.c ---*/
/*--------------------------------------------------------------------*/

/* Every client `syscall` ends its block; the scheduler calls
   VG_(client_syscall) with the guest registers in the ThreadState.  The
   memory effects of every call come from the one table in m_sysdesc
   (pre/post events); this file only performs the calls, and emulates the
   few that concern the core: the address space (mmap family, brk),
   %fs/%gs (arch_prctl), processes (clone, fork, execve, exit), signal
   dispositions, and what would reveal the core instead of the client
   (/proc/self/exe). */

#include "pub_core_basics.h"
#include "pub_core_syswrap.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_commandline.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_scheduler.h"
#include "pub_core_skinload.h"
#include "pub_core_sysdesc.h"
#include "pub_core_tooliface.h"

#include <asm/prctl.h>
#include <errno.h>
#include <fnmatch.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/*--- Helpers -----------------------------------------------------------------------------*/

static SysRes passthrough(UWord no, const UWord *a)
{
    return VG_(mk_SysRes)(VG_(do_syscall6)(no, a[0], a[1], a[2], a[3], a[4], a[5]));
}

static Word raw_of(SysRes r)
{
    return r.is_error ? -(Word)r.val : (Word)r.val;
}

static Bool is_proc_self_exe(const HChar *path)
{
    if (path == NULL || !VG_(am_is_valid_for_client)((Addr)path, 1, PROT_READ))
        return False;
    if (strcmp(path, "/proc/self/exe") == 0)
        return True;
    HChar mine[64];
    snprintf(mine, sizeof mine, "/proc/%d/exe", (int)getpid());
    return strcmp(path, mine) == 0;
}

static SysRes fake_readlink_exe(HChar *buf, SizeT size)
{
    const HChar *exe = VG_(client_exe_path)();
    SizeT n = strlen(exe);
    if (n > size)
        n = size;
    if (!VG_(am_is_valid_for_client)((Addr)buf, n, PROT_WRITE))
        return VG_(mk_SysRes_Error)(EFAULT);
    memcpy(buf, exe, n);
    return VG_(mk_SysRes_Success)(n);
}

/*--- The address space -----------------------------------------------------------------------*/

static SysRes sys_mmap(const UWord *a)
{
    UInt prot = (UInt)a[2];
    SysRes r = VG_(am_client_mmap)(a[0], a[1], prot, (UInt)a[3], (Int)a[4], (OffT)a[5]);
    if (!r.is_error)
        VG_TRACK(new_mem_mmap, r.val, VG_PGROUNDUP(a[1]), (prot & PROT_READ) != 0,
                 (prot & PROT_WRITE) != 0, (prot & PROT_EXEC) != 0, 0);
    return r;
}

static SysRes sys_munmap(const UWord *a)
{
    SysRes r = VG_(am_client_munmap)(a[0], a[1]);
    if (!r.is_error)
        VG_TRACK(die_mem_munmap, a[0], VG_PGROUNDUP(a[1]));
    return r;
}

static SysRes sys_mprotect(const UWord *a)
{
    UInt prot = (UInt)a[2];
    SysRes r = VG_(am_client_mprotect)(a[0], a[1], prot);
    if (!r.is_error)
        VG_TRACK(change_mem_mprotect, a[0], VG_PGROUNDUP(a[1]), (prot & PROT_READ) != 0,
                 (prot & PROT_WRITE) != 0, (prot & PROT_EXEC) != 0);
    return r;
}

static SysRes sys_mremap(const UWord *a)
{
    Addr old = a[0];
    SizeT old_len = VG_PGROUNDUP(a[1]), new_len = VG_PGROUNDUP(a[2]);
    SysRes r = VG_(am_client_mremap)(old, a[1], a[2], (UInt)a[3], a[4]);
    if (r.is_error)
        return r;
    Addr now = r.val;
    if (now != old) {
        VG_TRACK(copy_mem_remap, old, now, old_len < new_len ? old_len : new_len);
        if (!((UInt)a[3] & MREMAP_DONTUNMAP))
            VG_TRACK(die_mem_munmap, old, old_len);
    }
    if (new_len > old_len) {
        const NSegment *s = VG_(am_find_segment)(now);
        UInt prot = s ? s->prot : 0;
        VG_TRACK(new_mem_mmap, now + old_len, new_len - old_len, (prot & PROT_READ) != 0,
                 (prot & PROT_WRITE) != 0, (prot & PROT_EXEC) != 0, 0);
    } else if (new_len < old_len && now == old) {
        VG_TRACK(die_mem_munmap, old + new_len, old_len - new_len);
    }
    return r;
}

static SysRes sys_brk(ThreadState *ts, const UWord *a)
{
    Addr before = VG_(am_client_brk)(0);
    Addr after = VG_(am_client_brk)(a[0]);
    if (after > before)
        VG_TRACK(new_mem_brk, before, after - before, ts->tid);
    else if (after < before)
        VG_TRACK(die_mem_brk, after, before - after);
    return VG_(mk_SysRes_Success)(after);
}

/*--- %fs and %gs -----------------------------------------------------------------------------------*/

static SysRes sys_arch_prctl(ThreadState *ts, const UWord *a)
{
    switch (a[0]) {
    case ARCH_SET_FS:
        ts->fs_base = a[1];
        return VG_(mk_SysRes_Success)(0);
    case ARCH_SET_GS:
        ts->gs_base = a[1];
        return VG_(mk_SysRes_Success)(0);
    case ARCH_GET_FS:
    case ARCH_GET_GS:
        if (!VG_(am_is_valid_for_client)(a[1], sizeof(UWord), PROT_WRITE))
            return VG_(mk_SysRes_Error)(EFAULT);
        *(UWord *)a[1] = a[0] == ARCH_GET_FS ? ts->fs_base : ts->gs_base;
        return VG_(mk_SysRes_Success)(0);
    case ARCH_GET_CPUID:
        return VG_(mk_SysRes_Success)(1);
    case ARCH_SET_CPUID:
        return VG_(mk_SysRes_Error)(EINVAL); /* cpuid is ours to emulate */
    default:
        return VG_(mk_SysRes_Error)(EINVAL);
    }
}

/*--- Processes ---------------------------------------------------------------------------------------*/

/* fork, vfork, and clone without CLONE_VM (or with CLONE_VFORK, which is
   run as a fork: the parent does not wait, as Valgrind also does). */
static SysRes do_fork(ThreadState *ts, UWord flags, Addr child_sp, UWord *parent_tid,
                      UWord *child_tid, Addr tls)
{
    flags &= ~(UWord)(CLONE_VM | CLONE_VFORK | CLONE_SETTLS);
    Word r = VG_(do_syscall6)(SYS_clone, flags, 0, (UWord)parent_tid, (UWord)child_tid, 0, 0);
    if (r == 0) {
        if (child_sp != 0)
            ts->gpr[R_RSP] = child_sp;
        if (tls != 0)
            ts->fs_base = tls;
        VG_(atfork_child)();
    }
    return VG_(mk_SysRes)(r);
}

static SysRes sys_clone(ThreadState *ts, const UWord *a)
{
    UWord flags = a[0];
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
        return VG_(mk_SysRes_Error)(ENOSYS); /* threads: see m_threads (issue 5) */
    return do_fork(ts, flags, a[1], (UWord *)a[2], (UWord *)a[3],
                   (flags & CLONE_SETTLS) ? a[4] : 0);
}

/* Removes our preload libraries from an LD_PRELOAD value. */
static HChar *strip_preloads(const HChar *entry)
{
    const HChar *val = entry + strlen("LD_PRELOAD=");
    const HChar *lib = VG_(libdir)();
    HChar *out = VG_(malloc)("syswrap.env", strlen(entry) + 1);
    strcpy(out, "LD_PRELOAD=");
    HChar *copy = VG_(strdup)("syswrap.env", val);
    Bool first = True;
    for (HChar *tok = strtok(copy, ": "); tok; tok = strtok(NULL, ": ")) {
        const HChar *base = strrchr(tok, '/');
        base = base ? base + 1 : tok;
        if (strncmp(tok, lib, strlen(lib)) == 0 && strncmp(base, "vgpreload_", 10) == 0)
            continue;
        if (!first)
            strcat(out, ":");
        strcat(out, tok);
        first = False;
    }
    VG_(free)(copy);
    return out;
}

static Bool skip_child(const HChar *path)
{
    const HChar *pats = VG_(clo_trace_children_skip);
    if (pats == NULL)
        return False;
    HChar *copy = VG_(strdup)("syswrap.skip", pats);
    Bool skip = False;
    for (HChar *tok = strtok(copy, ","); tok && !skip; tok = strtok(NULL, ","))
        skip = fnmatch(tok, path, 0) == 0;
    VG_(free)(copy);
    return skip;
}

static SysRes sys_execve(ThreadState *ts, const UWord *a)
{
    const HChar *path = (const HChar *)a[0];
    HChar **argv = (HChar **)a[1], **envp = (HChar **)a[2];
    if (!VG_(am_is_valid_for_client)((Addr)path, 1, PROT_READ))
        return VG_(mk_SysRes_Error)(EFAULT);
    UInt envc = 0;
    while (envp && envp[envc])
        envc++;
    HChar **env = VG_(calloc)("syswrap.env", envc + 1, sizeof(HChar *));
    Bool traced = VG_(clo_trace_children) && !skip_child(path);
    for (UInt i = 0; i < envc; i++)
        env[i] = (!traced && strncmp(envp[i], "LD_PRELOAD=", 11) == 0)
                     ? strip_preloads(envp[i])
                     : envp[i];
    if (!traced)
        return VG_(mk_SysRes)(VG_(do_syscall3)(SYS_execve, (UWord)path, (UWord)argv,
                                               (UWord)env));
    /* Under the tool: our executable, our options, then the program.  If
       the program cannot be run, the child core reports it. */
    HChar **opts = VG_(command_line_options)();
    UInt nopt = 0, nargs = 0;
    while (opts[nopt])
        nopt++;
    while (argv && argv[nargs])
        nargs++;
    HChar **nv = VG_(calloc)("syswrap.argv", nopt + nargs + 3, sizeof(HChar *));
    UInt k = 0;
    nv[k++] = (HChar *)"valgrind";
    for (UInt i = 0; i < nopt; i++)
        nv[k++] = opts[i];
    nv[k++] = (HChar *)path;
    for (UInt i = 1; i < nargs; i++)
        nv[k++] = argv[i];
    if (access(path, X_OK) != 0)
        return VG_(mk_SysRes_Error)((UWord)errno);
    Word r = VG_(do_syscall3)(SYS_execve, (UWord)"/proc/self/exe", (UWord)nv, (UWord)env);
    (void)ts;
    return VG_(mk_SysRes)(r);
}

/*--- Signal dispositions (until signals are virtualised, issue 5) ------------------------------------*/

/* The client's handlers are recorded, never installed: a signal whose
   default action is to die still kills the process as it would natively;
   an ignored signal is ignored by the kernel. */
typedef struct {
    UWord handler, flags, restorer, mask;
} KSigaction;

static KSigaction client_sigactions[65];

static SysRes sys_rt_sigaction(const UWord *a)
{
    Int sig = (Int)a[0];
    if (sig < 1 || sig > 64 || sig == SIGKILL || sig == SIGSTOP || a[3] != 8)
        return VG_(mk_SysRes_Error)(EINVAL);
    KSigaction *old = (KSigaction *)a[2], *act = (KSigaction *)a[1];
    if (old && !VG_(am_is_valid_for_client)((Addr)old, sizeof *old, PROT_WRITE))
        return VG_(mk_SysRes_Error)(EFAULT);
    if (act && !VG_(am_is_valid_for_client)((Addr)act, sizeof *act, PROT_READ))
        return VG_(mk_SysRes_Error)(EFAULT);
    KSigaction prev = client_sigactions[sig];
    if (act) {
        KSigaction k = *act;
        if (k.handler == (UWord)SIG_IGN || k.handler == (UWord)SIG_DFL) {
            KSigaction real = {k.handler, 0, 0, 0};
            VG_(do_syscall4)(SYS_rt_sigaction, (UWord)sig, (UWord)&real, 0, 8);
        }
        client_sigactions[sig] = k;
    }
    if (old)
        *old = prev;
    return VG_(mk_SysRes_Success)(0);
}

/*--- The entry point -------------------------------------------------------------------------------------*/

static SysRes dispatch(ThreadState *ts, UWord no, UWord *a)
{
    switch (no) {
    case SYS_mmap:
        return sys_mmap(a);
    case SYS_munmap:
        return sys_munmap(a);
    case SYS_mprotect:
        return sys_mprotect(a);
    case SYS_mremap:
        return sys_mremap(a);
    case SYS_brk:
        return sys_brk(ts, a);
    case SYS_shmat:
        return VG_(am_client_shmat)((Int)a[0], a[1], (Int)a[2]);
    case SYS_shmdt:
        return VG_(am_client_shmdt)(a[0]);
    case SYS_arch_prctl:
        return sys_arch_prctl(ts, a);
    case SYS_exit:
    case SYS_exit_group:
        VG_(client_exit)(ts, (Int)a[0]);
    case SYS_fork:
    case SYS_vfork:
        return do_fork(ts, SIGCHLD, 0, NULL, NULL, 0);
    case SYS_clone:
        return sys_clone(ts, a);
    case SYS_clone3:
        return VG_(mk_SysRes_Error)(ENOSYS); /* glibc falls back to clone */
    case SYS_execve:
        return sys_execve(ts, a);
    case SYS_rseq:
        return VG_(mk_SysRes_Error)(ENOSYS); /* the kernel would patch host PCs */
    case SYS_rt_sigaction:
        return sys_rt_sigaction(a);
    case SYS_sigaltstack:
        return passthrough(no, a);
    case SYS_readlink:
        if (is_proc_self_exe((const HChar *)a[0]))
            return fake_readlink_exe((HChar *)a[1], a[2]);
        return passthrough(no, a);
    case SYS_readlinkat:
        if (is_proc_self_exe((const HChar *)a[1]))
            return fake_readlink_exe((HChar *)a[2], a[3]);
        return passthrough(no, a);
    default:
        return passthrough(no, a);
    }
}

void VG_(client_syscall)(ThreadState *ts)
{
    UWord no = ts->gpr[R_RAX];
    UWord a[6] = {ts->gpr[R_RDI], ts->gpr[R_RSI], ts->gpr[R_RDX],
                  ts->gpr[R_R10], ts->gpr[R_R8],  ts->gpr[R_R9]};
    if (VG_(clo_trace_syscalls)) {
        HChar buf[256];
        VG_(sysdesc_format_pre)(buf, sizeof buf, no, a);
        VG_(printf)("SYSCALL[%d,%u](%lu) %s", (int)getpid(), ts->tid, (unsigned long)no, buf);
    }
    VG_TRACK(pre_syscall, ts->tid, (UInt)no, a, 6);
    VG_(sysdesc_pre)(ts->tid, no, a);
    SysRes r = dispatch(ts, no, a);
    VG_(sysdesc_post)(ts->tid, no, a, r);
    VG_TRACK(post_syscall, ts->tid, (UInt)no, a, 6, r);
    if (VG_(clo_trace_syscalls)) {
        HChar buf[128];
        VG_(sysdesc_format_res)(buf, sizeof buf, no, r);
        VG_(printf)(" %s\n", buf);
    }
    /* What the kernel leaves behind: the result in rax, the return
       address in rcx and rflags in r11. */
    ts->gpr[R_RAX] = (UWord)raw_of(r);
    ts->gpr[R_RCX] = ts->rip;
    ts->gpr[R_R11] = ts->rflags;
}
