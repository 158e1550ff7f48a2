/*--------------------------------------------------------------------*/
/*--- System call descriptions and the skin events they fire.       ---*/
/*---                                                   m_sysdesc.c ---*/
/*--------------------------------------------------------------------*/

/* syscalls.def describes every system call once: names, argument types
   and the client memory each argument makes the kernel read or write.
   The engine here walks a description and fires pre_reg_read,
   pre_mem_read(_asciiz), pre_mem_write and post_mem_write.  What a
   description line cannot say (iovec arrays, msghdr, ioctl and fcntl
   commands, ...) a hook hk_NAME says in C, with the same helpers.

   Client memory is read (to follow pointers inside structures) only
   after VG_(am_is_valid_for_client) agreed; when it does not, the event
   for the outer object has fired already, the skin reports it, and the
   hook stops. */

#include "pub_core_basics.h"
#include "pub_core_sysdesc.h"
#include "pub_core_tooliface.h"
#include "pub_core_aspacemgr.h"
#include "pub_tool_guest.h"

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utime.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/user.h>
#include <sys/utsname.h>
#include <asm/ldt.h>
#include <asm/prctl.h>
#include <asm/unistd_64.h>
#include <asm/termbits.h> /* the kernel's struct termios (glibc's is larger) */
#include <linux/aio_abi.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <linux/perf_event.h>
#include <linux/seccomp.h>

/*--- Kernel facts no header here gives ------------------------------*/

/* The kernel's struct sigaction: handler, flags, restorer, then a mask
   of sigsetsize bytes (glibc's struct sigaction is another layout). */
#define KSIGACTION_BASE 24
/* struct ustat (include/linux/types.h, not exported): int, long, 2x6 chars. */
#define KUSTAT_SIZE 32
/* struct sched_attr as of SCHED_ATTR_SIZE_VER1, and VER0. */
#define KSCHED_ATTR_SIZE 56
#define KSCHED_ATTR_SIZE_VER0 48
/* struct futex_waitv: val, uaddr, flags, reserved. */
#define KFUTEX_WAITV_SIZE 24
/* The kernel's sigset_t (glibc's is 128 bytes). */
#define KSIGSET_SIZE 8
/* UIO_MAXIOV: readv and friends fail with EINVAL past it. */
#define SD_MAX_IOV 1024
/* Caps that keep a garbage count from making the core loop for hours:
   past them the kernel fails the call anyway. */
#define SD_MAX_POLLFDS (1UL << 20) /* fs.nr_open's default ceiling */
#define SD_MAX_STRINGS (1UL << 20) /* execve argv/envp entries */
#define SD_MAX_STRUCT 4096         /* extensible structs: E2BIG past a page */

#ifndef F_OFD_GETLK
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#endif
#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif
#ifndef F_GET_RW_HINT
#define F_GET_RW_HINT 1035
#define F_SET_RW_HINT 1036
#define F_GET_FILE_RW_HINT 1037
#define F_SET_FILE_RW_HINT 1038
#endif
#ifndef PR_GET_AUXV
#define PR_GET_AUXV 0x41555856
#endif
#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#define PR_SET_VMA_ANON_NAME 0
#endif
#ifndef ARCH_GET_XCOMP_SUPP
#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define ARCH_GET_XCOMP_GUEST_PERM 0x1024
#endif
#define SD_ARCH_SHSTK_STATUS 0x5005
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY 13
#endif
#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY 20
#endif
#ifndef FUTEX_LOCK_PI2
#define FUTEX_LOCK_PI2 13
#endif
#ifndef SECCOMP_GET_NOTIF_SIZES
#define SECCOMP_GET_NOTIF_SIZES 3
#endif

/*--- The description types ------------------------------------------*/

/* A size: base * mul + add, where the base comes from SZ_HOW.  Packed in
   one integer so that size macros nest inside argument macros. */
typedef ULong SizeSpec;
enum {
    SZ_NONE = 0, /* no size */
    SZ_CONST,    /* add */
    SZ_ARG,      /* argument ARGNO (read with its declared type) */
    SZ_RES,      /* the result */
    SZ_PAGES,    /* one byte per page of argument ARGNO bytes */
    SZ_FDSET,    /* fd_set bytes for nfds = argument ARGNO */
    SZ_NODES,    /* node mask bytes for maxnode = argument ARGNO */
    SZ_SAME      /* the pre size (post sizes only) */
};
#define SZ_MAKE(how, argno, mul, add)                                       \
    ((SizeSpec)(how) | (SizeSpec)(argno) << 8 | (SizeSpec)(mul) << 16 |     \
     (SizeSpec)(add) << 32)
#define SZ_HOW(s) ((UInt)((s)&0xff))
#define SZ_ARGNO(s) ((UInt)(((s) >> 8) & 0xff))
#define SZ_MUL(s) ((UInt)(((s) >> 16) & 0xffff))
#define SZ_ADD(s) ((UInt)((s) >> 32))

/* How an argument prints, and its width for pre_reg_read. */
enum { AF_INT, AF_UINT, AF_HEX32, AF_OCT, AF_LONG, AF_ULONG, AF_HEX, AF_PTR, AF_STR };

/* What an argument makes the kernel do to client memory. */
enum {
    AM_NONE,
    AM_STR,      /* reads a C string */
    AM_IN,       /* reads pre bytes */
    AM_OUT,      /* writes up to pre bytes; post bytes were written */
    AM_INOUT,    /* reads pre bytes, then writes post bytes */
    AM_SOCKADDR, /* reads a struct sockaddr of pre bytes */
    AM_ADDRBUF,  /* value-result buffer, length at argument ARGNO of pre */
    AM_SIGEVENT  /* reads a struct sigevent */
};

/* Argument flags. */
#define XF_NULL 0x1     /* NULL is allowed: nothing happens then */
#define XF_INTR 0x2     /* written also when the call was interrupted */
#define XF_ONLYINTR 0x4 /* written only when the call was interrupted */
#define XF_POS 0x8      /* written only when the result is > 0 */

typedef struct {
    const HChar *name;
    UChar fmt;
    UChar mem;
    UChar flags;
    SizeSpec pre, post;
} SysArg;

typedef struct SysCtx SysCtx;

typedef struct {
    const HChar *name;
    void (*hook)(SysCtx *c);
    UInt nargs;
    SysArg args[6];
} SysDesc;

/* One call being described.  Hooks run in both phases; in the post
   phase ok says the call succeeded, intr that it was interrupted. */
struct SysCtx {
    ThreadId tid;
    UWord sysno;
    const UWord *args;
    const SysDesc *d;
    Bool is_post;
    Bool ok, intr;
    UWord res; /* the result when ok */
};

/*--- The table ------------------------------------------------------*/

#define HOOKS(X)                                                            \
    X(poll) X(ioctl) X(readv) X(writev) X(shmctl) X(sendmsg) X(recvmsg)     \
    X(clone) X(execve) X(semctl) X(msgctl) X(fcntl) X(ptrace) X(syslog)     \
    X(capget) X(capset) X(sigaltstack) X(modify_ldt) X(prctl) X(arch_prctl) \
    X(adjtimex) X(futex) X(io_getevents) X(io_submit) X(clock_nanosleep)    \
    X(epoll_ctl) X(mq_open) X(mq_getsetattr) X(pselect6) X(perf_event_open) \
    X(recvmmsg) X(sendmmsg) X(name_to_handle_at) X(open_by_handle_at)       \
    X(process_vm) X(sched_setattr) X(seccomp) X(rseq) X(clone3)
#define DECLARE_HOOK(h) static void hk_##h(SysCtx *c);
HOOKS(DECLARE_HOOK)
#undef DECLARE_HOOK

#define NOSZ SZ_MAKE(SZ_NONE, 0, 0, 0)
#define C(n) SZ_MAKE(SZ_CONST, 0, 0, (n))
#define T(type) C(sizeof(type))
#define A(i) SZ_MAKE(SZ_ARG, (i), 1, 0)
#define AX(i, m) SZ_MAKE(SZ_ARG, (i), (m), 0)
#define AP(i, k) SZ_MAKE(SZ_ARG, (i), 1, (k))
#define R SZ_MAKE(SZ_RES, 0, 1, 0)
#define RX(m) SZ_MAKE(SZ_RES, 0, (m), 0)
#define RP(k) SZ_MAKE(SZ_RES, 0, 1, (k))
#define PAGES(i) SZ_MAKE(SZ_PAGES, (i), 1, 0)
#define FDS(i) SZ_MAKE(SZ_FDSET, (i), 1, 0)
#define NODES(i) SZ_MAKE(SZ_NODES, (i), 1, 0)
#define SAME SZ_MAKE(SZ_SAME, 0, 0, 0)

#define ARG_(n, f, m, fl, p, q)                                              \
    { .name = #n, .fmt = (f), .mem = (m), .flags = (fl), .pre = (p), .post = (q) }
#define VAL_(n, f) ARG_(n, f, AM_NONE, 0, NOSZ, NOSZ)
#define INT(n) VAL_(n, AF_INT)
#define UINT(n) VAL_(n, AF_UINT)
#define HEX32(n) VAL_(n, AF_HEX32)
#define OCT(n) VAL_(n, AF_OCT)
#define LONG(n) VAL_(n, AF_LONG)
#define ULONG(n) VAL_(n, AF_ULONG)
#define HEX(n) VAL_(n, AF_HEX)
#define PTR(n) VAL_(n, AF_PTR)
#define STR(n) ARG_(n, AF_STR, AM_STR, 0, NOSZ, NOSZ)
#define STRN(n) ARG_(n, AF_STR, AM_STR, XF_NULL, NOSZ, NOSZ)
#define IN(n, s) ARG_(n, AF_PTR, AM_IN, 0, s, NOSZ)
#define INN(n, s) ARG_(n, AF_PTR, AM_IN, XF_NULL, s, NOSZ)
#define OUT(n, s) ARG_(n, AF_PTR, AM_OUT, 0, s, SAME)
#define OUTN(n, s) ARG_(n, AF_PTR, AM_OUT, XF_NULL, s, SAME)
#define OUTR(n, s, p) ARG_(n, AF_PTR, AM_OUT, 0, s, p)
#define OUTX(n, s, p, fl) ARG_(n, AF_PTR, AM_OUT, fl, s, p)
#define INOUT(n, s) ARG_(n, AF_PTR, AM_INOUT, 0, s, SAME)
#define INOUTN(n, s) ARG_(n, AF_PTR, AM_INOUT, XF_NULL, s, SAME)
#define INOUTX(n, s, p, fl) ARG_(n, AF_PTR, AM_INOUT, fl, s, p)
#define SOCKADDR(n, l) ARG_(n, AF_PTR, AM_SOCKADDR, XF_NULL, A(l), NOSZ)
#define ADDRBUF(n, l) ARG_(n, AF_PTR, AM_ADDRBUF, XF_NULL, SZ_MAKE(SZ_NONE, (l), 0, 0), NOSZ)
#define SIGEVENT(n) ARG_(n, AF_PTR, AM_SIGEVENT, XF_NULL, NOSZ, NOSZ)

#define SYS_ENTRY_(nr, nm, hk, ...)                                          \
    [nr] = {.name = #nm,                                                    \
            .hook = hk,                                                     \
            .nargs = sizeof((SysArg[]){__VA_ARGS__}) / sizeof(SysArg),      \
            .args = {__VA_ARGS__}},
#define SYS(nr, nm, ...) SYS_ENTRY_(nr, nm, NULL, __VA_ARGS__)
#define SYSH(nr, nm, hk, ...) SYS_ENTRY_(nr, nm, hk_##hk, __VA_ARGS__)

static const SysDesc sys_table[] = {
#include "syscalls.def"
};

#undef SYS
#undef SYSH
#undef SYS_ENTRY_
#undef INT
#undef UINT
#undef HEX32
#undef OCT
#undef LONG
#undef ULONG
#undef HEX
#undef PTR
#undef STR
#undef STRN
#undef IN
#undef INN
#undef OUT
#undef OUTN
#undef OUTR
#undef OUTX
#undef INOUT
#undef INOUTN
#undef INOUTX
#undef SOCKADDR
#undef ADDRBUF
#undef SIGEVENT
#undef C
#undef T
#undef A
#undef AX
#undef AP
#undef R
#undef RX
#undef RP
#undef PAGES
#undef FDS
#undef NODES

#define N_SYS VG_N_ELEMS(sys_table)

static const SysDesc *lookup(UWord sysno)
{
    if (sysno >= N_SYS || sys_table[sysno].name == NULL)
        return NULL;
    return &sys_table[sysno];
}

/*--- Strings that live forever --------------------------------------*/

/* Skins may keep the text of an event (an error record does), so every
   text is interned: one copy per distinct string, never freed. */
static const HChar **intern_slots;
static SizeT intern_cap, intern_used;

static UWord hash_string(const HChar *s)
{
    UWord h = 5381;
    for (; *s; s++)
        h = h * 33 + (UChar)*s;
    return h;
}

static Bool intern_grow(void)
{
    SizeT ncap = intern_cap ? 2 * intern_cap : 1024;
    const HChar **ns = calloc(ncap, sizeof(*ns));
    if (ns == NULL)
        return False;
    for (SizeT i = 0; i < intern_cap; i++) {
        if (intern_slots[i] == NULL)
            continue;
        SizeT j = hash_string(intern_slots[i]) & (ncap - 1);
        while (ns[j] != NULL)
            j = (j + 1) & (ncap - 1);
        ns[j] = intern_slots[i];
    }
    free(intern_slots);
    intern_slots = ns;
    intern_cap = ncap;
    return True;
}

static const HChar *intern(const HChar *s)
{
    if (2 * (intern_used + 1) > intern_cap && !intern_grow())
        return "(out of memory)";
    SizeT j = hash_string(s) & (intern_cap - 1);
    while (intern_slots[j] != NULL) {
        if (strcmp(intern_slots[j], s) == 0)
            return intern_slots[j];
        j = (j + 1) & (intern_cap - 1);
    }
    HChar *copy = strdup(s);
    if (copy == NULL)
        return "(out of memory)";
    intern_slots[j] = copy;
    intern_used++;
    return copy;
}

static const HChar *txtf(const HChar *fmt, ...) VG_PRINTF_LIKE(1, 2);
static const HChar *txtf(const HChar *fmt, ...)
{
    HChar buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return intern(buf);
}

/* "read(buf)": the text of argument i of the call. */
static const HChar *arg_texts[N_SYS][6];

static const HChar *arg_text(const SysCtx *c, UInt i)
{
    const HChar **slot = &arg_texts[c->sysno][i];
    if (*slot == NULL)
        *slot = txtf("%s(%s)", c->d->name, c->d->args[i].name);
    return *slot;
}

/* "readv(vector": the start of the texts of argument i's pieces. */
static const HChar *arg_base(const SysCtx *c, UInt i)
{
    return txtf("%s(%s", c->d->name, c->d->args[i].name);
}

/*--- Client memory --------------------------------------------------*/

static Bool client_readable(Addr a, SizeT n)
{
    if (n == 0)
        return True;
    if (a + n < a)
        return False;
    return VG_(am_is_valid_for_client)(a, n, PROT_READ);
}

/* Copies n bytes of client memory at a, if they may be read. */
static Bool client_copy(void *dst, Addr a, SizeT n)
{
    if (!client_readable(a, n))
        return False;
    memcpy(dst, (const void *)a, n);
    return True;
}

static Bool client_word(Addr a, UWord *out) { return client_copy(out, a, sizeof(*out)); }
static Bool client_u32(Addr a, UInt *out) { return client_copy(out, a, sizeof(*out)); }

/*--- Firing events --------------------------------------------------*/

/* No event is fired for an empty range: the kernel touches nothing. */
static void ev_read(const SysCtx *c, const HChar *s, Addr a, SizeT n)
{
    if (n > 0)
        VG_TRACK(pre_mem_read, Vg_CoreSysCall, c->tid, s, a, n);
}

static void ev_write(const SysCtx *c, const HChar *s, Addr a, SizeT n)
{
    if (n == 0)
        return;
    /* The kernel cannot take our write-protection of pages holding
       translated code as a fault to retry: lift it first. */
    VG_(am_before_kernel_write)(a, n);
    VG_TRACK(pre_mem_write, Vg_CoreSysCall, c->tid, s, a, n);
}

static void ev_asciiz(const SysCtx *c, const HChar *s, Addr a)
{
    VG_TRACK(pre_mem_read_asciiz, Vg_CoreSysCall, c->tid, s, a);
}

static void ev_post(const SysCtx *c, Addr a, SizeT n)
{
    if (n > 0)
        VG_TRACK(post_mem_write, Vg_CoreSysCall, c->tid, a, n);
}

/* The register of argument i: rdi, rsi, rdx, r10, r8, r9. */
static const UInt arg_reg_offset[6] = {
    VG_GUEST_OFFSET_RDI, VG_GUEST_OFFSET_RSI, VG_GUEST_OFFSET_RDX,
    VG_GUEST_OFFSET_R10, VG_GUEST_OFFSET_R8,  VG_GUEST_OFFSET_R9,
};

static SizeT arg_width(UInt fmt)
{
    return (fmt == AF_INT || fmt == AF_UINT || fmt == AF_HEX32 || fmt == AF_OCT) ? 4 : 8;
}

/*--- State kept from pre to post ------------------------------------*/

/* A value-result length (accept's *addrlen, recvmsg's msg_namelen) is
   overwritten by the kernel with the full length; what it wrote is the
   smaller of that and the length the caller gave, which only the pre
   phase saw.  One slot per thread (indexed by tid), checked on use. */
#define N_SAVE_SLOTS 256
#define N_SAVED 8
typedef struct {
    ThreadId tid;
    UWord sysno;
    UInt have; /* bit k: val[k] is set */
    UInt val[N_SAVED];
} PreSave;
static PreSave pre_saves[N_SAVE_SLOTS];

static void save_begin(const SysCtx *c)
{
    PreSave *s = &pre_saves[c->tid % N_SAVE_SLOTS];
    s->tid = c->tid;
    s->sysno = c->sysno;
    s->have = 0;
}

static void save_val(const SysCtx *c, UInt k, UInt v)
{
    PreSave *s = &pre_saves[c->tid % N_SAVE_SLOTS];
    if (k < N_SAVED && s->tid == c->tid && s->sysno == c->sysno) {
        s->val[k] = v;
        s->have |= 1u << k;
    }
}

/* The smaller of v and saved value k, or v if none was saved. */
static UInt clamp_to_saved(const SysCtx *c, UInt k, UInt v)
{
    const PreSave *s = &pre_saves[c->tid % N_SAVE_SLOTS];
    if (k < N_SAVED && s->tid == c->tid && s->sysno == c->sysno && (s->have & (1u << k)) &&
        s->val[k] < v)
        return s->val[k];
    return v;
}

/*--- Sizes ----------------------------------------------------------*/

/* Argument i read with its declared type; False for a negative value of
   a signed type (the kernel rejects it). */
static Bool arg_count(const SysCtx *c, UInt i, UWord *out)
{
    UWord v = c->args[i];
    switch (c->d->args[i].fmt) {
    case AF_INT:
        if ((Int)v < 0)
            return False;
        *out = (UInt)v;
        return True;
    case AF_UINT:
    case AF_HEX32:
    case AF_OCT:
        *out = (UInt)v;
        return True;
    case AF_LONG:
        if ((Word)v < 0)
            return False;
        *out = v;
        return True;
    default:
        *out = v;
        return True;
    }
}

/* Evaluates s; False if there is no size. */
static Bool eval_size(const SysCtx *c, SizeSpec s, SizeT *out)
{
    UWord base;
    switch (SZ_HOW(s)) {
    case SZ_CONST:
        *out = SZ_ADD(s);
        return True;
    case SZ_ARG:
        if (!arg_count(c, SZ_ARGNO(s), &base))
            return False;
        break;
    case SZ_RES:
        if (!c->is_post || !c->ok)
            return False;
        base = c->res;
        break;
    case SZ_PAGES:
        base = c->args[SZ_ARGNO(s)];
        base = base / VG_PAGE_SIZE + (base % VG_PAGE_SIZE != 0);
        break;
    case SZ_FDSET:
        if (!arg_count(c, SZ_ARGNO(s), &base) || base > (1UL << 30))
            return False;
        base = (base + 63) / 64 * 8;
        break;
    case SZ_NODES:
        base = c->args[SZ_ARGNO(s)];
        if (base == 0 || base > (1UL << 30))
            return False;
        base = (base - 1 + 63) / 64 * 8;
        break;
    default:
        return False;
    }
    UWord prod, sum;
    if (__builtin_mul_overflow(base, (UWord)SZ_MUL(s), &prod) ||
        __builtin_add_overflow(prod, (UWord)SZ_ADD(s), &sum))
        return False;
    *out = sum;
    return True;
}

/*--- Shared pieces of hooks -----------------------------------------*/

static Bool was_interrupted(SysRes res)
{
    if (!res.is_error)
        return False;
    /* EINTR, or the kernel's restart codes, which the core may see raw. */
    return res.val == EINTR || (res.val >= 512 && res.val <= 516);
}

/* An iovec array of cnt entries at iov.  Pre: the array is read, and
   each buffer is read (to_kernel) or checked for writing.  Post (data
   from the kernel only): total bytes went to the buffers in order.
   base is the text up to the argument's name: "readv(vector" (unused,
   may be NULL, in the post phase). */
static void iov_effects(const SysCtx *c, Addr iov, UWord cnt, Bool to_kernel,
                        const HChar *base, SizeT total)
{
    if (cnt > SD_MAX_IOV)
        return; /* EINVAL before anything is read */
    SizeT bytes = cnt * sizeof(struct iovec);
    if (!c->is_post)
        ev_read(c, txtf("%s)", base), iov, bytes);
    if (!client_readable(iov, bytes))
        return;
    const struct iovec *v = (const struct iovec *)iov;
    for (UWord i = 0; i < cnt; i++) {
        Addr b = (Addr)v[i].iov_base;
        SizeT len = v[i].iov_len;
        if (c->is_post) {
            if (total == 0)
                break;
            SizeT n = len < total ? len : total;
            ev_post(c, b, n);
            total -= n;
        } else if (len > 0) {
            const HChar *s = txtf("%s[%lu])", base, (unsigned long)i);
            if (to_kernel)
                ev_read(c, s, b, len);
            else
                ev_write(c, s, b, len);
        }
    }
}

/* Reads a range lying inside [sa, sa+len) only: fields past len are not
   passed to the kernel. */
static void ev_read_field(const SysCtx *c, const HChar *base, const HChar *field, Addr sa,
                          SizeT off, SizeT n, SizeT len)
{
    if (off >= len)
        return;
    if (off + n > len)
        n = len - off;
    ev_read(c, txtf("%s.%s)", base, field), sa + off, n);
}

/* A struct sockaddr of len bytes the kernel reads.  Only the fields the
   kernel uses are checked (sin_zero and padding often are left
   uninitialised). */
static void pre_sockaddr(const SysCtx *c, const HChar *base, Addr sa, SizeT len)
{
    if (len < sizeof(sa_family_t) || !client_readable(sa, len)) {
        ev_read(c, txtf("%s)", base), sa, len);
        return;
    }
    ev_read_field(c, base, "sa_family", sa, 0, sizeof(sa_family_t), len);
    sa_family_t family;
    memcpy(&family, (const void *)sa, sizeof(family));
    switch (family) {
    case AF_INET:
        ev_read_field(c, base, "sin_port", sa, offsetof(struct sockaddr_in, sin_port),
                      sizeof(in_port_t), len);
        ev_read_field(c, base, "sin_addr", sa, offsetof(struct sockaddr_in, sin_addr),
                      sizeof(struct in_addr), len);
        break;
    case AF_INET6:
        ev_read_field(c, base, "sin6_port", sa, offsetof(struct sockaddr_in6, sin6_port),
                      sizeof(in_port_t), len);
        ev_read_field(c, base, "sin6_flowinfo", sa,
                      offsetof(struct sockaddr_in6, sin6_flowinfo), sizeof(uint32_t), len);
        ev_read_field(c, base, "sin6_addr", sa, offsetof(struct sockaddr_in6, sin6_addr),
                      sizeof(struct in6_addr), len);
        ev_read_field(c, base, "sin6_scope_id", sa,
                      offsetof(struct sockaddr_in6, sin6_scope_id), sizeof(uint32_t), len);
        break;
    case AF_UNIX: {
        SizeT off = offsetof(struct sockaddr_un, sun_path);
        if (len <= off)
            break; /* unnamed */
        const HChar *path = (const HChar *)(sa + off);
        SizeT plen = len - off;
        /* An abstract name (leading NUL) is all plen bytes; a path ends at
           its NUL, or at len. */
        SizeT n = path[0] == '\0' ? plen : strnlen(path, plen);
        if (path[0] != '\0' && n < plen)
            n++;
        ev_read(c, txtf("%s.sun_path)", base), sa + off, n);
        break;
    }
    default:
        ev_read(c, txtf("%s.sa_data)", base), sa + sizeof(sa_family_t),
                len - sizeof(sa_family_t));
        break;
    }
}

/* A struct sigevent the kernel reads: the fields it looks at (a union
   follows, mostly uninitialised). */
static void pre_sigevent(const SysCtx *c, const HChar *base, Addr p)
{
    ev_read(c, txtf("%s.sigev_value)", base), p + offsetof(struct sigevent, sigev_value),
            sizeof(union sigval));
    ev_read(c, txtf("%s.sigev_signo)", base), p + offsetof(struct sigevent, sigev_signo),
            sizeof(int));
    ev_read(c, txtf("%s.sigev_notify)", base), p + offsetof(struct sigevent, sigev_notify),
            sizeof(int));
    int notify;
    if (client_copy(&notify, p + offsetof(struct sigevent, sigev_notify), sizeof(notify)) &&
        (notify & SIGEV_THREAD_ID))
        ev_read(c, txtf("%s.sigev_notify_thread_id)", base),
                p + offsetof(struct sigevent, sigev_notify) + sizeof(int), sizeof(pid_t));
}

/* A value-result buffer (accept's addr with *addrlen): argument i is the
   buffer, argument li points to its socklen_t length. */
static void addrbuf_effects(const SysCtx *c, UInt i, UInt li)
{
    Addr buf = c->args[i], lenp = c->args[li];
    if (buf == 0)
        return; /* the kernel then ignores the length too */
    UInt len;
    if (!c->is_post) {
        ev_read(c, arg_text(c, li), lenp, sizeof(socklen_t));
        if (!client_u32(lenp, &len) || (Int)len < 0)
            return;
        ev_write(c, arg_text(c, i), buf, len);
        save_val(c, 0, len);
        return;
    }
    ev_post(c, lenp, sizeof(socklen_t));
    if (client_u32(lenp, &len))
        ev_post(c, buf, clamp_to_saved(c, 0, len));
}

/*--- The generic engine ---------------------------------------------*/

static void pre_arg(SysCtx *c, UInt i)
{
    const SysArg *a = &c->d->args[i];
    Addr p = c->args[i];
    SizeT n;
    if (a->mem == AM_NONE || (p == 0 && (a->flags & XF_NULL)))
        return;
    switch (a->mem) {
    case AM_STR:
        ev_asciiz(c, arg_text(c, i), p);
        break;
    case AM_IN:
    case AM_INOUT:
        if (eval_size(c, a->pre, &n))
            ev_read(c, arg_text(c, i), p, n);
        break;
    case AM_OUT:
        if (eval_size(c, a->pre, &n))
            ev_write(c, arg_text(c, i), p, n);
        break;
    case AM_SOCKADDR:
        if (eval_size(c, a->pre, &n))
            pre_sockaddr(c, arg_base(c, i), p, n);
        break;
    case AM_ADDRBUF:
        addrbuf_effects(c, i, SZ_ARGNO(a->pre));
        break;
    case AM_SIGEVENT:
        pre_sigevent(c, arg_base(c, i), p);
        break;
    }
}

static void post_arg(SysCtx *c, UInt i)
{
    const SysArg *a = &c->d->args[i];
    Addr p = c->args[i];
    if (p == 0 && (a->flags & XF_NULL))
        return;
    if (a->mem == AM_ADDRBUF) {
        if (c->ok)
            addrbuf_effects(c, i, SZ_ARGNO(a->pre));
        return;
    }
    if (a->mem != AM_OUT && a->mem != AM_INOUT)
        return;
    Bool written = (a->flags & XF_ONLYINTR) ? c->intr : c->ok || (c->intr && (a->flags & XF_INTR));
    if (!written || ((a->flags & XF_POS) && (Word)c->res <= 0))
        return;
    SizeT pre_n, post_n;
    Bool have_pre = eval_size(c, a->pre, &pre_n);
    if (SZ_HOW(a->post) == SZ_SAME) {
        if (!have_pre)
            return;
        post_n = pre_n;
    } else if (!eval_size(c, a->post, &post_n)) {
        return;
    } else if (have_pre && pre_n < post_n) {
        post_n = pre_n; /* the kernel never writes past the buffer */
    }
    ev_post(c, p, post_n);
}

static void init_ctx(SysCtx *c, ThreadId tid, UWord sysno, const UWord *args,
                     const SysDesc *d)
{
    c->tid = tid;
    c->sysno = sysno;
    c->args = args;
    c->d = d;
    c->is_post = False;
    c->ok = False;
    c->intr = False;
    c->res = 0;
}

void VG_(sysdesc_pre)(ThreadId tid, UWord sysno, const UWord args[6])
{
    const SysDesc *d = lookup(sysno);
    if (d == NULL)
        return;
    SysCtx c;
    init_ctx(&c, tid, sysno, args, d);
    save_begin(&c);
    for (UInt i = 0; i < d->nargs; i++)
        VG_TRACK(pre_reg_read, Vg_CoreSysCall, tid, arg_text(&c, i), arg_reg_offset[i],
                 arg_width(d->args[i].fmt));
    for (UInt i = 0; i < d->nargs; i++)
        pre_arg(&c, i);
    if (d->hook)
        d->hook(&c);
}

void VG_(sysdesc_post)(ThreadId tid, UWord sysno, const UWord args[6], SysRes res)
{
    const SysDesc *d = lookup(sysno);
    if (d == NULL)
        return;
    SysCtx c;
    init_ctx(&c, tid, sysno, args, d);
    c.is_post = True;
    c.ok = !res.is_error;
    c.intr = was_interrupted(res);
    c.res = c.ok ? res.val : 0;
    if (!c.ok && !c.intr)
        return;
    for (UInt i = 0; i < d->nargs; i++)
        post_arg(&c, i);
    if (d->hook)
        d->hook(&c);
}

/*--- Hooks: I/O vectors and messages --------------------------------*/

/* readv, preadv, preadv2: fd, vector, count, ... */
static void hk_readv(SysCtx *c)
{
    if (!c->is_post)
        iov_effects(c, c->args[1], c->args[2], False, arg_base(c, 1), 0);
    else if (c->ok)
        iov_effects(c, c->args[1], c->args[2], False, NULL, c->res);
}

/* writev, pwritev, pwritev2, vmsplice: the buffers are read. */
static void hk_writev(SysCtx *c)
{
    if (!c->is_post)
        iov_effects(c, c->args[1], c->args[2], True, arg_base(c, 1), 0);
}

/* process_vm_readv/writev: local iovecs hold the data; the remote array
   is read, its buffers are in another process. */
static void hk_process_vm(SysCtx *c)
{
    Bool to_kernel = c->sysno == __NR_process_vm_writev;
    if (c->is_post) {
        if (c->ok && !to_kernel)
            iov_effects(c, c->args[1], c->args[2], False, NULL, c->res);
        return;
    }
    iov_effects(c, c->args[1], c->args[2], to_kernel, arg_base(c, 1), 0);
    if (c->args[4] <= SD_MAX_IOV)
        ev_read(c, arg_text(c, 3), c->args[3], c->args[4] * sizeof(struct iovec));
}

/* A struct msghdr at msg; base is "sendmsg(msg" (NULL in the post
   phase, which names nothing).  Pre: the header fields
   the kernel reads, then the name, the iovecs and the control buffer.
   Post (recv only): total data bytes, and the updated header.  slot
   keeps the caller's msg_namelen for the post phase. */
static void msghdr_effects(const SysCtx *c, Addr msg, const HChar *base, Bool recv,
                           SizeT total, UInt slot)
{
    struct msghdr m;
    if (!c->is_post) {
        static const struct {
            const HChar *field;
            SizeT off, size;
        } fields[] = {
            {"msg_name", offsetof(struct msghdr, msg_name), sizeof(void *)},
            {"msg_namelen", offsetof(struct msghdr, msg_namelen), sizeof(socklen_t)},
            {"msg_iov", offsetof(struct msghdr, msg_iov), sizeof(void *)},
            {"msg_iovlen", offsetof(struct msghdr, msg_iovlen), sizeof(size_t)},
            {"msg_control", offsetof(struct msghdr, msg_control), sizeof(void *)},
            {"msg_controllen", offsetof(struct msghdr, msg_controllen), sizeof(size_t)},
        };
        for (UInt i = 0; i < VG_N_ELEMS(fields); i++)
            ev_read(c, txtf("%s.%s)", base, fields[i].field), msg + fields[i].off,
                    fields[i].size);
        if (recv)
            ev_write(c, txtf("%s.msg_flags)", base), msg + offsetof(struct msghdr, msg_flags),
                     sizeof(int));
    }
    if (!client_copy(&m, msg, sizeof(m)))
        return;
    Addr name = (Addr)m.msg_name, control = (Addr)m.msg_control;
    const HChar *iov_base = c->is_post ? NULL : txtf("%s.msg_iov", base);
    if (!c->is_post) {
        if (name != 0 && recv) {
            ev_write(c, txtf("%s.msg_name)", base), name, m.msg_namelen);
            save_val(c, slot, m.msg_namelen);
        } else if (name != 0) {
            pre_sockaddr(c, txtf("%s.msg_name", base), name, m.msg_namelen);
        }
        iov_effects(c, (Addr)m.msg_iov, m.msg_iovlen, !recv, iov_base, 0);
        if (control != 0 && recv)
            ev_write(c, txtf("%s.msg_control)", base), control, m.msg_controllen);
        else if (control != 0)
            ev_read(c, txtf("%s.msg_control)", base), control, m.msg_controllen);
        return;
    }
    if (!recv)
        return;
    iov_effects(c, (Addr)m.msg_iov, m.msg_iovlen, False, iov_base, total);
    if (name != 0) {
        ev_post(c, msg + offsetof(struct msghdr, msg_namelen), sizeof(socklen_t));
        ev_post(c, name, clamp_to_saved(c, slot, m.msg_namelen));
    }
    ev_post(c, msg + offsetof(struct msghdr, msg_controllen), sizeof(size_t));
    if (control != 0)
        ev_post(c, control, m.msg_controllen);
    ev_post(c, msg + offsetof(struct msghdr, msg_flags), sizeof(int));
}

static void hk_sendmsg(SysCtx *c)
{
    if (!c->is_post)
        msghdr_effects(c, c->args[1], txtf("%s(msg", c->d->name), False, 0, 0);
}

static void hk_recvmsg(SysCtx *c)
{
    if (!c->is_post)
        msghdr_effects(c, c->args[1], txtf("%s(msg", c->d->name), True, 0, 0);
    else if (c->ok)
        msghdr_effects(c, c->args[1], NULL, True, c->res, 0);
}

/* sendmmsg/recvmmsg: vlen struct mmsghdr; after the call, the result
   is how many were done, each with its msg_len. */
static void mmsg_effects(SysCtx *c, Bool recv)
{
    Addr vec = c->args[1];
    UWord vlen = (UInt)c->args[2];
    if (vlen > SD_MAX_IOV)
        vlen = SD_MAX_IOV; /* the kernel silently does no more */
    if (c->is_post) {
        if (!c->ok)
            return;
        vlen = c->res < vlen ? c->res : vlen;
    }
    for (UWord i = 0; i < vlen; i++) {
        Addr e = vec + i * sizeof(struct mmsghdr);
        Addr lenp = e + offsetof(struct mmsghdr, msg_len);
        UInt done = 0;
        if (c->is_post) {
            ev_post(c, lenp, sizeof(UInt));
            if (recv && client_u32(lenp, &done))
                msghdr_effects(c, e, NULL, recv, done, (UInt)i);
            continue;
        }
        ev_write(c, txtf("%s(%s[%lu].msg_len)", c->d->name, c->d->args[1].name,
                         (unsigned long)i),
                 lenp, sizeof(UInt));
        msghdr_effects(c, e,
                       txtf("%s(%s[%lu].msg_hdr", c->d->name, c->d->args[1].name,
                            (unsigned long)i),
                       recv, 0, (UInt)i);
    }
}

static void hk_sendmmsg(SysCtx *c) { mmsg_effects(c, False); }
static void hk_recvmmsg(SysCtx *c) { mmsg_effects(c, True); }

/*--- Hooks: polling -------------------------------------------------*/

/* poll and ppoll: struct pollfd[nfds]; fd and events are read, revents
   written, for every entry. */
static void hk_poll(SysCtx *c)
{
    Addr fds = c->args[0];
    UWord nfds = (UInt)c->args[1];
    if (nfds > SD_MAX_POLLFDS || (c->is_post && !c->ok))
        return;
    if (c->is_post) {
        for (UWord i = 0; i < nfds; i++)
            ev_post(c, fds + i * sizeof(struct pollfd) + offsetof(struct pollfd, revents),
                    sizeof(short));
        return;
    }
    const HChar *s_fd = txtf("%s(ufds.fd)", c->d->name);
    const HChar *s_events = txtf("%s(ufds.events)", c->d->name);
    const HChar *s_revents = txtf("%s(ufds.revents)", c->d->name);
    for (UWord i = 0; i < nfds; i++) {
        Addr e = fds + i * sizeof(struct pollfd);
        ev_read(c, s_fd, e + offsetof(struct pollfd, fd), sizeof(int));
        ev_read(c, s_events, e + offsetof(struct pollfd, events), sizeof(short));
        ev_write(c, s_revents, e + offsetof(struct pollfd, revents), sizeof(short));
    }
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
static void hk_pselect6(SysCtx *c)
{
    Addr sig = c->args[5];
    UWord pair[2];
    if (c->is_post || sig == 0)
        return;
    ev_read(c, arg_text(c, 5), sig, sizeof(pair));
    /* The kernel reads the mask only when ss_len is its sigset_t's size. */
    if (client_copy(pair, sig, sizeof(pair)) && pair[0] != 0 && pair[1] == KSIGSET_SIZE)
        ev_read(c, "pselect6(sigmask->ss)", pair[0], KSIGSET_SIZE);
}

static void hk_epoll_ctl(SysCtx *c)
{
    if (!c->is_post && (Int)c->args[1] != EPOLL_CTL_DEL)
        ev_read(c, arg_text(c, 3), c->args[3], sizeof(struct epoll_event));
}

/*--- Hooks: ioctl and fcntl -----------------------------------------*/

enum { IO_NONE, IO_IN, IO_OUT, IO_INOUT, IO_IFREQ_GET, IO_IFREQ_SET };

typedef struct {
    UInt req;
    UChar kind;
    UShort size;
    const HChar *text;
} IoctlDesc;

#define IOC(req, kind, size) {req, kind, size, "ioctl(" #req ")"}

/* Requests whose argument the _IOC bits do not describe (the old
   terminal and socket ones carry no bits at all), or describe wrongly. */
static const IoctlDesc ioctl_table[] = {
    IOC(TCGETS, IO_OUT, sizeof(struct termios)),
    IOC(TCSETS, IO_IN, sizeof(struct termios)),
    IOC(TCSETSW, IO_IN, sizeof(struct termios)),
    IOC(TCSETSF, IO_IN, sizeof(struct termios)),
    IOC(TCGETA, IO_OUT, sizeof(struct termio)),
    IOC(TCSETA, IO_IN, sizeof(struct termio)),
    IOC(TCSETAW, IO_IN, sizeof(struct termio)),
    IOC(TCSETAF, IO_IN, sizeof(struct termio)),
    IOC(TCSBRK, IO_NONE, 0),
    IOC(TCSBRKP, IO_NONE, 0),
    IOC(TCXONC, IO_NONE, 0),
    IOC(TCFLSH, IO_NONE, 0),
    IOC(TIOCEXCL, IO_NONE, 0),
    IOC(TIOCNXCL, IO_NONE, 0),
    IOC(TIOCSCTTY, IO_NONE, 0),
    IOC(TIOCNOTTY, IO_NONE, 0),
    IOC(TIOCSBRK, IO_NONE, 0),
    IOC(TIOCCBRK, IO_NONE, 0),
    IOC(TIOCCONS, IO_NONE, 0),
    IOC(TIOCGPGRP, IO_OUT, sizeof(pid_t)),
    IOC(TIOCSPGRP, IO_IN, sizeof(pid_t)),
    IOC(TIOCGSID, IO_OUT, sizeof(pid_t)),
    IOC(TIOCOUTQ, IO_OUT, sizeof(int)),
    IOC(TIOCSTI, IO_IN, sizeof(char)),
    IOC(TIOCGPTN, IO_OUT, sizeof(UInt)),
    IOC(TIOCSPTLCK, IO_IN, sizeof(int)),
    IOC(TIOCGPTLCK, IO_OUT, sizeof(int)),
    IOC(TCGETS2, IO_OUT, sizeof(struct termios2)),
    IOC(TCSETS2, IO_IN, sizeof(struct termios2)),
    IOC(TCSETSW2, IO_IN, sizeof(struct termios2)),
    IOC(TCSETSF2, IO_IN, sizeof(struct termios2)),
    IOC(TIOCGWINSZ, IO_OUT, sizeof(struct winsize)),
    IOC(TIOCSWINSZ, IO_IN, sizeof(struct winsize)),
    IOC(TIOCMGET, IO_OUT, sizeof(int)),
    IOC(TIOCMBIS, IO_IN, sizeof(int)),
    IOC(TIOCMBIC, IO_IN, sizeof(int)),
    IOC(TIOCMSET, IO_IN, sizeof(int)),
    IOC(TIOCGSOFTCAR, IO_OUT, sizeof(int)),
    IOC(TIOCSSOFTCAR, IO_IN, sizeof(int)),
    IOC(TIOCPKT, IO_IN, sizeof(int)),
    IOC(TIOCSETD, IO_IN, sizeof(int)),
    IOC(TIOCGETD, IO_OUT, sizeof(int)),
    IOC(FIONREAD, IO_OUT, sizeof(int)),
    IOC(FIONBIO, IO_IN, sizeof(int)),
    IOC(FIOASYNC, IO_IN, sizeof(int)),
    IOC(FIOCLEX, IO_NONE, 0),
    IOC(FIONCLEX, IO_NONE, 0),
    IOC(FIOQSIZE, IO_OUT, sizeof(loff_t)),
    IOC(FIOGETOWN, IO_OUT, sizeof(int)),
    IOC(FIOSETOWN, IO_IN, sizeof(int)),
    IOC(SIOCGPGRP, IO_OUT, sizeof(int)),
    IOC(SIOCSPGRP, IO_IN, sizeof(int)),
    IOC(SIOCATMARK, IO_OUT, sizeof(int)),
    IOC(SIOCGIFINDEX, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(SIOCGIFFLAGS, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(SIOCSIFFLAGS, IO_IFREQ_SET, sizeof(struct ifreq)),
    IOC(SIOCGIFADDR, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(SIOCGIFNETMASK, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(SIOCGIFBRDADDR, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(SIOCGIFMTU, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(SIOCSIFMTU, IO_IFREQ_SET, sizeof(struct ifreq)),
    IOC(SIOCGIFHWADDR, IO_IFREQ_GET, sizeof(struct ifreq)),
    IOC(FIGETBSZ, IO_OUT, sizeof(int)),
    IOC(FIBMAP, IO_INOUT, sizeof(int)),
    IOC(BLKGETSIZE, IO_OUT, sizeof(unsigned long)),
    IOC(BLKSSZGET, IO_OUT, sizeof(int)),
    /* The _IOC size says long; the kernel reads and writes an int. */
    IOC(FS_IOC_GETFLAGS, IO_OUT, sizeof(int)),
    IOC(FS_IOC_SETFLAGS, IO_IN, sizeof(int)),
    /* The argument is a file descriptor, despite the _IOW bits. */
    IOC(FICLONE, IO_NONE, 0),
};

static void hk_ioctl(SysCtx *c)
{
    UInt req = (UInt)c->args[1];
    Addr arg = c->args[2];
    UInt kind = IO_NONE;
    SizeT size = 0;
    const HChar *text = "ioctl(generic)";
    Bool known = False;
    for (UInt i = 0; i < VG_N_ELEMS(ioctl_table); i++) {
        if (ioctl_table[i].req == req) {
            kind = ioctl_table[i].kind;
            size = ioctl_table[i].size;
            text = ioctl_table[i].text;
            known = True;
            break;
        }
    }
    if (!known) {
        /* _IOC_WRITE: the kernel reads the argument; _IOC_READ: writes it. */
        UInt dir = _IOC_DIR(req);
        size = _IOC_SIZE(req);
        kind = dir == (_IOC_READ | _IOC_WRITE) ? IO_INOUT
               : dir == _IOC_READ              ? IO_OUT
               : dir == _IOC_WRITE             ? IO_IN
                                               : IO_NONE;
    }
    if (c->is_post) {
        if (c->ok && (kind == IO_OUT || kind == IO_INOUT || kind == IO_IFREQ_GET))
            ev_post(c, arg, size);
        return;
    }
    switch (kind) {
    case IO_IN:
    case IO_INOUT: /* read covers the addressability a write check would */
    case IO_IFREQ_SET:
        ev_read(c, text, arg, size);
        break;
    case IO_OUT:
        ev_write(c, text, arg, size);
        break;
    case IO_IFREQ_GET:
        /* Only the interface name goes in. */
        ev_asciiz(c, text, arg);
        ev_write(c, text, arg, size);
        break;
    }
}

/* struct flock: the fields F_SETLK and F_GETLK read (l_pid and the
   padding are not). */
static void pre_flock(const SysCtx *c, Addr p)
{
    const HChar *s = "fcntl(lock)";
    ev_read(c, s, p + offsetof(struct flock, l_type), sizeof(short));
    ev_read(c, s, p + offsetof(struct flock, l_whence), sizeof(short));
    ev_read(c, s, p + offsetof(struct flock, l_start), sizeof(off_t));
    ev_read(c, s, p + offsetof(struct flock, l_len), sizeof(off_t));
}

static void hk_fcntl(SysCtx *c)
{
    Addr arg = c->args[2];
    SizeT out = 0;
    switch ((Int)c->args[1]) {
    case F_GETLK:
    case F_OFD_GETLK:
        if (!c->is_post) {
            pre_flock(c, arg);
            ev_write(c, "fcntl(lock)", arg, sizeof(struct flock));
        }
        out = sizeof(struct flock);
        break;
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        if (!c->is_post)
            pre_flock(c, arg);
        break;
    case F_SETOWN_EX:
        if (!c->is_post)
            ev_read(c, "fcntl(owner)", arg, sizeof(struct f_owner_ex));
        break;
    case F_GETOWN_EX:
        out = sizeof(struct f_owner_ex);
        if (!c->is_post)
            ev_write(c, "fcntl(owner)", arg, out);
        break;
    case F_GETOWNER_UIDS:
        out = 2 * sizeof(uid_t);
        if (!c->is_post)
            ev_write(c, "fcntl(uids)", arg, out);
        break;
    case F_GET_RW_HINT:
    case F_GET_FILE_RW_HINT:
        out = sizeof(ULong);
        if (!c->is_post)
            ev_write(c, "fcntl(hint)", arg, out);
        break;
    case F_SET_RW_HINT:
    case F_SET_FILE_RW_HINT:
        if (!c->is_post)
            ev_read(c, "fcntl(hint)", arg, sizeof(ULong));
        break;
    }
    if (c->is_post && c->ok)
        ev_post(c, arg, out);
}

/*--- Hooks: processes -----------------------------------------------*/

/* A NULL-terminated array of string pointers (execve's argv, envp): the
   pointer slots are read, then each string.  A slot that cannot be read
   ends it: the array event covers it, and no string after it is read. */
static void string_array_effects(const SysCtx *c, UInt i)
{
    Addr arr = c->args[i];
    UWord n = 0, p = 0;
    if (arr == 0)
        return; /* Linux takes NULL as an empty array */
    for (; n < SD_MAX_STRINGS; n++) {
        if (!client_word(arr + n * sizeof(UWord), &p) || p == 0)
            break;
    }
    ev_read(c, arg_text(c, i), arr, (n + 1) * sizeof(UWord));
    for (UWord k = 0; k < n; k++) {
        client_word(arr + k * sizeof(UWord), &p);
        ev_asciiz(c, txtf("%s(%s[%lu])", c->d->name, c->d->args[i].name, (unsigned long)k), p);
    }
}

/* execve(filename, argv, envp), execveat(dirfd, pathname, argv, envp, flags). */
static void hk_execve(SysCtx *c)
{
    UInt first = c->sysno == __NR_execve ? 1 : 2;
    if (c->is_post)
        return;
    string_array_effects(c, first);
    string_array_effects(c, first + 1);
}

/* clone(flags, stack, parent_tid, child_tid, tls). */
static void hk_clone(SysCtx *c)
{
    UWord flags = c->args[0];
    Bool parent = (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0;
    if (!c->is_post) {
        if (parent)
            ev_write(c, arg_text(c, 2), c->args[2], sizeof(pid_t));
        if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
            ev_write(c, arg_text(c, 3), c->args[3], sizeof(pid_t));
        return;
    }
    if (!c->ok)
        return;
    if (parent)
        ev_post(c, c->args[2], sizeof(pid_t));
    if (flags & CLONE_CHILD_SETTID)
        ev_post(c, c->args[3], sizeof(pid_t));
}

/* clone3(struct clone_args *cl_args, size_t size).  The layout is the
   kernel's (linux/sched.h): 8-byte fields. */
enum {
    CL_FLAGS = 0, CL_PIDFD = 8, CL_CHILD_TID = 16, CL_PARENT_TID = 24,
    CL_SIZE_VER0 = 64, CL_SET_TID = 64, CL_SET_TID_SIZE = 72, CL_SIZE_VER1 = 80
};

static void hk_clone3(SysCtx *c)
{
    Addr ca = c->args[0];
    SizeT size = c->args[1];
    UWord flags, pidfd, ctid, ptid;
    if (size < CL_SIZE_VER0 || size > SD_MAX_STRUCT)
        return; /* EINVAL or E2BIG before anything is read */
    if (!c->is_post)
        ev_read(c, arg_text(c, 0), ca, size);
    if (!client_word(ca + CL_FLAGS, &flags) ||
        !client_word(ca + CL_PIDFD, &pidfd) || !client_word(ca + CL_CHILD_TID, &ctid) ||
        !client_word(ca + CL_PARENT_TID, &ptid))
        return;
    if (c->is_post) {
        if (!c->ok)
            return;
        if (flags & CLONE_PIDFD)
            ev_post(c, pidfd, sizeof(int));
        if (flags & CLONE_PARENT_SETTID)
            ev_post(c, ptid, sizeof(pid_t));
        if (flags & CLONE_CHILD_SETTID)
            ev_post(c, ctid, sizeof(pid_t));
        return;
    }
    if (flags & CLONE_PIDFD)
        ev_write(c, "clone3(cl_args->pidfd)", pidfd, sizeof(int));
    if (flags & CLONE_PARENT_SETTID)
        ev_write(c, "clone3(cl_args->parent_tid)", ptid, sizeof(pid_t));
    if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
        ev_write(c, "clone3(cl_args->child_tid)", ctid, sizeof(pid_t));
    UWord set_tid, n;
    if (size >= CL_SIZE_VER1 && client_word(ca + CL_SET_TID, &set_tid) &&
        client_word(ca + CL_SET_TID_SIZE, &n) && set_tid != 0 && n <= 32)
        ev_read(c, "clone3(cl_args->set_tid)", set_tid, n * sizeof(pid_t));
}

/* ptrace(request, pid, addr, data): the requests that move memory of the
   tracer (data); the tracee's memory is not ours to describe. */
static void hk_ptrace(SysCtx *c)
{
    Addr data = c->args[3];
    SizeT in = 0, out = 0;
    switch ((Long)c->args[0]) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA:
    case PTRACE_PEEKUSER:
    case PTRACE_GETEVENTMSG:
        out = sizeof(UWord);
        break;
    case PTRACE_GETREGS:
        out = sizeof(struct user_regs_struct);
        break;
    case PTRACE_SETREGS:
        in = sizeof(struct user_regs_struct);
        break;
    case PTRACE_GETFPREGS:
        out = sizeof(struct user_fpregs_struct);
        break;
    case PTRACE_SETFPREGS:
        in = sizeof(struct user_fpregs_struct);
        break;
    case PTRACE_GETSIGINFO:
        out = sizeof(siginfo_t);
        break;
    case PTRACE_SETSIGINFO:
        in = sizeof(siginfo_t);
        break;
    case PTRACE_GETREGSET:
    case PTRACE_SETREGSET: {
        /* data is a struct iovec: the kernel fills iov_base and shortens
           iov_len (GETREGSET), or reads iov_len bytes (SETREGSET). */
        Bool get = (Long)c->args[0] == PTRACE_GETREGSET;
        struct iovec v;
        if (!c->is_post)
            ev_read(c, "ptrace(regset)", data, sizeof(v));
        if (!client_copy(&v, data, sizeof(v)))
            return;
        if (c->is_post) {
            if (c->ok && get) {
                ev_post(c, data + offsetof(struct iovec, iov_len), sizeof(v.iov_len));
                ev_post(c, (Addr)v.iov_base, v.iov_len);
            }
        } else if (get) {
            ev_write(c, "ptrace(regset)", (Addr)v.iov_base, v.iov_len);
        } else {
            ev_read(c, "ptrace(regset)", (Addr)v.iov_base, v.iov_len);
        }
        return;
    }
    }
    if (!c->is_post) {
        ev_read(c, "ptrace(data)", data, in);
        ev_write(c, "ptrace(data)", data, out);
    } else if (c->ok) {
        ev_post(c, data, out);
    }
}

/* The prctl options that write a value at arg2. */
#define PRC(option, size) {option, size, "prctl(" #option ")"}
static const struct {
    Int option;
    SizeT size;
    const HChar *text;
} prctl_out[] = {
    PRC(PR_GET_NAME, 16 /* TASK_COMM_LEN */),
    PRC(PR_GET_PDEATHSIG, sizeof(int)),
    PRC(PR_GET_UNALIGN, sizeof(int)),
    PRC(PR_GET_FPEMU, sizeof(int)),
    PRC(PR_GET_FPEXC, sizeof(int)),
    PRC(PR_GET_TSC, sizeof(int)),
    PRC(PR_GET_ENDIAN, sizeof(int)),
    PRC(PR_GET_CHILD_SUBREAPER, sizeof(int)),
    PRC(PR_GET_TID_ADDRESS, sizeof(UWord)),
};

static void pre_sock_fprog(const SysCtx *c, const HChar *s, Addr p)
{
    struct sock_fprog prog;
    ev_read(c, s, p, sizeof(prog));
    if (client_copy(&prog, p, sizeof(prog)))
        ev_read(c, s, (Addr)prog.filter, prog.len * sizeof(struct sock_filter));
}

/* prctl(option, arg2, arg3, arg4, arg5): the options that take pointers. */
static void hk_prctl(SysCtx *c)
{
    Int option = (Int)c->args[0];
    UWord a2 = c->args[1];
    switch (option) {
    case PR_SET_NAME:
        if (!c->is_post)
            ev_asciiz(c, "prctl(PR_SET_NAME)", a2);
        return;
    case PR_GET_AUXV:
        /* Writes min(auxv size, arg3) bytes; returns the auxv size. */
        if (!c->is_post)
            ev_write(c, "prctl(PR_GET_AUXV)", a2, c->args[2]);
        else if (c->ok)
            ev_post(c, a2, c->res < c->args[2] ? c->res : c->args[2]);
        return;
    case PR_SET_SECCOMP:
        if (!c->is_post && a2 == SECCOMP_MODE_FILTER)
            pre_sock_fprog(c, "prctl(PR_SET_SECCOMP)", c->args[2]);
        return;
    case PR_SET_VMA:
        if (!c->is_post && a2 == PR_SET_VMA_ANON_NAME && c->args[4] != 0)
            ev_asciiz(c, "prctl(PR_SET_VMA)", c->args[4]);
        return;
    }
    for (UInt i = 0; i < VG_N_ELEMS(prctl_out); i++) {
        if (prctl_out[i].option != option)
            continue;
        if (!c->is_post)
            ev_write(c, prctl_out[i].text, a2, prctl_out[i].size);
        else if (c->ok)
            ev_post(c, a2, prctl_out[i].size);
        return;
    }
}

/* arch_prctl(code, addr): the GET codes write a word at addr. */
static void hk_arch_prctl(SysCtx *c)
{
    switch ((Int)c->args[0]) {
    case ARCH_GET_FS:
    case ARCH_GET_GS:
    case ARCH_GET_XCOMP_SUPP:
    case ARCH_GET_XCOMP_PERM:
    case ARCH_GET_XCOMP_GUEST_PERM:
    case SD_ARCH_SHSTK_STATUS:
        if (!c->is_post)
            ev_write(c, arg_text(c, 1), c->args[1], sizeof(UWord));
        else if (c->ok)
            ev_post(c, c->args[1], sizeof(UWord));
        break;
    }
}

/* seccomp(operation, flags, args). */
static void hk_seccomp(SysCtx *c)
{
    Addr p = c->args[2];
    switch ((UInt)c->args[0]) {
    case SECCOMP_SET_MODE_FILTER:
        if (!c->is_post)
            pre_sock_fprog(c, "seccomp(args)", p);
        break;
    case SECCOMP_GET_ACTION_AVAIL:
        if (!c->is_post)
            ev_read(c, "seccomp(args)", p, sizeof(UInt));
        break;
    case SECCOMP_GET_NOTIF_SIZES:
        /* struct seccomp_notif_sizes: three __u16. */
        if (!c->is_post)
            ev_write(c, "seccomp(args)", p, 3 * sizeof(UShort));
        else if (c->ok)
            ev_post(c, p, 3 * sizeof(UShort));
        break;
    }
}

/* rseq(rseq, rseq_len, flags, sig): registering (flags 0) lets the
   kernel write the cpu fields at every return to user space. */
static void hk_rseq(SysCtx *c)
{
    Addr p = c->args[0];
    SizeT len = (UInt)c->args[1];
    if (c->args[2] != 0 || len < 32)
        return; /* unregistering, or EINVAL */
    if (!c->is_post) {
        ev_write(c, arg_text(c, 0), p, len);
        return;
    }
    if (!c->ok)
        return;
    ev_post(c, p + 0, 4);  /* cpu_id_start */
    ev_post(c, p + 4, 4);  /* cpu_id */
    ev_post(c, p + 20, 4); /* node_id */
    ev_post(c, p + 24, 4); /* mm_cid */
}

/* sched_setattr(pid, attr, flags): attr->size says how much is read. */
static void hk_sched_setattr(SysCtx *c)
{
    Addr p = c->args[1];
    UInt size;
    if (c->is_post)
        return;
    ev_read(c, "sched_setattr(attr->size)", p, sizeof(UInt));
    if (!client_u32(p, &size) || size > SD_MAX_STRUCT)
        return;
    ev_read(c, arg_text(c, 1), p, size == 0 ? KSCHED_ATTR_SIZE_VER0 : size);
}

/* perf_event_open(attr, ...): attr->size (at offset 4) says how much. */
static void hk_perf_event_open(SysCtx *c)
{
    Addr p = c->args[0];
    UInt size;
    if (c->is_post)
        return;
    ev_read(c, "perf_event_open(attr->size)", p + 4, sizeof(UInt));
    if (!client_u32(p + 4, &size) || size > SD_MAX_STRUCT)
        return;
    ev_read(c, arg_text(c, 0), p, size == 0 ? PERF_ATTR_SIZE_VER0 : size);
}

/* capget/capset(hdrp, datap): the header's version says how many
   struct __user_cap_data_struct datap holds. */
static SizeT cap_data_size(Addr hdr)
{
    UInt version;
    if (!client_u32(hdr, &version))
        return 0;
    if (version == _LINUX_CAPABILITY_VERSION_1)
        return sizeof(struct __user_cap_data_struct);
    if (version == _LINUX_CAPABILITY_VERSION_2 || version == _LINUX_CAPABILITY_VERSION_3)
        return 2 * sizeof(struct __user_cap_data_struct);
    return 0;
}

static void hk_capget(SysCtx *c)
{
    Addr hdr = c->args[0], data = c->args[1];
    if (!c->is_post) {
        ev_read(c, arg_text(c, 0), hdr, sizeof(struct __user_cap_header_struct));
        if (data != 0)
            ev_write(c, arg_text(c, 1), data, cap_data_size(hdr));
    } else if (c->ok && data != 0) {
        ev_post(c, data, cap_data_size(hdr));
    }
}

static void hk_capset(SysCtx *c)
{
    Addr hdr = c->args[0];
    if (c->is_post)
        return;
    ev_read(c, arg_text(c, 0), hdr, sizeof(struct __user_cap_header_struct));
    ev_read(c, arg_text(c, 1), c->args[1], cap_data_size(hdr));
}

/* sigaltstack(ss, old_ss): ss's fields, not its padding. */
static void hk_sigaltstack(SysCtx *c)
{
    Addr ss = c->args[0];
    if (c->is_post || ss == 0)
        return;
    ev_read(c, "sigaltstack(ss->ss_sp)", ss + offsetof(stack_t, ss_sp), sizeof(void *));
    ev_read(c, "sigaltstack(ss->ss_flags)", ss + offsetof(stack_t, ss_flags), sizeof(int));
    ev_read(c, "sigaltstack(ss->ss_size)", ss + offsetof(stack_t, ss_size), sizeof(size_t));
}

/* clock_nanosleep(clockid, flags, request, remain): remain is written
   when a relative sleep is interrupted. */
static void hk_clock_nanosleep(SysCtx *c)
{
    Addr rem = c->args[3];
    if (rem == 0 || (c->args[1] & TIMER_ABSTIME))
        return;
    if (!c->is_post)
        ev_write(c, arg_text(c, 3), rem, sizeof(struct timespec));
    else if (c->intr)
        ev_post(c, rem, sizeof(struct timespec));
}

/* adjtimex(buf), clock_adjtime(clk_id, buf): buf->modes says which
   fields are read; the whole struct is written back. */
static void hk_adjtimex(SysCtx *c)
{
    UInt i = c->sysno == __NR_adjtimex ? 0 : 1;
    Addr p = c->args[i];
    static const struct {
        UInt bit;
        SizeT off, size;
    } mode_fields[] = {
        {ADJ_OFFSET, offsetof(struct timex, offset), sizeof(long)},
        {ADJ_FREQUENCY, offsetof(struct timex, freq), sizeof(long)},
        {ADJ_MAXERROR, offsetof(struct timex, maxerror), sizeof(long)},
        {ADJ_ESTERROR, offsetof(struct timex, esterror), sizeof(long)},
        {ADJ_STATUS, offsetof(struct timex, status), sizeof(int)},
        {ADJ_TIMECONST, offsetof(struct timex, constant), sizeof(long)},
        {ADJ_TAI, offsetof(struct timex, constant), sizeof(long)},
        {ADJ_SETOFFSET, offsetof(struct timex, time), sizeof(struct timeval)},
        {ADJ_TICK, offsetof(struct timex, tick), sizeof(long)},
    };
    if (c->is_post) {
        if (c->ok)
            ev_post(c, p, sizeof(struct timex));
        return;
    }
    ev_read(c, txtf("%s(buf->modes)", c->d->name), p, sizeof(UInt));
    UInt modes;
    if (client_u32(p, &modes) && modes != ADJ_OFFSET_SS_READ) {
        for (UInt k = 0; k < VG_N_ELEMS(mode_fields); k++)
            if (modes & mode_fields[k].bit)
                ev_read(c, arg_text(c, i), p + mode_fields[k].off, mode_fields[k].size);
    }
    ev_write(c, arg_text(c, i), p, sizeof(struct timex));
}

/* modify_ldt(func, ptr, bytecount): 0 and 2 read the LDT into ptr (the
   result says how much), 1 and 0x11 write one struct user_desc. */
static void hk_modify_ldt(SysCtx *c)
{
    Int func = (Int)c->args[0];
    Addr p = c->args[1];
    SizeT n = c->args[2];
    if (func == 0 || func == 2) {
        if (!c->is_post)
            ev_write(c, arg_text(c, 1), p, n);
        else if (c->ok)
            ev_post(c, p, c->res < n ? c->res : n);
    } else if ((func == 1 || func == 0x11) && !c->is_post) {
        ev_read(c, arg_text(c, 1), p, n < sizeof(struct user_desc) ? n : sizeof(struct user_desc));
    }
}

/* syslog(type, bufp, len): the READ actions fill bufp. */
static void hk_syslog(SysCtx *c)
{
    Int type = (Int)c->args[0], len = (Int)c->args[2];
    if ((type != 2 && type != 3 && type != 4) || len <= 0)
        return;
    if (!c->is_post)
        ev_write(c, arg_text(c, 1), c->args[1], len);
    else if (c->ok)
        ev_post(c, c->args[1], c->res < (UWord)len ? c->res : (UWord)len);
}

/*--- Hooks: futexes, aio, handles -----------------------------------*/

static void hk_futex(SysCtx *c)
{
    Addr uaddr = c->args[0], timeout = c->args[3], uaddr2 = c->args[4];
    Bool read1 = False, write1 = False, read2 = False, write2 = False, tmo = False;
    switch ((Int)c->args[1] & FUTEX_CMD_MASK) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
        read1 = tmo = True;
        break;
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
    case FUTEX_REQUEUE:
        break; /* the words are only keys */
    case FUTEX_CMP_REQUEUE:
        read1 = True;
        break;
    case FUTEX_WAKE_OP:
        read2 = write2 = True;
        break;
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
        read1 = write1 = tmo = True;
        break;
    case FUTEX_TRYLOCK_PI:
    case FUTEX_UNLOCK_PI:
        read1 = write1 = True;
        break;
    case FUTEX_WAIT_REQUEUE_PI:
        read1 = tmo = True;
        break;
    case FUTEX_CMP_REQUEUE_PI:
        read1 = read2 = write2 = True;
        break;
    default:
        return;
    }
    if (c->is_post) {
        if (c->ok && write1)
            ev_post(c, uaddr, sizeof(UInt));
        if (c->ok && write2)
            ev_post(c, uaddr2, sizeof(UInt));
        return;
    }
    if (read1)
        ev_read(c, "futex(futex)", uaddr, sizeof(UInt));
    if (read2)
        ev_read(c, "futex(futex2)", uaddr2, sizeof(UInt));
    if (tmo && timeout != 0)
        ev_read(c, "futex(timeout)", timeout, sizeof(struct timespec));
}

/* iocb fields (linux/aio_abi.h). */
static Bool read_iocb(Addr p, struct iocb *cb) { return client_copy(cb, p, sizeof(*cb)); }

/* io_getevents / io_pgetevents: the events are generic; a completed
   read's data arrives now, so the buffers of IOCB_CMD_PREAD(V) get
   their post_mem_write here.  io_pgetevents also reads usig. */
static void hk_io_getevents(SysCtx *c)
{
    if (!c->is_post) {
        Addr usig = c->sysno == __NR_io_pgetevents ? c->args[5] : 0;
        UWord pair[2];
        if (usig != 0) {
            ev_read(c, arg_text(c, 5), usig, sizeof(pair));
            if (client_copy(pair, usig, sizeof(pair)) && pair[0] != 0 &&
                pair[1] == KSIGSET_SIZE)
                ev_read(c, "io_pgetevents(usig->sigmask)", pair[0], KSIGSET_SIZE);
        }
        return;
    }
    if (!c->ok)
        return;
    Addr ev = c->args[3];
    for (UWord i = 0; i < c->res; i++) {
        struct io_event e;
        struct iocb cb;
        if (!client_copy(&e, ev + i * sizeof(e), sizeof(e)) || e.res <= 0 ||
            !read_iocb((Addr)e.obj, &cb))
            continue;
        if (cb.aio_lio_opcode == IOCB_CMD_PREAD)
            ev_post(c, cb.aio_buf, (UWord)e.res < cb.aio_nbytes ? (UWord)e.res : cb.aio_nbytes);
        else if (cb.aio_lio_opcode == IOCB_CMD_PREADV)
            iov_effects(c, cb.aio_buf, cb.aio_nbytes, False, NULL, e.res);
    }
}

/* io_submit(ctx, nr, iocbpp): the pointer array, each iocb, and the
   buffers of reads and writes. */
static void hk_io_submit(SysCtx *c)
{
    Addr arr = c->args[2];
    UWord nr = c->args[1];
    if (c->is_post || (Long)nr < 0 || nr > SD_MAX_IOV * 64)
        return;
    ev_read(c, arg_text(c, 2), arr, nr * sizeof(UWord));
    if (!client_readable(arr, nr * sizeof(UWord)))
        return;
    for (UWord i = 0; i < nr; i++) {
        Addr p = ((const UWord *)arr)[i];
        struct iocb cb;
        ev_read(c, "io_submit(iocb)", p, sizeof(cb));
        if (!read_iocb(p, &cb))
            continue;
        switch (cb.aio_lio_opcode) {
        case IOCB_CMD_PWRITE:
            ev_read(c, "io_submit(PWRITE)", cb.aio_buf, cb.aio_nbytes);
            break;
        case IOCB_CMD_PREAD:
            ev_write(c, "io_submit(PREAD)", cb.aio_buf, cb.aio_nbytes);
            break;
        case IOCB_CMD_PWRITEV:
            iov_effects(c, cb.aio_buf, cb.aio_nbytes, True, "io_submit(PWRITEV", 0);
            break;
        case IOCB_CMD_PREADV:
            iov_effects(c, cb.aio_buf, cb.aio_nbytes, False, "io_submit(PREADV", 0);
            break;
        }
    }
}

/* name_to_handle_at(dirfd, pathname, handle, mount_id, flags):
   handle->handle_bytes says how much room follows the 8-byte header. */
static void hk_name_to_handle_at(SysCtx *c)
{
    Addr h = c->args[2];
    UInt n;
    if (!c->is_post) {
        ev_read(c, "name_to_handle_at(handle->handle_bytes)", h, sizeof(UInt));
        if (client_u32(h, &n) && n <= MAX_HANDLE_SZ) {
            ev_write(c, arg_text(c, 2), h, sizeof(struct file_handle) + n);
            save_val(c, 0, n);
        }
    } else if (c->ok && client_u32(h, &n)) {
        ev_post(c, h, sizeof(struct file_handle) + clamp_to_saved(c, 0, n));
    }
}

static void hk_open_by_handle_at(SysCtx *c)
{
    Addr h = c->args[1];
    UInt n;
    if (c->is_post)
        return;
    ev_read(c, "open_by_handle_at(handle->handle_bytes)", h, sizeof(UInt));
    if (client_u32(h, &n) && n <= MAX_HANDLE_SZ)
        ev_read(c, arg_text(c, 1), h, sizeof(struct file_handle) + n);
}

/*--- Hooks: System V IPC and message queues -------------------------*/

/* The *ctl commands: how many bytes buf gets (out) or gives (in). */
static void ipc_ctl_effects(SysCtx *c, Addr buf, SizeT in, SizeT out)
{
    const HChar *s = txtf("%s(buf)", c->d->name);
    if (!c->is_post) {
        ev_read(c, s, buf, in);
        ev_write(c, s, buf, out);
    } else if (c->ok) {
        ev_post(c, buf, out);
    }
}

static void hk_shmctl(SysCtx *c)
{
    SizeT in = 0, out = 0;
    switch ((Int)c->args[1] & ~0x100 /* IPC_64 */) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
        out = sizeof(struct shmid_ds);
        break;
    case IPC_SET:
        in = sizeof(struct shmid_ds);
        break;
    case IPC_INFO:
        out = sizeof(struct shminfo);
        break;
    case SHM_INFO:
        out = sizeof(struct shm_info);
        break;
    }
    ipc_ctl_effects(c, c->args[2], in, out);
}

static void hk_msgctl(SysCtx *c)
{
    SizeT in = 0, out = 0;
    switch ((Int)c->args[1] & ~0x100) {
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY:
        out = sizeof(struct msqid_ds);
        break;
    case IPC_SET:
        in = sizeof(struct msqid_ds);
        break;
    case IPC_INFO:
    case MSG_INFO:
        out = sizeof(struct msginfo);
        break;
    }
    ipc_ctl_effects(c, c->args[2], in, out);
}

/* semctl(semid, semnum, cmd, arg): arg is the union semun, passed by
   value.  GETALL/SETALL need the set's size, which only another system
   call could tell: not described. */
static void hk_semctl(SysCtx *c)
{
    SizeT in = 0, out = 0;
    switch ((Int)c->args[2] & ~0x100) {
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY:
        out = sizeof(struct semid_ds);
        break;
    case IPC_SET:
        in = sizeof(struct semid_ds);
        break;
    case IPC_INFO:
    case SEM_INFO:
        out = sizeof(struct seminfo);
        break;
    }
    ipc_ctl_effects(c, c->args[3], in, out);
}

/* mq_open(name, oflag, mode, attr): with O_CREAT and attr, the kernel
   uses mq_maxmsg and mq_msgsize. */
static void hk_mq_open(SysCtx *c)
{
    Addr attr = c->args[3];
    if (c->is_post || attr == 0 || !(c->args[1] & O_CREAT))
        return;
    ev_read(c, "mq_open(attr->mq_maxmsg)", attr + offsetof(struct mq_attr, mq_maxmsg),
            sizeof(long));
    ev_read(c, "mq_open(attr->mq_msgsize)", attr + offsetof(struct mq_attr, mq_msgsize),
            sizeof(long));
}

/* mq_getsetattr(mqdes, newattr, oldattr): only newattr->mq_flags is used. */
static void hk_mq_getsetattr(SysCtx *c)
{
    if (!c->is_post && c->args[1] != 0)
        ev_read(c, "mq_getsetattr(newattr->mq_flags)",
                c->args[1] + offsetof(struct mq_attr, mq_flags), sizeof(long));
}

/*--- Formatting for --trace-syscalls --------------------------------*/

#define STR_SHOWN 32 /* characters of a string argument shown */

typedef struct {
    HChar *buf;
    SizeT size; /* of buf */
    SizeT len;  /* of the whole text, even past size */
} OutBuf;

static void out_printf(OutBuf *o, const HChar *fmt, ...) VG_PRINTF_LIKE(2, 3);
static void out_printf(OutBuf *o, const HChar *fmt, ...)
{
    va_list ap;
    SizeT room = o->len < o->size ? o->size - o->len : 0;
    va_start(ap, fmt);
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += n;
}

/* The string at a, quoted and escaped, cut after STR_SHOWN characters;
   its address in hex if not even its first byte may be read.  Byte by
   byte: only --trace-syscalls pays for it. */
static void out_string(OutBuf *o, Addr a)
{
    HChar s[STR_SHOWN + 1];
    SizeT n = 0;
    Bool ended = False;
    while (n < sizeof(s) && client_copy(&s[n], a + n, 1)) {
        if (s[n] == '\0') {
            ended = True;
            break;
        }
        n++;
    }
    if (n == 0 && !ended) {
        out_printf(o, "%#lx", (unsigned long)a);
        return;
    }
    out_printf(o, "\"");
    for (SizeT k = 0; k < n && k < STR_SHOWN; k++) {
        UChar ch = (UChar)s[k];
        switch (ch) {
        case '"': out_printf(o, "\\\""); break;
        case '\\': out_printf(o, "\\\\"); break;
        case '\n': out_printf(o, "\\n"); break;
        case '\t': out_printf(o, "\\t"); break;
        case '\r': out_printf(o, "\\r"); break;
        default:
            if (ch >= 0x20 && ch < 0x7f)
                out_printf(o, "%c", ch);
            else
                out_printf(o, "\\x%02x", ch);
        }
    }
    out_printf(o, ended ? "\"" : "\"...");
}

static void out_arg(OutBuf *o, UInt fmt, UWord v)
{
    switch (fmt) {
    case AF_INT: out_printf(o, "%d", (Int)v); break;
    case AF_UINT: out_printf(o, "%u", (UInt)v); break;
    case AF_HEX32: out_printf(o, "%#x", (UInt)v); break;
    case AF_OCT: out_printf(o, "%#o", (UInt)v); break;
    case AF_LONG: out_printf(o, "%ld", (long)v); break;
    case AF_ULONG: out_printf(o, "%lu", (unsigned long)v); break;
    case AF_STR:
        if (v != 0) {
            out_string(o, v);
            break;
        }
        /* fall through */
    default: out_printf(o, "0x%lx", (unsigned long)v); break;
    }
}

Int VG_(sysdesc_format_pre)(HChar *buf, SizeT n, UWord sysno, const UWord args[6])
{
    OutBuf o = {buf, n, 0};
    const SysDesc *d = lookup(sysno);
    UInt nargs = d ? d->nargs : 6;
    if (n > 0)
        buf[0] = '\0';
    out_printf(&o, "%s(", VG_(sysdesc_name)(sysno));
    for (UInt i = 0; i < nargs; i++) {
        if (i > 0)
            out_printf(&o, ", ");
        out_arg(&o, d ? d->args[i].fmt : AF_HEX, args[i]);
    }
    out_printf(&o, ")");
    return (Int)o.len;
}

Int VG_(sysdesc_format_res)(HChar *buf, SizeT n, UWord sysno, SysRes res)
{
    OutBuf o = {buf, n, 0};
    if (n > 0)
        buf[0] = '\0';
    if (res.is_error) {
        const HChar *name = strerrorname_np((int)res.val);
        if (name != NULL)
            out_printf(&o, "= -1 %s (%s)", name, strerror((int)res.val));
        else
            out_printf(&o, "= -1 errno %lu", (unsigned long)res.val);
    } else if (sysno == __NR_mmap || sysno == __NR_brk || sysno == __NR_mremap ||
               sysno == __NR_shmat) {
        out_printf(&o, "= 0x%lx", (unsigned long)res.val);
    } else {
        out_printf(&o, "= %ld", (long)res.val);
    }
    return (Int)o.len;
}

/*--- Names and counts -----------------------------------------------*/

const HChar *VG_(sysdesc_name)(UWord sysno)
{
    const SysDesc *d = lookup(sysno);
    return d ? d->name : txtf("syscall_%lu", (unsigned long)sysno);
}

Int VG_(sysdesc_nargs)(UWord sysno)
{
    const SysDesc *d = lookup(sysno);
    return d ? (Int)d->nargs : -1;
}

UInt VG_(sysdesc_table_size)(void) { return N_SYS; }

Bool VG_(sysdesc_has_mem_effects)(UWord sysno)
{
    const SysDesc *d = lookup(sysno);
    if (d == NULL)
        return False;
    if (d->hook != NULL)
        return True;
    for (UInt i = 0; i < d->nargs; i++)
        if (d->args[i].mem != AM_NONE)
            return True;
    return False;
}
