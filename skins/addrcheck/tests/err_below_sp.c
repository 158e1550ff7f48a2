/* A load from 256 bytes below the stack pointer, outside the 128-byte red
   zone the ABI allows. */
int main(void)
{
    long v;
    __asm__ volatile("mov -256(%%rsp), %0" : "=r"(v));
    return (int)(v & 0);
}
