/*--------------------------------------------------------------------*/
/*--- The string and memory functions of libc and ld.so, written   ---*/
/*--- to read only what they must.              vg_replace_strmem.c ---*/
/*--------------------------------------------------------------------*/

/* Linked into the vgpreload_NAME.so of skins that check memory accesses
   (NAME_PRELOAD := strmem).  glibc's string functions are fast because
   they read whole aligned vectors, past the end of a string when the end
   is in the middle of one: harmless natively, an invalid read for a
   memory checker.  These replacements read byte by byte what a string
   function must read and stop where the C standard says they stop (memchr
   and memcmp at the first match or difference too); only memcpy, memmove
   and memset, which touch all of [p, p + len) anyway, move whole words.

   The copying functions also check that their source and destination do
   not overlap, as Memcheck does, and tell the skin when they do
   (VG_USERREQ__OVERLAP with the public name, "memcpy" also for
   __memcpy_chk, and the length where Memcheck's message shows one); they
   then copy as memmove would.  Two ranges overlap when both are
   non-empty and share a byte: memcpy(p, p, n) does for n > 0, a copy of
   0 bytes never does.  The ranges are the bytes the function read and
   wrote: for strcpy the string and its NUL on both sides; for strncpy n
   bytes of the destination and what was read of the source (up to its
   NUL, at most n); for strcat the whole resulting string and the source
   with its NUL.  The _chk functions that _FORTIFY_SOURCE calls first
   check the destination's size as glibc does, and on overflow print
   glibc's message and abort.

   Code that reads or writes the client's memory is written out in each
   replacement (by the macros below, statement macros included), never in
   an inlined helper, so that an error found there is reported at
   "strlen", not at a helper inlined into it.

   Replaced in libc.so*: strlen, strnlen, strcpy, strncpy, stpcpy,
   stpncpy, strcat, strncat, strcmp, strncmp, strcasecmp, strncasecmp,
   strchr, index, strrchr, rindex, strchrnul, strstr, strcasestr, strspn,
   strcspn, strpbrk, memchr, memrchr, rawmemchr, memcmp, bcmp, memcpy,
   memmove, mempcpy, memset, bcopy, bzero, wcslen, wcsnlen, wcscpy,
   wcscmp, wcschr, wcsrchr, wmemcpy, __memcpy_chk, __memmove_chk,
   __mempcpy_chk, __memset_chk, __strcpy_chk, __stpcpy_chk,
   __strncpy_chk, __stpncpy_chk, __strcat_chk, __strncat_chk.  In ld.so
   (ld-linux-x86-64.so.2, when its symbol table is there to name them),
   whose own copies it uses while loading, the ones Memcheck 3.19
   replaces there: strlen, strcmp, strchr and index (one address),
   mempcpy, stpcpy.  Not memcpy: in ld.so it is the same code as memmove,
   which ld.so calls on overlapping ranges.

   The case-insensitive functions fold ASCII letters only, as glibc does
   in the C and UTF-8 locales. */

#include "vgpreload_priv.h"

/*--- Pieces of code the replacements share -----------------------------------*/

/* A word with every byte 1. */
#define ONES 0x0101010101010101ull

static inline int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* strncasecmp with ASCII case folding, the locale ignored: the body of
   the strcasecmp family (strcasecmp itself: n = (size_t)-1). */
static inline int ascii_casecmp(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;
    for (; n > 0; x++, y++, n--) {
        int cx = ascii_lower(*x), cy = ascii_lower(*y);
        if (cx != cy || cx == 0)
            return cx - cy;
    }
    return 0;
}

/* Do [a, a + alen) and [b, b + blen) share a byte? */
static inline int ranges_overlap(const void *a, size_t alen, const void *b, size_t blen)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return alen != 0 && blen != 0 && x < y + blen && y < x + alen;
}

/* Tells the skin of an overlap in NAME; HAS_LEN: its report shows LEN. */
#define RECORD_OVERLAP(name, dst, src, len, has_len)                                    \
    (void)VGP_REQUEST(VG_USERREQ__OVERLAP, (name), (dst), (src), (len), (has_len))

/* glibc's __chk_fail: the message, then SIGABRT. */
static VGP_NORETURN void chk_fail(void)
{
    vgp_write_stderr("*** buffer overflow detected ***: terminated\n");
    vgp_abort();
}

/* Statement: *LENP = the length of the NUL-terminated string S. */
#define STR_LEN(lenp, s)                                                                \
    do {                                                                                \
        const char *s_ = (s);                                                           \
        size_t n_ = 0;                                                                  \
        while (s_[n_] != '\0')                                                          \
            n_++;                                                                       \
        *(lenp) = n_;                                                                   \
    } while (0)

/* Statement: *LENP = strnlen(S, MAX). */
#define STR_NLEN(lenp, s, max)                                                          \
    do {                                                                                \
        const char *s_ = (s);                                                           \
        size_t n_ = 0, max_ = (max);                                                    \
        while (n_ < max_ && s_[n_] != '\0')                                             \
            n_++;                                                                       \
        *(lenp) = n_;                                                                   \
    } while (0)

/* Statement: copies LEN bytes from SRC to DST as memmove does, a word at
   a time where whole words fit. */
#define MOVE_BYTES(dst, src, len)                                                       \
    do {                                                                                \
        unsigned char *d_ = (unsigned char *)(dst);                                     \
        const unsigned char *s_ = (const unsigned char *)(src);                         \
        size_t n_ = (len), i_ = 0;                                                      \
        if ((uintptr_t)d_ <= (uintptr_t)s_ || (uintptr_t)d_ >= (uintptr_t)s_ + n_) {    \
            for (; i_ + 8 <= n_; i_ += 8)                                               \
                *(vgp_uword *)(d_ + i_) = *(const vgp_uword *)(s_ + i_);                \
            for (; i_ < n_; i_++)                                                       \
                d_[i_] = s_[i_];                                                        \
        } else {                                                                        \
            for (; n_ >= 8; n_ -= 8)                                                    \
                *(vgp_uword *)(d_ + n_ - 8) = *(const vgp_uword *)(s_ + n_ - 8);        \
            for (; n_ > 0; n_--)                                                        \
                d_[n_ - 1] = s_[n_ - 1];                                                \
        }                                                                               \
    } while (0)

/* Statement: sets LEN bytes at DST to the byte C. */
#define SET_BYTES(dst, c, len)                                                          \
    do {                                                                                \
        unsigned char *d_ = (unsigned char *)(dst);                                     \
        unsigned char c_ = (unsigned char)(c);                                          \
        uint64_t w_ = c_ * ONES;                                                        \
        size_t n_ = (len), i_ = 0;                                                      \
        for (; i_ + 8 <= n_; i_ += 8)                                                   \
            *(vgp_uword *)(d_ + i_) = w_;                                               \
        for (; i_ < n_; i_++)                                                           \
            d_[i_] = c_;                                                                \
    } while (0)

/* Statement: the bytes of the NUL-terminated SET as a bitmap in
   uint64_t MAP[4]. */
#define BYTE_SET(map, set)                                                              \
    do {                                                                                \
        const unsigned char *p_ = (const unsigned char *)(set);                         \
        (map)[0] = (map)[1] = (map)[2] = (map)[3] = 0;                                  \
        for (; *p_ != 0; p_++)                                                          \
            (map)[*p_ >> 6] |= 1ull << (*p_ & 63);                                      \
    } while (0)
#define IN_BYTE_SET(map, c) (((map)[(c) >> 6] >> ((c) & 63)) & 1)

/*--- Lengths ------------------------------------------------------------------*/

#define STRLEN(so, fn)                                                                  \
    VGP_EXPORT size_t VG_REPLACE(so, fn)(const char *s)                                 \
    {                                                                                   \
        size_t n = 0;                                                                   \
        while (s[n] != '\0')                                                            \
            n++;                                                                        \
        return n;                                                                       \
    }

#define STRNLEN(so, fn)                                                                 \
    VGP_EXPORT size_t VG_REPLACE(so, fn)(const char *s, size_t max)                     \
    {                                                                                   \
        size_t n = 0;                                                                   \
        while (n < max && s[n] != '\0')                                                 \
            n++;                                                                        \
        return n;                                                                       \
    }

/*--- Copies -------------------------------------------------------------------*/

/* strcpy and stpcpy: the length first, so that an overlapping copy
   cannot run over its own terminator. */
/* Statement: copies the string SRC to DST, *LENP = its length.  One pass
   reading SRC once (an unterminated source is reported once, as by
   Memcheck), unless DST lies just above SRC, where copying forwards would
   overwrite the terminator: then the length first. */
#define COPY_STRING(lenp, dst, src)                                                     \
    do {                                                                                \
        char *cd_ = (dst);                                                              \
        const char *cs_ = (src);                                                        \
        size_t cn_ = 0;                                                                 \
        if ((uintptr_t)cd_ > (uintptr_t)cs_ && (uintptr_t)cd_ - (uintptr_t)cs_ < 65536) { \
            STR_LEN(&cn_, cs_);                                                         \
            MOVE_BYTES(cd_, cs_, cn_ + 1);                                              \
        } else {                                                                        \
            while ((cd_[cn_] = cs_[cn_]) != '\0')                                       \
                cn_++;                                                                  \
        }                                                                               \
        *(lenp) = cn_;                                                                  \
    } while (0)

#define STRCPY(so, fn, name, ret_end)                                                   \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src)                     \
    {                                                                                   \
        size_t n;                                                                       \
        COPY_STRING(&n, dst, src);                                                      \
        if (ranges_overlap(dst, n + 1, src, n + 1))                                     \
            RECORD_OVERLAP(name, dst, src, 0, 0);                                       \
        return (ret_end) ? dst + n : dst;                                               \
    }

/* strncpy and stpncpy: copy up to n bytes and pad with NULs to n;
   stpncpy returns the first NUL written (or dst + n). */
#define STRNCPY(so, fn, name, ret_end)                                                  \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src, size_t n)           \
    {                                                                                   \
        size_t m;                                                                       \
        STR_NLEN(&m, src, n);                                                           \
        if (ranges_overlap(dst, n, src, m < n ? m + 1 : n))                             \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst, src, m);                                                        \
        SET_BYTES(dst + m, 0, n - m);                                                   \
        return (ret_end) ? dst + m : dst;                                               \
    }

#define STRCAT(so, fn, name)                                                            \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src)                     \
    {                                                                                   \
        size_t dn, sn;                                                                  \
        STR_LEN(&dn, dst);                                                              \
        COPY_STRING(&sn, dst + dn, src);                                                \
        if (ranges_overlap(dst, dn + sn + 1, src, sn + 1))                              \
            RECORD_OVERLAP(name, dst, src, 0, 0);                                       \
        return dst;                                                                     \
    }

#define STRNCAT(so, fn, name)                                                           \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src, size_t n)           \
    {                                                                                   \
        size_t dn, sn;                                                                  \
        STR_LEN(&dn, dst);                                                              \
        STR_NLEN(&sn, src, n);                                                          \
        if (ranges_overlap(dst, dn + sn + 1, src, sn < n ? sn + 1 : sn))                \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst + dn, src, sn);                                                  \
        dst[dn + sn] = '\0';                                                            \
        return dst;                                                                     \
    }

/* memcpy and mempcpy; memmove does not check. */
#define MEMCPY(so, fn, name, ret_end)                                                   \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *dst, const void *src, size_t n)           \
    {                                                                                   \
        if (ranges_overlap(dst, n, src, n))                                             \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst, src, n);                                                        \
        return (ret_end) ? (char *)dst + n : dst;                                       \
    }

#define MEMMOVE(so, fn)                                                                 \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *dst, const void *src, size_t n)           \
    {                                                                                   \
        MOVE_BYTES(dst, src, n);                                                        \
        return dst;                                                                     \
    }

#define MEMSET(so, fn)                                                                  \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *dst, int c, size_t n)                     \
    {                                                                                   \
        SET_BYTES(dst, c, n);                                                           \
        return dst;                                                                     \
    }

/* bcopy(src, dst, n): memmove with the arguments swapped. */
#define BCOPY(so, fn)                                                                   \
    VGP_EXPORT void VG_REPLACE(so, fn)(const void *src, void *dst, size_t n)            \
    {                                                                                   \
        MOVE_BYTES(dst, src, n);                                                        \
    }

#define BZERO(so, fn)                                                                   \
    VGP_EXPORT void VG_REPLACE(so, fn)(void *dst, size_t n)                             \
    {                                                                                   \
        SET_BYTES(dst, 0, n);                                                           \
    }

/*--- Comparisons --------------------------------------------------------------*/

#define STRCMP(so, fn)                                                                  \
    VGP_EXPORT int VG_REPLACE(so, fn)(const char *a, const char *b)                     \
    {                                                                                   \
        const unsigned char *x = (const unsigned char *)a;                              \
        const unsigned char *y = (const unsigned char *)b;                              \
        while (*x != 0 && *x == *y) {                                                   \
            x++;                                                                        \
            y++;                                                                        \
        }                                                                               \
        return (int)*x - (int)*y;                                                       \
    }

#define STRNCMP(so, fn)                                                                 \
    VGP_EXPORT int VG_REPLACE(so, fn)(const char *a, const char *b, size_t n)           \
    {                                                                                   \
        const unsigned char *x = (const unsigned char *)a;                              \
        const unsigned char *y = (const unsigned char *)b;                              \
        for (; n > 0; x++, y++, n--) {                                                  \
            if (*x != *y || *x == 0)                                                    \
                return (int)*x - (int)*y;                                               \
        }                                                                               \
        return 0;                                                                       \
    }

#define STRCASECMP(so, fn)                                                              \
    VGP_EXPORT int VG_REPLACE(so, fn)(const char *a, const char *b)                     \
    {                                                                                   \
        return ascii_casecmp(a, b, (size_t)-1);                                         \
    }

#define STRNCASECMP(so, fn)                                                             \
    VGP_EXPORT int VG_REPLACE(so, fn)(const char *a, const char *b, size_t n)           \
    {                                                                                   \
        return ascii_casecmp(a, b, n);                                                  \
    }

/* memcmp and bcmp: byte by byte, stopping at the first difference, as
   programs that compare a short buffer with a longer constant expect. */
#define MEMCMP(so, fn)                                                                  \
    VGP_EXPORT int VG_REPLACE(so, fn)(const void *a, const void *b, size_t n)           \
    {                                                                                   \
        const unsigned char *x = (const unsigned char *)a;                              \
        const unsigned char *y = (const unsigned char *)b;                              \
        for (; n > 0; x++, y++, n--) {                                                  \
            if (*x != *y)                                                               \
                return (int)*x - (int)*y;                                               \
        }                                                                               \
        return 0;                                                                       \
    }

/*--- Searches -----------------------------------------------------------------*/

/* strchr and index. */
#define STRCHR(so, fn)                                                                  \
    VGP_EXPORT char *VG_REPLACE(so, fn)(const char *s, int c)                           \
    {                                                                                   \
        char ch = (char)c;                                                              \
        for (;; s++) {                                                                  \
            if (*s == ch)                                                               \
                return (char *)s;                                                       \
            if (*s == '\0')                                                             \
                return NULL;                                                            \
        }                                                                               \
    }

/* strrchr and rindex. */
#define STRRCHR(so, fn)                                                                 \
    VGP_EXPORT char *VG_REPLACE(so, fn)(const char *s, int c)                           \
    {                                                                                   \
        char ch = (char)c;                                                              \
        const char *last = NULL;                                                        \
        for (;; s++) {                                                                  \
            if (*s == ch)                                                               \
                last = s;                                                               \
            if (*s == '\0')                                                             \
                return (char *)last;                                                    \
        }                                                                               \
    }

#define STRCHRNUL(so, fn)                                                               \
    VGP_EXPORT char *VG_REPLACE(so, fn)(const char *s, int c)                           \
    {                                                                                   \
        char ch = (char)c;                                                              \
        while (*s != ch && *s != '\0')                                                  \
            s++;                                                                        \
        return (char *)s;                                                               \
    }

/* strstr and strcasestr (FOLD: ascii_lower or nothing): at each start,
   compare until the needle ends or a byte differs; a haystack's NUL
   differs from any needle byte, so nothing past it is read. */
#define STRSTR(so, fn, fold)                                                            \
    VGP_EXPORT char *VG_REPLACE(so, fn)(const char *hay, const char *needle)            \
    {                                                                                   \
        const unsigned char *h = (const unsigned char *)hay;                            \
        const unsigned char *n = (const unsigned char *)needle;                         \
        for (;; h++) {                                                                  \
            size_t i = 0;                                                               \
            while (n[i] != 0 && fold(h[i]) == fold(n[i]))                               \
                i++;                                                                    \
            if (n[i] == 0)                                                              \
                return (char *)h;                                                       \
            if (*h == 0)                                                                \
                return NULL;                                                            \
        }                                                                               \
    }

/* strspn (IN: 1) and strcspn (IN: 0): the length of the prefix of s
   whose bytes are (not) in set. */
#define STRSPN(so, fn, in)                                                              \
    VGP_EXPORT size_t VG_REPLACE(so, fn)(const char *s, const char *set)                \
    {                                                                                   \
        uint64_t map[4];                                                                \
        const unsigned char *p = (const unsigned char *)s;                              \
        BYTE_SET(map, set);                                                             \
        size_t n = 0;                                                                   \
        while (p[n] != 0 && IN_BYTE_SET(map, p[n]) == (in))                             \
            n++;                                                                        \
        return n;                                                                       \
    }

#define STRPBRK(so, fn)                                                                 \
    VGP_EXPORT char *VG_REPLACE(so, fn)(const char *s, const char *set)                 \
    {                                                                                   \
        uint64_t map[4];                                                                \
        const unsigned char *p = (const unsigned char *)s;                              \
        BYTE_SET(map, set);                                                             \
        for (; *p != 0; p++) {                                                          \
            if (IN_BYTE_SET(map, *p))                                                   \
                return (char *)p;                                                       \
        }                                                                               \
        return NULL;                                                                    \
    }

/* memchr: byte by byte; C11 says it stops at the first match, so n may
   be larger than the object when c is known to be in it. */
#define MEMCHR(so, fn)                                                                  \
    VGP_EXPORT void *VG_REPLACE(so, fn)(const void *s, int c, size_t n)                 \
    {                                                                                   \
        const unsigned char *p = (const unsigned char *)s;                              \
        unsigned char ch = (unsigned char)c;                                            \
        for (; n > 0; p++, n--) {                                                       \
            if (*p == ch)                                                               \
                return (void *)p;                                                       \
        }                                                                               \
        return NULL;                                                                    \
    }

#define MEMRCHR(so, fn)                                                                 \
    VGP_EXPORT void *VG_REPLACE(so, fn)(const void *s, int c, size_t n)                 \
    {                                                                                   \
        const unsigned char *p = (const unsigned char *)s;                              \
        unsigned char ch = (unsigned char)c;                                            \
        while (n > 0) {                                                                 \
            n--;                                                                        \
            if (p[n] == ch)                                                             \
                return (void *)(p + n);                                                 \
        }                                                                               \
        return NULL;                                                                    \
    }

#define RAWMEMCHR(so, fn)                                                               \
    VGP_EXPORT void *VG_REPLACE(so, fn)(const void *s, int c)                           \
    {                                                                                   \
        const unsigned char *p = (const unsigned char *)s;                              \
        unsigned char ch = (unsigned char)c;                                            \
        while (*p != ch)                                                                \
            p++;                                                                        \
        return (void *)p;                                                               \
    }

/*--- Wide strings (wchar_t: 32-bit signed) -------------------------------------*/

#define WCSLEN(so, fn)                                                                  \
    VGP_EXPORT size_t VG_REPLACE(so, fn)(const wchar_t *s)                              \
    {                                                                                   \
        size_t n = 0;                                                                   \
        while (s[n] != 0)                                                               \
            n++;                                                                        \
        return n;                                                                       \
    }

#define WCSNLEN(so, fn)                                                                 \
    VGP_EXPORT size_t VG_REPLACE(so, fn)(const wchar_t *s, size_t max)                  \
    {                                                                                   \
        size_t n = 0;                                                                   \
        while (n < max && s[n] != 0)                                                    \
            n++;                                                                        \
        return n;                                                                       \
    }

#define WCSCPY(so, fn, name)                                                            \
    VGP_EXPORT wchar_t *VG_REPLACE(so, fn)(wchar_t *dst, const wchar_t *src)            \
    {                                                                                   \
        size_t n = 0;                                                                   \
        while (src[n] != 0)                                                             \
            n++;                                                                        \
        size_t bytes = (n + 1) * sizeof(wchar_t);                                       \
        if (ranges_overlap(dst, bytes, src, bytes))                                     \
            RECORD_OVERLAP(name, dst, src, 0, 0);                                       \
        MOVE_BYTES(dst, src, bytes);                                                    \
        return dst;                                                                     \
    }

/* wmemcpy: the report shows the length in wide characters. */
#define WMEMCPY(so, fn, name)                                                           \
    VGP_EXPORT wchar_t *VG_REPLACE(so, fn)(wchar_t *dst, const wchar_t *src, size_t n)  \
    {                                                                                   \
        size_t bytes = n * sizeof(wchar_t);                                             \
        if (ranges_overlap(dst, bytes, src, bytes))                                     \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst, src, bytes);                                                    \
        return dst;                                                                     \
    }

#define WCSCMP(so, fn)                                                                  \
    VGP_EXPORT int VG_REPLACE(so, fn)(const wchar_t *a, const wchar_t *b)               \
    {                                                                                   \
        while (*a != 0 && *a == *b) {                                                   \
            a++;                                                                        \
            b++;                                                                        \
        }                                                                               \
        return *a == *b ? 0 : *a < *b ? -1 : 1;                                         \
    }

#define WCSCHR(so, fn)                                                                  \
    VGP_EXPORT wchar_t *VG_REPLACE(so, fn)(const wchar_t *s, wchar_t c)                 \
    {                                                                                   \
        for (;; s++) {                                                                  \
            if (*s == c)                                                                \
                return (wchar_t *)s;                                                    \
            if (*s == 0)                                                                \
                return NULL;                                                            \
        }                                                                               \
    }

#define WCSRCHR(so, fn)                                                                 \
    VGP_EXPORT wchar_t *VG_REPLACE(so, fn)(const wchar_t *s, wchar_t c)                 \
    {                                                                                   \
        const wchar_t *last = NULL;                                                     \
        for (;; s++) {                                                                  \
            if (*s == c)                                                                \
                last = s;                                                               \
            if (*s == 0)                                                                \
                return (wchar_t *)last;                                                 \
        }                                                                               \
    }

/*--- _FORTIFY_SOURCE's checked copies ------------------------------------------*/

/* __memcpy_chk, __mempcpy_chk: dstlen is the destination's size. */
#define MEMCPY_CHK(so, fn, name, ret_end)                                               \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *dst, const void *src, size_t n,           \
                                        size_t dstlen)                                  \
    {                                                                                   \
        if (dstlen < n)                                                                 \
            chk_fail();                                                                 \
        if (ranges_overlap(dst, n, src, n))                                             \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst, src, n);                                                        \
        return (ret_end) ? (char *)dst + n : dst;                                       \
    }

#define MEMMOVE_CHK(so, fn)                                                             \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *dst, const void *src, size_t n,           \
                                        size_t dstlen)                                  \
    {                                                                                   \
        if (dstlen < n)                                                                 \
            chk_fail();                                                                 \
        MOVE_BYTES(dst, src, n);                                                        \
        return dst;                                                                     \
    }

#define MEMSET_CHK(so, fn)                                                              \
    VGP_EXPORT void *VG_REPLACE(so, fn)(void *dst, int c, size_t n, size_t dstlen)      \
    {                                                                                   \
        if (dstlen < n)                                                                 \
            chk_fail();                                                                 \
        SET_BYTES(dst, c, n);                                                           \
        return dst;                                                                     \
    }

/* __strcpy_chk, __stpcpy_chk: the string and its NUL must fit. */
#define STRCPY_CHK(so, fn, name, ret_end)                                               \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src, size_t dstlen)      \
    {                                                                                   \
        size_t n;                                                                       \
        STR_LEN(&n, src);                                                               \
        if (n >= dstlen)                                                                \
            chk_fail();                                                                 \
        if (ranges_overlap(dst, n + 1, src, n + 1))                                     \
            RECORD_OVERLAP(name, dst, src, 0, 0);                                       \
        MOVE_BYTES(dst, src, n + 1);                                                    \
        return (ret_end) ? dst + n : dst;                                               \
    }

/* __strncpy_chk, __stpncpy_chk: n bytes are written, so n must fit. */
#define STRNCPY_CHK(so, fn, name, ret_end)                                              \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src, size_t n,           \
                                        size_t dstlen)                                  \
    {                                                                                   \
        size_t m;                                                                       \
        if (dstlen < n)                                                                 \
            chk_fail();                                                                 \
        STR_NLEN(&m, src, n);                                                           \
        if (ranges_overlap(dst, n, src, m < n ? m + 1 : n))                             \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst, src, m);                                                        \
        SET_BYTES(dst + m, 0, n - m);                                                   \
        return (ret_end) ? dst + m : dst;                                               \
    }

/* __strcat_chk: the result and its NUL must fit. */
#define STRCAT_CHK(so, fn, name)                                                        \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src, size_t dstlen)      \
    {                                                                                   \
        size_t dn, sn;                                                                  \
        STR_LEN(&dn, dst);                                                              \
        STR_LEN(&sn, src);                                                              \
        if (dn + sn >= dstlen)                                                          \
            chk_fail();                                                                 \
        if (ranges_overlap(dst, dn + sn + 1, src, sn + 1))                              \
            RECORD_OVERLAP(name, dst, src, 0, 0);                                       \
        MOVE_BYTES(dst + dn, src, sn + 1);                                              \
        return dst;                                                                     \
    }

#define STRNCAT_CHK(so, fn, name)                                                       \
    VGP_EXPORT char *VG_REPLACE(so, fn)(char *dst, const char *src, size_t n,           \
                                        size_t dstlen)                                  \
    {                                                                                   \
        size_t dn, sn;                                                                  \
        STR_LEN(&dn, dst);                                                              \
        STR_NLEN(&sn, src, n);                                                          \
        if (dn + sn >= dstlen)                                                          \
            chk_fail();                                                                 \
        if (ranges_overlap(dst, dn + sn + 1, src, sn < n ? sn + 1 : sn))                \
            RECORD_OVERLAP(name, dst, src, n, 1);                                       \
        MOVE_BYTES(dst + dn, src, sn);                                                  \
        dst[dn + sn] = '\0';                                                            \
        return dst;                                                                     \
    }

/* strcasecmp_l and strncasecmp_l: the locale is ignored (ASCII case
   folding, as for the others). */
#define STRCASECMP_L(so, fn)                                                            \
    VGP_EXPORT int VG_REPLACE(so, fn)(const char *a, const char *b, void *locale)       \
    {                                                                                   \
        (void)locale;                                                                   \
        return ascii_casecmp(a, b, (size_t)-1);                                         \
    }

#define STRNCASECMP_L(so, fn)                                                           \
    VGP_EXPORT int VG_REPLACE(so, fn)(const char *a, const char *b, size_t n, void *locale) \
    {                                                                                   \
        (void)locale;                                                                   \
        return ascii_casecmp(a, b, n);                                                  \
    }

/*--- The replacements ---------------------------------------------------------------*/

#define NO_FOLD(c) (c)

/* Function names write '_' as XU (vg_preload.h).  The overlap reports
   name the public function, for the _chk forms too. */
#define LIBC_FUNCTIONS(so)                                                              \
    STRLEN(so, strlen)                                                                  \
    STRNLEN(so, strnlen)                                                                \
    STRCPY(so, strcpy, "strcpy", 0)                                                     \
    STRCPY(so, stpcpy, "stpcpy", 1)                                                     \
    STRNCPY(so, strncpy, "strncpy", 0)                                                  \
    STRNCPY(so, stpncpy, "stpncpy", 1)                                                  \
    STRCAT(so, strcat, "strcat")                                                        \
    STRNCAT(so, strncat, "strncat")                                                     \
    STRCMP(so, strcmp)                                                                  \
    STRNCMP(so, strncmp)                                                                \
    STRCASECMP(so, strcasecmp)                                                          \
    STRNCASECMP(so, strncasecmp)                                                        \
    STRCASECMP_L(so, strcasecmpXUl)                                                     \
    STRCASECMP_L(so, XUXUstrcasecmpXUl)                                                 \
    STRNCASECMP_L(so, strncasecmpXUl)                                                   \
    STRNCASECMP_L(so, XUXUstrncasecmpXUl)                                               \
    STRCHR(so, strchr)                                                                  \
    STRCHR(so, index)                                                                   \
    STRRCHR(so, strrchr)                                                                \
    STRRCHR(so, rindex)                                                                 \
    STRCHRNUL(so, strchrnul)                                                            \
    STRSTR(so, strstr, NO_FOLD)                                                         \
    STRSTR(so, strcasestr, ascii_lower)                                                 \
    STRSPN(so, strspn, 1)                                                               \
    STRSPN(so, strcspn, 0)                                                              \
    STRPBRK(so, strpbrk)                                                                \
    MEMCHR(so, memchr)                                                                  \
    MEMRCHR(so, memrchr)                                                                \
    RAWMEMCHR(so, rawmemchr)                                                            \
    MEMCMP(so, memcmp)                                                                  \
    MEMCMP(so, bcmp)                                                                    \
    MEMCPY(so, memcpy, "memcpy", 0)                                                     \
    MEMCPY(so, mempcpy, "mempcpy", 1)                                                   \
    MEMMOVE(so, memmove)                                                                \
    MEMSET(so, memset)                                                                  \
    BCOPY(so, bcopy)                                                                    \
    BZERO(so, bzero)                                                                    \
    WCSLEN(so, wcslen)                                                                  \
    WCSNLEN(so, wcsnlen)                                                                \
    WCSCPY(so, wcscpy, "wcscpy")                                                        \
    WCSCMP(so, wcscmp)                                                                  \
    WCSCHR(so, wcschr)                                                                  \
    WCSRCHR(so, wcsrchr)                                                                \
    WMEMCPY(so, wmemcpy, "wmemcpy")                                                     \
    MEMCPY_CHK(so, XUXUmemcpyXUchk, "memcpy", 0)                                        \
    MEMCPY_CHK(so, XUXUmempcpyXUchk, "mempcpy", 1)                                      \
    MEMMOVE_CHK(so, XUXUmemmoveXUchk)                                                   \
    MEMSET_CHK(so, XUXUmemsetXUchk)                                                     \
    STRCPY_CHK(so, XUXUstrcpyXUchk, "strcpy", 0)                                        \
    STRCPY_CHK(so, XUXUstpcpyXUchk, "stpcpy", 1)                                        \
    STRNCPY_CHK(so, XUXUstrncpyXUchk, "strncpy", 0)                                     \
    STRNCPY_CHK(so, XUXUstpncpyXUchk, "stpncpy", 1)                                     \
    STRCAT_CHK(so, XUXUstrcatXUchk, "strcat")                                           \
    STRNCAT_CHK(so, XUXUstrncatXUchk, "strncat")

/* ld.so's own copies of what it uses while loading. */
#define LD_SO_FUNCTIONS(so)                                                             \
    STRLEN(so, strlen)                                                                  \
    STRCMP(so, strcmp)                                                                  \
    STRCHR(so, strchr)                                                                  \
    STRCHR(so, index)                                                                   \
    MEMCPY(so, mempcpy, "mempcpy", 1)                                                   \
    STRCPY(so, stpcpy, "stpcpy", 1)

LIBC_FUNCTIONS(VG_SO_LIBC)
LD_SO_FUNCTIONS(VG_SO_LD_LINUX)
