/* argv_spaces: arguments reach main exactly: with spaces, empty ones,
   quotes and a long one.  argv[0] is not printed (its path varies). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int i;

    printf("argc=%d\n", argc);
    for (i = 1; i < argc; i++)
        printf("argv[%d]=[%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    return 0;
}
