/*--------------------------------------------------------------------*/
/*--- UCode: the instrumentation IR skins add to blocks.           ---*/
/*---                                               pub_tool_ucode.h ---*/
/*--------------------------------------------------------------------*/

/* A UCodeBlock is the block of guest instructions (with their decoded
   operands) that the core hands to SK_(instrument), plus the UCode a
   skin adds around them.  Skins only ever hold pointers to it. */

#ifndef PUB_TOOL_UCODE_H
#define PUB_TOOL_UCODE_H

#include "pub_tool_basics.h"

typedef struct UCodeBlock UCodeBlock;

#endif /* PUB_TOOL_UCODE_H */
