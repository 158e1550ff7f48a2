// cflags: -shared -fPIC -Wl,-Bsymbolic
/* ldso_symbolic_dlopen_lib: a library linked with -Bsymbolic (DT_SYMBOLIC),
   dlopen'ed by ldso_symbolic_dlopen. */
int symbolic_answer(void);

int symbolic_answer(void)
{
    return 42;
}
