/*--------------------------------------------------------------------*/
/*--- A stand-in core for testing the command line and skin        ---*/
/*--- loading (gen/t/05-skin-loading.t).              fake_core.c ---*/
/*--------------------------------------------------------------------*/

/* Linked with the real m_commandline.c, m_options.c, m_skinload.c and the
   generated vg_skintable.c; provides simple versions of the other core
   services they and the test skins use, and a main that parses the
   command line and prints what came out of it on stdout.  Skins print on
   the log (stderr). */

#include "pub_core_basics.h"
#include "pub_core_commandline.h"
#include "pub_core_libcprint.h"
#include "pub_core_options.h"
#include "pub_core_skinload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*--- Output ---------------------------------------------------------*/

static Int log_fd = 2;

void VG_(set_log_fd)(Int fd)
{
    log_fd = fd;
}

Int VG_(get_log_fd)(void)
{
    return log_fd;
}

Int VG_(vprintf)(const HChar *fmt, va_list ap)
{
    HChar buf[4096];
    Int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n > (Int)sizeof buf - 1)
        n = sizeof buf - 1;
    if (write(log_fd, buf, (SizeT)n) < 0)
        return -1;
    return n;
}

Int VG_(printf)(const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int n = VG_(vprintf)(fmt, ap);
    va_end(ap);
    return n;
}

Int VG_(vmessage)(VgMsgKind kind, const HChar *fmt, va_list ap)
{
    if (kind == Vg_FailMsg)
        VG_(printf)("valgrind: ");
    else
        VG_(printf)("==%d== ", (int)getpid());
    return VG_(vprintf)(fmt, ap);
}

Int VG_(message)(VgMsgKind kind, const HChar *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Int n = VG_(vmessage)(kind, fmt, ap);
    va_end(ap);
    return n;
}

/*--- Failures ---------------------------------------------------------*/

void VG_(exit)(Int status)
{
    exit(status);
}

void VG_(skin_panic)(const HChar *why)
{
    VG_(printf)("skin panic: %s\n", why);
    exit(3);
}

void VG_(core_assert_fail)(const HChar *expr, const HChar *file, Int line, const HChar *fn,
                           const HChar *fmt, ...)
{
    VG_(printf)("assertion '%s' failed at %s:%d (%s)\n", expr, file, line, fn);
    exit(4);
}

/*--- Memory -----------------------------------------------------------*/

void *VG_(malloc)(const HChar *cc, SizeT n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        exit(5);
    return p;
}

void *VG_(realloc)(const HChar *cc, void *old, SizeT n)
{
    void *p = realloc(old, n ? n : 1);
    if (p == NULL)
        exit(5);
    return p;
}

void VG_(free)(void *p)
{
    free(p);
}

HChar *VG_(strdup)(const HChar *cc, const HChar *s)
{
    HChar *p = VG_(malloc)(cc, strlen(s) + 1);
    strcpy(p, s);
    return p;
}

/* Defined, but not in the interface: a skin calling it must not load. */
Int VG_(not_in_interface)(void);
Int VG_(not_in_interface)(void)
{
    return 42;
}

/*--- main ---------------------------------------------------------------*/

static void print_list(const HChar *what, Int n, const HChar **items)
{
    printf("%s=", what);
    for (Int i = 0; i < n; i++)
        printf("%s%s", i > 0 ? "," : "", items[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    HChar **client;
    VG_(parse_command_line)(argc, argv, &client);
    printf("skin=%s\n", VG_(skin_name)());
    printf("libdir=%s\n", VG_(libdir)());
    printf("preload=%s\n", VG_(skin_preload_path)() ? VG_(skin_preload_path)() : "(none)");
    printf("ratio=%g declared=%g\n", VG_(skin_shadow_ratio)(), VG_(skin_declared_ratio)());
    printf("verbosity=%d debug=%d\n", VG_(clo_verbosity), VG_(clo_debug_level));
    printf("num_callers=%d trace_children=%d\n", VG_(clo_num_callers),
           VG_(clo_trace_children));
    printf("log_fd=%d log_file=%s log_socket=%s\n", VG_(clo_log_fd),
           VG_(clo_log_fname) ? VG_(clo_log_fname) : "(none)",
           VG_(clo_log_socket) ? VG_(clo_log_socket) : "(none)");
    printf("gen_suppressions=%d\n", VG_(clo_gen_suppressions));
    print_list("suppressions", VG_(clo_n_suppressions), VG_(clo_suppressions));
    printf("trace_block(0x401000)=%d trace_block(0x402000)=%d\n",
           VG_(clo_should_trace_block)(0x401000), VG_(clo_should_trace_block)(0x402000));
    Int n = 0;
    while (VG_(command_line_options)()[n] != NULL)
        n++;
    print_list("command_line", n, (const HChar **)VG_(command_line_options)());
    for (n = 0; client[n] != NULL; n++)
        ;
    print_list("client", n, (const HChar **)client);
    fflush(stdout);

    VG_(skin).post_clo_init();
    VG_TRACK(thread_run, 1);
    VG_(skin).fini(0);
    return 0;
}
