/* Eight worker threads share a job queue guarded by a mutex and two
   condition variables.  The main thread allocates every job; the worker
   that takes it frees it, and each result block a worker allocates is
   freed by the main thread: malloc and free in different threads.  Each
   worker keeps a tally in a thread-local variable.  No error expected. */
// cflags: -pthread
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NWORKERS 8
#define NJOBS 4000
#define QUEUE_CAP 16

struct job {
    int id;
    size_t len;
    char *payload;
};

struct result {
    int id;
    unsigned long sum;
    struct result *next;
};

static struct job *queue[QUEUE_CAP];
static int q_head, q_count, q_done;
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_nonempty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t q_nonfull = PTHREAD_COND_INITIALIZER;

static struct result *results;
static pthread_mutex_t r_lock = PTHREAD_MUTEX_INITIALIZER;

static __thread unsigned long tls_jobs;
static __thread char tls_scratch[256];
static unsigned long per_worker[NWORKERS];

static struct job *take_job(void)
{
    pthread_mutex_lock(&q_lock);
    while (q_count == 0 && !q_done)
        pthread_cond_wait(&q_nonempty, &q_lock);
    struct job *j = NULL;
    if (q_count > 0) {
        j = queue[q_head];
        q_head = (q_head + 1) % QUEUE_CAP;
        q_count--;
        pthread_cond_signal(&q_nonfull);
    }
    pthread_mutex_unlock(&q_lock);
    return j;
}

static void put_job(struct job *j)
{
    pthread_mutex_lock(&q_lock);
    while (q_count == QUEUE_CAP)
        pthread_cond_wait(&q_nonfull, &q_lock);
    queue[(q_head + q_count) % QUEUE_CAP] = j;
    q_count++;
    pthread_cond_signal(&q_nonempty);
    pthread_mutex_unlock(&q_lock);
}

static void *worker(void *arg)
{
    int self = (int)(long)arg;
    struct job *j;
    while ((j = take_job()) != NULL) {
        struct result *r = malloc(sizeof *r);
        r->id = j->id;
        r->sum = 0;
        /* Touch every byte of the job, and the thread-local scratch. */
        for (size_t i = 0; i < j->len; i++)
            r->sum += (unsigned char)j->payload[i];
        memcpy(tls_scratch, j->payload, j->len < sizeof tls_scratch ? j->len : sizeof tls_scratch);
        r->sum += (unsigned char)tls_scratch[0];
        free(j->payload);
        free(j);
        tls_jobs++;
        pthread_mutex_lock(&r_lock);
        r->next = results;
        results = r;
        pthread_mutex_unlock(&r_lock);
    }
    per_worker[self] = tls_jobs;
    return NULL;
}

int main(void)
{
    pthread_t tids[NWORKERS];
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&tids[i], NULL, worker, (void *)i);

    unsigned long expected = 0;
    for (int id = 0; id < NJOBS; id++) {
        struct job *j = malloc(sizeof *j);
        j->id = id;
        j->len = 1 + (size_t)(id * 37) % 300;
        j->payload = malloc(j->len);
        for (size_t i = 0; i < j->len; i++) {
            j->payload[i] = (char)('a' + (id + i) % 26);
            expected += (unsigned char)j->payload[i];
        }
        expected += (unsigned char)j->payload[0];
        put_job(j);
    }
    pthread_mutex_lock(&q_lock);
    q_done = 1;
    pthread_cond_broadcast(&q_nonempty);
    pthread_mutex_unlock(&q_lock);

    unsigned long jobs = 0;
    for (int i = 0; i < NWORKERS; i++) {
        pthread_join(tids[i], NULL);
        jobs += per_worker[i];
    }
    unsigned long sum = 0;
    int nresults = 0;
    while (results) {
        struct result *r = results;
        results = r->next;
        sum += r->sum;
        nresults++;
        free(r);
    }
    printf("jobs %lu results %d sum %s\n", jobs, nresults, sum == expected ? "ok" : "WRONG");
    return 0;
}
