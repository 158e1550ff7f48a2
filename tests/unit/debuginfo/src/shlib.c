/* A shared library with a soname. */
int __attribute__((noinline)) dt_helper(int x)
{
    return x * 7 + 1;
}

int dt_entry(int x)
{
    return dt_helper(x) - 3;
}
