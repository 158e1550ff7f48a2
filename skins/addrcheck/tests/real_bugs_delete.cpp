// Frees of C++ blocks beyond err_mismatch's: delete[] of a scalar new,
// delete[] of malloc'd memory, free of new[], a double delete, a read
// after delete[], and a write one element past a new[]'d array.
#include <cstdio>
#include <cstdlib>

// Through a volatile pointer, so that the compiler does not warn.
static void *volatile launder;

template <class T> static T *hide(T *p)
{
    launder = p;
    return static_cast<T *>(launder);
}

int main()
{
    delete[] hide(new int);
    delete[] hide(static_cast<int *>(malloc(sizeof(int))));
    free(hide(new int[3]));

    int *once = new int(7);
    delete once;
    delete hide(once);

    int *arr = new int[4]();
    delete[] arr;
    int v = hide(arr)[2];

    long *more = new long[5];
    hide(more)[5] = 1;
    delete[] more;

    std::printf("%d\n", v * 0);
    return 0;
}
