// cflags: -fno-builtin
/* Every replaced string and memory function gives glibc's answers: each
   is run over many strings (lengths 0..70, every alignment, bytes above
   127, case differences) and its results hashed per function; the
   program's output must be the same under the tool as natively.  Strings
   that end on the last byte before an inaccessible page check that
   nothing reads past them. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wchar.h>

void *__memcpy_chk(void *, const void *, size_t, size_t);
void *__memmove_chk(void *, const void *, size_t, size_t);
void *__mempcpy_chk(void *, const void *, size_t, size_t);
void *__memset_chk(void *, int, size_t, size_t);
char *__strcpy_chk(char *, const char *, size_t);
char *__stpcpy_chk(char *, const char *, size_t);
char *__strncpy_chk(char *, const char *, size_t, size_t);
char *__stpncpy_chk(char *, const char *, size_t, size_t);
char *__strcat_chk(char *, const char *, size_t);
char *__strncat_chk(char *, const char *, size_t, size_t);

static unsigned long hash;

static void mix(long v)
{
    hash = (hash ^ (unsigned long)v) * 1099511628211ul;
}

static void mix_sign(long v)
{
    mix(v < 0 ? -1 : v > 0);
}

/* A pointer result as an offset from BASE (or -1 for NULL). */
static void mix_ptr(const void *p, const void *base)
{
    mix(p ? (const char *)p - (const char *)base : -1);
}

static void mix_bytes(const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        mix(((const unsigned char *)p)[i]);
}

static void done(const char *fn)
{
    printf("%-14s %016lx\n", fn, hash);
    hash = 0;
}

#define N_STRINGS 24
static char strings[N_STRINGS][80];

static void make_strings(void)
{
    static const char *const fixed[] = {
        "", "a", "A", "abc", "abd", "ABC", "hello world", "Hello World", "hello",
        "aaaaaaaaab", "\xe9t\xe9", "\xff\x80\x7f", "xyzzy xyzzy xyzzy", "the end"};
    size_t i = 0;
    for (; i < sizeof fixed / sizeof fixed[0]; i++)
        strcpy(strings[i], fixed[i]);
    for (size_t len = 5; i < N_STRINGS; i++, len += 7) {
        for (size_t j = 0; j < len; j++)
            strings[i][j] = (char)('a' + (j * 7 + len) % 26 - (j % 5 == 0 ? 32 : 0));
        strings[i][len] = '\0';
    }
}

/* An aligned-anywhere copy of string S at offset OFF of BUF. */
static char *place(char *buf, size_t off, const char *s)
{
    return strcpy(buf + off, s);
}

static void lengths_and_compares(void)
{
    char b1[160], b2[160];
    for (int i = 0; i < N_STRINGS; i++)
        for (size_t off = 0; off < 16; off++) {
            char *s = place(b1, off, strings[i]);
            mix(strlen(s));
            mix(strnlen(s, off));
            mix(strnlen(s, 1000));
        }
    done("strlen/nlen");
    for (int i = 0; i < N_STRINGS; i++)
        for (int j = 0; j < N_STRINGS; j++)
            for (size_t off = 0; off < 9; off += 4) {
                char *s = place(b1, off, strings[i]), *t = place(b2, 8 - off, strings[j]);
                mix_sign(strcmp(s, t));
                mix_sign(strncmp(s, t, 3));
                mix_sign(strncmp(s, t, off));
                mix_sign(strcasecmp(s, t));
                mix_sign(strncasecmp(s, t, 4));
                size_t n = strlen(s) < strlen(t) ? strlen(s) : strlen(t);
                mix_sign(memcmp(s, t, n + 1));
                mix_sign(memcmp(s, t, n));
                mix(bcmp(s, t, n + 1) != 0);
            }
    done("compares");
}

static void searches(void)
{
    static const char *const needles[] = {"", "l", "lo", "world", "WORLD", "zz", "ab",
                                         "\xe9", "xyzzy x", "the end!"};
    static const int chars[] = {'a', 'l', 'o', 'z', 'Z', 0, 0xe9, 'x' + 256, ' '};
    char b1[160];
    for (int i = 0; i < N_STRINGS; i++)
        for (size_t off = 0; off < 16; off += 3) {
            char *s = place(b1, off, strings[i]);
            size_t len = strlen(s);
            for (size_t c = 0; c < sizeof chars / sizeof chars[0]; c++) {
                mix_ptr(strchr(s, chars[c]), s);
                mix_ptr(index(s, chars[c]), s);
                mix_ptr(strrchr(s, chars[c]), s);
                mix_ptr(rindex(s, chars[c]), s);
                mix_ptr(strchrnul(s, chars[c]), s);
                mix_ptr(memchr(s, chars[c], len), s);
                mix_ptr(memchr(s, chars[c], len / 2), s);
                mix_ptr(memrchr(s, chars[c], len), s);
                mix_ptr(memrchr(s, chars[c], len / 2), s);
                if (memchr(s, chars[c], len + 1))
                    mix_ptr(rawmemchr(s, chars[c]), s);
            }
            for (size_t n = 0; n < sizeof needles / sizeof needles[0]; n++) {
                mix_ptr(strstr(s, needles[n]), s);
                mix_ptr(strcasestr(s, needles[n]), s);
                mix(strspn(s, needles[n]));
                mix(strcspn(s, needles[n]));
                mix_ptr(strpbrk(s, needles[n]), s);
            }
            mix(strspn(s, "abcdefghijklmnopqrstuvwxyz"));
            mix(strcspn(s, " \xff"));
        }
    done("searches");
}

static void copies(void)
{
    char src[160], dst[200];
    for (int i = 0; i < N_STRINGS; i++)
        for (size_t off = 0; off < 16; off += 5)
            for (size_t doff = 0; doff < 16; doff += 3) {
                char *s = place(src, off, strings[i]);
                size_t len = strlen(s);
                memset(dst, '#', sizeof dst);
                mix_ptr(strcpy(dst + doff, s), dst);
                mix_ptr(stpcpy(dst + doff + 1, s), dst);
                mix_ptr(strncpy(dst + 100, s, 10), dst);
                mix_ptr(stpncpy(dst + 120, s, 10), dst);
                mix_ptr(stpncpy(dst + 140, s, len), dst);
                mix_bytes(dst, sizeof dst);
                strcpy(dst, "base:");
                mix_ptr(strcat(dst, s), dst);
                mix_ptr(strncat(dst, s, 4), dst);
                mix_ptr(strncat(dst, "", 4), dst);
                mix_bytes(dst, strlen(dst) + 1);
                memset(dst, '#', sizeof dst);
                mix_ptr(memcpy(dst + doff, s, len), dst);
                mix_ptr(mempcpy(dst + 60 + doff, s, len), dst);
                mix_ptr(memmove(dst + doff + 2, dst + doff, len), dst);
                mix_ptr(memmove(dst + doff, dst + doff + 3, len), dst);
                mix_ptr(memset(dst + 120 + doff, i, len), dst);
                bzero(dst + 150 + doff, len / 2);
                mix_bytes(dst, sizeof dst);
            }
    done("copies");
}

static void checked_copies(void)
{
    char dst[200];
    for (int i = 0; i < N_STRINGS; i++) {
        const char *s = strings[i];
        size_t len = strlen(s);
        memset(dst, '#', sizeof dst);
        mix_ptr(__memcpy_chk(dst, s, len, sizeof dst), dst);
        mix_ptr(__mempcpy_chk(dst + 80, s, len, sizeof dst - 80), dst);
        mix_ptr(__memmove_chk(dst + 1, dst, len, sizeof dst - 1), dst);
        mix_ptr(__memset_chk(dst + 100, 'm', len, len), dst);
        mix_ptr(__strcpy_chk(dst + 3, s, len + 1), dst);
        mix_ptr(__stpcpy_chk(dst + 7, s, len + 1), dst);
        mix_ptr(__strncpy_chk(dst + 150, s, 12, 12), dst);
        mix_ptr(__stpncpy_chk(dst + 170, s, 12, 20), dst);
        mix_bytes(dst, sizeof dst);
        strcpy(dst, "chk:");
        mix_ptr(__strcat_chk(dst, s, 4 + len + 1), dst);
        mix_ptr(__strncat_chk(dst, s, 3, sizeof dst), dst);
        mix_bytes(dst, strlen(dst) + 1);
    }
    done("_chk");
}

static void wide(void)
{
    static const wchar_t *const ws[] = {L"", L"a", L"abc", L"abd", L"wide string",
                                        L"\x10ffff\x7fffffff", L"\xe9t\xe9"};
    static const wchar_t wcs_chars[] = {L'a', L'd', L'\xe9', 0, L'\x7fffffff'};
    wchar_t buf[64];
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
        mix(wcslen(ws[i]));
        mix(wcsnlen(ws[i], 2));
        mix_ptr(wcscpy(buf, ws[i]), buf);
        mix_bytes(buf, (wcslen(ws[i]) + 1) * sizeof(wchar_t));
        for (size_t j = 0; j < sizeof ws / sizeof ws[0]; j++)
            mix_sign(wcscmp(ws[i], ws[j]));
        for (size_t c = 0; c < sizeof wcs_chars / sizeof wcs_chars[0]; c++) {
            mix_ptr(wcschr(buf, wcs_chars[c]), buf);
            mix_ptr(wcsrchr(buf, wcs_chars[c]), buf);
        }
    }
    done("wide");
}

/* Strings and blocks that end on the last byte before a PROT_NONE page. */
static void at_page_end(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (map == MAP_FAILED)
        return;
    mprotect(map + page, page, PROT_NONE);
    char *end = map + page;
    for (size_t len = 0; len < 40; len++) {
        char *s = end - len - 1;
        memset(s, 'q', len);
        s[len] = '\0';
        char *t = end - len;
        mix(strlen(s));
        mix(strnlen(s, 100));
        mix_ptr(strchr(s, 'z'), s);
        mix_ptr(strrchr(s, 'q'), s);
        mix_sign(strcmp(s, s));
        mix_sign(strcasecmp(s, "QQQ"));
        mix_ptr(strstr(s, "qqqqx"), s);
        mix(strspn(s, "q"));
        mix_ptr(memchr(t, 'z', len), t);
        mix_ptr(memrchr(t, 'z', len), t);
        mix_sign(memcmp(t, s, len));
        mix_sign(memcmp(t, t, len));
        char dst[64];
        memcpy(dst, t, len);
        memmove(t, t, len);
        memset(t, 'q', len);
        mix_bytes(dst, len);
    }
    munmap(map, 2 * page);
    done("page end");
}

int main(void)
{
    make_strings();
    lengths_and_compares();
    searches();
    copies();
    checked_copies();
    wide();
    at_page_end();
    return 0;
}
