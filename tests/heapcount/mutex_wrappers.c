/* vgpreload_core.so's wrappers of pthread_mutex_lock, _trylock,
   _timedlock, _clocklock and _unlock: every attempt that may block
   (not trylock), every lock taken and every successful unlock reach the
   skin's mutex events, and the results are the original functions'
   (EBUSY, ETIMEDOUT, EPERM).  Here: 5 attempts, 4 locks taken, 4
   unlocks, and one more of each as the program exits (ld.so's lock). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static const char *result(int r)
{
    return r == 0           ? "0"
           : r == EBUSY     ? "EBUSY"
           : r == ETIMEDOUT ? "ETIMEDOUT"
           : r == EPERM     ? "EPERM"
                            : "other";
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);

    printf("lock: %s\n", result(pthread_mutex_lock(&m)));
    printf("unlock: %s\n", result(pthread_mutex_unlock(&m)));
    printf("trylock: %s\n", result(pthread_mutex_trylock(&m)));
    printf("trylock again: %s\n", result(pthread_mutex_trylock(&m)));
    printf("timedlock while locked: %s\n", result(pthread_mutex_timedlock(&m, &now)));
    printf("unlock: %s\n", result(pthread_mutex_unlock(&m)));
    printf("timedlock: %s\n", result(pthread_mutex_timedlock(&m, &now)));
    printf("unlock: %s\n", result(pthread_mutex_unlock(&m)));

    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    printf("clocklock: %s\n", result(pthread_mutex_clocklock(&m, CLOCK_MONOTONIC, &mono)));
    printf("clocklock while locked: %s\n",
           result(pthread_mutex_clocklock(&m, CLOCK_MONOTONIC, &mono)));
    printf("unlock: %s\n", result(pthread_mutex_unlock(&m)));

    pthread_mutexattr_t attr;
    pthread_mutex_t checked;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&checked, &attr);
    printf("unlock of an unlocked error-checking mutex: %s\n",
           result(pthread_mutex_unlock(&checked)));
    return 0;
}
