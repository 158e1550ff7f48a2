/* environ_passthrough: the environment reaches the program unchanged,
   both through main's envp and environ: the VGTEST_ variables set by the
   test (values with spaces, '=' and an empty one) are printed in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv, char **envp)
{
    const char *mine[64];
    int n = 0, i;
    (void)argc;
    (void)argv;

    for (i = 0; envp[i] != NULL; i++)
        if (strncmp(envp[i], "VGTEST_", 7) == 0 && n < 64)
            mine[n++] = envp[i];
    qsort(mine, n, sizeof mine[0], by_string);
    for (i = 0; i < n; i++)
        printf("%s\n", mine[i]);
    printf("environ == envp: %s\n", environ == envp ? "yes" : "no");
    printf("getenv(VGTEST_SPACES)=[%s]\n", getenv("VGTEST_SPACES"));
    printf("getenv(VGTEST_UNSET) is %s\n", getenv("VGTEST_UNSET") ? "set" : "NULL");
    return 0;
}
