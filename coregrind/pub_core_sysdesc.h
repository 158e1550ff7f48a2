/*--------------------------------------------------------------------*/
/*--- System call descriptions: names, arguments, memory effects.   ---*/
/*---                                             pub_core_sysdesc.h ---*/
/*--------------------------------------------------------------------*/

/* One table (coregrind/syscalls.def) describes every x86-64 Linux
   system call: its name, its arguments and what it reads and writes of
   the client's memory.  From it this module fires the skin events
   pre_reg_read, pre_mem_read, pre_mem_read_asciiz, pre_mem_write and
   post_mem_write around a client system call, and formats calls for
   --trace-syscalls.  It does not perform system calls: the dispatcher
   calls VG_(sysdesc_pre) before and VG_(sysdesc_post) after.

   Every function here is called with the big lock held.  The strings
   handed to skins (such as "write(buf)") live until the process ends.
   Client memory is only read after VG_(am_is_valid_for_client) said it
   may be; a bad client pointer never crashes the core. */

#ifndef PUB_CORE_SYSDESC_H
#define PUB_CORE_SYSDESC_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h" /* SysRes */

/* The name of system call SYSNO ("write"), or "syscall_NNN" for a number
   the table does not know.  Never NULL; the string is never freed. */
const HChar *VG_(sysdesc_name)(UWord sysno);

/* How many arguments SYSNO takes, or -1 if the table does not know it. */
Int VG_(sysdesc_nargs)(UWord sysno);

/* Before thread TID makes system call SYSNO with ARGS (rdi, rsi, rdx,
   r10, r8, r9): fires pre_reg_read for each argument register, then
   pre_mem_read / pre_mem_read_asciiz / pre_mem_write for the client
   memory the kernel will read or write.  Nothing for an unknown SYSNO. */
void VG_(sysdesc_pre)(ThreadId tid, UWord sysno, const UWord args[6]);

/* After the system call returned RES: fires post_mem_write for what the
   kernel wrote.  Call it after every call, failed or not (a few calls,
   such as nanosleep's remaining time, write on EINTR); ARGS must be the
   values that VG_(sysdesc_pre) saw. */
void VG_(sysdesc_post)(ThreadId tid, UWord sysno, const UWord args[6], SysRes res);

/* Writes "write(1, 0x4a2b000, 14)" for the call into BUF (at most N
   bytes, always NUL-terminated when N > 0): integers in decimal, flags
   in hex, modes in octal, pointers as 0x..., C strings quoted and cut
   after 32 characters.  Returns the length of the whole text, like
   snprintf, so a return >= N means it was cut. */
Int VG_(sysdesc_format_pre)(HChar *buf, SizeT n, UWord sysno, const UWord args[6]);

/* Writes the result: "= 14", "= -1 ENOENT (No such file or directory)"
   or "= 0x4a2b000" for calls that return an address.  Same conventions
   as VG_(sysdesc_format_pre). */
Int VG_(sysdesc_format_res)(HChar *buf, SizeT n, UWord sysno, SysRes res);

/* Statistics of the table, for the unit test and -v: how many numbers
   below VG_(sysdesc_table_size)() have a name, and how many of those have
   a memory effect. */
UInt VG_(sysdesc_table_size)(void);
Bool VG_(sysdesc_has_mem_effects)(UWord sysno);

#endif /* PUB_CORE_SYSDESC_H */
