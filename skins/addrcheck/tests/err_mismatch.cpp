// Blocks freed by the wrong function: new[] with delete, malloc with
// delete, new with free.
#include <cstdlib>

// Through a volatile pointer, so that the compiler does not warn.
static int *volatile launder;

static int *hide(int *p)
{
    launder = p;
    return launder;
}

int main()
{
    delete hide(new int[10]);
    delete hide(static_cast<int *>(malloc(sizeof(int))));
    free(hide(new int));
    return 0;
}
