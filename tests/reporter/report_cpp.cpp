// C++ names: a member function of a class template in a namespace, and a
// function taking a reference, shown demangled in reports and mangled in
// generated suppressions.
#include "reporter.h"

namespace shapes {
template <typename T> struct Box {
    T value;
    void __attribute__((noinline)) check(int size) const
    {
        RP_READ(0x7000 + value, size);
    }
};
} // namespace shapes

static void __attribute__((noinline)) inspect(const shapes::Box<int> &box)
{
    box.check(4);
}

int main()
{
    shapes::Box<int> box{1};
    inspect(box);
    return 0;
}
