/* Threads that end while others keep running: a detached thread that
   calls pthread_exit from a nested function, a thread cancelled while it
   waits on a condition variable (its cleanup handler frees a block), a
   pthread_key destructor that frees each thread's value, and last the
   main thread itself leaving through pthread_exit while a worker still
   runs.  Blocks handed from an exited thread to a live one stay valid.
   No error expected. */
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "thread_common.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static char *handed_over;        /* allocated by a thread that then exits */
static int early_done, waiter_ready;
static pthread_key_t key;
static int destructor_runs;

static void destroy_value(void *v)
{
    free(v);
    pthread_mutex_lock(&lock);
    destructor_runs++;
    pthread_mutex_unlock(&lock);
}

static void __attribute__((noinline)) leave_now(char *msg)
{
    pthread_mutex_lock(&lock);
    handed_over = msg;
    early_done = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    pthread_exit(NULL);
}

static void *early_exit(void *arg)
{
    (void)arg;
    pthread_setspecific(key, malloc(100));
    char *msg = malloc(64);
    strcpy(msg, "from a thread that has exited");
    leave_now(msg);
    return NULL;
}

static void free_block(void *p)
{
    free(p);
}

static void unlock(void *m)
{
    pthread_mutex_unlock(m);
}

static void *cancelled(void *arg)
{
    (void)arg;
    pthread_setspecific(key, malloc(200));
    char *buf = malloc(4096);
    pthread_cleanup_push(free_block, buf);
    memset(buf, 'c', 4096);
    pthread_mutex_lock(&lock);
    waiter_ready = 1;
    pthread_cond_broadcast(&cond);
    pthread_cleanup_push(unlock, &lock);
    for (;;)
        pthread_cond_wait(&never, &lock);   /* a cancellation point */
    pthread_cleanup_pop(1);
    pthread_cleanup_pop(1);
    return NULL;
}

static void *last_worker(void *arg)
{
    pthread_t *others = arg;
    pthread_join(others[0], NULL);          /* the cancelled thread */
    pthread_mutex_lock(&lock);
    while (!early_done)
        pthread_cond_wait(&cond, &lock);
    size_t n = strlen(handed_over);
    char *copy = malloc(n + 1);
    memcpy(copy, handed_over, n + 1);
    free(handed_over);
    int runs = destructor_runs;
    pthread_mutex_unlock(&lock);
    printf("last worker: \"%s\", %d destructors run\n", copy, runs);
    free(copy);
    fflush(stdout);
    return NULL;
}

int main(void)
{
    static pthread_t others[1];
    pthread_t t;
    pthread_attr_t detached;

    pthread_key_create(&key, destroy_value);
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &detached, early_exit, NULL);
    pthread_attr_destroy(&detached);

    pthread_create(&others[0], NULL, cancelled, NULL);
    pthread_mutex_lock(&lock);
    while (!waiter_ready || !early_done)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    /* The detached thread gone too (main and the waiter remain): only the
       last worker's DTV is left at exit, in every run. */
    wait_for_threads(2);
    pthread_cancel(others[0]);

    pthread_create(&t, NULL, last_worker, others);
    printf("main: leaving through pthread_exit\n");
    fflush(stdout);
    pthread_exit(NULL);
}
