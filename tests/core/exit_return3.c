/* exit_return3: the exit status is main's return value, 3; stdout is
   flushed by exit. */
#include <stdio.h>

int main(void)
{
    printf("returning 3 from main\n");
    return 3;
}
