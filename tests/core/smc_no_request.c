/* smc_no_request: self-modifying code without any client request, as a JIT
   does it: mmap an RWX page, write a function, call it until it is hot,
   overwrite it in place and call it again.  The tool must notice the write
   and run the new code. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*fn_t)(long);

/* "mov $imm32, %eax; add %rdi, %rax; ret" */
static void emit(unsigned char *p, int imm)
{
    p[0] = 0xb8;
    memcpy(p + 1, &imm, 4);
    p[5] = 0x48;
    p[6] = 0x01;
    p[7] = 0xf8;
    p[8] = 0xc3;
}

/* a loop: "xor %eax,%eax; 1: add $imm8,%rax; dec %rdi; jnz 1b; ret" */
static void emit_loop(unsigned char *p, signed char step)
{
    static const unsigned char body[] = {
        0x31, 0xc0,                 /* xor %eax, %eax */
        0x48, 0x83, 0xc0, 0x00,     /* add $step, %rax */
        0x48, 0xff, 0xcf,           /* dec %rdi */
        0x75, 0xf7,                 /* jnz -9 */
        0xc3,                       /* ret */
    };
    memcpy(p, body, sizeof body);
    p[5] = (unsigned char)step;
}

int main(void)
{
    unsigned char *code = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fn_t fn = (fn_t)code;
    long sum = 0;
    int i;

    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    emit(code, 10);
    for (i = 0; i < 10000; i++)
        sum += fn(1);
    printf("old code, 10000 calls: %ld\n", sum);
    emit(code, 20);
    printf("new code: %ld\n", fn(1));

    /* every call sees the code written just before it */
    sum = 0;
    for (i = 0; i < 500; i++) {
        emit(code, i);
        sum += fn(0);
    }
    printf("500 rewrites: %ld\n", sum);

    /* a function with a loop inside, its step changed between calls */
    emit_loop(code + 4096, 3);
    printf("loop step 3: %ld\n", ((fn_t)(code + 4096))(1000));
    emit_loop(code + 4096, -2);
    printf("loop step -2: %ld\n", ((fn_t)(code + 4096))(1000));

    /* a byte patched in the middle of a hot function */
    emit(code, 5);
    for (i = 0; i < 1000; i++)
        fn(i);
    code[6] = 0x29;                 /* add -> sub: 5 - rdi */
    printf("patched opcode: %ld\n", fn(8));
    munmap(code, 8192);
    return 0;
}
