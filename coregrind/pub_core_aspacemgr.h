/*--------------------------------------------------------------------*/
/*--- The address-space manager.                 pub_core_aspacemgr.h ---*/
/*--------------------------------------------------------------------*/

/* Records every segment of the address space below the core's own
   mappings and decides where the client's mappings go.  See
   docs/internals.md, "Address space", for the layout. */

#ifndef PUB_CORE_ASPACEMGR_H
#define PUB_CORE_ASPACEMGR_H

#include "pub_core_basics.h"
#include "pub_tool_tooliface.h" /* SysRes */

#include <sys/types.h>

typedef enum {
    SkFree,   /* client region, reserved by us, free for the client */
    SkResvn,  /* client region, reserved for a purpose (brk, stack guard) */
    SkAnonC,  /* client anonymous mapping */
    SkFileC,  /* client file mapping */
    SkShmC,   /* client SysV shared memory */
    SkCore,   /* core memory inside the client range (code cache) */
    SkShadow, /* the shadow region */
    SkKernel, /* mappings the kernel made for us that the client may use (vdso) */
    SkNone    /* not ours to manage (below mmap_min_addr, core's own area) */
} SegKind;

typedef struct {
    Addr start, end; /* [start, end), page aligned */
    SegKind kind;
    UInt prot;       /* PROT_* of client/kernel segments */
    Bool shared;     /* MAP_SHARED */
    Bool has_code;   /* translations were made from it */
    ULong dev, ino;  /* of a file mapping */
    OffT offset;     /* file offset of start */
    const HChar *name; /* file name (interned), or NULL */
} NSegment;

/* The fixed layout, decided at start-up from the shadow ratio. */
typedef struct {
    Addr client_lo, client_end;
    Addr mmap_top;     /* client mmaps are placed top-down from here */
    Addr cache_lo, cache_hi;
    Addr exe_base;     /* where a PIE executable goes */
    Addr brk_limit;    /* the brk reservation may not pass this */
    Addr stack_lo, stack_hi; /* main thread stack (mapped), guard below */
    Addr shadow_base, shadow_end;
    Double ratio;
} VgLayout;

extern VgLayout VG_(layout);

/* Reserves the client region, the shadow region (ratio x client) and
   the code cache.  Fatal (one line, exit 1) if they cannot be reserved. */
void VG_(am_startup)(Double shadow_ratio, SizeT cache_bytes, SizeT stack_bytes);

/* The segment containing a, or NULL if a is outside everything known. */
const NSegment *VG_(am_find_segment)(Addr a);

/* True if [a, a+len) is entirely client (or kernel-provided) memory with
   at least the permissions in prot (PROT_READ/WRITE/EXEC). */
Bool VG_(am_is_valid_for_client)(Addr a, SizeT len, UInt prot);

/* A free client range of len bytes, preferring hint, else top-down from
   the mmap base; 0 if none. */
Addr VG_(am_find_client_space)(Addr hint, SizeT len);

/* The client's mmap/munmap/mprotect/mremap/brk/shmat/shmdt, with the
   kernel's semantics and error codes, kept inside the client region. */
SysRes VG_(am_client_mmap)(Addr addr, SizeT len, UInt prot, UInt flags, Int fd, OffT off);
SysRes VG_(am_client_munmap)(Addr addr, SizeT len);
SysRes VG_(am_client_mprotect)(Addr addr, SizeT len, UInt prot);
SysRes VG_(am_client_mremap)(Addr old, SizeT old_len, SizeT new_len, UInt flags, Addr new_addr);
SysRes VG_(am_client_shmat)(Int shmid, Addr addr, Int flags);
SysRes VG_(am_client_shmdt)(Addr addr);

/* brk: sets up the reservation after the executable, and emulates the
   syscall (returns the new or unchanged break, as the kernel does). */
void VG_(am_init_brk)(Addr end_of_exe);
Addr VG_(am_client_brk)(Addr new_brk);
Addr VG_(am_brk_base)(void);

/* Maps for the ELF loader (MAP_FIXED inside the client region, recorded).
   Returns the address or an error. */
SysRes VG_(am_map_client_fixed)(Addr addr, SizeT len, UInt prot, UInt flags, Int fd,
                                OffT off);

/* Marks that translations were made from the segment holding a. */
void VG_(am_note_code)(Addr a);

/*--- Self-modifying code --------------------------------------------------
   Translated code in client-writable memory is write-protected for real
   (the client's view of the protection does not change).  A write to such
   a page faults; the fault handler calls VG_(am_code_write_fault), which
   throws the page's translations away, lifts the protection, and lets the
   write run again. */

/* Write-protects the pages of [a, a+len) if the client may write them. */
void VG_(am_protect_code)(Addr a, SizeT len);

/* A write fault at a: True if it hit a page we protected (handled). */
Bool VG_(am_code_write_fault)(Addr a);

/* The kernel is about to write [a, a+len) for the client (a syscall):
   the same as a write fault on each protected page in it. */
void VG_(am_before_kernel_write)(Addr a, SizeT len);

/* Prints the segment list (for -v and debugging). */
void VG_(am_show)(const HChar *who);

/* Resident memory now, in KiB, by region (from /proc/self/smaps), and
   the process's peak (VmHWM): for --stats. */
typedef struct {
    ULong client_kb, shadow_kb, cache_kb, core_kb, peak_kb;
} VgResident;
void VG_(am_resident)(VgResident *r);

/* Calls fn for every client segment, in address order (for skins'
   new_mem_startup and the leak checker's roots). */
void VG_(am_foreach_client_segment)(void (*fn)(const NSegment *seg, void *opaque),
                                    void *opaque);

static inline SysRes VG_(mk_SysRes_Error)(UWord err)
{
    SysRes r = {err, True};
    return r;
}
static inline SysRes VG_(mk_SysRes_Success)(UWord val)
{
    SysRes r = {val, False};
    return r;
}
/* From a raw kernel return value. */
static inline SysRes VG_(mk_SysRes)(Word raw)
{
    return VG_(is_syscall_error)(raw) ? VG_(mk_SysRes_Error)((UWord)-raw)
                                      : VG_(mk_SysRes_Success)((UWord)raw);
}

#endif /* PUB_CORE_ASPACEMGR_H */
