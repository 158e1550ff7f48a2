/* Errors from three threads, one named with pthread_setname_np: a
   "Thread N:" line (with the name, if it has one) precedes an error from
   a thread other than the last one reported, as Valgrind prints it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>

static pthread_barrier_t both_started;

static void overrun(int i)
{
    volatile char *p = malloc(4);
    p[4 + i] = 1;
    free((void *)p);
}

static void *unnamed(void *arg)
{
    overrun(0);
    if (arg != NULL)
        pthread_barrier_wait(&both_started);
    return NULL;
}

static void *named(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&both_started);
    pthread_setname_np(pthread_self(), "worker");
    overrun(1);
    overrun(2);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    overrun(3);
    pthread_barrier_init(&both_started, NULL, 2);
    pthread_create(&a, NULL, unnamed, NULL);
    pthread_join(a, NULL);
    pthread_create(&a, NULL, unnamed, &both_started);
    pthread_create(&b, NULL, named, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    overrun(3);
    return 0;
}
