/* Threads on stacks of unusual origin and size: a small stack set with
   pthread_attr_setstacksize, a large one holding a big local array, a
   stack the program mallocs itself and one it mmaps, both passed with
   pthread_attr_setstack.  Each thread recurses and uses large locals, so
   the stack pointer moves far down its stack (each move less than
   --max-stackframe, beyond which a move counts as a stack switch); a
   heap-allocated stack must not be mistaken for a heap block being
   overrun.  No error expected. */
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Recursion with a frame of about 1 KB per level. */
static unsigned long __attribute__((noinline)) descend(int depth, unsigned long acc)
{
    volatile char frame[1000];
    memset((char *)frame, depth & 0xff, sizeof frame);
    acc += frame[depth % sizeof frame] + frame[sizeof frame - 1];
    if (depth == 0)
        return acc;
    return descend(depth - 1, acc) + frame[0];
}

struct task {
    const char *name;
    int depth;           /* recursion depth: about 1 KB of stack each */
    size_t big_local;    /* bytes of a variable-length local array */
    unsigned long out;
};

static void *run(void *arg)
{
    struct task *t = arg;
    unsigned long acc = descend(t->depth, 0);
    if (t->big_local) {
        char big[t->big_local];
        memset(big, 1, t->big_local);
        for (size_t i = 0; i < t->big_local; i += 4096)
            acc += (unsigned char)big[i];
        acc += (unsigned char)big[t->big_local - 1];
    }
    t->out = acc;
    return t;
}

static int start(pthread_t *tid, pthread_attr_t *attr, struct task *t)
{
    int rc = pthread_create(tid, attr, run, t);
    if (rc != 0)
        fprintf(stderr, "pthread_create(%s): %s\n", t->name, strerror(rc));
    return rc;
}

int main(void)
{
    struct task tasks[] = {
        { "setstacksize 64K", 40, 0, 0 },
        { "setstacksize 8M", 200, 1536 << 10, 0 },
        { "setstack malloc 256K", 150, 64 << 10, 0 },
        { "setstack mmap 1M", 600, 256 << 10, 0 },
        { "default", 100, 1 << 20, 0 },
    };
    enum { N = sizeof tasks / sizeof tasks[0] };
    pthread_t tids[N];
    pthread_attr_t attr[N];

    for (int i = 0; i < N; i++)
        pthread_attr_init(&attr[i]);
    pthread_attr_setstacksize(&attr[0], 64 << 10);
    pthread_attr_setstacksize(&attr[1], 8 << 20);

    size_t heap_stack_size = 256 << 10;
    void *heap_stack = NULL;
    if (posix_memalign(&heap_stack, 4096, heap_stack_size) != 0)
        return 1;
    pthread_attr_setstack(&attr[2], heap_stack, heap_stack_size);

    size_t map_stack_size = 1 << 20;
    void *map_stack = mmap(NULL, map_stack_size, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (map_stack == MAP_FAILED)
        return 1;
    pthread_attr_setstack(&attr[3], map_stack, map_stack_size);

    for (int i = 0; i < N; i++)
        if (start(&tids[i], &attr[i], &tasks[i]) != 0)
            return 1;
    for (int i = 0; i < N; i++) {
        pthread_join(tids[i], NULL);
        pthread_attr_destroy(&attr[i]);
        unsigned long want = descend(tasks[i].depth, 0);
        if (tasks[i].big_local)
            want += tasks[i].big_local / 4096 + (tasks[i].big_local % 4096 != 0) + 1;
        printf("%-22s %s\n", tasks[i].name, tasks[i].out == want ? "ok" : "WRONG");
    }

    /* Not reused: like Memcheck, the tool marks a stack's memory
       unaddressable as its stack pointer moves back up, heap block or not. */
    free(heap_stack);
    munmap(map_stack, map_stack_size);
    return 0;
}
