/*--------------------------------------------------------------------*/
/*--- Offsets of the guest registers, for register events.          ---*/
/*---                                               pub_tool_guest.h ---*/
/*--------------------------------------------------------------------*/

/* The guest_offset of pre_reg_read / post_reg_write events names a
   guest register by its byte offset in the guest register file.  The
   general-purpose registers come first, 8 bytes each, in hardware
   (ModRM/REX) order. */

#ifndef PUB_TOOL_GUEST_H
#define PUB_TOOL_GUEST_H

#define VG_GUEST_OFFSET_RAX 0
#define VG_GUEST_OFFSET_RCX 8
#define VG_GUEST_OFFSET_RDX 16
#define VG_GUEST_OFFSET_RBX 24
#define VG_GUEST_OFFSET_RSP 32
#define VG_GUEST_OFFSET_RBP 40
#define VG_GUEST_OFFSET_RSI 48
#define VG_GUEST_OFFSET_RDI 56
#define VG_GUEST_OFFSET_R8 64
#define VG_GUEST_OFFSET_R9 72
#define VG_GUEST_OFFSET_R10 80
#define VG_GUEST_OFFSET_R11 88
#define VG_GUEST_OFFSET_R12 96
#define VG_GUEST_OFFSET_R13 104
#define VG_GUEST_OFFSET_R14 112
#define VG_GUEST_OFFSET_R15 120

/* The offset of general-purpose register number r (0 = rax .. 15 = r15). */
#define VG_GUEST_OFFSET_GPR(r) (8 * (r))

#endif /* PUB_TOOL_GUEST_H */
