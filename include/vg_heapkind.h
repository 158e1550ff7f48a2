/*--------------------------------------------------------------------*/
/*--- How a client heap block was allocated.         vg_heapkind.h ---*/
/*--------------------------------------------------------------------*/

/* Shared by the core, skins (pub_tool_heap.h) and code running in the
   client (vg_preload.h), so it includes nothing. */

#ifndef VG_HEAPKIND_H
#define VG_HEAPKIND_H

typedef enum {
    VG_HEAP_MALLOC = 0,    /* malloc, calloc, realloc, memalign... / free */
    VG_HEAP_NEW = 1,       /* operator new / delete */
    VG_HEAP_NEW_ARRAY = 2, /* operator new[] / delete[] */
    VG_HEAP_CUSTOM = 3,    /* MALLOCLIKE_BLOCK or a mempool / FREELIKE_BLOCK */
    VG_HEAP_REALLOC = 4    /* only as a way of freeing: realloc */
} VgHeapKind;

#endif /* VG_HEAPKIND_H */
