/* operator new that cannot allocate throws std::bad_alloc (through the
   C++ runtime's own thrower), which ends the program as natively: no
   handler, std::terminate, SIGABRT.  The nothrow forms return NULL. */
#include <cstdint>
#include <cstdio>
#include <new>

int main()
{
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    volatile std::size_t huge = SIZE_MAX / 2;
    void *p = ::operator new(huge, std::nothrow);
    std::printf("nothrow new: %s\n", p ? "a block" : "NULL");
    p = ::operator new[](huge, std::align_val_t{64}, std::nothrow);
    std::printf("aligned nothrow new[]: %s\n", p ? "a block" : "NULL");
    p = ::operator new(huge);
    std::printf("not reached\n");
    return 0;
}
