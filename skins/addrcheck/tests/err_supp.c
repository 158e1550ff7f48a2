/* One error of each kind a suppression can name, from known functions:
   an Addr4 read, an Addr1 write, a Param, a Free and an Overlap. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *volatile launder;

static void __attribute__((noinline)) read_past(int *p)
{
    volatile int x = p[4];
    (void)x;
}

static int __attribute__((noinline)) write_before(char *p)
{
    p[-1] = 0;
    return p[0];
}

static void __attribute__((noinline)) write_past(char *p)
{
    volatile size_t len = 20;
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0 || write(fd, p, len) < 0)
        abort();
}

static void __attribute__((noinline)) free_twice(char *p)
{
    free(p);
    launder = p;
    free(launder);
}

static void __attribute__((noinline)) copy_onto_itself(char *p)
{
    strcpy(p, p + 1);
}

int main(void)
{
    int *ints = malloc(4 * sizeof *ints);
    char *chars = malloc(16);
    memset(chars, 'a', 15);
    chars[15] = '\0';
    read_past(ints);
    write_before(chars);
    write_past(chars);
    copy_onto_itself(chars);
    free_twice(chars);
    free(ints);
    return 0;
}
