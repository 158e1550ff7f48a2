/* An error in main: with --show-below-main=yes its trace goes on into
   the C library's start-up code. */
int main(void)
{
    long v;
    __asm__ volatile("mov -256(%%rsp), %0" : "=r"(v));
    return (int)(v & 0);
}
