/* auxv_values: the auxiliary vector the program starts with is
   consistent: page size 4096, AT_RANDOM points at 16 readable bytes,
   AT_EXECFN names the program, AT_PHDR/AT_PHNUM match the main program's
   headers as dl_iterate_phdr reports them, AT_ENTRY is _start, AT_BASE is
   the interpreter, the ids match getuid() and friends, AT_SECURE is 0,
   AT_HWCAP is set. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char _start[];

static int main_phdr_matches(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    int *result = data;
    /* the first object is the main program */
    *result = info->dlpi_phdr == (const ElfW(Phdr) *)getauxval(AT_PHDR) &&
              info->dlpi_phnum == getauxval(AT_PHNUM);
    return 1;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void check(const char *what, int ok)
{
    printf("%-40s %s\n", what, ok ? "ok" : "FAILED");
}

int main(int argc, char **argv)
{
    const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    int phdr_ok = 0, i, sum = 0;
    (void)argc;

    check("AT_PAGESZ == 4096", getauxval(AT_PAGESZ) == 4096);
    check("AT_PAGESZ == sysconf(_SC_PAGESIZE)",
          getauxval(AT_PAGESZ) == (unsigned long)sysconf(_SC_PAGESIZE));
    check("AT_RANDOM non-null", random != NULL);
    if (random)
        for (i = 0; i < 16; i++)
            sum += random[i];
    check("AT_RANDOM readable", sum >= 0);
    check("AT_EXECFN non-null", execfn != NULL);
    check("AT_EXECFN names argv[0]",
          execfn && strcmp(base_name(execfn), base_name(argv[0])) == 0);
    dl_iterate_phdr(main_phdr_matches, &phdr_ok);
    check("AT_PHDR/AT_PHNUM match dl_iterate_phdr", phdr_ok);
    check("AT_PHENT == sizeof(Elf64_Phdr)", getauxval(AT_PHENT) == sizeof(Elf64_Phdr));
    check("AT_ENTRY == _start", getauxval(AT_ENTRY) == (unsigned long)_start);
    check("AT_BASE non-zero (has an interpreter)", getauxval(AT_BASE) != 0);
    check("AT_UID == getuid()", getauxval(AT_UID) == getuid());
    check("AT_EUID == geteuid()", getauxval(AT_EUID) == geteuid());
    check("AT_GID == getgid()", getauxval(AT_GID) == getgid());
    check("AT_EGID == getegid()", getauxval(AT_EGID) == getegid());
    check("AT_SECURE == 0", getauxval(AT_SECURE) == 0);
    check("AT_HWCAP non-zero", getauxval(AT_HWCAP) != 0);
    check("AT_CLKTCK == 100", getauxval(AT_CLKTCK) == 100);
    return 0;
}
