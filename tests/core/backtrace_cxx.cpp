// cflags: -O0
/* backtrace_cxx: demangled C++ names in a backtrace: a namespace, a
   method, a const method, a template instance and an overload. */
#include <cstdio>
#include "../../include/valgrind.h"

namespace zoo {
struct Keeper {
    int count;
    int __attribute__((noinline)) feed(int n) const
    {
        VALGRIND_PRINTF_BACKTRACE("feeding %d\n", n);
        return n + count;
    }
    int __attribute__((noinline)) visit(int n) { return feed(n * 2); }
};

template <typename T> T __attribute__((noinline)) walk(Keeper &k, T n)
{
    return (T)k.visit((int)n);
}

long __attribute__((noinline)) tour(long n)
{
    Keeper k{1};
    return walk<long>(k, n);
}
int __attribute__((noinline)) tour(int n)
{
    return (int)tour((long)n) + 1;
}
} // namespace zoo

int main()
{
    std::printf("result %d\n", zoo::tour(5));
    return 0;
}
