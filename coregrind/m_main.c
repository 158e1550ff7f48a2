/*--------------------------------------------------------------------*/
/*--- Start-up: from the command line to the client's first insn.   ---*/
/*---                                                      m_main.c ---*/
/*--------------------------------------------------------------------*/

#include "pub_core_basics.h"
#include "pub_core_redir.h"
#include "pub_core_aspacemgr.h"
#include "pub_core_commandline.h"
#include "pub_core_dispatch.h"
#include "pub_core_errormgr.h"
#include "pub_core_fdtrack.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_scheduler.h"
#include "pub_core_signals.h"
#include "pub_core_threads.h"
#include "pub_core_skinload.h"
#include "pub_core_threadstate.h"
#include "pub_core_tooliface.h"
#include "pub_core_translate.h"
#include "pub_core_transtab.h"
#include "pub_core_ume.h"
#include "pub_core_xml.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define DISPATCH_AREA 4096

/*--- The client's environment ----------------------------------------------------------*/

/* The vgpreload objects the client gets: the skin's, then the core's
   (pthread mutex wrappers) when the skin tracks mutex events.
   NULL-terminated; static. */
static const HChar *const *client_preloads(void)
{
    static const HChar *list[3];
    UInt n = 0;
    if (VG_(skin_preload_path)() != NULL)
        list[n++] = VG_(skin_preload_path)();
    if (VG_(core_preload_path)() != NULL &&
        (VG_(skin).track_pre_mutex_lock || VG_(skin).track_post_mutex_lock ||
         VG_(skin).track_post_mutex_unlock))
        list[n++] = VG_(core_preload_path)();
    list[n] = NULL;
    return list;
}

/* The core's environment with the vgpreload objects first in LD_PRELOAD. */
static HChar **client_environment(HChar **envp, const HChar *const *preloads)
{
    UInt n = 0;
    while (envp[n])
        n++;
    HChar **env = VG_(calloc)("main.env", n + 2, sizeof(HChar *));
    HChar *mine = NULL;
    for (UInt i = 0; preloads[i] != NULL; i++) {
        HChar *next = VG_(asprintf)("%s%s%s", mine ? mine : "", mine ? ":" : "", preloads[i]);
        VG_(free)(mine);
        mine = next;
    }
    Bool done = mine == NULL;
    for (UInt i = 0; i < n; i++) {
        if (!done && strncmp(envp[i], "LD_PRELOAD=", 11) == 0) {
            env[i] = VG_(asprintf)("LD_PRELOAD=%s%s%s", mine, envp[i][11] ? ":" : "",
                                   envp[i] + 11);
            done = True;
        } else {
            env[i] = envp[i];
        }
    }
    if (!done)
        env[n++] = VG_(asprintf)("LD_PRELOAD=%s", mine);
    env[n] = NULL;
    VG_(free)(mine);
    return env;
}

/*--- The log -----------------------------------------------------------------------------*/

/* The length of ARG as the Command: line shows it: a backslash before
   each space, backslash, '<' and '>' (as Valgrind 3.19 writes it, so
   that the line reads as the shell command it was).  Writes it to OUT
   when OUT is not NULL. */
static SizeT escaped_arg(const HChar *arg, HChar *out)
{
    SizeT n = 0;
    for (const HChar *c = arg; *c; c++) {
        if (*c == ' ' || *c == '\\' || *c == '<' || *c == '>') {
            if (out)
                out[n] = '\\';
            n++;
        }
        if (out)
            out[n] = *c;
        n++;
    }
    return n;
}

/* EXE: the program as named on the command line, or the script found
   through $PATH (Valgrind shows the path of a #! script it looked up).
   With --xml=yes the XML preamble takes its place, as in Valgrind. */
static void print_banner(const HChar *exe, HChar **argv)
{
    if (VG_(clo_verbosity) <= 0 || VG_(xml_output)())
        return;
    VG_(umsg)("%s, %s", VG_(details).name, VG_(details).description);
    VG_(umsg)("%s", VG_(details).copyright_author);
    VG_(umsg)("Using vgcore-%s; rerun with -h for copyright info", VG_VERSION);
    SizeT len = escaped_arg(exe, NULL) + 1;
    for (UInt i = 1; argv[i]; i++)
        len += escaped_arg(argv[i], NULL) + 1;
    HChar *cmd = VG_(malloc)("main.banner", len);
    SizeT at = escaped_arg(exe, cmd);
    for (UInt i = 1; argv[i]; i++) {
        cmd[at++] = ' ';
        at += escaped_arg(argv[i], cmd + at);
    }
    cmd[at] = 0;
    VG_(umsg)("Command: %s", cmd);
    VG_(free)(cmd);
    VG_(umsg)("%s", "");
}

static void report_startup_memory(const NSegment *s, void *opaque)
{
    (void)opaque;
    if (s->kind == SkKernel && !(s->prot & PROT_READ))
        return;
    VG_TRACK(new_mem_startup, s->start, s->end - s->start, (s->prot & PROT_READ) != 0,
             (s->prot & PROT_WRITE) != 0, (s->prot & PROT_EXEC) != 0, 0);
}

static SizeT main_stack_size(void)
{
    struct rlimit rl;
    SizeT sz = 8UL << 20;
    if (VG_(clo_main_stacksize) > 0)
        return (SizeT)VG_(clo_main_stacksize);
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        sz = rl.rlim_cur;
    if (sz < (1UL << 20))
        sz = 1UL << 20;
    if (sz > (1UL << 30))
        sz = 1UL << 30;
    return sz;
}

/* The guest's state when the assertion hook runs: where it was. */
static void assert_context(void)
{
    ThreadState *ts = VG_(threadstate_of)(VG_(get_running_tid)());
    if (ts == NULL)
        return;
    VG_(printf)("guest state of thread %u: rip %#lx rsp %#lx rflags %#lx\n", ts->tid,
                ts->rip, ts->gpr[R_RSP], ts->rflags);
    static const HChar *names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                     "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
    for (UInt i = 0; i < 16; i += 4)
        VG_(printf)("  %-3s %016lx  %-3s %016lx  %-3s %016lx  %-3s %016lx\n", names[i],
                    ts->gpr[i], names[i + 1], ts->gpr[i + 1], names[i + 2], ts->gpr[i + 2],
                    names[i + 3], ts->gpr[i + 3]);
    TBlock *b = VG_(lookup_block)(ts->rip);
    if (b)
        VG_(dump_block)(b, NULL);
}

/* Option combinations checked once the log is open, where Valgrind
   reports them (with the ==PID== prefix, not "valgrind: "). */
static void check_option_combinations(void)
{
    if (VG_(clo_exit_on_first_error) && VG_(clo_error_exitcode) == 0) {
        VG_(umsg)("Bad option: --exit-on-first-error=yes");
        VG_(umsg)("You must define a non nul exit error code, with --error-exitcode=...");
        VG_(umsg)("Use --help for more information or consult the user manual.");
        VG_(exit)(1);
    }
}

/*--- main ------------------------------------------------------------------------------------*/

int main(int argc, char **argv, char **envp)
{
    HChar **client_argv;
    VG_(start_elapsed_clock)();
    VG_(parse_command_line)(argc, argv, &client_argv);
    VG_(fd_record_inherited)(); /* before the log is one of ours */
    VG_(open_log_destinations)();
    check_option_combinations();
    VG_(set_assert_context_hook)(assert_context);

    SizeT cache_bytes = (SizeT)VG_(clo_cache_size_mb) << 20;
    VG_(am_startup)(VG_(skin_shadow_ratio)(), cache_bytes, main_stack_size());
    UChar *cache = (UChar *)VG_(layout).cache_lo;
    VG_(dispatch_init)(cache, DISPATCH_AREA);
    VG_(transtab_init)(cache, cache_bytes, DISPATCH_AREA);
    VG_(translate_init)();

    ClientImage ci;
    VG_(redir_init)();
    const HChar *const *preloads = client_preloads();
    VG_(load_client)(client_argv[0], client_argv, client_environment(envp, preloads), preloads,
                     &ci);
    VG_(set_client_exe_path)(ci.exe_path);
    VG_(set_client_entry)(ci.exe_entry);

    const HChar *client_exe = ci.script_path ? ci.script_path : client_argv[0];
    print_banner(client_exe, client_argv);
    if (VG_(clo_vgdb_error_given) && VG_(clo_verbosity) > 0)
        VG_(umsg)("Warning: --vgdb-error has no effect: there is no gdbserver in this core");
    VG_(xml_start)(argv[0], VG_(command_line_options)(), client_exe, client_argv);
    VG_(skin).post_clo_init();
    VG_(errormgr_init)();
    if (VG_(clo_verbosity) > 2)
        VG_(am_show)("at start-up");
    VG_(am_foreach_client_segment)(report_startup_memory, NULL);
    /* Below the initial stack pointer (and its red zone) the stack is
       not in use yet. */
    if (ci.initial_sp - 128 > VG_(layout).stack_lo)
        VG_TRACK(die_mem_stack, VG_(layout).stack_lo, ci.initial_sp - 128 - VG_(layout).stack_lo);

    ThreadState *ts = VG_(alloc_threadstate)(1);
    VG_(install_threadstate)(ts);
    VG_(sigstartup)();
    {
        sigset_t cur;
        sigprocmask(SIG_SETMASK, NULL, &cur);
        memcpy(&ts->sig_mask, &cur, sizeof ts->sig_mask); /* the client's initial mask */
    }
    VG_(sig_thread_init)(ts);
    VG_(threads_init)(ts);
    VG_(init_guest_xstate)(ts);
    ts->gpr[R_RSP] = ci.initial_sp;
    ts->rip = ci.entry;
    ts->rflags = 0x202;
    ts->stack_lo = VG_(layout).stack_lo;
    ts->stack_hi = VG_(layout).stack_hi;
    VG_TRACK(post_thread_create, VG_INVALID_THREADID, ts->tid);
    VG_(scheduler_run)(ts);
}
