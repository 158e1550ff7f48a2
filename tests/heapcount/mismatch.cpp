/* Freeing a block with the wrong function of the three families is a
   mismatch; the block is freed all the same. */
#include <cstdlib>

int main()
{
    char *a = new char[10];
    std::free(a);
    int *b = static_cast<int *>(std::malloc(sizeof(int)));
    delete b;
    int *c = new int;
    delete[] c;
    int *d = new int[4];
    delete[] d;
    return 0;
}
