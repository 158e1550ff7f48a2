/*--------------------------------------------------------------------*/
/*--- The client's malloc, free, new and delete, sent to the core. ---*/
/*---                                          vg_replace_malloc.c ---*/
/*--------------------------------------------------------------------*/

/* Linked into the vgpreload_NAME.so of skins that follow the client's
   heap (NAME_PRELOAD := malloc).  Every allocation function of the C
   library and of the C++ runtime is replaced by a few lines that ask the
   core for the block (VG_USERREQ__HEAP_*, vg_preload.h) and keep glibc's
   semantics around the request: errno, NULL results, alignment checks.
   The core's heap runs on the real CPU; only these lines run on the
   simulated one.

   Where: the C functions in libc.so* and in objects without a soname
   (NONE: the executable, which holds the allocator of a static client or
   a program's own malloc); the C++ operators in libstdc++*, libc++*
   (libc++abi.so.1 defines them) and NONE (a statically linked C++
   runtime).

   Each replacement is written out as its own function (through the
   *_FN macros) rather than calling a shared helper, so that the request
   is made from the replacement itself: the allocation's stack trace then
   starts at "malloc", "operator new", ... and not at a helper.

   glibc 2.36's answers, which these follow:
   - failures return NULL with errno ENOMEM (calloc whose product
     overflows too); posix_memalign returns its error and
     leaves errno and *res alone;
   - realloc(NULL, n) is malloc(n) (called here); realloc(p, 0) frees p
     and returns NULL without touching errno (the core does it);
   - memalign and aligned_alloc take any alignment: up to 16 it is
     malloc's, otherwise a power of two at least as large is used; above
     SIZE_MAX / 2 + 1 they fail with EINVAL.  (glibc 2.38 and C17 make
     aligned_alloc fail with EINVAL unless the alignment is a power of
     two; 2.36 does not.)
   - posix_memalign: EINVAL unless the alignment is a power of two
     multiple of sizeof(void *);
   - valloc aligns to the page; pvalloc also rounds the size up to whole
     pages (0 stays 0).

   The C++ operators, by their Itanium-mangled names (x86-64: size_t is
   'm', std::align_val_t is 'St11align_val_t', const std::nothrow_t& is
   'RKSt9nothrow_t'), new as "nw", new[] as "na", delete as "dl",
   delete[] as "da":

     _Znwm                                 operator new(size_t)
     _ZnwmRKSt9nothrow_t                   operator new(size_t, nothrow)
     _ZnwmSt11align_val_t                  operator new(size_t, align)
     _ZnwmSt11align_val_tRKSt9nothrow_t    operator new(size_t, align, nothrow)
     _ZdlPv                                operator delete(void*)
     _ZdlPvm                               operator delete(void*, size_t)
     _ZdlPvRKSt9nothrow_t                  operator delete(void*, nothrow)
     _ZdlPvSt11align_val_t                 operator delete(void*, align)
     _ZdlPvmSt11align_val_t                operator delete(void*, size_t, align)
     _ZdlPvSt11align_val_tRKSt9nothrow_t   operator delete(void*, align, nothrow)

   and the same with "na"/"da".  A throwing new that cannot allocate (or
   is given an alignment that is not a power of two, as libstdc++ checks)
   throws std::bad_alloc through libstdc++'s (or libc++'s)
   std::__throw_bad_alloc(), when the client has one we can reach;
   otherwise it says so and exits with status 1.  The nothrow forms return
   NULL.  There is no new_handler loop. */

#include "vgpreload_priv.h"

/*--- Helpers ---------------------------------------------------------------*/

/* The page size of x86-64 Linux, for valloc and pvalloc. */
#define PAGE_SIZE 4096ul

/* malloc's own alignment: asking for this or less asks for nothing. */
#define MALLOC_ALIGNMENT 16ul

#define HEAP_ALLOC(kind, size, align, asked)                                            \
    VGP_REQUEST(VG_USERREQ__HEAP_ALLOC, kind, size, align, 0, asked)
#define HEAP_MEMALIGN(size, align, asked)                                               \
    VGP_REQUEST(VG_USERREQ__HEAP_ALLOC, VG_HEAP_MALLOC, size, align, 1, asked)
#define HEAP_FREE(kind, p) (void)VGP_REQUEST(VG_USERREQ__HEAP_FREE, kind, p, 0, 0, 0)

static inline int is_power_of_two(size_t x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

/* The result of an allocation function: sets errno when it failed.
   This and new_result are macros, not inline functions: the request they
   wrap would otherwise be scheduled inside them and stack traces would
   start at "alloc_result" rather than at "malloc". */
#define alloc_result(p)                                                                 \
    __extension__({                                                                     \
        unsigned long _r = (p);                                                         \
        if (_r == 0)                                                                    \
            vgp_set_errno(ENOMEM);                                                      \
        (void *)_r;                                                                     \
    })

/* std::__throw_bad_alloc(), in libstdc++ and libc++: 0 when the client
   has neither (C programs, static clients, whose symbols we cannot
   reach). */
extern void _ZSt17__throw_bad_allocv(void)
    __attribute__((weak, noreturn, visibility("default")));

/* A throwing operator new failed: throw std::bad_alloc if we can. */
static VGP_NORETURN void new_failed(void)
{
    if (_ZSt17__throw_bad_allocv)
        _ZSt17__throw_bad_allocv();
    vgp_write_stderr("operator new failed and cannot throw std::bad_alloc here: aborting\n");
    vgp_exit_group(1);
}

/* The result of a throwing operator new. */
#define new_result(p)                                                                   \
    __extension__({                                                                     \
        unsigned long _r = (p);                                                         \
        if (_r == 0)                                                                    \
            new_failed();                                                               \
        (void *)_r;                                                                     \
    })

/* The alignment memalign uses for ALIGN (glibc's _mid_memalign): 0 (the
   default) up to malloc's own, else the smallest power of two >= ALIGN.
   ALIGN must be at most SIZE_MAX / 2 + 1. */
static inline size_t memalign_alignment(size_t align)
{
    if (align <= MALLOC_ALIGNMENT)
        return 0;
    size_t a = 2 * MALLOC_ALIGNMENT;
    while (a < align)
        a <<= 1;
    return a;
}

/* The alignment the aligned operator new asks the core for: 0 up to
   malloc's own.  ALIGN is a power of two. */
static inline size_t new_alignment(size_t align)
{
    return align <= MALLOC_ALIGNMENT ? 0 : align;
}

/*--- The malloc family -------------------------------------------------------*/

/* Not inlined into realloc, which jumps to it (MALLOC_HIDDEN_ALIAS): the
   request must be made in malloc's own code. */
#define MALLOC_FN(so, fn)                                                               \
    VGP_EXPORT __attribute__((noinline)) void *VG_REPLACE(so, fn)(size_t n)             \
    {                                                                                   \
        return alloc_result(HEAP_ALLOC(VG_HEAP_MALLOC, n, 0, 0));                       \
    }

/* free(NULL) does nothing and is not counted as a free. */
#define FREE_FN(so, fn)                                                                 \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *p)                                         \
    {                                                                                   \
        if (p != NULL)                                                                  \
            HEAP_FREE(VG_HEAP_MALLOC, p);                                               \
    }

/* C23's free_sized(p, size) and free_aligned_sized(p, align, size)
   (glibc 2.39): the size and alignment do not change what is freed. */
#define FREE_SIZED_FN(so, fn)                                                           \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *p, size_t size)                            \
    {                                                                                   \
        if (p != NULL)                                                                  \
            HEAP_FREE(VG_HEAP_MALLOC, p);                                               \
    }

#define FREE_ALIGNED_SIZED_FN(so, fn)                                                   \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *p, size_t align, size_t size)              \
    {                                                                                   \
        if (p != NULL)                                                                  \
            HEAP_FREE(VG_HEAP_MALLOC, p);                                               \
    }

/* The core checks the product too (and may warn of silly sizes). */
#define CALLOC_FN(so, fn)                                                               \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t nmemb, size_t size)                      \
    {                                                                                   \
        size_t total;                                                                   \
        if (__builtin_mul_overflow(nmemb, size, &total)) {                              \
            vgp_set_errno(ENOMEM);                                                      \
            return NULL;                                                                \
        }                                                                               \
        return alloc_result(VGP_REQUEST(VG_USERREQ__HEAP_CALLOC, nmemb, size, 0, 0, 0)); \
    }

/* The malloc replacement of so under a hidden name, which realloc jumps
   to directly: a call by its exported name would need a GOT entry, and
   the library must stay self-contained (tests/unit/preload_libs.t).  The
   exported name stays the one stack traces show. */
#define VGP_STR_(x) #x
#define VGP_STR(x) VGP_STR_(x)
#define MALLOC_HIDDEN_ALIAS(so)                                                         \
    extern void *vgp_malloc_of_##so(size_t n)                                           \
        __attribute__((alias(VGP_STR(VG_REPLACE(so, malloc))), visibility("hidden")));

/* realloc(NULL, n) is malloc(n), a tail call as in Memcheck, so that the
   block's stack starts at "malloc" with no realloc frame under it, as in
   Memcheck's reports.  The core does realloc's other cases (size 0:
   free, NULL; a bad pointer: reported, NULL); a NULL result is a failure
   unless the block was freed.  reallocarray is not replaced (Memcheck
   3.19 does not replace it): glibc's checks the product and calls
   realloc, which is. */
#define REALLOC_FN(so, fn)                                                              \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *p, size_t n)                              \
    {                                                                                   \
        if (p == NULL)                                                                  \
            return vgp_malloc_of_##so(n);                                               \
        unsigned long r = VGP_REQUEST(VG_USERREQ__HEAP_REALLOC, p, n, 0, 0, 0);         \
        if (r == 0 && n != 0)                                                           \
            vgp_set_errno(ENOMEM);                                                      \
        return (void *)r;                                                               \
    }

/* memalign and (as glibc 2.36 has it) aligned_alloc. */
#define MEMALIGN_FN(so, fn)                                                             \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t align, size_t n)                         \
    {                                                                                   \
        if (align > SIZE_MAX / 2 + 1) {                                                 \
            vgp_set_errno(EINVAL);                                                      \
            return NULL;                                                                \
        }                                                                               \
        return alloc_result(HEAP_MEMALIGN(n, memalign_alignment(align), align));        \
    }

#define POSIX_MEMALIGN_FN(so, fn)                                                       \
    VGP_EXPORT int VG_REPLACE(so, fn)(void **res, size_t align, size_t n)               \
    {                                                                                   \
        if (align % sizeof(void *) != 0 || !is_power_of_two(align / sizeof(void *)))    \
            return EINVAL;                                                              \
        unsigned long p = HEAP_MEMALIGN(n, memalign_alignment(align), align);           \
        if (p == 0)                                                                     \
            return ENOMEM;                                                              \
        *res = (void *)p;                                                               \
        return 0;                                                                       \
    }

#define VALLOC_FN(so, fn)                                                               \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t n)                                       \
    {                                                                                   \
        return alloc_result(HEAP_MEMALIGN(n, PAGE_SIZE, PAGE_SIZE));                    \
    }

#define PVALLOC_FN(so, fn)                                                              \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t n)                                       \
    {                                                                                   \
        size_t rounded;                                                                 \
        if (__builtin_add_overflow(n, PAGE_SIZE - 1, &rounded)) {                       \
            vgp_set_errno(ENOMEM);                                                      \
            return NULL;                                                                \
        }                                                                               \
        rounded &= ~(PAGE_SIZE - 1);                                                    \
        return alloc_result(HEAP_MEMALIGN(rounded, PAGE_SIZE, PAGE_SIZE));              \
    }

#define MALLOC_USABLE_SIZE_FN(so, fn)                                                   \
    VGP_EXPORT size_t VG_REPLACE(so, fn)(void *p)                                       \
    {                                                                                   \
        if (p == NULL)                                                                  \
            return 0;                                                                   \
        return VGP_REQUEST(VG_USERREQ__HEAP_USABLE_SIZE, p, 0, 0, 0, 0);                \
    }

/*--- Tuning and statistics of glibc's own heap, which is not used --------------*/

/* struct mallinfo and struct mallinfo2 of <malloc.h>. */
struct vgp_mallinfo {
    int arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
};
struct vgp_mallinfo2 {
    size_t arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks,
        keepcost;
};

/* mallopt: every setting accepted (1) and ignored. */
#define MALLOPT_FN(so, fn)                                                              \
    VGP_EXPORT int VG_REPLACE(so, fn)(int param, int value)                             \
    {                                                                                   \
        return 1;                                                                       \
    }

/* malloc_trim: no memory could be given back (0). */
#define MALLOC_TRIM_FN(so, fn)                                                          \
    VGP_EXPORT int VG_REPLACE(so, fn)(size_t pad)                                       \
    {                                                                                   \
        return 0;                                                                       \
    }

/* malloc_stats: glibc prints its arenas; there are none to print. */
#define MALLOC_STATS_FN(so, fn)                                                         \
    VGP_EXPORT void VG_REPLACE(so, fn)(void)                                            \
    {                                                                                   \
    }

/* mallinfo, mallinfo2: all zero, as for a heap glibc never used. */
#define MALLINFO_FN(so, fn, type)                                                       \
    VGP_EXPORT struct type VG_REPLACE(so, fn)(void)                                     \
    {                                                                                   \
        struct type mi = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};                                \
        return mi;                                                                      \
    }

/*--- C++ operators --------------------------------------------------------------*/

/* The std::nothrow_t argument is only a tag; std::align_val_t is passed as
   the size_t it is. */

#define NEW_FN(so, fn, kind)                                                            \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t n)                                       \
    {                                                                                   \
        return new_result(HEAP_ALLOC(kind, n, 0, 0));                                   \
    }

#define NEW_NOTHROW_FN(so, fn, kind)                                                    \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t n, const void *tag)                      \
    {                                                                                   \
        return alloc_result(HEAP_ALLOC(kind, n, 0, 0));                                 \
    }

#define NEW_ALIGNED_FN(so, fn, kind)                                                    \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t n, size_t align)                         \
    {                                                                                   \
        if (!is_power_of_two(align))                                                    \
            new_failed();                                                               \
        return new_result(HEAP_ALLOC(kind, n, new_alignment(align), align));            \
    }

#define NEW_ALIGNED_NOTHROW_FN(so, fn, kind)                                            \
    VGP_EXPORT void *VG_REPLACE(so, fn)(size_t n, size_t align, const void *tag)        \
    {                                                                                   \
        if (!is_power_of_two(align))                                                    \
            return NULL;                                                                \
        return alloc_result(HEAP_ALLOC(kind, n, new_alignment(align), align));          \
    }

/* Every delete: the arguments after the pointer (size, alignment, tag)
   do not change what is freed.  Deleting NULL does nothing. */
#define DELETE_FN(so, fn, kind)                                                         \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *p)                                         \
    {                                                                                   \
        if (p != NULL)                                                                  \
            HEAP_FREE(kind, p);                                                         \
    }

#define DELETE_W_FN(so, fn, kind)                                                       \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *p, size_t a2)                              \
    {                                                                                   \
        if (p != NULL)                                                                  \
            HEAP_FREE(kind, p);                                                         \
    }

#define DELETE_WW_FN(so, fn, kind)                                                      \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *p, size_t a2, size_t a3)                   \
    {                                                                                   \
        if (p != NULL)                                                                  \
            HEAP_FREE(kind, p);                                                         \
    }

/*--- The replacements, in each object that may hold an allocator ------------*/

/* Function names write '_' as XU (vg_preload.h). */

/* The C library's functions, and glibc's internal names for them (which
   a static client calls too). */
#define C_ALLOCATOR(so)                                                                 \
    MALLOC_FN(so, malloc)                                                               \
    MALLOC_HIDDEN_ALIAS(so)                                                             \
    MALLOC_FN(so, XUXUlibcXUmalloc)                                                     \
    CALLOC_FN(so, calloc)                                                               \
    CALLOC_FN(so, XUXUlibcXUcalloc)                                                     \
    REALLOC_FN(so, realloc)                                                             \
    REALLOC_FN(so, XUXUlibcXUrealloc)                                                   \
    FREE_FN(so, free)                                                                   \
    FREE_FN(so, cfree)                                                                  \
    FREE_FN(so, XUXUlibcXUfree)                                                         \
    FREE_SIZED_FN(so, freeXUsized)                                                      \
    FREE_ALIGNED_SIZED_FN(so, freeXUalignedXUsized)                                     \
    MEMALIGN_FN(so, memalign)                                                           \
    MEMALIGN_FN(so, XUXUlibcXUmemalign)                                                 \
    MEMALIGN_FN(so, alignedXUalloc)                                                     \
    POSIX_MEMALIGN_FN(so, posixXUmemalign)                                              \
    VALLOC_FN(so, valloc)                                                               \
    VALLOC_FN(so, XUXUlibcXUvalloc)                                                     \
    PVALLOC_FN(so, pvalloc)                                                             \
    PVALLOC_FN(so, XUXUlibcXUpvalloc)                                                   \
    MALLOC_USABLE_SIZE_FN(so, mallocXUusableXUsize)                                     \
    MALLOPT_FN(so, mallopt)                                                             \
    MALLOC_TRIM_FN(so, mallocXUtrim)                                                    \
    MALLOC_STATS_FN(so, mallocXUstats)                                                  \
    MALLINFO_FN(so, mallinfo, vgp_mallinfo)                                             \
    MALLINFO_FN(so, mallinfo2, vgp_mallinfo2)

#define CXX_ALLOCATOR(so)                                                               \
    NEW_FN(so, XUZnwm, VG_HEAP_NEW)                                                     \
    NEW_FN(so, XUZnam, VG_HEAP_NEW_ARRAY)                                               \
    NEW_NOTHROW_FN(so, XUZnwmRKSt9nothrowXUt, VG_HEAP_NEW)                              \
    NEW_NOTHROW_FN(so, XUZnamRKSt9nothrowXUt, VG_HEAP_NEW_ARRAY)                        \
    NEW_ALIGNED_FN(so, XUZnwmSt11alignXUvalXUt, VG_HEAP_NEW)                            \
    NEW_ALIGNED_FN(so, XUZnamSt11alignXUvalXUt, VG_HEAP_NEW_ARRAY)                      \
    NEW_ALIGNED_NOTHROW_FN(so, XUZnwmSt11alignXUvalXUtRKSt9nothrowXUt, VG_HEAP_NEW)     \
    NEW_ALIGNED_NOTHROW_FN(so, XUZnamSt11alignXUvalXUtRKSt9nothrowXUt, VG_HEAP_NEW_ARRAY) \
    DELETE_FN(so, XUZdlPv, VG_HEAP_NEW)                                                 \
    DELETE_FN(so, XUZdaPv, VG_HEAP_NEW_ARRAY)                                           \
    DELETE_W_FN(so, XUZdlPvm, VG_HEAP_NEW)                                              \
    DELETE_W_FN(so, XUZdaPvm, VG_HEAP_NEW_ARRAY)                                        \
    DELETE_W_FN(so, XUZdlPvRKSt9nothrowXUt, VG_HEAP_NEW)                                \
    DELETE_W_FN(so, XUZdaPvRKSt9nothrowXUt, VG_HEAP_NEW_ARRAY)                          \
    DELETE_W_FN(so, XUZdlPvSt11alignXUvalXUt, VG_HEAP_NEW)                              \
    DELETE_W_FN(so, XUZdaPvSt11alignXUvalXUt, VG_HEAP_NEW_ARRAY)                        \
    DELETE_WW_FN(so, XUZdlPvmSt11alignXUvalXUt, VG_HEAP_NEW)                            \
    DELETE_WW_FN(so, XUZdaPvmSt11alignXUvalXUt, VG_HEAP_NEW_ARRAY)                      \
    DELETE_WW_FN(so, XUZdlPvSt11alignXUvalXUtRKSt9nothrowXUt, VG_HEAP_NEW)              \
    DELETE_WW_FN(so, XUZdaPvSt11alignXUvalXUtRKSt9nothrowXUt, VG_HEAP_NEW_ARRAY)

C_ALLOCATOR(VG_SO_LIBC)
C_ALLOCATOR(VG_SO_NONE)
CXX_ALLOCATOR(VG_SO_LIBSTDCXX)
CXX_ALLOCATOR(VG_SO_LIBCXX)
CXX_ALLOCATOR(VG_SO_NONE)
C_ALLOCATOR(VG_SO_SYN_MALLOC)
CXX_ALLOCATOR(VG_SO_SYN_MALLOC)
