// An object of a class with two polymorphic bases, known only through a
// pointer to its second base: an interior pointer at the second vtable
// pointer, which the multipleinheritance heuristic recognises.
#include <cstring>

struct Left {
    virtual ~Left() {}
    long left = 1;
};

struct Right {
    virtual ~Right() {}
    virtual long value() { return right; }
    long right = 2;
};

struct Both : Left, Right {
    long both = 3;
};

Right *volatile through_right;

// Zeroes the stack below main's frame, where the frames of operator new
// and of the constructors left copies of the object's address.
static void __attribute__((noinline)) clear_stack()
{
    volatile char junk[8192];
    for (unsigned i = 0; i < sizeof junk; i++)
        junk[i] = 0;
}

int main()
{
    through_right = new Both;
    clear_stack();
    return 0;
}
