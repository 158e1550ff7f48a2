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
#include "pub_core_debuginfo.h"
#include "pub_core_fdtrack.h"
#include "pub_core_options.h"
#include "pub_core_scheduler.h"
#include "pub_core_signals.h"
#include "pub_core_skinload.h"
#include "pub_core_sysdesc.h"
#include "pub_core_threads.h"
#include "pub_core_tooliface.h"

#include <asm/prctl.h>
#include <linux/prctl.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/close_range.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/*--- Helpers -----------------------------------------------------------------------------*/

Word vg_client_syscall_asm(UWord no, const UWord args[6], volatile UInt *interrupted);

/* A system call the core does not emulate: made with the big lock
   released (it may block), through the routine that never starts it once
   a signal for the thread is queued (m_syscall_asm.S). */
static SysRes passthrough_ts(ThreadState *ts, UWord no, const UWord *a)
{
    VG_(release_lock)(ts);
    Word r = vg_client_syscall_asm(no, a, &ts->sig_interrupt);
    VG_(acquire_lock)(ts);
    return VG_(mk_SysRes)(r);
}

/* One that cannot block, made under the lock. */
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
        VG_(threads_atfork_child)(ts);
        VG_(sig_atfork_child)(ts);
        VG_(atfork_child)();
        VG_(di_atfork_child)();
    }
    return VG_(mk_SysRes)(r);
}

static SysRes sys_clone(ThreadState *ts, const UWord *a)
{
    UWord flags = a[0];
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
        return VG_(thread_clone)(ts, flags, a[1], a[2], a[3], a[4]);
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

/* Does S match one of PATS ("patt1,patt2", NULL: none)? */
static Bool matches_one_of(const HChar *pats, const HChar *s)
{
    if (pats == NULL)
        return False;
    HChar *copy = VG_(strdup)("syswrap.skip", pats);
    Bool match = False;
    for (HChar *tok = strtok(copy, ","); tok && !match; tok = strtok(NULL, ","))
        match = fnmatch(tok, s, 0) == 0;
    VG_(free)(copy);
    return match;
}

/* --trace-children-skip matches the program's path;
   --trace-children-skip-by-arg any of its arguments, argv[0] included. */
static Bool skip_child(const HChar *path, HChar *const *argv)
{
    if (matches_one_of(VG_(clo_trace_children_skip), path))
        return True;
    for (UInt i = 0; argv != NULL && argv[i] != NULL; i++) {
        if (!VG_(am_is_valid_for_client)((Addr)argv[i], 1, PROT_READ))
            break;
        if (matches_one_of(VG_(clo_trace_children_skip_by_arg), argv[i]))
            return True;
    }
    return False;
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
    Bool traced = VG_(clo_trace_children) && !skip_child(path, argv);
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

/*--- Syscalls that wait with a temporary signal mask ----------------------------------------------*/

/* rt_sigsuspend, ppoll, pselect6, epoll_pwait: the guest's mask for the
   wait becomes the thread's (temporary) guest mask, and the kernel gets
   it minus the core's own signals. */
static SysRes masked_wait(ThreadState *ts, UWord no, const UWord *a)
{
    UWord args[6];
    memcpy(args, a, sizeof args);
    Int mask_arg = -1;
    switch (no) {
    case SYS_rt_sigsuspend: mask_arg = 0; break;
    case SYS_ppoll: mask_arg = 3; break;
    case SYS_epoll_pwait: mask_arg = 4; break;
    default: break;
    }
    UWord host_mask, guest_mask;
    UWord pselect_data[2];
    if (no == SYS_pselect6 && a[5] != 0) {
        if (!VG_(am_is_valid_for_client)(a[5], sizeof pselect_data, PROT_READ))
            return VG_(mk_SysRes_Error)(EFAULT);
        memcpy(pselect_data, (const void *)a[5], sizeof pselect_data);
        if (pselect_data[0] != 0) {
            if (!VG_(am_is_valid_for_client)(pselect_data[0], 8, PROT_READ))
                return VG_(mk_SysRes_Error)(EFAULT);
            guest_mask = *(const UWord *)pselect_data[0];
            host_mask = VG_(sig_host_mask_of)(guest_mask);
            pselect_data[0] = (UWord)&host_mask;
            args[5] = (UWord)pselect_data;
            VG_(sig_temp_mask_begin)(ts, guest_mask);
        }
        return passthrough_ts(ts, no, args);
    }
    if (mask_arg < 0 || a[mask_arg] == 0)
        return passthrough_ts(ts, no, args);
    if (!VG_(am_is_valid_for_client)(a[mask_arg], 8, PROT_READ))
        return VG_(mk_SysRes_Error)(EFAULT);
    guest_mask = *(const UWord *)a[mask_arg];
    host_mask = VG_(sig_host_mask_of)(guest_mask);
    args[mask_arg] = (UWord)&host_mask;
    VG_(sig_temp_mask_begin)(ts, guest_mask);
    return passthrough_ts(ts, no, args);
}

/* close_range (glibc's closefrom): the range minus the core's own
   descriptors (there are at most two: the log and the XML output). */
static SysRes sys_close_range(const UWord *a)
{
    UInt lo = (UInt)a[0], hi = (UInt)a[1];
    Int cand[2] = {VG_(get_log_fd)(), VG_(get_xml_fd)()}, core[2], n = 0;
    if (cand[0] > cand[1]) {
        Int t = cand[0];
        cand[0] = cand[1];
        cand[1] = t;
    }
    for (Int i = 0; i < 2; i++)
        if (VG_(is_core_fd)(cand[i]) && (UInt)cand[i] >= lo && (UInt)cand[i] <= hi &&
            (n == 0 || core[n - 1] != cand[i]))
            core[n++] = cand[i];
    if (n == 0)
        return passthrough(SYS_close_range, a);
    UInt from = lo;
    for (Int i = 0; i <= n; i++) {
        UInt to = i < n ? (UInt)core[i] : hi + 1; /* exclusive */
        if (to > from) {
            UWord b[6] = {from, to - 1, a[2], 0, 0, 0};
            SysRes r = passthrough(SYS_close_range, b);
            if (r.is_error)
                return r;
        }
        from = to + 1;
    }
    return VG_(mk_SysRes_Success)(0);
}

/*--- Descriptors the client opens and closes (--track-fds) ---------------------------------*/

/* The two descriptors pipe, pipe2 and socketpair wrote at FDS. */
static void record_fd_pair(ThreadState *ts, UWord fds)
{
    if (!VG_(am_is_valid_for_client)(fds, 2 * sizeof(Int), PROT_READ))
        return;
    VG_(fd_record_open)(ts->tid, ((const Int *)fds)[0], False);
    VG_(fd_record_open)(ts->tid, ((const Int *)fds)[1], False);
}

/* The descriptors recvmsg received (SCM_RIGHTS) in the msghdr at MSG:
   the kernel has written the control data and its length. */
static void record_received_fds(ThreadState *ts, UWord msg)
{
    if (!VG_(am_is_valid_for_client)(msg, sizeof(struct msghdr), PROT_READ))
        return;
    struct msghdr mh = *(const struct msghdr *)msg;
    if (mh.msg_control == NULL ||
        !VG_(am_is_valid_for_client)((Addr)mh.msg_control, mh.msg_controllen, PROT_READ))
        return;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm)) {
        if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS ||
            cm->cmsg_len < CMSG_LEN(0))
            continue;
        SizeT n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(Int);
        const Int *fds = (const Int *)CMSG_DATA(cm);
        for (SizeT i = 0; i < n; i++)
            VG_(fd_record_open)(ts->tid, fds[i], True);
    }
}

/* After a successful call: the descriptors it opened (named when they
   may be files, nameless for pipes, sockets and the like, as Valgrind
   records them) or closed. */
static void track_fds(ThreadState *ts, UWord no, const UWord *a, SysRes r)
{
    Int res = (Int)r.val;
    switch (no) {
    case SYS_open:
    case SYS_openat:
    case SYS_creat:
    case SYS_open_by_handle_at:
#ifdef SYS_openat2
    case SYS_openat2:
#endif
    case SYS_dup:
    case SYS_dup2:
    case SYS_dup3:
        VG_(fd_record_open)(ts->tid, res, True);
        break;
    case SYS_fcntl:
        if ((Int)a[1] == F_DUPFD || (Int)a[1] == F_DUPFD_CLOEXEC)
            VG_(fd_record_open)(ts->tid, res, True);
        break;
    case SYS_recvmsg:
        record_received_fds(ts, a[1]);
        break;
    case SYS_signalfd:
    case SYS_signalfd4:
        if ((Int)a[0] == -1) /* otherwise it changes the mask of fd a[0] */
            VG_(fd_record_open)(ts->tid, res, False);
        break;
    case SYS_socket:
    case SYS_accept:
    case SYS_accept4:
    case SYS_eventfd:
    case SYS_eventfd2:
    case SYS_epoll_create:
    case SYS_epoll_create1:
    case SYS_inotify_init:
    case SYS_inotify_init1:
    case SYS_timerfd_create:
    case SYS_fanotify_init:
    case SYS_perf_event_open:
    case SYS_memfd_create:
    case SYS_userfaultfd:
    case SYS_mq_open:
#ifdef SYS_pidfd_open
    case SYS_pidfd_open:
#endif
#ifdef SYS_pidfd_getfd
    case SYS_pidfd_getfd:
#endif
#ifdef SYS_io_uring_setup
    case SYS_io_uring_setup:
#endif
        VG_(fd_record_open)(ts->tid, res, False);
        break;
    case SYS_pipe:
    case SYS_pipe2:
        record_fd_pair(ts, a[0]);
        break;
    case SYS_socketpair:
        record_fd_pair(ts, a[3]);
        break;
    case SYS_close:
        VG_(fd_record_close)((Int)a[0]);
        break;
    case SYS_close_range:
        if (!((UInt)a[2] & CLOSE_RANGE_CLOEXEC))
            VG_(fd_record_close_range)((UInt)a[0], (UInt)a[1]);
        break;
    default:
        break;
    }
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
    case SYS_prctl: {
        SysRes r = passthrough_ts(ts, no, a);
        /* Errors name the thread by it ("Thread 2 worker:"); this kernel
           thread is the client's, so PR_GET_NAME reads back its name. */
        if (a[0] == PR_SET_NAME && !r.is_error &&
            VG_(do_syscall2)(SYS_prctl, PR_GET_NAME, (UWord)ts->name) != 0)
            ts->name[0] = 0;
        return r;
    }
    case SYS_exit:
        if (VG_(n_live_threads)() > 1)
            VG_(thread_exit)(ts);
        VG_(client_exit_request)(ts, (Int)a[0]);
        return VG_(mk_SysRes_Success)(0);
    case SYS_exit_group:
        VG_(client_exit_request)(ts, (Int)a[0]);
        return VG_(mk_SysRes_Success)(0);
    case SYS_set_tid_address:
        ts->clear_child_tid = a[0];
        return VG_(mk_SysRes_Success)((UWord)ts->os_tid);
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
        return VG_(sys_sigaction)((Int)a[0], (const void *)a[1], (void *)a[2], a[3]);
    case SYS_rt_sigprocmask:
        return VG_(sys_sigprocmask)(ts, (Int)a[0], (const UWord *)a[1], (UWord *)a[2], a[3]);
    case SYS_sigaltstack:
        return VG_(sys_sigaltstack)(ts, (const void *)a[0], (void *)a[1]);
    case SYS_rt_sigsuspend:
    case SYS_ppoll:
    case SYS_pselect6:
    case SYS_epoll_pwait:
        return masked_wait(ts, no, a);
    case SYS_close:
        if (VG_(is_core_fd)((Int)a[0]))
            return VG_(mk_SysRes_Error)(EBADF);
        return passthrough(no, a);
    case SYS_dup2:
    case SYS_dup3:
        if (VG_(is_core_fd)((Int)a[1]))
            return VG_(mk_SysRes_Error)(EBADF);
        return passthrough(no, a);
    case SYS_close_range:
        return sys_close_range(a);
    case SYS_readlink:
        if (is_proc_self_exe((const HChar *)a[0]))
            return fake_readlink_exe((HChar *)a[1], a[2]);
        return passthrough(no, a);
    case SYS_readlinkat:
        if (is_proc_self_exe((const HChar *)a[1]))
            return fake_readlink_exe((HChar *)a[2], a[3]);
        return passthrough(no, a);
    default:
        return passthrough_ts(ts, no, a);
    }
}

void VG_(client_syscall)(ThreadState *ts)
{
    UWord no = ts->gpr[R_RAX];
    if (no == SYS_rt_sigreturn) {
        /* Restores every register, rax included. */
        VG_(sys_sigreturn)(ts);
        return;
    }
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
    if (VG_(clo_track_fds) != Vg_TrackFds_No && !r.is_error)
        track_fds(ts, no, a, r);
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
    if (r.is_error && r.val == EINTR && VG_(sig_restart_syscall)(ts, no)) {
        /* Interrupted for a signal whose handler asks for a restart (or
           that the client does not see): run the syscall again after it. */
        ts->rip -= 2;
        ts->gpr[R_RAX] = no;
    }
}
