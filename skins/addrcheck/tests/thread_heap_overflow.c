/* Four threads each fill a heap block of their own; one of them writes a
   byte past its block's end.  Exactly one error: the write, in that
   thread, next to the block allocated in the same thread. */
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 4
#define SIZE 40

static pthread_barrier_t all_running;

static void __attribute__((noinline)) fill(char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (char)i;
}

static void *run(void *arg)
{
    long self = (long)arg;
    char *p = malloc(SIZE);
    pthread_barrier_wait(&all_running);
    fill(p, self == 2 ? SIZE + 1 : SIZE);    /* thread 2 overflows by one */
    long sum = 0;
    for (int i = 0; i < SIZE; i++)
        sum += p[i];
    free(p);
    return (void *)sum;
}

int main(void)
{
    pthread_t tids[NTHREADS];
    pthread_barrier_init(&all_running, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&tids[i], NULL, run, (void *)i);
    long total = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *sum;
        pthread_join(tids[i], &sum);
        total += (long)sum;
    }
    pthread_barrier_destroy(&all_running);
    printf("total %ld\n", total);
    return 0;
}
