/*--------------------------------------------------------------------*/
/*--- Internals of the debug-info module.          priv_debuginfo.h ---*/
/*--------------------------------------------------------------------*/

/* The module's files share these types; nothing outside
   coregrind/m_debuginfo/ includes this header.

   - readelf.c: ELF images (a file mapped read-only into the core, or a
     buffer), bounds-checked section and segment access, symbols
     (.symtab/.dynsym), DT_SONAME, .gnu_debuglink, build-id.
   - readdwarf.c: line tables, functions and inlined calls through
     libdwarf, one compilation unit at a time, at first need.
   - cfi.c: our own .eh_frame/.debug_frame reader and unwinder.
   - debuginfo.c: the registry of objects, notifications and queries.

   Every reader treats its input as hostile: offsets and sizes are
   checked before use, and a failure makes the query fail, never the
   core. */

#ifndef PRIV_DEBUGINFO_H
#define PRIV_DEBUGINFO_H

#include "pub_core_basics.h"
#include "pub_core_debuginfo.h" /* the DebugInfo type */

/*--- Memory ---------------------------------------------------------------*/

/* malloc and friends that never return NULL (running out is fatal). */
void *ML_(di_alloc)(SizeT n);
void *ML_(di_zalloc)(SizeT n);
void *ML_(di_realloc)(void *p, SizeT n);
HChar *ML_(di_strdup)(const HChar *s);

/* A string pool: interned copies that live until the pool is freed. */
typedef struct StrPool StrPool;
StrPool *ML_(strpool_new)(void);
const HChar *ML_(strpool_add)(StrPool *p, const HChar *s);
const HChar *ML_(strpool_add_n)(StrPool *p, const HChar *s, SizeT n);
void ML_(strpool_free)(StrPool *p);

/*--- ELF images ---------------------------------------------------------*/

typedef struct {
    const UChar *data; /* NULL for SHT_NOBITS or an out-of-file section */
    SizeT size;        /* bytes of data (0 if data is NULL) */
    Addr svma;         /* sh_addr */
    UInt type, flags;
    Bool compressed;   /* SHF_COMPRESSED: data/size are the raw bytes */
} ElfSec;

typedef struct {
    const UChar *img; /* the whole file */
    SizeT size;
    Bool mapped;      /* img is an mmap of a file (ML_(elf_close) unmaps it) */
    UInt shnum;       /* 0 if the section headers are unusable */
    SizeT shoff;      /* file offset of the section headers */
    UInt shstrndx;
    UInt phnum;       /* 0 if the program headers are unusable */
    SizeT phoff;
    UInt type;        /* e_type */
} ElfImage;

/* Maps path read-only into the core and checks its ELF header.  False
   (nothing to close) if it is not a readable x86-64 ELF file. */
Bool ML_(elf_open)(const HChar *path, ElfImage *e);
/* The same over a buffer the caller keeps alive. */
Bool ML_(elf_from_buffer)(const UChar *buf, SizeT size, ElfImage *e);
void ML_(elf_close)(ElfImage *e);

/* Section number i (1..shnum-1), or the one called name.  False if
   there is none; a section whose bytes lie outside the file comes back
   with data NULL. */
Bool ML_(elf_section)(const ElfImage *e, UInt i, ElfSec *out);
Bool ML_(elf_find_section)(const ElfImage *e, const HChar *name, ElfSec *out);
/* The name of section i ("" if unknown). */
const HChar *ML_(elf_section_name)(const ElfImage *e, UInt i);

/* Program header i, copied; False if out of range. */
typedef struct {
    UInt type, flags;
    ULong offset, vaddr, filesz, memsz;
} ElfSeg;
Bool ML_(elf_segment)(const ElfImage *e, UInt i, ElfSeg *out);

/* The bytes of a (possibly SHF_COMPRESSED) section, decompressed into a
   new buffer of *size bytes followed by pad zero bytes; NULL if the
   section is unusable.  The caller frees it with ML_(di_free). */
UChar *ML_(elf_section_copy)(const ElfSec *s, SizeT pad, SizeT *size);
void ML_(di_free)(void *p);

/* The GNU build-id note ((*len) bytes at *id), from the section headers
   or PT_NOTE. */
Bool ML_(elf_build_id)(const ElfImage *e, const UChar **id, UInt *len);
/* .gnu_debuglink: the file name and CRC. */
Bool ML_(elf_debuglink)(const ElfImage *e, const HChar **name, UInt *crc);
/* DT_SONAME through PT_DYNAMIC (or .dynamic), copied into pool. */
const HChar *ML_(elf_soname)(const ElfImage *e, StrPool *pool);

/*--- Symbols ------------------------------------------------------------*/

typedef struct {
    Addr addr;          /* avma */
    SizeT size;         /* 0 is turned into "up to the next symbol" */
    const HChar *name;  /* mangled; in the DebugInfo's images or pool */
    const HChar *dname; /* demangled, or NULL until asked for */
    const HChar *rname; /* as traces show it raw (a replacement's: the
                           function it replaces), or NULL until asked for */
    UChar bind;         /* STB_* */
    Bool guessed;       /* no usable st_size: runs to the next symbol */
    Bool ifunc;         /* STT_GNU_IFUNC: addr is the resolver */
} DiSym;

typedef struct {
    DiSym *syms;  /* every function symbol, by address then preference */
    UInt n_syms;
    UInt *primary; /* indices of one preferred symbol per address */
    UInt n_primary;
} SymTable;

/* Reads the function symbols of .symtab and .dynsym of e, adding bias,
   into t (appending to what is there); names point into e's image. */
void ML_(read_elf_symbols)(const ElfImage *e, Addr bias, SymTable *t);
/* Sorts t, fills in sizes and the primary index. */
void ML_(finish_symbols)(SymTable *t);
void ML_(free_symbols)(SymTable *t);
/* The preferred symbol containing a, or NULL. */
DiSym *ML_(find_symbol)(const SymTable *t, Addr a);

/*--- Finding separate debug files ------------------------------------------*/

/* The separate debug file of the object at path (image e), opened into
   *dbg: by build-id under /usr/lib/debug/.build-id, else by
   .gnu_debuglink next to the object, in .debug/, or under /usr/lib/debug;
   then the same under the extra root of ML_(set_debug_search).
   Sets *dbg_path (pooled). */
Bool ML_(find_debug_file)(const HChar *path, const ElfImage *e, ElfImage *dbg,
                          const HChar **dbg_path, StrPool *pool);

/* A second root searched after /usr/lib/debug (NULL: none), and whether
   a debug file whose build-id or CRC differs is taken all the same
   (--extra-debuginfo-path, --allow-mismatched-debuginfo). */
void ML_(set_debug_search)(const HChar *extra_root, Bool allow_mismatched);

/*--- DWARF: lines, functions, inlined calls ---------------------------------*/

typedef struct DwarfInfo DwarfInfo;

/* Prepares reading the DWARF of image e (whose addresses are biased by
   bias): opens libdwarf over our copies of the sections and indexes the
   compilation units by address.  NULL if there is no usable DWARF. */
DwarfInfo *ML_(dwarf_open)(const ElfImage *e, Addr bias);
void ML_(dwarf_close)(DwarfInfo *d);

/* True (the default): libdwarf runs only in short-lived child
   processes, so that its crashes on hostile input cannot reach the core.
   The fuzz target may turn it off to see crashes in our own code. */
extern Bool ML_(dwarf_isolate);
/* Called first thing in each child (the fuzz target uses it). */
extern void (*ML_(dwarf_child_hook))(void);

typedef struct {
    const HChar *fn;   /* may be NULL (unknown) */
    const HChar *file; /* may be NULL */
    const HChar *dir;  /* may be NULL */
    UInt line;         /* 0 if unknown */
} DwFrame;

/* The source position of avma a. */
Bool ML_(dwarf_line)(DwarfInfo *d, Addr a, const HChar **file, const HChar **dir,
                     UInt *line);
/* The function (DW_TAG_subprogram) containing a: its linkage name if it
   has one, else its name; NULL if unknown. */
const HChar *ML_(dwarf_function)(DwarfInfo *d, Addr a);
/* The inlined calls at a, innermost first, then the enclosing function
   as the last frame (fn NULL there: the caller uses the symbol table).
   Each frame's position is the one inside that frame's function.
   Returns the number of frames filled (1 if no inlining is known). */
UInt ML_(dwarf_inlined)(DwarfInfo *d, Addr a, DwFrame *out, UInt max);

/*--- Call frame information -------------------------------------------------*/

/* DWARF register numbers of x86-64. */
enum {
    DW_RAX = 0, DW_RDX, DW_RCX, DW_RBX, DW_RSI, DW_RDI, DW_RBP, DW_RSP,
    DW_R8, DW_R9, DW_R10, DW_R11, DW_R12, DW_R13, DW_R14, DW_R15,
    DW_RIP, /* the return address column */
    DW_NREGS
};

/* Registers of one frame while unwinding: known has bit r set when
   regs[r] is known. */
typedef struct {
    Addr regs[DW_NREGS];
    UInt known;
} CfiRegs;

/* Reads 8 bytes of the stack being unwound; False if not allowed. */
typedef Bool (*CfiReadFn)(Addr a, Addr *out, void *opaque);

typedef struct CfiInfo CfiInfo;

/* CFI from .eh_frame(+_hdr) of eh (the object itself) and .debug_frame
   of df (the object or its debug file; may be NULL).  Both images must
   outlive the CfiInfo.  NULL if there is none. */
CfiInfo *ML_(cfi_open)(const ElfImage *eh, const ElfImage *df, Addr bias);
void ML_(cfi_close)(CfiInfo *c);

/* One step: from the frame in *r (ip = regs[DW_RIP], which is a return
   address unless exact_ip) to its caller.  Returns False, leaving *r
   alone, if there is no CFI for the ip or it cannot be applied.  Sets
   *signal_frame if the frame was a signal trampoline's. */
Bool ML_(cfi_unwind)(CfiInfo *c, CfiRegs *r, Bool exact_ip, CfiReadFn rd, void *opaque,
                     Bool *signal_frame);

/* Forgets cached unwind rows (after any object goes away). */
void ML_(cfi_cache_flush)(void);

/*--- The registry -------------------------------------------------------*/

struct DebugInfo {
    ULong handle;
    const HChar *filename; /* as mapped (pooled) */
    const HChar *soname;
    Addr text_lo, text_hi; /* [lo, hi): the executable PT_LOADs, biased */
    Addr bias;             /* avma - svma */
    ElfImage img;          /* the object file */
    SymTable symtab;
    StrPool *pool;

    /* Loaded at first query: the debug file's symbols (syms_loaded),
       then, when lines or inlining are asked for, the DWARF index: */
    Bool syms_loaded;
    Bool full_loaded;
    Bool has_dbg;
    ElfImage dbg; /* the separate debug file, if has_dbg */
    const HChar *dbg_path;
    DwarfInfo *dwarf;
    Bool cfi_loaded;
    CfiInfo *cfi;
};

/* Creates the registry entry for an ELF object (for tests and the fuzz
   target too: reads from a buffer when buf is not NULL). */
DebugInfo *ML_(di_create_from_buffer)(const UChar *buf, SizeT size, Addr bias,
                                      const HChar *name);
void ML_(di_destroy)(DebugInfo *di);

/* In a child process of the client's fork: forgets d's DWARF server
   (the parent's) without stopping it. */
void ML_(dwarf_atfork_child)(DwarfInfo *d);
void ML_(di_load_full)(DebugInfo *di);

/* For the unit tests and the fuzz target: registers an object read from
   a buffer (kept alive by the caller) as if mapped with this bias;
   forgets every object. */
ULong ML_(di_register_buffer)(const UChar *buf, SizeT size, Addr bias, const HChar *name);
DebugInfo *ML_(di_by_handle)(ULong handle);
void ML_(di_forget_all)(void);

/* name demangled (if it is a mangled name) and interned in pool. */
const HChar *ML_(di_demangle_into)(StrPool *pool, const HChar *name);

/* One unwind step through the object holding r's ip. */
Bool ML_(di_unwind_step)(CfiRegs *r, Bool exact_ip, CfiReadFn rd, void *opaque,
                         Bool *signal_frame);

#endif /* PRIV_DEBUGINFO_H */
