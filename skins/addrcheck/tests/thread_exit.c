/* Threads that end while others keep running: a detached thread that
   calls pthread_exit from a nested function, worker threads that return
   while the rest still run, pthread_key destructors that free each
   thread's value, and last the main thread itself leaving through
   pthread_exit while a worker still runs.  A block allocated by a thread
   that has exited stays valid for the live one that frees it.  No error
   expected.  (Cancellation is not here: see the report of issue 8.) */
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "thread_common.h"

#define NSHORT 6

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static char *handed_over;        /* allocated by a thread that then exits */
static int early_done, short_done, main_said;
static pthread_key_t key;
static int destructor_runs;

static void destroy_value(void *v)
{
    memset(v, 0, 16);
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
    pthread_setspecific(key, calloc(1, 100));
    char *msg = malloc(64);
    strcpy(msg, "from a thread that has exited");
    leave_now(msg);
    return NULL;
}

/* Short-lived: allocates, works, frees half, hands the rest to main. */
static void *short_lived(void *arg)
{
    long n = (long)arg;
    pthread_setspecific(key, calloc(1, 16 + n));
    char **blocks = malloc(10 * sizeof *blocks);
    for (int i = 0; i < 10; i++) {
        blocks[i] = malloc(32 * (i + 1));
        memset(blocks[i], 'a' + i, 32 * (i + 1));
    }
    for (int i = 0; i < 10; i += 2)
        free(blocks[i]);
    pthread_mutex_lock(&lock);
    short_done++;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    return blocks;
}

static void *last_worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!early_done || short_done < NSHORT || !main_said)
        pthread_cond_wait(&cond, &lock);
    size_t n = strlen(handed_over);
    char *copy = malloc(n + 1);
    memcpy(copy, handed_over, n + 1);
    free(handed_over);
    pthread_mutex_unlock(&lock);
    printf("last worker: \"%s\"\n", copy);
    free(copy);
    fflush(stdout);
    return NULL;
}

int main(void)
{
    pthread_t t, shorts[NSHORT];
    pthread_attr_t detached;

    pthread_key_create(&key, destroy_value);
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    pthread_create(&t, &detached, early_exit, NULL);
    pthread_attr_destroy(&detached);

    pthread_create(&t, NULL, last_worker, NULL);
    for (long i = 0; i < NSHORT; i++)
        pthread_create(&shorts[i], NULL, short_lived, (void *)i);

    /* Join the short-lived ones while the last worker and perhaps the
       detached one still run, and free what they left behind. */
    size_t bytes = 0;
    for (int i = 0; i < NSHORT; i++) {
        char **blocks;
        pthread_join(shorts[i], (void **)&blocks);
        for (int b = 1; b < 10; b += 2) {
            size_t len = 32 * (size_t)(b + 1);
            bytes += blocks[b][len - 1] == 'a' + b ? len : 0;
            free(blocks[b]);
        }
        free(blocks);
    }
    pthread_mutex_lock(&lock);
    while (!early_done)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    /* The detached thread said it is done; wait until it is gone too
       (main and the last worker remain), so that what it frees on its
       way out is freed before the leak search, every run. */
    wait_for_threads(2);
    printf("main: %zu bytes from %d threads, leaving through pthread_exit\n", bytes, NSHORT);
    fflush(stdout);
    pthread_mutex_lock(&lock);
    main_said = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    pthread_exit(NULL);
}
