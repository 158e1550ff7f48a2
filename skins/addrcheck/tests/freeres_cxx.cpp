// The C library's and the C++ runtime's own blocks (stdio's buffer,
// libstdc++'s emergency exception pool) are freed at exit by
// __libc_freeres and __gnu_cxx::__freeres: nothing is left in use.
#include <cstdio>
#include <string>

int main()
{
    std::string s = "freeres runs at exit";
    std::printf("%s\n", s.c_str());
    return 0;
}
