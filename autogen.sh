#!/usr/bin/env bash
#---------------------------------------------------------------------------
# autogen.sh: checks the build dependencies and writes config.mk.
#---------------------------------------------------------------------------
#
#   ./autogen.sh [--prefix=DIR]
#
# 1. Looks for every build dependency.  If some are missing and we are root
#    on a system with apt-get, runs `apt-get update` once and installs them;
#    otherwise prints the exact `sudo apt-get install ...` line and exits 1.
# 2. Decides how to link capstone, libdwarf, libelf, zlib and libiberty:
#    statically where Debian ships the .a archive (so the core starts
#    without their relocations), checked by linking and running a program.
# 3. Writes config.mk (only when its content changes), which the Makefile
#    includes.  Run it again at any time: it is idempotent.
#
# Environment: CC and CXX choose the compilers (default gcc and g++).

set -euo pipefail

usage() {
    sed -n '6,16s/^# \{0,1\}//p' "$0"
}

top=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
for arg in "$@"; do
    case $arg in
        --prefix=/*) prefix=${arg#--prefix=} ;;
        --prefix=*)  echo "autogen.sh: --prefix needs an absolute path" >&2; exit 2 ;;
        -h|--help)   usage; exit 0 ;;
        *)           echo "autogen.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done
CC=${CC:-gcc}
CXX=${CXX:-g++}

#--- Dependencies --------------------------------------------------------------
# Debian package name -> how to tell it is there.

PACKAGES="gcc g++ make perl libcapstone-dev libdwarf-dev libelf-dev zlib1g-dev
          libiberty-dev libc6-dbg"

have_header() {
    local h
    for h in "$@"; do
        [ -f "/usr/include/$h" ] || [ -f "/usr/local/include/$h" ] && return 0
    done
    return 1
}

dpkg_installed() {
    command -v dpkg-query >/dev/null 2>&1 &&
        [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

is_present() {
    case $1 in
        gcc)             command -v "$CC" >/dev/null 2>&1 ;;
        g++)             command -v "$CXX" >/dev/null 2>&1 ;;
        make)            command -v make >/dev/null 2>&1 ;;
        perl)            command -v perl >/dev/null 2>&1 &&
                         command -v prove >/dev/null 2>&1 ;;
        libcapstone-dev) have_header capstone/capstone.h ;;
        libdwarf-dev)    have_header libdwarf/libdwarf.h ;;
        libelf-dev)      have_header libelf.h gelf.h ;;
        zlib1g-dev)      have_header zlib.h ;;
        libiberty-dev)   have_header libiberty/demangle.h ;;
        # Debug info for libc, libm and ld.so (file:line in reports).
        libc6-dbg)       if command -v dpkg-query >/dev/null 2>&1; then
                             dpkg_installed libc6-dbg
                         else
                             [ -d /usr/lib/debug/.build-id ]
                         fi ;;
        *)               return 1 ;;
    esac
}

missing_packages() {
    local p list=""
    for p in $PACKAGES; do
        is_present "$p" || list="$list $p"
    done
    echo "${list# }"
}

missing=$(missing_packages)
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "autogen.sh: installing $missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        # shellcheck disable=SC2086  # one word per package
        apt-get install -y -q --no-install-recommends $missing
        missing=$(missing_packages)
        if [ -n "$missing" ]; then
            echo "autogen.sh: still missing after apt-get install: $missing" >&2
            exit 1
        fi
    else
        echo "autogen.sh: missing build dependencies: $missing" >&2
        echo "Install them with:" >&2
        echo "    sudo apt-get install $missing" >&2
        exit 1
    fi
fi

#--- How to compile and link against them -----------------------------------------

# capstone's own headers include each other as <x86.h>; -isystem keeps
# -Werror away from them.
dep_cflags=""
for d in /usr/include/capstone /usr/local/include/capstone; do
    if [ -f "$d/capstone.h" ]; then
        dep_cflags="-isystem $d"
        break
    fi
done

# The link order matters: dwarf needs elf and z, elf needs z.
LIBS="capstone dwarf elf z iberty"

# Link flags: every library whose .a exists statically (or none when $1 is
# "dynamic"), grouped in -Wl,-Bstatic ... -Wl,-Bdynamic.
link_flags() {
    local mode=$1 l a flags="" static=0
    for l in $LIBS; do
        a=$("$CC" -print-file-name="lib$l.a")
        if [ "$mode" = static ] && [ "$a" != "lib$l.a" ] && [ -f "$a" ]; then
            [ $static = 1 ] || flags="$flags -Wl,-Bstatic"
            static=1
        elif [ $static = 1 ]; then
            flags="$flags -Wl,-Bdynamic"
            static=0
        fi
        flags="$flags -l$l"
    done
    [ $static = 0 ] || flags="$flags -Wl,-Bdynamic"
    echo "${flags# }"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/autogen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/probe.c" <<'EOF'
/* Uses each dependency once, as the core will. */
#include <capstone/capstone.h>
#include <libdwarf/libdwarf.h>
#include <libelf.h>
#include <zlib.h>
#include <libiberty/demangle.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    csh handle;
    Dwarf_Debug dbg;
    Dwarf_Error err;
    char *name;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK)
        return 1;
    cs_close(&handle);
    if (elf_version(EV_CURRENT) == EV_NONE)
        return 2;
    if (dwarf_init_path("/proc/self/exe", NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY,
                        NULL, NULL, &dbg, NULL, 0, NULL, &err) == DW_DLV_ERROR)
        return 3;
    name = cplus_demangle("_ZN6vgcore4testEv", DMGL_PARAMS | DMGL_ANSI);
    if (name == NULL || strcmp(name, "vgcore::test()") != 0)
        return 4;
    free(name);
    if (zlibVersion()[0] == '\0')
        return 5;
    puts("ok");
    return 0;
}
EOF

try_link() {
    # shellcheck disable=SC2086  # flags are words
    "$CC" -std=gnu11 $dep_cflags -o "$tmp/probe" "$tmp/probe.c" $1 -ldl -lpthread \
        >"$tmp/log" 2>&1 && [ "$("$tmp/probe" 2>>"$tmp/log")" = ok ]
}

dep_libs=$(link_flags static)
if ! try_link "$dep_libs"; then
    echo "autogen.sh: static linking failed, trying shared libraries:" >&2
    sed 's/^/    /' "$tmp/log" >&2
    dep_libs=$(link_flags dynamic)
    if ! try_link "$dep_libs"; then
        echo "autogen.sh: cannot build a program with the dependencies:" >&2
        echo "    $CC $dep_cflags probe.c $dep_libs" >&2
        sed 's/^/    /' "$tmp/log" >&2
        exit 1
    fi
fi

#--- Linker flags of the core ---------------------------------------------

# The core is a PIE whose capstone tables hold tens of thousands of
# pointers: packed relative relocations (DT_RELR, binutils >= 2.38,
# glibc >= 2.36) make its relocation table 70 times smaller, which the
# dynamic loader reads at every start (1.7 MB less resident memory).
core_ldflags=
if echo 'int main(void) { return 0; }' |
   $CC -x c - -Wl,-z,pack-relative-relocs -o "$tmp/relr" >/dev/null 2>&1 && "$tmp/relr"; then
    core_ldflags=-Wl,-z,pack-relative-relocs
fi

#--- config.mk -------------------------------------------------------------

cat > "$tmp/config.mk" <<EOF
# Written by ./autogen.sh: re-run it rather than editing this file.
CONFIG_DONE := 1
CC         := $CC
CXX        := $CXX
PREFIX     := $prefix
DEP_CFLAGS := $dep_cflags
DEP_LIBS   := $dep_libs
CORE_LDFLAGS := $core_ldflags
EOF
if cmp -s "$tmp/config.mk" "$top/config.mk"; then
    echo "autogen.sh: config.mk is up to date"
else
    cp "$tmp/config.mk" "$top/config.mk.tmp"
    mv "$top/config.mk.tmp" "$top/config.mk"
    echo "autogen.sh: wrote config.mk"
fi
sed -n 's/^\(PREFIX\|DEP_LIBS\) *:= /    \1 = /p' "$top/config.mk"
