// C++ names: namespaces, methods, templates, overloads.
#include <cstdio>

namespace geo {
struct Point {
    int x, y;
    int __attribute__((noinline)) dot(const Point &o) const { return x * o.x + y * o.y; }
};
template <typename T> T __attribute__((noinline)) twice(T v) { return v + v; }
int __attribute__((noinline)) area(int w, int h) { return w * h; }
double __attribute__((noinline)) area(double r) { return 3.14159 * r * r; }
} // namespace geo

int main()
{
    geo::Point a{1, 2}, b{3, 4};
    std::printf("%d %d %ld %d %f\n", a.dot(b), geo::twice(21), geo::twice(21L),
                geo::area(2, 3), geo::area(1.0));
    return 0;
}
