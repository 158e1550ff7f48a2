/*--------------------------------------------------------------------*/
/*--- The names of vgpreload replacements.          preloadnames.c ---*/
/*--------------------------------------------------------------------*/

/* include/vg_preload.h defines the scheme: _vgR_r_SONAME_FN and
   _vgR_w_SONAME_FN, with SONAME and FN escaped (XA for *, XD for ., ...).
   Redirection reads them as specifications; stack traces show the FN. */

#include "pub_core_basics.h"
#include "pub_core_debuginfo.h"

#include <string.h>

#define SPEC_PREFIX "_vgR_"

/*--- Names ------------------------------------------------------------------------------*/

/* The character an escape XC stands for, or 0 if XC is not one. */
static HChar unescape_char(HChar c)
{
    switch (c) {
    case 'A': return '*';
    case 'Q': return '?';
    case 'D': return '.';
    case 'H': return '-';
    case 'P': return '+';
    case 'U': return '_';
    case 'C': return ':';
    case 'S': return ' ';
    case 'L': return '(';
    case 'R': return ')';
    case 'T': return '@';
    case 'X': return 'X';
    default: return 0;
    }
}

/* Unescapes [s, end) into out (n bytes).  False if an escape is bad or
   the result does not fit. */
static Bool unescape(const HChar *s, const HChar *end, HChar *out, SizeT n)
{
    SizeT k = 0;
    while (s < end) {
        HChar c = *s++;
        if (c == 'X') {
            if (s == end || (c = unescape_char(*s++)) == 0)
                return False;
        }
        if (k + 1 >= n)
            return False;
        out[k++] = c;
    }
    out[k] = 0;
    return k > 0;
}

Bool VG_(parse_preload_name)(const HChar *name, Bool *wrap, HChar *so, SizeT so_n, HChar *fn,
                           SizeT fn_n)
{
    if (strncmp(name, SPEC_PREFIX, strlen(SPEC_PREFIX)) != 0)
        return False;
    /* Only C identifiers: not gcc's local clones (".localalias", ".cold"). */
    for (const HChar *c = name; *c != '\0'; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_'))
            return False;
    const HChar *p = name + strlen(SPEC_PREFIX);
    if ((p[0] != 'r' && p[0] != 'w') || p[1] != '_')
        return False;
    *wrap = p[0] == 'w';
    p += 2;
    const HChar *sep = strchr(p, '_');
    if (sep == NULL)
        return False;
    return unescape(p, sep, so, so_n) && unescape(sep + 1, sep + 1 + strlen(sep + 1), fn, fn_n);
}
