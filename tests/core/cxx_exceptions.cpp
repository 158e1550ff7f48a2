// cxx_exceptions: C++ exceptions thrown 10 frames deep and caught, with
// destructors run during unwinding, rethrow, catch by base class, nested
// try blocks, and exceptions thrown from a callback called by the C
// library (unwinding through qsort needs the library's unwind tables).
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

static int destroyed;

struct Guard {
    int id;
    explicit Guard(int i) : id(i) {}
    ~Guard() { destroyed++; }
};

struct DeepError : std::runtime_error {
    int depth;
    DeepError(const std::string &what, int d) : std::runtime_error(what), depth(d) {}
};

static int __attribute__((noinline)) dive(int depth, int target)
{
    Guard g(depth);
    if (depth == target)
        throw DeepError("bottom reached", depth);
    return dive(depth + 1, target) + g.id;
}

static int cmp_throwing(const void *a, const void *b)
{
    int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);
    if (x == 13 || y == 13)
        throw std::out_of_range("unlucky element");
    return x - y;
}

int main()
{
    try {
        dive(1, 10);
    } catch (const DeepError &e) {
        std::printf("caught \"%s\" from depth %d, %d destructors ran\n", e.what(),
                    e.depth, destroyed);
    }

    destroyed = 0;
    int caught = 0;
    for (int i = 0; i < 1000; i++) {
        try {
            dive(0, 10 + i % 5);
        } catch (const std::runtime_error &) { // by base class
            caught++;
        }
    }
    std::printf("1000 throws caught: %d, destructors: %d\n", caught, destroyed);

    try {
        try {
            throw std::logic_error("inner");
        } catch (const std::exception &e) {
            std::printf("inner handler saw \"%s\", rethrowing\n", e.what());
            throw;
        }
    } catch (const std::logic_error &e) {
        std::printf("outer handler saw \"%s\"\n", e.what());
    }

    try {
        throw 42;
    } catch (int v) {
        std::printf("caught int %d\n", v);
    }

    int values[] = { 5, 3, 13, 8, 1 };
    try {
        std::qsort(values, 5, sizeof values[0], cmp_throwing);
        std::printf("qsort finished?\n");
    } catch (const std::out_of_range &e) {
        std::printf("caught \"%s\" through qsort\n", e.what());
    }

    try {
        std::string s("short");
        s.at(100);
    } catch (const std::out_of_range &) {
        std::printf("std::string::at threw out_of_range\n");
    }
    return 0;
}
