/* The native half of tests/unit/strmem_native.t: calls the replacements
   of vgpreload/vg_replace_strmem.c (linked in, built with
   -DVGP_NATIVE_TEST so that its requests come to vgp_native_request
   below) on many inputs and compares them with glibc's functions:
   results, every byte of the destination buffers, and the overlap
   reports.  Strings are also placed against an inaccessible page, so that
   a replacement that reads or writes one byte too many dies of SIGSEGV.

   Prints one line per group of checks, "PASS name" or "FAIL name: the
   first failure (N failures)". */
#define _GNU_SOURCE
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "vg_preload.h"

/*--- The replacements under test ------------------------------------------------*/

#define LIBC(fn) _vgR_r_libcXDsoXA_##fn
#define LDSO(fn) _vgR_r_ldXHlinuxXHx86XH64XDsoXD2_##fn

/* What both libc.so and ld.so have replaced. */
#define STRING_PROTOTYPES(R)                                                            \
    size_t R(strlen)(const char *);                                                     \
    int R(strcmp)(const char *, const char *);                                          \
    char *R(strchr)(const char *, int);                                                 \
    char *R(index)(const char *, int);                                                  \
    void *R(mempcpy)(void *, const void *, size_t);                                     \
    char *R(stpcpy)(char *, const char *);

STRING_PROTOTYPES(LIBC)
STRING_PROTOTYPES(LDSO)
void *LIBC(memcpy)(void *, const void *, size_t);
int LIBC(memcmp)(const void *, const void *, size_t);
int LIBC(bcmp)(const void *, const void *, size_t);
size_t LIBC(strnlen)(const char *, size_t);
char *LIBC(strcpy)(char *, const char *);
char *LIBC(strncpy)(char *, const char *, size_t);
char *LIBC(stpncpy)(char *, const char *, size_t);
char *LIBC(strcat)(char *, const char *);
char *LIBC(strncat)(char *, const char *, size_t);
int LIBC(strncmp)(const char *, const char *, size_t);
int LIBC(strcasecmp)(const char *, const char *);
int LIBC(strncasecmp)(const char *, const char *, size_t);
char *LIBC(strrchr)(const char *, int);
char *LIBC(rindex)(const char *, int);
char *LIBC(strchrnul)(const char *, int);
char *LIBC(strstr)(const char *, const char *);
char *LIBC(strcasestr)(const char *, const char *);
size_t LIBC(strspn)(const char *, const char *);
size_t LIBC(strcspn)(const char *, const char *);
char *LIBC(strpbrk)(const char *, const char *);
void *LIBC(memchr)(const void *, int, size_t);
void *LIBC(memrchr)(const void *, int, size_t);
void *LIBC(rawmemchr)(const void *, int);
void *LIBC(memmove)(void *, const void *, size_t);
void *LIBC(memset)(void *, int, size_t);
void LIBC(bcopy)(const void *, void *, size_t);
void LIBC(bzero)(void *, size_t);
size_t LIBC(wcslen)(const wchar_t *);
size_t LIBC(wcsnlen)(const wchar_t *, size_t);
wchar_t *LIBC(wcscpy)(wchar_t *, const wchar_t *);
int LIBC(wcscmp)(const wchar_t *, const wchar_t *);
wchar_t *LIBC(wcschr)(const wchar_t *, wchar_t);
wchar_t *LIBC(wcsrchr)(const wchar_t *, wchar_t);
wchar_t *LIBC(wmemcpy)(wchar_t *, const wchar_t *, size_t);
void *LIBC(XUXUmemcpyXUchk)(void *, const void *, size_t, size_t);
void *LIBC(XUXUmemmoveXUchk)(void *, const void *, size_t, size_t);
void *LIBC(XUXUmempcpyXUchk)(void *, const void *, size_t, size_t);
void *LIBC(XUXUmemsetXUchk)(void *, int, size_t, size_t);
char *LIBC(XUXUstrcpyXUchk)(char *, const char *, size_t);
char *LIBC(XUXUstpcpyXUchk)(char *, const char *, size_t);
char *LIBC(XUXUstrcatXUchk)(char *, const char *, size_t);
char *LIBC(XUXUstrncpyXUchk)(char *, const char *, size_t, size_t);

/*--- The stand-in for the core: records overlap reports ------------------------------*/

static struct {
    int n;
    const char *name;
    uintptr_t dst, src, len, has_len;
} overlap;

unsigned long vgp_native_request(unsigned long req, unsigned long a1, unsigned long a2,
                                 unsigned long a3, unsigned long a4, unsigned long a5)
{
    if (req == VG_USERREQ__OVERLAP) {
        overlap.n++;
        overlap.name = (const char *)a1;
        overlap.dst = a2;
        overlap.src = a3;
        overlap.len = a4;
        overlap.has_len = a5;
    }
    return 0;
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

static int sign(long x)
{
    return (x > 0) - (x < 0);
}

/*--- Memory ---------------------------------------------------------------------------*/

/* A page of memory followed by an inaccessible one: guard(n) is the
   address n bytes before the inaccessible page.  There are four, for
   functions with up to four strings. */
#define PAGE 4096
static unsigned char *guard_pages[4];

static void make_guards(void)
{
    for (int i = 0; i < 4; i++) {
        unsigned char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED || mprotect(p + PAGE, PAGE, PROT_NONE) != 0) {
            perror("mmap");
            exit(2);
        }
        guard_pages[i] = p;
    }
}

static void *guard(int which, size_t n)
{
    return guard_pages[which] + PAGE - n;
}

/* Puts a copy of the N bytes at SRC right against guard page WHICH. */
static void *at_guard(int which, const void *src, size_t n)
{
    return memcpy(guard(which, n), src, n);
}

/* Fills S with L non-zero bytes that vary with SEED, some above 0x7f. */
static void fill_string(char *s, size_t l, unsigned seed)
{
    for (size_t i = 0; i < l; i++) {
        unsigned v = (seed * 31 + (unsigned)i * 7) % 255 + 1;
        s[i] = (char)(i % 5 == 3 ? v | 0x80 : (v % 90) + 33);
    }
    s[l] = 0;
}

#define BUF 192
#define MAXLEN 40

/*--- Lengths -----------------------------------------------------------------------------*/

static void test_strlen(void)
{
    begin("strlen, strnlen");
    static char buf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (size_t a = 0; a < 16; a++) {
            char *s = buf + a;
            fill_string(s, l, (unsigned)(l + a));
            CHECK(LIBC(strlen)(s) == l, "strlen len %zu align %zu", l, a);
            CHECK(LDSO(strlen)(s) == l, "ld.so strlen len %zu align %zu", l, a);
            size_t maxes[] = {0, 1, l ? l - 1 : 0, l, l + 1, l + 9, SIZE_MAX};
            for (size_t m = 0; m < sizeof maxes / sizeof maxes[0]; m++)
                CHECK(LIBC(strnlen)(s, maxes[m]) == strnlen(s, maxes[m]),
                      "strnlen len %zu align %zu max %zu", l, a, maxes[m]);
        }
        char tmp[MAXLEN + 1];
        fill_string(tmp, l, (unsigned)l);
        const char *g = at_guard(0, tmp, l + 1);
        CHECK(LIBC(strlen)(g) == l, "strlen at the guard, len %zu", l);
        CHECK(LDSO(strlen)(g) == l, "ld.so strlen at the guard, len %zu", l);
        CHECK(LIBC(strnlen)(g, SIZE_MAX) == l, "strnlen at the guard, len %zu", l);
        /* Without a NUL: strnlen must stop at max. */
        const char *ng = guard(1, l);
        memset((char *)ng, 'x', l);
        CHECK(LIBC(strnlen)(ng, l) == l, "strnlen of %zu bytes without NUL", l);
    }
    end();
}

/*--- Copies -----------------------------------------------------------------------------*/

/* dst buffers: ours and glibc's, filled alike before each call. */
static unsigned char mine[BUF], theirs[BUF];

static void reset_dst(unsigned seed)
{
    for (size_t i = 0; i < BUF; i++)
        mine[i] = theirs[i] = (unsigned char)(0xa5 ^ (i * 13 + seed));
}

static int same_dst(void)
{
    return memcmp(mine, theirs, BUF) == 0;
}

static void test_strcpy(void)
{
    begin("strcpy, stpcpy");
    static char src_buf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (size_t sa = 0; sa < 16; sa++) {
            for (size_t da = 0; da < 16; da++) {
                char *s = src_buf + sa;
                fill_string(s, l, (unsigned)(l * 3 + sa));
                reset_dst((unsigned)(sa + da));
                char *r1 = LIBC(strcpy)((char *)mine + da, s);
                char *r2 = strcpy((char *)theirs + da, s);
                CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                      "strcpy len %zu src align %zu dst align %zu", l, sa, da);
                reset_dst((unsigned)(sa + da));
                r1 = LIBC(stpcpy)((char *)mine + da, s);
                r2 = stpcpy((char *)theirs + da, s);
                CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                      "stpcpy len %zu src align %zu dst align %zu", l, sa, da);
                reset_dst((unsigned)(sa + da));
                r1 = LDSO(stpcpy)((char *)mine + da, s);
                r2 = stpcpy((char *)theirs + da, s);
                CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                      "ld.so stpcpy len %zu src align %zu dst align %zu", l, sa, da);
            }
        }
        char tmp[MAXLEN + 1];
        fill_string(tmp, l, (unsigned)l);
        const char *gs = at_guard(0, tmp, l + 1);
        char *gd = guard(1, l + 1);
        CHECK(LIBC(strcpy)(gd, gs) == gd && strcmp(gd, tmp) == 0, "strcpy at the guard, len %zu", l);
        CHECK(LIBC(stpcpy)(gd, gs) == gd + l && strcmp(gd, tmp) == 0,
              "stpcpy at the guard, len %zu", l);
    }
    CHECK(overlap.n == 0, "an overlap was reported for copies that do not overlap");
    end();
}

static void test_strncpy(void)
{
    begin("strncpy, stpncpy");
    static char src_buf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        size_t ns[] = {0, 1, l ? l - 1 : 0, l, l + 1, l + 7, 60};
        for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
            size_t n = ns[k];
            for (size_t sa = 0; sa < 16; sa++) {
                for (size_t da = 0; da < 16; da += 3) {
                    char *s = src_buf + sa;
                    fill_string(s, l, (unsigned)(l + sa * 5));
                    reset_dst((unsigned)(n + da));
                    char *r1 = LIBC(strncpy)((char *)mine + da, s, n);
                    char *r2 = strncpy((char *)theirs + da, s, n);
                    CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                          "strncpy len %zu n %zu src align %zu dst align %zu", l, n, sa, da);
                    reset_dst((unsigned)(n + da));
                    r1 = LIBC(stpncpy)((char *)mine + da, s, n);
                    r2 = stpncpy((char *)theirs + da, s, n);
                    CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                          "stpncpy len %zu n %zu src align %zu dst align %zu", l, n, sa, da);
                }
            }
            /* Against the guard: the source (no NUL read past n) and the
               destination (exactly n bytes written). */
            char tmp[MAXLEN + 1];
            fill_string(tmp, l, (unsigned)n);
            size_t src_len = n < l + 1 ? n : l + 1;
            const char *gs = at_guard(0, tmp, src_len);
            char *gd = guard(1, n);
            CHECK(LIBC(strncpy)(gd, gs, n) == gd && strncmp(gd, tmp, n) == 0,
                  "strncpy at the guard, len %zu n %zu", l, n);
            CHECK(LIBC(stpncpy)(gd, gs, n) == gd + (n < l ? n : l), "stpncpy at the guard, len %zu n %zu",
                  l, n);
        }
    }
    CHECK(overlap.n == 0, "an overlap was reported for copies that do not overlap");
    end();
}

static void test_strcat(void)
{
    begin("strcat, strncat");
    static char src_buf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (size_t p = 0; p < 6; p++) {
            size_t ns[] = {0, 1, l ? l - 1 : 0, l, l + 1, 50};
            for (size_t sa = 0; sa < 16; sa += 5) {
                for (size_t da = 0; da < 16; da++) {
                    char *s = src_buf + sa;
                    fill_string(s, l, (unsigned)(l + p));
                    reset_dst((unsigned)(p + da));
                    memset(mine + da, 'p', p);
                    memset(theirs + da, 'p', p);
                    mine[da + p] = theirs[da + p] = 0;
                    char *r1 = LIBC(strcat)((char *)mine + da, s);
                    char *r2 = strcat((char *)theirs + da, s);
                    CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                          "strcat prefix %zu len %zu src align %zu dst align %zu", p, l, sa, da);
                    for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++) {
                        reset_dst((unsigned)(p + da + k));
                        memset(mine + da, 'p', p);
                        memset(theirs + da, 'p', p);
                        mine[da + p] = theirs[da + p] = 0;
                        r1 = LIBC(strncat)((char *)mine + da, s, ns[k]);
                        r2 = strncat((char *)theirs + da, s, ns[k]);
                        CHECK(same_dst() && r1 - (char *)mine == r2 - (char *)theirs,
                              "strncat prefix %zu len %zu n %zu src align %zu dst align %zu", p,
                              l, ns[k], sa, da);
                    }
                }
            }
            /* At the guard: the destination holds exactly the result. */
            char tmp[MAXLEN + 1];
            fill_string(tmp, l, (unsigned)p);
            const char *gs = at_guard(0, tmp, l + 1);
            char *gd = guard(1, p + l + 1);
            memset(gd, 'p', p);
            gd[p] = 0;
            LIBC(strcat)(gd, gs);
            CHECK(strlen(gd) == p + l && strcmp(gd + p, tmp) == 0,
                  "strcat at the guard, prefix %zu len %zu", p, l);
            /* strncat with n < l reads only n bytes of a source without NUL. */
            size_t n = l / 2;
            const char *gs2 = at_guard(2, tmp, n);
            char *gd2 = guard(3, p + n + 1);
            memset(gd2, 'p', p);
            gd2[p] = 0;
            LIBC(strncat)(gd2, gs2, n);
            CHECK(strlen(gd2) == p + n && strncmp(gd2 + p, tmp, n) == 0,
                  "strncat at the guard, prefix %zu n %zu", p, n);
        }
    }
    CHECK(overlap.n == 0, "an overlap was reported for copies that do not overlap");
    end();
}

/*--- Comparisons ---------------------------------------------------------------------------*/

/* Pairs of strings of length L that are equal, or differ at K, or where
   one is a prefix of the other. */
static void make_pair(char *a, char *b, size_t l, size_t k, int how)
{
    fill_string(a, l, (unsigned)l);
    memcpy(b, a, l + 1);
    if (l == 0)
        return;
    switch (how) {
    case 0: /* equal */
        break;
    case 1: /* b's byte at k is larger (unsigned: 0x80+ beats 0x7f-) */
        b[k] = (char)0xf0;
        a[k] = 'a';
        break;
    case 2: /* a's byte at k is larger */
        a[k] = (char)0x81;
        b[k] = 0x7f;
        break;
    case 3: /* b is a prefix of a */
        b[k] = 0;
        break;
    case 4: /* case differs at k only */
        a[k] = 'q';
        b[k] = 'Q';
        break;
    case 5: /* letters against the bytes next to their ranges */
        a[k] = (char)(k % 2 ? '[' : '@');
        b[k] = (char)(k % 2 ? 'z' : 'a');
        break;
    }
}

static void test_compare(void)
{
    begin("strcmp, strncmp, strcasecmp, strncasecmp, memcmp, bcmp");
    static char abuf[BUF], bbuf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (size_t k = 0; k < (l ? l : 1); k++) {
            for (int how = 0; how < 6; how++) {
                for (size_t aa = 0; aa < 16; aa += 3) {
                    for (size_t ba = 0; ba < 16; ba += 5) {
                        char *a = abuf + aa, *b = bbuf + ba;
                        make_pair(a, b, l, k, how);
                        CHECK(sign(LIBC(strcmp)(a, b)) == sign(strcmp(a, b)),
                              "strcmp len %zu at %zu how %d", l, k, how);
                        CHECK(sign(LDSO(strcmp)(a, b)) == sign(strcmp(a, b)),
                              "ld.so strcmp len %zu at %zu how %d", l, k, how);
                        CHECK(sign(LIBC(strcasecmp)(a, b)) == sign(strcasecmp(a, b)),
                              "strcasecmp len %zu at %zu how %d", l, k, how);
                        size_t ns[] = {0, k, k + 1, l, l + 3};
                        for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
                            size_t n = ns[j];
                            CHECK(sign(LIBC(strncmp)(a, b, n)) == sign(strncmp(a, b, n)),
                                  "strncmp len %zu at %zu how %d n %zu", l, k, how, n);
                            CHECK(sign(LIBC(strncasecmp)(a, b, n)) ==
                                      sign(strncasecmp(a, b, n)),
                                  "strncasecmp len %zu at %zu how %d n %zu", l, k, how, n);
                            if (n <= l + 1) {
                                int want = sign(memcmp(a, b, n));
                                CHECK(sign(LIBC(memcmp)(a, b, n)) == want,
                                      "memcmp len %zu at %zu how %d n %zu", l, k, how, n);
                                CHECK((LIBC(bcmp)(a, b, n) != 0) == (want != 0),
                                      "bcmp len %zu at %zu how %d n %zu", l, k, how, n);
                            }
                        }
                    }
                }
            }
        }
        /* At the guards: nothing is read past either string's NUL, nor
           past n, nor (memcmp) past the first difference. */
        char a[MAXLEN + 2], b[MAXLEN + 2];
        make_pair(a, b, l, l / 2, 3);
        const char *ga = at_guard(0, a, strlen(a) + 1), *gb = at_guard(1, b, strlen(b) + 1);
        CHECK(sign(LIBC(strcmp)(ga, gb)) == sign(strcmp(a, b)), "strcmp at the guard, len %zu", l);
        CHECK(sign(LDSO(strcmp)(ga, gb)) == sign(strcmp(a, b)), "ld.so strcmp at the guard, len %zu", l);
        CHECK(sign(LIBC(strcasecmp)(ga, gb)) == sign(strcasecmp(a, b)),
              "strcasecmp at the guard, len %zu", l);
        CHECK(sign(LIBC(strncmp)(ga, gb, SIZE_MAX)) == sign(strcmp(a, b)),
              "strncmp at the guard, len %zu", l);
        CHECK(sign(LIBC(strncasecmp)(ga, gb, SIZE_MAX)) == sign(strcasecmp(a, b)),
              "strncasecmp at the guard, len %zu", l);
        make_pair(a, b, l, l / 2, 1);
        if (l > 0) {
            ga = at_guard(0, a, l / 2 + 1);
            gb = at_guard(1, b, l / 2 + 1);
            CHECK(LIBC(memcmp)(ga, gb, 1000) < 0, "memcmp read past the first difference, len %zu",
                  l);
            CHECK(LIBC(bcmp)(ga, gb, 1000) != 0, "bcmp read past the first difference, len %zu", l);
        }
    }
    end();
}

/*--- Searches ------------------------------------------------------------------------------*/

static void test_strchr(void)
{
    begin("strchr, index, strrchr, rindex, strchrnul");
    static char buf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (size_t a = 0; a < 16; a++) {
            char *s = buf + a;
            fill_string(s, l, (unsigned)(l + a));
            if (l > 4)
                s[l - 2] = s[1]; /* a byte found twice */
            int cs[] = {0, 'z' + 1, (unsigned char)s[l ? l - 1 : 0], (unsigned char)s[l / 2],
                        s[1 < l ? 1 : 0], (signed char)0xe9, 0xe9, 0x100 | 'A', -1};
            for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
                int c = cs[k];
                CHECK(LIBC(strchr)(s, c) == strchr(s, c), "strchr len %zu align %zu c %#x", l, a, c);
                CHECK(LDSO(strchr)(s, c) == strchr(s, c), "ld.so strchr len %zu align %zu c %#x", l, a,
                      c);
                CHECK(LIBC(index)(s, c) == index(s, c), "index len %zu align %zu c %#x", l, a, c);
                CHECK(LDSO(index)(s, c) == index(s, c), "ld.so index len %zu align %zu c %#x", l, a, c);
                CHECK(LIBC(strrchr)(s, c) == strrchr(s, c), "strrchr len %zu align %zu c %#x", l, a, c);
                CHECK(LIBC(rindex)(s, c) == rindex(s, c), "rindex len %zu align %zu c %#x", l, a, c);
                CHECK(LIBC(strchrnul)(s, c) == strchrnul(s, c), "strchrnul len %zu align %zu c %#x", l,
                      a, c);
            }
        }
        char tmp[MAXLEN + 1];
        fill_string(tmp, l, (unsigned)l);
        const char *g = at_guard(0, tmp, l + 1);
        CHECK(LIBC(strchr)(g, '~' + 1) == NULL, "strchr at the guard, len %zu", l);
        CHECK(LDSO(strchr)(g, '~' + 1) == NULL, "ld.so strchr at the guard, len %zu", l);
        CHECK(LIBC(strrchr)(g, 0) == g + l, "strrchr at the guard, len %zu", l);
        CHECK(LIBC(strchrnul)(g, '~' + 1) == g + l, "strchrnul at the guard, len %zu", l);
    }
    end();
}

static void test_strstr(void)
{
    begin("strstr, strcasestr");
    /* Every haystack over {a, b, A} up to length 7 against every needle up
       to length 3, and a few longer ones. */
    static const char alphabet[] = "abA";
    char hay[16], needle[8];
    for (int hl = 0; hl <= 7; hl++) {
        int hn = 1;
        for (int i = 0; i < hl; i++)
            hn *= 3;
        for (int hi = 0; hi < hn; hi++) {
            for (int i = 0, v = hi; i < hl; i++, v /= 3)
                hay[i] = alphabet[v % 3];
            hay[hl] = 0;
            for (int nl = 0; nl <= 3; nl++) {
                int nn = 1;
                for (int i = 0; i < nl; i++)
                    nn *= 3;
                for (int ni = 0; ni < nn; ni++) {
                    for (int i = 0, v = ni; i < nl; i++, v /= 3)
                        needle[i] = alphabet[v % 3];
                    needle[nl] = 0;
                    CHECK(LIBC(strstr)(hay, needle) == strstr(hay, needle), "strstr(\"%s\", \"%s\")",
                          hay, needle);
                    CHECK(LIBC(strcasestr)(hay, needle) == strcasestr(hay, needle),
                          "strcasestr(\"%s\", \"%s\")", hay, needle);
                }
            }
        }
    }
    static const char *const pairs[][2] = {
        {"the quick brown fox", "fox"}, {"aaaaaaaaab", "aaab"}, {"abcabcabd", "abcabd"},
        {"short", "much longer needle"}, {"", ""}, {"", "x"}, {"x", ""},
        {"Mixed CASE text", "case TEXT"}, {"\xe9t\xc9", "\xc9"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *h = pairs[i][0], *n = pairs[i][1];
        CHECK(LIBC(strstr)(h, n) == strstr(h, n), "strstr(\"%s\", \"%s\")", h, n);
        CHECK(LIBC(strcasestr)(h, n) == strcasestr(h, n), "strcasestr(\"%s\", \"%s\")", h, n);
        const char *gh = at_guard(0, h, strlen(h) + 1), *gn = at_guard(1, n, strlen(n) + 1);
        const char *want = strstr(h, n);
        CHECK(LIBC(strstr)(gh, gn) == (want ? gh + (want - h) : NULL),
              "strstr(\"%s\", \"%s\") at the guard", h, n);
        want = strcasestr(h, n);
        CHECK(LIBC(strcasestr)(gh, gn) == (want ? gh + (want - h) : NULL),
              "strcasestr(\"%s\", \"%s\") at the guard", h, n);
    }
    end();
}

static void test_strspn(void)
{
    begin("strspn, strcspn, strpbrk");
    static const char *const sets[] = {"", "a", "ab", "ba\xe9", "xyz", "\x01\xff", "abcdefgh"};
    static const char alphabet[] = "abxy\xe9\xff";
    char s[MAXLEN + 1];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (unsigned seed = 0; seed < 12; seed++) {
            for (size_t i = 0; i < l; i++)
                s[i] = alphabet[(seed * 7 + i * (seed + 1) + (i * i) / 3) % 6];
            s[l] = 0;
            for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
                const char *set = sets[k];
                CHECK(LIBC(strspn)(s, set) == strspn(s, set), "strspn(\"%s\", \"%s\")", s, set);
                CHECK(LIBC(strcspn)(s, set) == strcspn(s, set), "strcspn(\"%s\", \"%s\")", s, set);
                CHECK(LIBC(strpbrk)(s, set) == strpbrk(s, set), "strpbrk(\"%s\", \"%s\")", s, set);
                const char *gs = at_guard(0, s, l + 1), *gset = at_guard(1, set, strlen(set) + 1);
                CHECK(LIBC(strspn)(gs, gset) == strspn(s, set), "strspn at the guard");
                CHECK(LIBC(strcspn)(gs, gset) == strcspn(s, set), "strcspn at the guard");
                const char *want = strpbrk(s, set);
                CHECK(LIBC(strpbrk)(gs, gset) == (want ? gs + (want - s) : NULL),
                      "strpbrk at the guard");
            }
        }
    }
    end();
}

static void test_memchr(void)
{
    begin("memchr, memrchr, rawmemchr");
    static unsigned char buf[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (size_t a = 0; a < 16; a++) {
            unsigned char *s = buf + a;
            fill_string((char *)s, l, (unsigned)(l + a));
            if (l > 3)
                s[l / 3] = 0; /* memchr does not stop at a NUL */
            int cs[] = {0, 'z' + 1, s[l ? l - 1 : 0], s[l / 2], 0x100 | s[l / 2], -1, 0xe9};
            for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
                int c = cs[k];
                size_t ns[] = {0, l / 2, l, l + 1};
                for (size_t j = 0; j < sizeof ns / sizeof ns[0]; j++) {
                    size_t n = ns[j];
                    CHECK(LIBC(memchr)(s, c, n) == memchr(s, c, n),
                          "memchr len %zu align %zu c %#x n %zu", l, a, c, n);
                    CHECK(LIBC(memrchr)(s, c, n) == memrchr(s, c, n),
                          "memrchr len %zu align %zu c %#x n %zu", l, a, c, n);
                }
                if (memchr(s, c, l + 1) != NULL)
                    CHECK(LIBC(rawmemchr)(s, c) == rawmemchr(s, c),
                          "rawmemchr len %zu align %zu c %#x", l, a, c);
            }
        }
        /* The byte is the last one before the guard; n is much larger. */
        unsigned char *g = guard(0, l + 1);
        memset(g, 'm', l);
        g[l] = 'F';
        CHECK(LIBC(memchr)(g, 'F', 100000) == g + l, "memchr past the match at the guard, len %zu",
              l);
        CHECK(LIBC(rawmemchr)(g, 'F') == g + l, "rawmemchr at the guard, len %zu", l);
        CHECK(LIBC(memrchr)(g, 'm', l + 1) == (l ? g + l - 1 : NULL), "memrchr at the guard, len %zu",
              l);
    }
    end();
}

/*--- Memory copies and fills --------------------------------------------------------------*/

static void test_memcpy(void)
{
    begin("memcpy, mempcpy, memmove, bcopy");
    static unsigned char src_buf[6000];
    static unsigned char big_mine[6000], big_theirs[6000];
    for (size_t i = 0; i < sizeof src_buf; i++)
        src_buf[i] = (unsigned char)(i * 7 + (i >> 8));
    size_t lens[MAXLEN + 7];
    size_t n_lens = 0;
    for (size_t l = 0; l <= MAXLEN; l++)
        lens[n_lens++] = l;
    lens[n_lens++] = 63;
    lens[n_lens++] = 64;
    lens[n_lens++] = 100;
    lens[n_lens++] = 1000;
    lens[n_lens++] = 4097;
    lens[n_lens++] = 5000;
    for (size_t i = 0; i < n_lens; i++) {
        size_t l = lens[i];
        for (size_t sa = 0; sa < 16; sa++) {
            for (size_t da = 0; da < 16; da++) {
                if (l > MAXLEN && (sa + da) % 5 != 0)
                    continue;
                const unsigned char *s = src_buf + sa;
                memset(big_mine, 0x5a, sizeof big_mine);
                memset(big_theirs, 0x5a, sizeof big_theirs);
                memcpy(big_theirs + da, s, l);
                void *r = LIBC(memcpy)(big_mine + da, s, l);
                CHECK(r == big_mine + da && !memcmp(big_mine, big_theirs, sizeof big_mine),
                      "memcpy len %zu src align %zu dst align %zu", l, sa, da);
                memset(big_mine, 0x5a, sizeof big_mine);
                r = LIBC(mempcpy)(big_mine + da, s, l);
                CHECK(r == big_mine + da + l && !memcmp(big_mine, big_theirs, sizeof big_mine),
                      "mempcpy len %zu src align %zu dst align %zu", l, sa, da);
                memset(big_mine, 0x5a, sizeof big_mine);
                r = LDSO(mempcpy)(big_mine + da, s, l);
                CHECK(r == big_mine + da + l && !memcmp(big_mine, big_theirs, sizeof big_mine),
                      "ld.so mempcpy len %zu src align %zu dst align %zu", l, sa, da);
                memset(big_mine, 0x5a, sizeof big_mine);
                r = LIBC(memmove)(big_mine + da, s, l);
                CHECK(r == big_mine + da && !memcmp(big_mine, big_theirs, sizeof big_mine),
                      "memmove len %zu src align %zu dst align %zu", l, sa, da);
                memset(big_mine, 0x5a, sizeof big_mine);
                LIBC(bcopy)(s, big_mine + da, l);
                CHECK(!memcmp(big_mine, big_theirs, sizeof big_mine),
                      "bcopy len %zu src align %zu dst align %zu", l, sa, da);
            }
        }
        if (l <= PAGE) {
            const void *gs = at_guard(0, src_buf, l);
            void *gd = guard(1, l);
            CHECK(LIBC(memcpy)(gd, gs, l) == gd && !memcmp(gd, src_buf, l),
                  "memcpy at the guard, len %zu", l);
            CHECK(LIBC(memmove)(gd, gs, l) == gd && !memcmp(gd, src_buf, l),
                  "memmove at the guard, len %zu", l);
        }
    }
    CHECK(overlap.n == 0, "an overlap was reported for copies that do not overlap");
    /* memmove (and bcopy) within one buffer, both ways, never reported. */
    for (size_t l = 0; l <= MAXLEN + 30; l++) {
        for (int shift = -20; shift <= 20; shift++) {
            for (size_t i = 0; i < BUF; i++)
                mine[i] = theirs[i] = (unsigned char)(i * 3);
            LIBC(memmove)(mine + 60 + shift, mine + 60, l);
            memmove(theirs + 60 + shift, theirs + 60, l);
            CHECK(same_dst(), "memmove len %zu shift %d", l, shift);
            for (size_t i = 0; i < BUF; i++)
                mine[i] = (unsigned char)(i * 3);
            LIBC(bcopy)(mine + 60, mine + 60 + shift, l);
            CHECK(same_dst(), "bcopy len %zu shift %d", l, shift);
        }
    }
    CHECK(overlap.n == 0, "memmove or bcopy reported an overlap");
    end();
}

static void test_memset(void)
{
    begin("memset, bzero");
    for (size_t l = 0; l <= MAXLEN + 90; l++) {
        for (size_t a = 0; a < 16; a++) {
            int cs[] = {0, 0x41, 0xff, 0x1ff, -2};
            for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
                reset_dst((unsigned)(l + a));
                void *r = LIBC(memset)(mine + a, cs[k], l);
                memset(theirs + a, cs[k], l);
                CHECK(r == mine + a && same_dst(), "memset len %zu align %zu c %#x", l, a, cs[k]);
            }
            reset_dst((unsigned)(l + a));
            LIBC(bzero)(mine + a, l);
            memset(theirs + a, 0, l);
            CHECK(same_dst(), "bzero len %zu align %zu", l, a);
        }
        void *g = guard(0, l);
        CHECK(LIBC(memset)(g, 'g', l) == g, "memset at the guard, len %zu", l);
    }
    end();
}

/*--- Wide strings -----------------------------------------------------------------------------*/

static void fill_wide(wchar_t *s, size_t l, unsigned seed)
{
    static const wchar_t chars[] = {L'a', L'b', 0xe9, 0x10ffff, 0x7fffffff, (wchar_t)-5, L'Z'};
    for (size_t i = 0; i < l; i++)
        s[i] = chars[(seed + i * 3) % 7];
    s[l] = 0;
}

static void test_wide(void)
{
    begin("wcslen, wcsnlen, wcscpy, wcscmp, wcschr, wcsrchr, wmemcpy");
    static wchar_t a_buf[BUF], b_buf[BUF], wm[BUF], wt[BUF];
    for (size_t l = 0; l <= MAXLEN; l++) {
        for (unsigned seed = 0; seed < 7; seed++) {
            wchar_t *a = a_buf + seed % 3, *b = b_buf + seed % 2;
            fill_wide(a, l, seed);
            CHECK(LIBC(wcslen)(a) == l, "wcslen len %zu", l);
            size_t maxes[] = {0, l / 2, l, l + 1, SIZE_MAX};
            for (size_t m = 0; m < 5; m++)
                CHECK(LIBC(wcsnlen)(a, maxes[m]) == wcsnlen(a, maxes[m]),
                      "wcsnlen len %zu max %zu", l, maxes[m]);
            wmemset(wm, 7, BUF);
            wmemset(wt, 7, BUF);
            CHECK(LIBC(wcscpy)(wm + seed, a) == wm + seed, "wcscpy's result, len %zu", l);
            wcscpy(wt + seed, a);
            CHECK(!wmemcmp(wm, wt, BUF), "wcscpy len %zu seed %u", l, seed);
            CHECK(LIBC(wmemcpy)(wm + seed, a, l) == wm + seed, "wmemcpy's result, len %zu", l);
            wmemcpy(wt + seed, a, l);
            CHECK(!wmemcmp(wm, wt, BUF), "wmemcpy len %zu seed %u", l, seed);
            for (size_t k = 0; k < l + 1; k++) {
                memcpy(b, a, (l + 1) * sizeof *a);
                if (k < l)
                    b[k] = seed % 2 ? a[k] + 1 : a[k] - 1;
                else
                    b[l / 2] = 0;
                CHECK(sign(LIBC(wcscmp)(a, b)) == sign(wcscmp(a, b)), "wcscmp len %zu at %zu", l, k);
                CHECK(sign(LIBC(wcscmp)(b, a)) == sign(wcscmp(b, a)), "wcscmp len %zu at %zu", l, k);
            }
            wchar_t cs[] = {0, L'a', 0x10ffff, (wchar_t)-5, L'q', a[l / 2]};
            for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
                CHECK(LIBC(wcschr)(a, cs[k]) == wcschr(a, cs[k]), "wcschr len %zu c %#x", l,
                      (unsigned)cs[k]);
                CHECK(LIBC(wcsrchr)(a, cs[k]) == wcsrchr(a, cs[k]), "wcsrchr len %zu c %#x", l,
                      (unsigned)cs[k]);
            }
        }
        wchar_t tmp[MAXLEN + 1];
        fill_wide(tmp, l, 1);
        const wchar_t *g = at_guard(0, tmp, (l + 1) * sizeof(wchar_t));
        CHECK(LIBC(wcslen)(g) == l, "wcslen at the guard, len %zu", l);
        CHECK(LIBC(wcschr)(g, L'q') == NULL, "wcschr at the guard, len %zu", l);
        CHECK(LIBC(wcsrchr)(g, 0) == g + l, "wcsrchr at the guard, len %zu", l);
        wchar_t *gd = guard(1, (l + 1) * sizeof(wchar_t));
        CHECK(LIBC(wcscpy)(gd, g) == gd && !wcscmp(gd, tmp), "wcscpy at the guard, len %zu", l);
        CHECK(LIBC(wcscmp)(gd, g) == 0, "wcscmp at the guard, len %zu", l);
    }
    CHECK(overlap.n == 0, "an overlap was reported for copies that do not overlap");
    end();
}

/*--- Overlap reports -------------------------------------------------------------------------*/

static char ob[128];
static wchar_t ow[32];

static void ob_set(const char *s)
{
    memset(ob, '#', sizeof ob);
    strcpy(ob, s);
    wcscpy(ow, L"wide string");
}

/* Expects the last call to have reported an overlap in NAME of DST, SRC
   (and LEN if HAS_LEN), or nothing when NAME is NULL. */
static void expect_overlap(const char *what, const char *name, const void *dst, const void *src,
                           size_t len, int has_len)
{
    if (name == NULL) {
        CHECK(overlap.n == 0, "%s: an overlap was reported (in %s)", what, overlap.name);
    } else {
        CHECK(overlap.n == 1, "%s: %d overlaps reported, not 1", what, overlap.n);
        if (overlap.n == 1) {
            CHECK(strcmp(overlap.name, name) == 0, "%s: reported as %s, not %s", what, overlap.name,
                  name);
            CHECK(overlap.dst == (uintptr_t)dst && overlap.src == (uintptr_t)src,
                  "%s: reported dst/src %#lx/%#lx", what, (unsigned long)overlap.dst,
                  (unsigned long)overlap.src);
            CHECK((int)overlap.has_len == has_len && (!has_len || overlap.len == len),
                  "%s: reported len %lu has_len %lu", what, (unsigned long)overlap.len,
                  (unsigned long)overlap.has_len);
        }
    }
    overlap.n = 0;
}

#define EXPECT(call, name, dst, src, len, has_len) expect_overlap(#call, name, dst, src, len, has_len)

static void test_overlap(void)
{
    begin("overlap reports");
    char other[128];
    overlap.n = 0;

    ob_set("0123456789abcdefghij");
    LIBC(memcpy)(ob + 2, ob, 10);
    EXPECT(memcpy(ob + 2, ob, 10), "memcpy", ob + 2, ob, 10, 1);
    CHECK(memcmp(ob, "010123456789cdefghij", 20) == 0, "overlapping memcpy copies as memmove");
    LIBC(memcpy)(ob + 10, ob, 10);
    EXPECT(memcpy(ob + 10, ob, 10), NULL, 0, 0, 0, 0);
    LIBC(memcpy)(ob, ob + 10, 10);
    EXPECT(memcpy(ob, ob + 10, 10), NULL, 0, 0, 0, 0);
    LIBC(memcpy)(ob + 9, ob, 10);
    EXPECT(memcpy(ob + 9, ob, 10), "memcpy", ob + 9, ob, 10, 1);
    LIBC(memcpy)(ob, ob, 0);
    EXPECT(memcpy(ob, ob, 0), NULL, 0, 0, 0, 0);
    LIBC(memcpy)(ob, ob, 1);
    EXPECT(memcpy(ob, ob, 1), "memcpy", ob, ob, 1, 1);
    LIBC(mempcpy)(ob + 1, ob, 4);
    EXPECT(mempcpy(ob + 1, ob, 4), "mempcpy", ob + 1, ob, 4, 1);
    LDSO(mempcpy)(ob, ob + 3, 4);
    EXPECT(ld.so mempcpy(ob, ob + 3, 4), "mempcpy", ob, ob + 3, 4, 1);
    LIBC(memmove)(ob + 1, ob, 10);
    EXPECT(memmove(ob + 1, ob, 10), NULL, 0, 0, 0, 0);
    LIBC(bcopy)(ob, ob + 1, 10);
    EXPECT(bcopy(ob, ob + 1, 10), NULL, 0, 0, 0, 0);

    ob_set("abc");
    LIBC(strcpy)(ob + 1, ob);
    EXPECT(strcpy(ob + 1, ob), "strcpy", ob + 1, ob, 0, 0);
    CHECK(strcmp(ob, "aabc") == 0, "overlapping strcpy copies as memmove: %s", ob);
    ob_set("abc");
    LIBC(strcpy)(ob + 3, ob);
    EXPECT(strcpy(ob + 3, ob): the NUL, "strcpy", ob + 3, ob, 0, 0);
    ob_set("abc");
    LIBC(strcpy)(ob + 4, ob);
    EXPECT(strcpy(ob + 4, ob), NULL, 0, 0, 0, 0);
    ob_set("abc");
    LIBC(strcpy)(other, ob);
    EXPECT(strcpy(other, ob), NULL, 0, 0, 0, 0);
    ob_set("0123456789");
    LIBC(stpcpy)(ob, ob + 4);
    EXPECT(stpcpy(ob, ob + 4), "stpcpy", ob, ob + 4, 0, 0);
    CHECK(strcmp(ob, "456789") == 0, "overlapping stpcpy copies as memmove: %s", ob);
    ob_set("0123456789");
    LDSO(stpcpy)(ob, ob + 4);
    EXPECT(ld.so stpcpy(ob, ob + 4), "stpcpy", ob, ob + 4, 0, 0);

    ob_set("abc");
    LIBC(strncpy)(ob + 4, ob, 8);
    EXPECT(strncpy(ob + 4, ob, 8): past the NUL of the source, NULL, 0, 0, 0, 0);
    ob_set("abc");
    LIBC(strncpy)(ob + 3, ob, 8);
    EXPECT(strncpy(ob + 3, ob, 8), "strncpy", ob + 3, ob, 8, 1);
    ob_set("0123456789abcdef");
    LIBC(strncpy)(ob + 8, ob, 8);
    EXPECT(strncpy(ob + 8, ob, 8): no NUL read, NULL, 0, 0, 0, 0);
    ob_set("0123456789abcdef");
    LIBC(strncpy)(ob + 7, ob, 8);
    EXPECT(strncpy(ob + 7, ob, 8), "strncpy", ob + 7, ob, 8, 1);
    ob_set("0123456789");
    LIBC(stpncpy)(ob + 2, ob, 5);
    EXPECT(stpncpy(ob + 2, ob, 5), "stpncpy", ob + 2, ob, 5, 1);
    ob_set("abc");
    LIBC(strncpy)(ob, ob, 0);
    EXPECT(strncpy(ob, ob, 0), NULL, 0, 0, 0, 0);

    ob_set("short");
    LIBC(strcat)(ob, ob + 2);
    EXPECT(strcat(ob, ob + 2), "strcat", ob, ob + 2, 0, 0);
    ob_set("short");
    strcpy(other, "tail");
    LIBC(strcat)(ob, other);
    EXPECT(strcat(ob, other), NULL, 0, 0, 0, 0);
    ob_set("short");
    LIBC(strncat)(ob, ob + 1, 3);
    EXPECT(strncat(ob, ob + 1, 3), "strncat", ob, ob + 1, 3, 1);
    ob_set("short");
    strcpy(ob + 10, "xyz");
    LIBC(strncat)(ob, ob + 10, 2);
    EXPECT(strncat(ob, ob + 10, 2): the result ends before the source, NULL, 0, 0, 0, 0);

    ob_set("");
    LIBC(wcscpy)(ow + 1, ow);
    EXPECT(wcscpy(ow + 1, ow), "wcscpy", ow + 1, ow, 0, 0);
    ob_set("");
    LIBC(wcscpy)(ow + 12, ow);
    EXPECT(wcscpy(ow + 12, ow), NULL, 0, 0, 0, 0);
    ob_set("");
    LIBC(wmemcpy)(ow + 1, ow, 3);
    EXPECT(wmemcpy(ow + 1, ow, 3), "wmemcpy", ow + 1, ow, 3, 1);
    LIBC(wmemcpy)(ow + 3, ow, 3);
    EXPECT(wmemcpy(ow + 3, ow, 3), NULL, 0, 0, 0, 0);

    /* The _chk forms report under the public name. */
    ob_set("0123456789abcdefghij");
    LIBC(XUXUmemcpyXUchk)(ob + 2, ob, 10, 64);
    EXPECT(__memcpy_chk(ob + 2, ob, 10, 64), "memcpy", ob + 2, ob, 10, 1);
    LIBC(XUXUmempcpyXUchk)(ob + 2, ob, 10, 64);
    EXPECT(__mempcpy_chk(ob + 2, ob, 10, 64), "mempcpy", ob + 2, ob, 10, 1);
    LIBC(XUXUmemmoveXUchk)(ob + 2, ob, 10, 64);
    EXPECT(__memmove_chk(ob + 2, ob, 10, 64), NULL, 0, 0, 0, 0);
    ob_set("abc");
    LIBC(XUXUstrcpyXUchk)(ob + 1, ob, 64);
    EXPECT(__strcpy_chk(ob + 1, ob, 64), "strcpy", ob + 1, ob, 0, 0);
    ob_set("abc");
    LIBC(XUXUstpcpyXUchk)(ob + 1, ob, 64);
    EXPECT(__stpcpy_chk(ob + 1, ob, 64), "stpcpy", ob + 1, ob, 0, 0);
    ob_set("abc");
    LIBC(XUXUstrncpyXUchk)(ob + 3, ob, 8, 64);
    EXPECT(__strncpy_chk(ob + 3, ob, 8, 64), "strncpy", ob + 3, ob, 8, 1);
    ob_set("short");
    LIBC(XUXUstrcatXUchk)(ob, ob + 2, 64);
    EXPECT(__strcat_chk(ob, ob + 2, 64), "strcat", ob, ob + 2, 0, 0);
    end();
}

/*--- _FORTIFY_SOURCE's checks ------------------------------------------------------------------*/

/* Runs FN in a child with stderr going to a pipe; returns whether it died
   of SIGABRT after writing glibc's message, or (FITS) exited normally
   after writing nothing. */
static int in_child(void (*fn)(void), int fits)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        fn();
        _exit(0);
    }
    close(pipefd[1]);
    char out[256];
    size_t got = 0;
    ssize_t n;
    while (got < sizeof out - 1 && (n = read(pipefd[0], out + got, sizeof out - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = 0;
    close(pipefd[0]);
    int status;
    waitpid(pid, &status, 0);
    if (fits)
        return WIFEXITED(status) && WEXITSTATUS(status) == 0 && got == 0;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
           strcmp(out, "*** buffer overflow detected ***: terminated\n") == 0;
}

static char cb[16];

static void chk_memcpy_fits(void) { LIBC(XUXUmemcpyXUchk)(cb, "0123456789abcdef", 16, 16); }
static void chk_memcpy_over(void) { LIBC(XUXUmemcpyXUchk)(cb, "0123456789abcdefg", 17, 16); }
static void chk_memmove_over(void) { LIBC(XUXUmemmoveXUchk)(cb, "0123456789abcdefg", 17, 16); }
static void chk_mempcpy_over(void) { LIBC(XUXUmempcpyXUchk)(cb, "0123456789abcdefg", 17, 16); }
static void chk_memset_fits(void) { LIBC(XUXUmemsetXUchk)(cb, 0, 16, 16); }
static void chk_memset_over(void) { LIBC(XUXUmemsetXUchk)(cb, 0, 17, 16); }
static void chk_strcpy_fits(void) { LIBC(XUXUstrcpyXUchk)(cb, "0123456789abcde", 16); }
static void chk_strcpy_over(void) { LIBC(XUXUstrcpyXUchk)(cb, "0123456789abcdef", 16); }
static void chk_stpcpy_over(void) { LIBC(XUXUstpcpyXUchk)(cb, "0123456789abcdef", 16); }
static void chk_strncpy_fits(void) { LIBC(XUXUstrncpyXUchk)(cb, "a very long string indeed", 16, 16); }
static void chk_strncpy_over(void) { LIBC(XUXUstrncpyXUchk)(cb, "ab", 17, 16); }
static void chk_strcat_fits(void)
{
    strcpy(cb, "01234");
    LIBC(XUXUstrcatXUchk)(cb, "56789abcde", 16);
}
static void chk_strcat_over(void)
{
    strcpy(cb, "01234");
    LIBC(XUXUstrcatXUchk)(cb, "56789abcdef", 16);
}

static void test_chk(void)
{
    begin("_chk functions");
    static const struct {
        const char *name;
        void (*fn)(void);
        int fits;
    } cases[] = {
        {"__memcpy_chk that fits", chk_memcpy_fits, 1},
        {"__memcpy_chk 17 into 16", chk_memcpy_over, 0},
        {"__memmove_chk 17 into 16", chk_memmove_over, 0},
        {"__mempcpy_chk 17 into 16", chk_mempcpy_over, 0},
        {"__memset_chk that fits", chk_memset_fits, 1},
        {"__memset_chk 17 into 16", chk_memset_over, 0},
        {"__strcpy_chk of 15 + NUL into 16", chk_strcpy_fits, 1},
        {"__strcpy_chk of 16 + NUL into 16", chk_strcpy_over, 0},
        {"__stpcpy_chk of 16 + NUL into 16", chk_stpcpy_over, 0},
        {"__strncpy_chk of n 16 into 16", chk_strncpy_fits, 1},
        {"__strncpy_chk of n 17 into 16", chk_strncpy_over, 0},
        {"__strcat_chk to 15 + NUL in 16", chk_strcat_fits, 1},
        {"__strcat_chk to 16 + NUL in 16", chk_strcat_over, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(in_child(cases[i].fn, cases[i].fits), "%s: %s", cases[i].name,
              cases[i].fits ? "did not simply return" : "did not abort with glibc's message");

    /* What they return and copy when the data fits. */
    char d[32], e[32];
    memset(d, 1, sizeof d);
    memset(e, 1, sizeof e);
    CHECK(LIBC(XUXUmempcpyXUchk)(d, "abcdef", 6, 32) == d + 6 && !memcmp(d, "abcdef", 6),
          "__mempcpy_chk result");
    CHECK(LIBC(XUXUstpcpyXUchk)(d, "abc", 4) == d + 3 && !strcmp(d, "abc"), "__stpcpy_chk result");
    CHECK(LIBC(XUXUstrncpyXUchk)(d, "xy", 10, 32) == d, "__strncpy_chk result");
    strncpy(e, "xy", 10);
    CHECK(!memcmp(d, e, sizeof d), "__strncpy_chk pads with NULs");
    CHECK(LIBC(XUXUmemsetXUchk)(d, 'z', 5, 32) == d && !memcmp(d, "zzzzz", 5), "__memset_chk result");
    CHECK(overlap.n == 0, "an overlap was reported for copies that do not overlap");
    end();
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    make_guards();
    test_strlen();
    test_strcpy();
    test_strncpy();
    test_strcat();
    test_compare();
    test_strchr();
    test_strstr();
    test_strspn();
    test_memchr();
    test_memcpy();
    test_memset();
    test_wide();
    test_overlap();
    test_chk();
    printf("DONE\n");
    return any_group_failed;
}
