/* The native half of tests/unit/malloc_native.t: calls the replacements
   of vg_replace_malloc/vg_replace_malloc.c (linked in, built with
   -DVGP_NATIVE_TEST so that its requests come to vgp_native_request
   below, a stand-in for the core's heap) and checks what each one asks
   the core, and what it makes of the answer: results, errno, glibc's
   argument checks.  Built twice: plain (a C program, where
   std::__throw_bad_alloc does not exist) and with -DWITH_THROW, which
   defines it.

   Prints one line per group of checks, "PASS name" or "FAIL name: the
   first failure (N failures)". */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vg_preload.h"

/*--- The replacements under test ------------------------------------------------*/

#define LIBC(fn) _vgR_r_libcXDsoXA_##fn
#define NONE(fn) _vgR_r_NONE_##fn
#define STDCXX(fn) _vgR_r_libstdcXPXPXA_##fn
#define LIBCXX(fn) _vgR_r_libcXPXPXA_##fn

struct mallinfo_ {
    int f[10];
};
struct mallinfo2_ {
    size_t f[10];
};

#define C_PROTOTYPES(R)                                                                 \
    void *R(malloc)(size_t);                                                            \
    void *R(XUXUlibcXUmalloc)(size_t);                                                  \
    void *R(calloc)(size_t, size_t);                                                    \
    void *R(XUXUlibcXUcalloc)(size_t, size_t);                                          \
    void *R(realloc)(void *, size_t);                                                   \
    void *R(XUXUlibcXUrealloc)(void *, size_t);                                         \
    void R(free)(void *);                                                               \
    void R(cfree)(void *);                                                              \
    void R(XUXUlibcXUfree)(void *);                                                     \
    void R(freeXUsized)(void *, size_t);                                                \
    void R(freeXUalignedXUsized)(void *, size_t, size_t);                               \
    void *R(memalign)(size_t, size_t);                                                  \
    void *R(XUXUlibcXUmemalign)(size_t, size_t);                                        \
    void *R(alignedXUalloc)(size_t, size_t);                                            \
    int R(posixXUmemalign)(void **, size_t, size_t);                                    \
    void *R(valloc)(size_t);                                                            \
    void *R(XUXUlibcXUvalloc)(size_t);                                                  \
    void *R(pvalloc)(size_t);                                                           \
    void *R(XUXUlibcXUpvalloc)(size_t);                                                 \
    size_t R(mallocXUusableXUsize)(void *);                                             \
    int R(mallopt)(int, int);                                                           \
    int R(mallocXUtrim)(size_t);                                                        \
    void R(mallocXUstats)(void);                                                        \
    struct mallinfo_ R(mallinfo)(void);                                                 \
    struct mallinfo2_ R(mallinfo2)(void);

#define CXX_PROTOTYPES(R)                                                               \
    void *R(XUZnwm)(size_t);                                                            \
    void *R(XUZnam)(size_t);                                                            \
    void *R(XUZnwmRKSt9nothrowXUt)(size_t, const void *);                               \
    void *R(XUZnamRKSt9nothrowXUt)(size_t, const void *);                               \
    void *R(XUZnwmSt11alignXUvalXUt)(size_t, size_t);                                   \
    void *R(XUZnamSt11alignXUvalXUt)(size_t, size_t);                                   \
    void *R(XUZnwmSt11alignXUvalXUtRKSt9nothrowXUt)(size_t, size_t, const void *);      \
    void *R(XUZnamSt11alignXUvalXUtRKSt9nothrowXUt)(size_t, size_t, const void *);      \
    void R(XUZdlPv)(void *);                                                            \
    void R(XUZdaPv)(void *);                                                            \
    void R(XUZdlPvm)(void *, size_t);                                                   \
    void R(XUZdaPvm)(void *, size_t);                                                   \
    void R(XUZdlPvRKSt9nothrowXUt)(void *, const void *);                               \
    void R(XUZdaPvRKSt9nothrowXUt)(void *, const void *);                               \
    void R(XUZdlPvSt11alignXUvalXUt)(void *, size_t);                                   \
    void R(XUZdaPvSt11alignXUvalXUt)(void *, size_t);                                   \
    void R(XUZdlPvmSt11alignXUvalXUt)(void *, size_t, size_t);                          \
    void R(XUZdaPvmSt11alignXUvalXUt)(void *, size_t, size_t);                          \
    void R(XUZdlPvSt11alignXUvalXUtRKSt9nothrowXUt)(void *, size_t, const void *);      \
    void R(XUZdaPvSt11alignXUvalXUtRKSt9nothrowXUt)(void *, size_t, const void *);

C_PROTOTYPES(LIBC)
C_PROTOTYPES(NONE)
CXX_PROTOTYPES(STDCXX)
CXX_PROTOTYPES(LIBCXX)
CXX_PROTOTYPES(NONE)

#ifdef WITH_THROW
/* What libstdc++'s std::__throw_bad_alloc() stands for here. */
void _ZSt17__throw_bad_allocv(void)
{
    static const char msg[] = "bad_alloc thrown\n";
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(4);
    _exit(3);
}
#endif

/*--- The stand-in for the core ----------------------------------------------------------*/

/* The requests made since the last take_requests(). */
typedef struct {
    unsigned long req, a[5];
} Request;
static Request reqs[8];
static int n_reqs;
static int fail_next;            /* the next request answers 0 */
static char block[4096] __attribute__((aligned(4096)));
#define BLOCK ((unsigned long)block)

unsigned long vgp_native_request(unsigned long req, unsigned long a1, unsigned long a2,
                                 unsigned long a3, unsigned long a4, unsigned long a5)
{
    if (n_reqs < 8)
        reqs[n_reqs] = (Request){req, {a1, a2, a3, a4, a5}};
    n_reqs++;
    if (fail_next) {
        fail_next = 0;
        return 0;
    }
    switch (req) {
    case VG_USERREQ__HEAP_ALLOC:
    case VG_USERREQ__HEAP_CALLOC:
    case VG_USERREQ__HEAP_REALLOC:
        return BLOCK;
    case VG_USERREQ__HEAP_USABLE_SIZE:
        return 77;
    default:
        return 0;
    }
}

/*--- Checks -----------------------------------------------------------------------------*/

static const char *group;
static long n_failed;
static char first_failure[400];
static int any_group_failed;

static void begin(const char *name)
{
    group = name;
    n_failed = 0;
    first_failure[0] = 0;
    n_reqs = 0;
}

static void end(void)
{
    if (n_failed == 0) {
        printf("PASS %s\n", group);
    } else {
        printf("FAIL %s: %s (%ld failures)\n", group, first_failure, n_failed);
        any_group_failed = 1;
    }
    fflush(stdout);
}

static void failed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failed(const char *fmt, ...)
{
    if (n_failed++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(first_failure, sizeof first_failure, fmt, ap);
        va_end(ap);
    }
}

#define CHECK(cond, ...)                                                                \
    do {                                                                                \
        if (!(cond))                                                                    \
            failed(__VA_ARGS__);                                                        \
    } while (0)

/* Checks that exactly one request was made since the last check, REQ with
   A1, A2 and A3. */
static void one_request(const char *what, unsigned long req, unsigned long a1, unsigned long a2,
                        unsigned long a3)
{
    if (n_reqs != 1)
        failed("%s: %d requests, not 1", what, n_reqs);
    else if (reqs[0].req != req || reqs[0].a[0] != a1 || reqs[0].a[1] != a2 ||
             reqs[0].a[2] != a3)
        failed("%s: request %#lx(%#lx, %#lx, %#lx), not %#lx(%#lx, %#lx, %#lx)", what,
               reqs[0].req, reqs[0].a[0], reqs[0].a[1], reqs[0].a[2], req, a1, a2, a3);
    n_reqs = 0;
}

static void no_request(const char *what)
{
    if (n_reqs != 0)
        failed("%s: %d requests, not none (the first %#lx)", what, n_reqs, reqs[0].req);
    n_reqs = 0;
}

#define ALLOC VG_USERREQ__HEAP_ALLOC
#define FREE VG_USERREQ__HEAP_FREE

/*--- The C functions --------------------------------------------------------------------*/

typedef void *(*Malloc)(size_t);
typedef void (*Free)(void *);
typedef void *(*Memalign)(size_t, size_t);

static void test_malloc_free(void)
{
    begin("malloc, free and their aliases");
    Malloc mallocs[] = {LIBC(malloc), LIBC(XUXUlibcXUmalloc), NONE(malloc), NONE(XUXUlibcXUmalloc)};
    for (size_t i = 0; i < 4; i++) {
        errno = 0;
        CHECK(mallocs[i](100) == block && errno == 0, "malloc #%zu: result or errno", i);
        one_request("malloc(100)", ALLOC, VG_HEAP_MALLOC, 100, 0);
        CHECK(mallocs[i](0) == block, "malloc #%zu(0)", i);
        one_request("malloc(0)", ALLOC, VG_HEAP_MALLOC, 0, 0);
        fail_next = 1;
        CHECK(mallocs[i](SIZE_MAX) == NULL && errno == ENOMEM, "failing malloc #%zu: errno %d", i,
              errno);
        one_request("malloc(SIZE_MAX)", ALLOC, VG_HEAP_MALLOC, SIZE_MAX, 0);
    }
    Free frees[] = {LIBC(free), LIBC(cfree), LIBC(XUXUlibcXUfree),
                    NONE(free), NONE(cfree), NONE(XUXUlibcXUfree)};
    for (size_t i = 0; i < 6; i++) {
        frees[i](NULL);
        no_request("free(NULL)");
        frees[i](block);
        one_request("free(p)", FREE, VG_HEAP_MALLOC, BLOCK, 0);
    }
    LIBC(freeXUsized)(block, 10);
    one_request("free_sized(p, 10)", FREE, VG_HEAP_MALLOC, BLOCK, 0);
    NONE(freeXUalignedXUsized)(block, 64, 10);
    one_request("free_aligned_sized(p, 64, 10)", FREE, VG_HEAP_MALLOC, BLOCK, 0);
    LIBC(freeXUalignedXUsized)(NULL, 64, 10);
    no_request("free_aligned_sized(NULL, 64, 10)");
    end();
}

static void test_calloc_realloc(void)
{
    begin("calloc, realloc");
    void *(*callocs[])(size_t, size_t) = {LIBC(calloc), LIBC(XUXUlibcXUcalloc), NONE(calloc),
                                          NONE(XUXUlibcXUcalloc)};
    for (size_t i = 0; i < 4; i++) {
        errno = 0;
        CHECK(callocs[i](3, 5) == block && errno == 0, "calloc #%zu(3, 5)", i);
        one_request("calloc(3, 5)", VG_USERREQ__HEAP_CALLOC, 3, 5, 0);
        CHECK(callocs[i](SIZE_MAX / 2 + 1, 2) == NULL && errno == ENOMEM,
              "calloc #%zu whose product overflows", i);
        no_request("calloc(SIZE_MAX / 2 + 1, 2)");
        errno = 0;
        fail_next = 1;
        CHECK(callocs[i](1, 1) == NULL && errno == ENOMEM, "failing calloc #%zu", i);
        one_request("failing calloc(1, 1)", VG_USERREQ__HEAP_CALLOC, 1, 1, 0);
    }
    void *(*reallocs[])(void *, size_t) = {LIBC(realloc), LIBC(XUXUlibcXUrealloc), NONE(realloc),
                                           NONE(XUXUlibcXUrealloc)};
    for (size_t i = 0; i < 4; i++) {
        errno = 0;
        CHECK(reallocs[i](block, 10) == block && errno == 0, "realloc #%zu(p, 10)", i);
        one_request("realloc(p, 10)", VG_USERREQ__HEAP_REALLOC, BLOCK, 10, 0);
        errno = 1234;
        fail_next = 1;
        CHECK(reallocs[i](block, 0) == NULL && errno == 1234,
              "realloc #%zu(p, 0): NULL and errno untouched", i);
        one_request("realloc(p, 0)", VG_USERREQ__HEAP_REALLOC, BLOCK, 0, 0);
        /* realloc(NULL, n) is the malloc replacement's request. */
        fail_next = 1;
        CHECK(reallocs[i](NULL, 0) == NULL && errno == ENOMEM, "failing realloc #%zu(NULL, 0)", i);
        one_request("realloc(NULL, 0)", ALLOC, VG_HEAP_MALLOC, 0, 0);
        errno = 0;
        CHECK(reallocs[i](NULL, 7) == block && errno == 0, "realloc #%zu(NULL, 7)", i);
        one_request("realloc(NULL, 7)", ALLOC, VG_HEAP_MALLOC, 7, 0);
        errno = 0;
        fail_next = 1;
        CHECK(reallocs[i](block, 99) == NULL && errno == ENOMEM, "failing realloc #%zu(p, 99)", i);
        one_request("realloc(p, 99)", VG_USERREQ__HEAP_REALLOC, BLOCK, 99, 0);
    }
    end();
}

static void test_aligned(void)
{
    begin("memalign, aligned_alloc, posix_memalign, valloc, pvalloc");
    /* glibc 2.36: up to 16 is malloc's alignment; otherwise the next power
       of two; above SIZE_MAX / 2 + 1, EINVAL.  aligned_alloc is memalign. */
    static const struct {
        size_t asked, used;
    } aligns[] = {{0, 0}, {1, 0}, {3, 0}, {8, 0}, {16, 0}, {17, 32}, {24, 32}, {32, 32},
                  {33, 64}, {48, 64}, {100, 128}, {4096, 4096}, {4097, 8192},
                  {SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 1}};
    Memalign memaligns[] = {LIBC(memalign), LIBC(XUXUlibcXUmemalign), LIBC(alignedXUalloc),
                            NONE(memalign), NONE(XUXUlibcXUmemalign), NONE(alignedXUalloc)};
    for (size_t i = 0; i < 6; i++) {
        for (size_t k = 0; k < sizeof aligns / sizeof aligns[0]; k++) {
            errno = 0;
            CHECK(memaligns[i](aligns[k].asked, 10) == block && errno == 0,
                  "memalign #%zu(%zu, 10)", i, aligns[k].asked);
            one_request("memalign", ALLOC, VG_HEAP_MALLOC, 10, aligns[k].used);
        }
        CHECK(memaligns[i](SIZE_MAX / 2 + 2, 10) == NULL && errno == EINVAL,
              "memalign #%zu(SIZE_MAX / 2 + 2, 10)", i);
        CHECK(memaligns[i](SIZE_MAX, 10) == NULL && errno == EINVAL, "memalign #%zu(SIZE_MAX, 10)",
              i);
        no_request("memalign with an impossible alignment");
        errno = 0;
        fail_next = 1;
        CHECK(memaligns[i](64, 10) == NULL && errno == ENOMEM, "failing memalign #%zu", i);
        one_request("failing memalign(64, 10)", ALLOC, VG_HEAP_MALLOC, 10, 64);
    }

    int (*pms[])(void **, size_t, size_t) = {LIBC(posixXUmemalign), NONE(posixXUmemalign)};
    static const size_t bad[] = {0, 1, 4, 12, 24, 48, 96, SIZE_MAX};
    static const struct {
        size_t asked, used;
    } good[] = {{8, 0}, {16, 0}, {32, 32}, {64, 64}, {65536, 65536}};
    void *sentinel = &sentinel;
    for (size_t i = 0; i < 2; i++) {
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            void *p = sentinel;
            errno = 0;
            CHECK(pms[i](&p, bad[k], 10) == EINVAL && p == sentinel && errno == 0,
                  "posix_memalign #%zu(%zu)", i, bad[k]);
            no_request("posix_memalign with a bad alignment");
        }
        for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
            void *p = sentinel;
            CHECK(pms[i](&p, good[k].asked, 10) == 0 && p == block, "posix_memalign #%zu(%zu)", i,
                  good[k].asked);
            one_request("posix_memalign", ALLOC, VG_HEAP_MALLOC, 10, good[k].used);
        }
        void *p = sentinel;
        errno = 0;
        fail_next = 1;
        CHECK(pms[i](&p, 64, 10) == ENOMEM && p == sentinel && errno == 0,
              "failing posix_memalign #%zu: ENOMEM, *res and errno untouched", i);
        one_request("failing posix_memalign", ALLOC, VG_HEAP_MALLOC, 10, 64);
    }

    Malloc vallocs[] = {LIBC(valloc), LIBC(XUXUlibcXUvalloc), NONE(valloc), NONE(XUXUlibcXUvalloc)};
    Malloc pvallocs[] = {LIBC(pvalloc), LIBC(XUXUlibcXUpvalloc), NONE(pvalloc),
                         NONE(XUXUlibcXUpvalloc)};
    for (size_t i = 0; i < 4; i++) {
        CHECK(vallocs[i](100) == block, "valloc #%zu(100)", i);
        one_request("valloc(100)", ALLOC, VG_HEAP_MALLOC, 100, 4096);
        static const size_t sizes[][2] = {{0, 0}, {1, 4096}, {4096, 4096}, {4097, 8192}};
        for (size_t k = 0; k < 4; k++) {
            CHECK(pvallocs[i](sizes[k][0]) == block, "pvalloc #%zu(%zu)", i, sizes[k][0]);
            one_request("pvalloc", ALLOC, VG_HEAP_MALLOC, sizes[k][1], 4096);
        }
        errno = 0;
        CHECK(pvallocs[i](SIZE_MAX - 10) == NULL && errno == ENOMEM, "pvalloc #%zu(SIZE_MAX - 10)",
              i);
        no_request("pvalloc(SIZE_MAX - 10)");
        errno = 0;
        fail_next = 1;
        CHECK(vallocs[i](1) == NULL && errno == ENOMEM, "failing valloc #%zu", i);
        one_request("failing valloc(1)", ALLOC, VG_HEAP_MALLOC, 1, 4096);
    }
    end();
}

static void test_tuning(void)
{
    begin("malloc_usable_size, mallopt, malloc_trim, malloc_stats, mallinfo, mallinfo2");
    CHECK(LIBC(mallocXUusableXUsize)(NULL) == 0, "malloc_usable_size(NULL)");
    no_request("malloc_usable_size(NULL)");
    CHECK(NONE(mallocXUusableXUsize)(block) == 77, "malloc_usable_size(p): the core's answer");
    one_request("malloc_usable_size(p)", VG_USERREQ__HEAP_USABLE_SIZE, BLOCK, 0, 0);
    CHECK(LIBC(mallopt)(1, 2) == 1 && NONE(mallopt)(-8, 0) == 1, "mallopt accepts");
    CHECK(LIBC(mallocXUtrim)(0) == 0 && NONE(mallocXUtrim)(100) == 0, "malloc_trim gives back nothing");
    LIBC(mallocXUstats)();
    NONE(mallocXUstats)();
    struct mallinfo_ mi = LIBC(mallinfo)();
    struct mallinfo2_ mi2 = NONE(mallinfo2)();
    for (int i = 0; i < 10; i++)
        CHECK(mi.f[i] == 0 && mi2.f[i] == 0, "mallinfo field %d is not 0", i);
    no_request("the tuning functions");
    end();
}

/*--- C++ --------------------------------------------------------------------------------*/

#define CXX_CHECKS(R, so)                                                               \
    do {                                                                                \
        CHECK(R(XUZnwm)(10) == block, "%s operator new", so);                           \
        one_request("operator new(10)", ALLOC, VG_HEAP_NEW, 10, 0);                     \
        CHECK(R(XUZnam)(11) == block, "%s operator new[]", so);                         \
        one_request("operator new[](11)", ALLOC, VG_HEAP_NEW_ARRAY, 11, 0);             \
        CHECK(R(XUZnwmRKSt9nothrowXUt)(12, NULL) == block, "%s nothrow new", so);       \
        one_request("operator new(12, nothrow)", ALLOC, VG_HEAP_NEW, 12, 0);            \
        fail_next = 1;                                                                  \
        CHECK(R(XUZnamRKSt9nothrowXUt)(13, NULL) == NULL, "%s failing nothrow new[]", so); \
        one_request("operator new[](13, nothrow)", ALLOC, VG_HEAP_NEW_ARRAY, 13, 0);    \
        CHECK(R(XUZnwmSt11alignXUvalXUt)(14, 64) == block, "%s aligned new", so);       \
        one_request("operator new(14, align 64)", ALLOC, VG_HEAP_NEW, 14, 64);          \
        CHECK(R(XUZnamSt11alignXUvalXUt)(15, 8) == block, "%s aligned new[]", so);      \
        one_request("operator new[](15, align 8)", ALLOC, VG_HEAP_NEW_ARRAY, 15, 0);    \
        CHECK(R(XUZnwmSt11alignXUvalXUtRKSt9nothrowXUt)(16, 4096, NULL) == block,       \
              "%s aligned nothrow new", so);                                            \
        one_request("operator new(16, align 4096, nothrow)", ALLOC, VG_HEAP_NEW, 16, 4096); \
        CHECK(R(XUZnamSt11alignXUvalXUtRKSt9nothrowXUt)(17, 24, NULL) == NULL,          \
              "%s aligned nothrow new[] with alignment 24", so);                        \
        no_request("operator new[](17, align 24, nothrow)");                            \
        void (*deletes[])(void *) = {R(XUZdlPv), R(XUZdaPv)};                           \
        void (*deletes_w[])(void *, size_t) = {R(XUZdlPvm), R(XUZdaPvm),                \
                                               R(XUZdlPvSt11alignXUvalXUt),             \
                                               R(XUZdaPvSt11alignXUvalXUt)};            \
        void (*deletes_nt[])(void *, const void *) = {R(XUZdlPvRKSt9nothrowXUt),        \
                                                      R(XUZdaPvRKSt9nothrowXUt)};       \
        void (*deletes_ww[])(void *, size_t, size_t) = {R(XUZdlPvmSt11alignXUvalXUt),   \
                                                        R(XUZdaPvmSt11alignXUvalXUt)};  \
        void (*deletes_wnt[])(void *, size_t, const void *) = {                         \
            R(XUZdlPvSt11alignXUvalXUtRKSt9nothrowXUt),                                 \
            R(XUZdaPvSt11alignXUvalXUtRKSt9nothrowXUt)};                                \
        for (int k = 0; k < 2; k++) {                                                   \
            unsigned long kind = k == 0 ? VG_HEAP_NEW : VG_HEAP_NEW_ARRAY;              \
            deletes[k](block);                                                          \
            one_request("delete(p)", FREE, kind, BLOCK, 0);                             \
            deletes[k](NULL);                                                           \
            no_request("delete(NULL)");                                                 \
            deletes_w[k](block, 10);                                                    \
            one_request("delete(p, size)", FREE, kind, BLOCK, 0);                       \
            deletes_w[k + 2](block, 64);                                                \
            one_request("delete(p, align)", FREE, kind, BLOCK, 0);                      \
            deletes_w[k + 2](NULL, 64);                                                 \
            no_request("delete(NULL, align)");                                          \
            deletes_nt[k](block, NULL);                                                 \
            one_request("delete(p, nothrow)", FREE, kind, BLOCK, 0);                    \
            deletes_ww[k](block, 10, 64);                                               \
            one_request("delete(p, size, align)", FREE, kind, BLOCK, 0);                \
            deletes_wnt[k](block, 64, NULL);                                            \
            one_request("delete(p, align, nothrow)", FREE, kind, BLOCK, 0);             \
        }                                                                               \
    } while (0)

static void test_cxx(void)
{
    begin("operator new and delete in libstdc++*, libc++* and NONE");
    CXX_CHECKS(STDCXX, "libstdc++");
    CXX_CHECKS(LIBCXX, "libc++");
    CXX_CHECKS(NONE, "NONE");
    end();
}

/* Runs FN in a child with stderr going to a pipe; returns its wait status
   and what it wrote in OUT. */
static int in_child(void (*fn)(void), char *out, size_t size)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        fn();
        _exit(0);
    }
    close(pipefd[1]);
    size_t got = 0;
    ssize_t n;
    while (got < size - 1 && (n = read(pipefd[0], out + got, size - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = 0;
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    return status;
}

static void new_fails(void)
{
    fail_next = 1;
    STDCXX(XUZnwm)(10);
}
static void new_array_fails(void)
{
    fail_next = 1;
    LIBCXX(XUZnam)(10);
}
static void aligned_new_fails(void)
{
    fail_next = 1;
    NONE(XUZnwmSt11alignXUvalXUt)(10, 64);
}
static void aligned_new_bad_alignment(void)
{
    STDCXX(XUZnamSt11alignXUvalXUt)(10, 48);
}

static void test_new_fails(void)
{
#ifdef WITH_THROW
    begin("a failing operator new throws std::bad_alloc");
    const char *want = "bad_alloc thrown\n";
    int want_status = 3;
#else
    begin("a failing operator new that cannot throw exits");
    const char *want = "operator new failed and cannot throw std::bad_alloc here: aborting\n";
    int want_status = 1;
#endif
    static const struct {
        const char *name;
        void (*fn)(void);
    } cases[] = {{"operator new", new_fails},
                 {"operator new[]", new_array_fails},
                 {"aligned operator new", aligned_new_fails},
                 {"aligned operator new[] with alignment 48", aligned_new_bad_alignment}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[256];
        int status = in_child(cases[i].fn, out, sizeof out);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == want_status && !strcmp(out, want),
              "%s: status %#x, stderr \"%s\"", cases[i].name, status, out);
    }
    end();
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_malloc_free();
    test_calloc_realloc();
    test_aligned();
    test_tuning();
    test_cxx();
    test_new_fails();
    printf("DONE\n");
    return any_group_failed;
}
