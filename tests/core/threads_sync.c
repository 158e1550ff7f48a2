// cflags: -pthread
/* threads_sync: 8 threads share a mutex-protected counter, wait on a
   condition variable and meet at a barrier, each with its own __thread
   data; the results are deterministic. */
#include <pthread.h>
#include <stdio.h>

#define N 8
#define ITERS 20000

static pthread_mutex_t mx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t bar;
static long counter;
static int started;
static __thread long mine = 1000;

static void *worker(void *arg)
{
    long id = (long)arg;
    mine += id;
    pthread_mutex_lock(&mx);
    started++;
    pthread_cond_broadcast(&cv);
    while (started < N)
        pthread_cond_wait(&cv, &mx);
    pthread_mutex_unlock(&mx);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&mx);
        counter++;
        pthread_mutex_unlock(&mx);
    }
    pthread_barrier_wait(&bar);
    return (void *)mine;
}

int main(void)
{
    pthread_t t[N];
    pthread_barrier_init(&bar, NULL, N);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    long sum = 0;
    for (int i = 0; i < N; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (long)r;
    }
    printf("counter %ld (expected %d), thread-local sum %ld (expected %d), main's %ld\n",
           counter, N * ITERS, sum, N * 1000 + N * (N - 1) / 2, mine);
    return 0;
}
