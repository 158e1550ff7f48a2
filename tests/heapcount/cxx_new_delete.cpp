// cflags: -std=c++17 -fsized-deallocation
/* Every replaceable operator new and delete of C++17, called by name so
   that each of the 20 mangled symbols is used: new and new[] plain,
   nothrow, aligned and aligned nothrow; delete and delete[] plain, sized,
   nothrow, aligned, sized aligned and aligned nothrow.  Then as new and
   delete expressions use them.  8 blocks of each kind in all. */
#include <cstdint>
#include <cstdio>
#include <new>

static int misaligned(void *p, std::size_t align)
{
    return reinterpret_cast<std::uintptr_t>(p) % align != 0;
}

int main()
{
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    const std::align_val_t al{64};
    int bad = 0;

    void *p1 = ::operator new(10);
    void *p2 = ::operator new(11);
    void *p3 = ::operator new(12, std::nothrow);
    void *p4 = ::operator new(13, al);
    void *p5 = ::operator new(14, al);
    void *p6 = ::operator new(15, al, std::nothrow);
    bad += misaligned(p4, 64) + misaligned(p5, 64) + misaligned(p6, 64);
    ::operator delete(p1);
    ::operator delete(p2, 11);
    ::operator delete(p3, std::nothrow);
    ::operator delete(p4, al);
    ::operator delete(p5, 14, al);
    ::operator delete(p6, al, std::nothrow);

    void *a1 = ::operator new[](20);
    void *a2 = ::operator new[](21);
    void *a3 = ::operator new[](22, std::nothrow);
    void *a4 = ::operator new[](23, al);
    void *a5 = ::operator new[](24, al);
    void *a6 = ::operator new[](25, al, std::nothrow);
    bad += misaligned(a4, 64) + misaligned(a5, 64) + misaligned(a6, 64);
    ::operator delete[](a1);
    ::operator delete[](a2, 21);
    ::operator delete[](a3, std::nothrow);
    ::operator delete[](a4, al);
    ::operator delete[](a5, 24, al);
    ::operator delete[](a6, al, std::nothrow);

    // And as the compiler calls them.
    struct alignas(128) Big {
        char c[200];
    };
    int *i = new int(7);
    int *v = new int[5]();
    Big *b = new Big;
    Big *bv = new Big[2];
    bad += misaligned(b, 128) + misaligned(bv, 128);
    std::printf("%d %d %d misaligned\n", *i, v[4], bad);
    delete i;
    delete[] v;
    delete b;
    delete[] bv;
    return 0;
}
