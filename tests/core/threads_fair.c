// cflags: -pthread -O1
/* threads_fair: a thread spins (no system call) until another thread,
   started after it, sets a flag.  Without a fair hand-off of the CPU
   between guest threads, the spinner would run forever. */
#include <pthread.h>
#include <stdio.h>

static volatile int flag, spinning;

static void *spinner(void *arg)
{
    unsigned long n = 0;
    spinning = 1;
    while (!flag)
        n++;
    return (void *)(n > 0);
}

static void *setter(void *arg)
{
    while (!spinning)
        ;
    flag = 1;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, spinner, NULL);
    pthread_create(&b, NULL, setter, NULL);
    void *r;
    pthread_join(a, &r);
    pthread_join(b, NULL);
    printf("the spinner saw the flag: %s\n", r ? "yes" : "no");
    return 0;
}
