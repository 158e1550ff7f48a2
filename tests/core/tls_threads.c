/* tls_threads: each thread gets fresh copies of the __thread variables
   (initial values, zeroes), and writes in one thread are invisible in the
   others.  Threads run one after another so the output order is fixed. */
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>

static __thread long counter = 100;
static __thread long zeroed;
static __thread char name[16] = "main";

static void *worker(void *arg)
{
    long id = (long)arg;
    int i;

    printf("thread %ld starts: counter=%ld zeroed=%ld name=%s\n", id, counter,
           zeroed, name);
    snprintf(name, sizeof name, "worker%ld", id);
    for (i = 0; i < 1000; i++)
        counter += id;
    zeroed = id * 7;
    printf("thread %ld ends: counter=%ld zeroed=%ld name=%s\n", id, counter,
           zeroed, name);
    return (void *)counter;
}

int main(void)
{
    long id;

    counter = 5;
    zeroed = 9;
    for (id = 1; id <= 4; id++) {
        pthread_t t;
        void *ret;
        pthread_create(&t, NULL, worker, (void *)id);
        pthread_join(t, &ret);
        printf("joined %ld: returned %ld\n", id, (long)ret);
    }
    printf("main: counter=%ld zeroed=%ld name=%s\n", counter, zeroed, name);
    return 0;
}
