/*--------------------------------------------------------------------*/
/*--- Finding and loading the skin.                   m_skinload.c ---*/
/*--------------------------------------------------------------------*/

/* A skin is a shared object that calls back into the core through the
   symbols the core exports (vg_exports.list), so it is opened with
   RTLD_NOW: a skin that uses something the interface does not declare
   fails here, with the linker naming the symbol, not in the middle of a
   run.  The skin's interface version is checked before any of its code
   runs. */

#include "pub_core_basics.h"
#include "pub_core_options.h"
#include "pub_core_skinload.h"

#include <dirent.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VG_LIBDIR
#define VG_LIBDIR "/usr/local/lib/valgrind"
#endif

/*--- State -----------------------------------------------------------*/

static HChar *libdir;
static HChar *skin_name;
static HChar *skin_path;
static HChar *preload_path;
static Double declared_ratio;
static Double chosen_ratio;
static Bool chosen_ratio_set;

/* Ratios closer than this are the same (1/8 and 0.125 both parse to the
   same double, but 1/3 written as 0.333333333 should match too). */
#define RATIO_EPSILON 1e-6

/*--- Small helpers ---------------------------------------------------*/

/* "A" followed by "B", in memory from VG_(malloc). */
static HChar *concat(const HChar *a, const HChar *b)
{
    SizeT la = strlen(a), lb = strlen(b);
    HChar *s = VG_(malloc)("skinload.path", la + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

static HChar *path_in_libdir(const HChar *prefix, const HChar *name)
{
    HChar *dir_prefix = concat(VG_(libdir)(), prefix);
    HChar *with_name = concat(dir_prefix, name);
    HChar *path = concat(with_name, ".so");
    VG_(free)(dir_prefix);
    VG_(free)(with_name);
    return path;
}

static Bool is_skin_name(const HChar *name)
{
    if (*name == '\0')
        return False;
    for (const HChar *p = name; *p != '\0'; p++) {
        if (!(*p == '_' || *p == '-' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return False;
    }
    return True;
}

static Bool ratios_equal(Double a, Double b)
{
    return fabs(a - b) <= RATIO_EPSILON * (fabs(a) > 1.0 ? fabs(a) : 1.0);
}

/*--- The library directory -------------------------------------------*/

const HChar *VG_(libdir)(void)
{
    if (libdir != NULL)
        return libdir;
    const HChar *env = getenv("VALGRINDLIB");
    if (env != NULL && env[0] != '\0') {
        libdir = VG_(strdup)("skinload.libdir", env);
    } else {
        HChar exe[4096];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = '\0';
            HChar *slash = strrchr(exe, '/');
            if (slash != NULL)
                *slash = '\0';
            HChar *dir = concat(exe, "/../lib/valgrind");
            HChar *real = realpath(dir, NULL); /* tidy "bin/.." away if it exists */
            if (real != NULL) {
                libdir = VG_(strdup)("skinload.libdir", real);
                free(real);
                VG_(free)(dir);
            } else {
                libdir = dir;
            }
        } else {
            libdir = VG_(strdup)("skinload.libdir", VG_LIBDIR);
        }
    }
    SizeT len = strlen(libdir);
    while (len > 1 && libdir[len - 1] == '/')
        libdir[--len] = '\0';
    return libdir;
}

/*--- Unknown skins ---------------------------------------------------*/

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(HChar *const *)a, *(HChar *const *)b);
}

/* "lackey memcheck nulgrind": the skins in the library directory, sorted;
   NULL if there are none.  Freed with VG_(free). */
static HChar *list_skins(void)
{
    static const HChar prefix[] = "vgskin_", suffix[] = ".so";
    DIR *dir = opendir(VG_(libdir)());
    if (dir == NULL)
        return NULL;
    HChar **names = NULL;
    Int n = 0;
    SizeT total = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        SizeT len = strlen(de->d_name);
        if (len <= strlen(prefix) + strlen(suffix) ||
            strncmp(de->d_name, prefix, strlen(prefix)) != 0 ||
            strcmp(de->d_name + len - strlen(suffix), suffix) != 0)
            continue;
        names = VG_(realloc)("skinload.list", names, (SizeT)(n + 1) * sizeof(HChar *));
        names[n] = VG_(strdup)("skinload.list", de->d_name + strlen(prefix));
        names[n][len - strlen(prefix) - strlen(suffix)] = '\0';
        total += strlen(names[n]) + 1;
        n++;
    }
    closedir(dir);
    if (n == 0)
        return NULL;
    qsort(names, (SizeT)n, sizeof(HChar *), compare_names);
    HChar *list = VG_(malloc)("skinload.list", total);
    list[0] = '\0';
    for (Int i = 0; i < n; i++) {
        if (i > 0)
            strcat(list, " ");
        strcat(list, names[i]);
        VG_(free)(names[i]);
    }
    VG_(free)(names);
    return list;
}

static VG_NORETURN void unknown_skin(const HChar *name)
{
    HChar *found = list_skins();
    if (found != NULL)
        VG_(message)(Vg_FailMsg, "no skin '%s' in %s (its skins: %s)\n", name, VG_(libdir)(),
                     found);
    else
        VG_(message)(Vg_FailMsg, "no skin '%s': %s has no skins (is VALGRINDLIB right?)\n",
                     name, VG_(libdir)());
    VG_(exit)(1);
}

/*--- Shadow ratios ---------------------------------------------------*/

/* Is RATIO one of the space-separated ratios in LIST?  Sets *MALFORMED to
   the first entry that is not a ratio, if any. */
static Bool ratio_in_list(const HChar *list, Double ratio, HChar **malformed)
{
    HChar *copy = VG_(strdup)("skinload.ratios", list);
    Bool found = False;
    *malformed = NULL;
    for (HChar *save, *tok = strtok_r(copy, " \t", &save); tok != NULL;
         tok = strtok_r(NULL, " \t", &save)) {
        Double r;
        if (!VG_(parse_ratio)(tok, &r)) {
            *malformed = VG_(strdup)("skinload.ratios", tok);
            break;
        }
        if (ratios_equal(r, ratio))
            found = True;
    }
    VG_(free)(copy);
    return found;
}

static void check_declared_ratio(void)
{
    const HChar *list = VG_(details).shadow_ratios;
    HChar *bad;
    if (!isfinite(declared_ratio) || declared_ratio < 0.0 || declared_ratio > 64.0) {
        VG_(message)(Vg_FailMsg, "skin '%s' declares the shadow ratio %g, which is not"
                     " between 0 and 64\n", skin_name, declared_ratio);
        VG_(exit)(1);
    }
    if (list == NULL)
        return;
    Bool found = ratio_in_list(list, declared_ratio, &bad);
    if (bad != NULL) {
        VG_(message)(Vg_FailMsg, "skin '%s': '%s' in its shadow_ratios detail is not a"
                     " ratio\n", skin_name, bad);
        VG_(exit)(1);
    }
    if (!found) {
        VG_(message)(Vg_FailMsg, "skin '%s' declares the shadow ratio %g, which its"
                     " shadow_ratios detail (\"%s\") does not list\n", skin_name,
                     declared_ratio, list);
        VG_(exit)(1);
    }
}

Double VG_(skin_declared_ratio)(void)
{
    return declared_ratio;
}

void VG_(skin_choose_shadow_ratio)(const HChar *text)
{
    Double ratio;
    HChar *bad;
    HChar option[256];
    snprintf(option, sizeof option, "--shadow-ratio=%s", text);
    if (!VG_(parse_ratio)(text, &ratio))
        VG_(fmsg_bad_option)(option, "'%s' is not a shadow ratio (such as 1/8, 0.125, 1,"
                             " 9/8)\n", text);
    const HChar *list = VG_(details).shadow_ratios;
    Bool ok = list != NULL ? ratio_in_list(list, ratio, &bad)
                           : ratios_equal(ratio, declared_ratio);
    if (!ok) {
        if (list != NULL)
            VG_(fmsg_bad_option)(option, "skin '%s' supports the shadow ratios %s\n",
                                 skin_name, list);
        VG_(fmsg_bad_option)(option, "skin '%s' supports only its shadow ratio %g\n",
                             skin_name, declared_ratio);
    }
    chosen_ratio = ratio;
    chosen_ratio_set = True;
}

Double VG_(skin_shadow_ratio)(void)
{
    return chosen_ratio_set ? chosen_ratio : declared_ratio;
}

/*--- Loading ---------------------------------------------------------*/

/* Opens the skin and returns its interface version, refusing a skin built
   for an interface this core does not provide. */
static const VgInterfaceVersion *open_skin(void)
{
    void *handle = dlopen(skin_path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        VG_(message)(Vg_FailMsg, "cannot load skin '%s': %s\n", skin_name, dlerror());
        VG_(exit)(1);
    }
    const VgInterfaceVersion *iv = dlsym(handle, VG_INTERFACE_VERSION_SYMBOL);
    if (iv == NULL) {
        VG_(message)(Vg_FailMsg, "%s is not a skin: it has no %s (from"
                     " VG_DETERMINE_INTERFACE_VERSION)\n", skin_path,
                     VG_INTERFACE_VERSION_SYMBOL);
        VG_(exit)(1);
    }
    if (iv->major != VG_INTERFACE_MAJOR_VERSION || iv->minor > VG_INTERFACE_MINOR_VERSION) {
        VG_(message)(Vg_FailMsg, "skin '%s' was built for skin interface %u.%u, but this"
                     " core provides %d.%d: rebuild the skin against this core\n", skin_name,
                     iv->major, iv->minor, VG_INTERFACE_MAJOR_VERSION,
                     VG_INTERFACE_MINOR_VERSION);
        VG_(exit)(1);
    }
    if (iv->pre_clo_init == NULL) {
        VG_(message)(Vg_FailMsg, "skin '%s' has no pre_clo_init function\n", skin_name);
        VG_(exit)(1);
    }
    return iv;
}

Bool VG_(skin_exists)(const HChar *name)
{
    if (!is_skin_name(name))
        return False;
    HChar *path = path_in_libdir("/vgskin_", name);
    Bool found = access(path, F_OK) == 0;
    VG_(free)(path);
    return found;
}

void VG_(load_skin)(const HChar *name)
{
    vg_assert(skin_name == NULL);
    if (!is_skin_name(name))
        unknown_skin(name);
    skin_name = VG_(strdup)("skinload.name", name);
    skin_path = path_in_libdir("/vgskin_", name);
    if (access(skin_path, F_OK) != 0)
        unknown_skin(name);

    const VgInterfaceVersion *iv = open_skin();
    declared_ratio = iv->shadow_ratio;
    iv->pre_clo_init();

    const HChar *missing = VG_(check_skin_interface)();
    if (missing != NULL) {
        VG_(message)(Vg_FailMsg, "skin '%s' is incomplete: %s\n", skin_name, missing);
        VG_(exit)(1);
    }
    check_declared_ratio();

    HChar *preload = path_in_libdir("/vgpreload_", name);
    if (access(preload, R_OK) == 0)
        preload_path = preload;
    else
        VG_(free)(preload);
}

const HChar *VG_(skin_name)(void)
{
    return skin_name;
}

const HChar *VG_(skin_path)(void)
{
    return skin_path;
}

const HChar *VG_(skin_preload_path)(void)
{
    return preload_path;
}

const HChar *VG_(core_preload_path)(void)
{
    static HChar *path;
    static Bool looked;
    if (!looked) {
        looked = True;
        path = concat(VG_(libdir)(), "/vgpreload_core.so");
        if (access(path, R_OK) != 0) {
            VG_(free)(path);
            path = NULL;
        }
    }
    return path;
}
