/* An error whose trace has only frames of this file, for
   --fullpath-after. */
static long below_sp(void)
{
    long v;
    __asm__ volatile("mov -256(%%rsp), %0" : "=r"(v));
    return v & 0;
}

int main(void)
{
    return (int)below_sp();
}
