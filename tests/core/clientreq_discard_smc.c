/* clientreq_discard_smc: a program writes code into an RWX buffer, runs
   it, rewrites it, says so with VALGRIND_DISCARD_TRANSLATIONS and runs the
   new code.  Both the tool and a native run must print the new results. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include "../../include/valgrind.h"

typedef long (*fn_t)(long);

/* writes "lea imm32(%rdi), %rax; ret" at p */
static void emit_add_imm(unsigned char *p, int imm)
{
    static const unsigned char lea[] = { 0x48, 0x8d, 0x87 };
    memcpy(p, lea, sizeof lea);
    memcpy(p + 3, &imm, 4);
    p[7] = 0xc3;
}

int main(void)
{
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fn_t fn = (fn_t)code;
    long sum = 0;
    int i;

    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    emit_add_imm(code, 1);
    printf("first: %ld\n", fn(100));
    for (i = 0; i < 1000; i++) /* make it hot */
        sum += fn(i);
    printf("hot sum: %ld\n", sum);

    emit_add_imm(code, 1000);
    VALGRIND_DISCARD_TRANSLATIONS(code, 8);
    printf("after rewrite: %ld\n", fn(100));

    /* rewrite many times, each followed by a discard */
    sum = 0;
    for (i = 0; i < 200; i++) {
        emit_add_imm(code, i);
        VALGRIND_DISCARD_TRANSLATIONS(code, 8);
        sum += fn(0);
    }
    printf("200 rewrites: %ld\n", sum);

    /* move the function within the page */
    emit_add_imm(code + 64, -7);
    VALGRIND_DISCARD_TRANSLATIONS(code + 64, 8);
    printf("second function: %ld\n", ((fn_t)(code + 64))(7));
    munmap(code, 4096);
    return 0;
}
