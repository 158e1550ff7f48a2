/* computed_goto: a threaded bytecode interpreter using GNU C's labels as
   values (goto *dispatch[op]), so every bytecode ends in an indirect jmp
   whose target changes from one execution to the next. */
#include <stdio.h>

enum { OP_LOADI, OP_MOV, OP_ADD, OP_MUL, OP_MOD, OP_DEC, OP_JNZ, OP_PRINT,
       OP_HALT };

struct insn {
    int op, a;
    long b;
};

static void run(const struct insn *code, long *regs)
{
    static void *const dispatch[] = {
        &&do_loadi, &&do_mov, &&do_add, &&do_mul, &&do_mod, &&do_dec,
        &&do_jnz, &&do_print, &&do_halt,
    };
    const struct insn *pc = code;

#define NEXT goto *dispatch[(pc++)->op]
    NEXT;
do_loadi:
    regs[pc[-1].a] = pc[-1].b;
    NEXT;
do_mov:
    regs[pc[-1].a] = regs[pc[-1].b];
    NEXT;
do_add:
    regs[pc[-1].a] += regs[pc[-1].b];
    NEXT;
do_mul:
    regs[pc[-1].a] *= regs[pc[-1].b];
    NEXT;
do_mod:
    regs[pc[-1].a] %= regs[pc[-1].b];
    NEXT;
do_dec:
    regs[pc[-1].a]--;
    NEXT;
do_jnz:
    if (regs[pc[-1].a] != 0)
        pc = code + pc[-1].b;
    NEXT;
do_print:
    printf("r%d=%ld\n", pc[-1].a, regs[pc[-1].a]);
    NEXT;
do_halt:
#undef NEXT
    return;
}

int main(void)
{
    /* 20! */
    static const struct insn factorial[] = {
        { OP_LOADI, 0, 1 },     /* r0 = acc */
        { OP_LOADI, 1, 20 },    /* r1 = n */
        { OP_MUL, 0, 1 },       /* @2 */
        { OP_DEC, 1, 0 },
        { OP_JNZ, 1, 2 },
        { OP_PRINT, 0, 0 },
        { OP_HALT, 0, 0 },
    };
    /* fib(90) and a printed fib every 10 steps */
    static const struct insn fibonacci[] = {
        { OP_LOADI, 0, 0 },     /* a */
        { OP_LOADI, 1, 1 },     /* b */
        { OP_LOADI, 2, 90 },    /* n */
        { OP_LOADI, 4, 10 },    /* print period */
        { OP_MOV, 3, 0 },       /* @4: t = a */
        { OP_ADD, 3, 1 },       /* t = a + b */
        { OP_MOV, 0, 1 },       /* a = b */
        { OP_MOV, 1, 3 },       /* b = t */
        { OP_DEC, 4, 0 },
        { OP_JNZ, 4, 12 },
        { OP_PRINT, 0, 0 },
        { OP_LOADI, 4, 10 },
        { OP_DEC, 2, 0 },       /* @12 */
        { OP_JNZ, 2, 4 },
        { OP_PRINT, 0, 0 },
        { OP_HALT, 0, 0 },
    };
    /* a million steps of an LCG reduced mod a prime */
    static const struct insn lcg[] = {
        { OP_LOADI, 0, 12345 }, /* x */
        { OP_LOADI, 1, 1000000 },
        { OP_LOADI, 2, 1103515245 },
        { OP_LOADI, 3, 12345 },
        { OP_LOADI, 4, 2147483647 },
        { OP_MUL, 0, 2 },       /* @5 */
        { OP_ADD, 0, 3 },
        { OP_MOD, 0, 4 },
        { OP_DEC, 1, 0 },
        { OP_JNZ, 1, 5 },
        { OP_PRINT, 0, 0 },
        { OP_HALT, 0, 0 },
    };
    long regs[8] = { 0 };

    run(factorial, regs);
    run(fibonacci, regs);
    run(lcg, regs);
    return 0;
}
