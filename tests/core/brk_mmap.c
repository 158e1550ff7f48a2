/* brk_mmap: the program break grows and shrinks (sbrk, brk) with the
   memory usable; anonymous mmap, mprotect, mremap (grow in place or move,
   contents kept) and munmap behave, and an unmapped range can be mapped
   again exactly (MAP_FIXED_NOREPLACE). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Results are printed only at the end: stdio's buffer comes from malloc,
   which takes memory from the break that this test moves under it. */
static const char *names[64];
static int oks[64], nchecks;

static void check(const char *what, int ok)
{
    names[nchecks] = what;
    oks[nchecks++] = ok;
}

static unsigned long sum_bytes(const unsigned char *p, size_t n)
{
    unsigned long s = 0;
    size_t i;
    for (i = 0; i < n; i++)
        s += p[i];
    return s;
}

int main(void)
{
    const size_t mib = 1 << 20;
    char *start = sbrk(0), *p, *q, *r;
    int i;

    /* brk */
    p = sbrk(4 * mib);
    check("sbrk(4 MiB) returns the old break", p == start);
    check("break moved by 4 MiB", (char *)sbrk(0) == start + 4 * mib);
    memset(p, 0xab, 4 * mib);
    check("new heap memory is writable", sum_bytes((unsigned char *)p, 4 * mib) ==
                                             0xabUL * 4 * mib);
    for (i = 0; i < 64; i++) /* grow in small steps */
        sbrk(4096);
    check("64 small sbrk steps", (char *)sbrk(0) == start + 4 * mib + 64 * 4096);
    check("sbrk(-2 MiB) shrinks", sbrk(-(intptr_t)(2 * mib)) != (void *)-1 &&
                                      (char *)sbrk(0) == start + 2 * mib + 64 * 4096);
    check("brk(start) back to the start", brk(start) == 0 && sbrk(0) == start);
    p = sbrk(mib);
    check("grown again: memory is zero-filled",
          p == start && sum_bytes((unsigned char *)p, mib) == 0);
    brk(start);

    /* mmap and friends */
    p = mmap(NULL, 3 * mib, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap 3 MiB anonymous", p != MAP_FAILED);
    check("anonymous memory is zero", sum_bytes((unsigned char *)p, 3 * mib) == 0);
    for (i = 0; i < 3 * (int)mib; i++)
        p[i] = (char)(i * 7);
    check("mprotect read-only", mprotect(p, mib, PROT_READ) == 0);
    check("mprotect read-write again", mprotect(p, mib, PROT_READ | PROT_WRITE) == 0);
    p[0] = 1;
    check("mprotect of an unaligned address fails EINVAL",
          mprotect(p + 1, 4096, PROT_READ) == -1 && errno == EINVAL);

    q = mremap(p, 3 * mib, 16 * mib, MREMAP_MAYMOVE);
    check("mremap grow to 16 MiB", q != MAP_FAILED);
    check("mremap kept the contents",
          q[1] == (char)7 && q[3 * mib - 1] == (char)((3 * mib - 1) * 7));
    memset(q + 3 * mib, 0x11, 13 * mib);
    check("the grown part is usable", q[16 * mib - 1] == 0x11);
    r = mremap(q, 16 * mib, mib, 0);
    check("mremap shrink in place", r == q);
    check("munmap", munmap(r, mib) == 0);
    p = mmap(r, mib, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    check("the unmapped range can be mapped again", p == r);
    check("and it is fresh (zero)", sum_bytes((unsigned char *)p, mib) == 0);
    check("munmap again", munmap(p, mib) == 0);
    check("munmap of an unaligned address fails EINVAL",
          munmap(start + 1, 4096) == -1 && errno == EINVAL);

    /* many small mappings */
    {
        char *maps[256];
        unsigned long total = 0;
        for (i = 0; i < 256; i++) {
            maps[i] = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            maps[i][0] = (char)i;
            maps[i][8191] = 1;
        }
        for (i = 0; i < 256; i++) {
            total += (unsigned char)maps[i][0] + maps[i][8191];
            munmap(maps[i], 8192);
        }
        check("256 small mappings", total == 255 * 256 / 2 + 256);
    }
    for (i = 0; i < nchecks; i++)
        printf("%-48s %s\n", names[i], oks[i] ? "ok" : "FAILED");
    return 0;
}
