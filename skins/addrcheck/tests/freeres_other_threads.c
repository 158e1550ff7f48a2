/* The process exits while another thread is blocked: the C library's
   freeres still runs (the other thread is dead with the process, as
   exit_group makes it), so the stdio buffer is freed and only the blocked
   thread's DTV is left, possibly lost, as Memcheck reports. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;

static void *blocked_forever(void *arg)
{
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_broadcast(&cond);
    for (;;)
        pthread_cond_wait(&cond, &lock);
    return arg;
}

int main(void)
{
    pthread_t t;
    printf("hello\n");
    pthread_create(&t, NULL, blocked_forever, NULL);
    pthread_mutex_lock(&lock);
    while (!ready)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    exit(0);
}
