/* thread_common.h: for the thread tests whose leak report depends on
   which threads are gone when the process exits. */
#ifndef THREAD_COMMON_H
#define THREAD_COMMON_H

#include <dirent.h>
#include <time.h>

/* Waits until the kernel has at most N threads of this process left
   (/proc/self/task): a thread that said it is done is then really gone,
   and what it freed on its way out is freed in every run. */
static void wait_for_threads(int n)
{
    for (;;) {
        int count = 0;
        DIR *d = opendir("/proc/self/task");
        struct dirent *e;
        while (d != NULL && (e = readdir(d)) != NULL)
            count += e->d_name[0] != '.';
        if (d != NULL)
            closedir(d);
        if (count <= n)
            return;
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
}

#endif
