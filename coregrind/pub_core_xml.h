/*--------------------------------------------------------------------*/
/*--- XML output (Valgrind's protocol 4).              pub_core_xml.h ---*/
/*--------------------------------------------------------------------*/

/* The document: VG_(xml_start) writes the header, the preamble and the
   RUNNING status; errors (m_errormgr) and client messages follow;
   VG_(xml_status)(True) marks the end of the client; the error manager
   writes the error and suppression counts; VG_(xml_finish) closes the
   document.  Everything does nothing without --xml=yes.  The services for
   skins (VG_(xml_output), VG_(printf_xml), VG_(printf_xml_element)) are
   declared in vg_skin.h. */

#ifndef PUB_CORE_XML_H
#define PUB_CORE_XML_H

#include "pub_core_basics.h"
#include "pub_core_tooliface.h"

/* VG_(printf_xml) with a va_list. */
Int VG_(vprintf_xml)(const HChar *fmt, va_list ap);

/* Writes the N bytes of TEXT to the XML output escaped: '&', '<' and '>'
   become entities, and bytes that XML 1.0 cannot hold (control
   characters, malformed UTF-8) become '?'. */
void VG_(write_xml_escaped)(const HChar *text, SizeT n);

/* Writes TEXT as one or more CDATA sections ("]]>" split between two),
   on lines of their own, bytes XML cannot hold replaced by '?'. */
void VG_(write_xml_cdata)(const HChar *text);

/* Starts the document: EXE is the core's executable, OPTIONS its
   command-line options, CLIENT_EXE the client program as the preamble
   names it (its argv[0], or the #! script found through $PATH) and
   CLIENT_ARGV the client's arguments (NULL terminated, argv[0] first). */
void VG_(xml_start)(const HChar *exe, HChar **options, const HChar *client_exe,
                    HChar **client_argv);

/* A <status> record: RUNNING, or FINISHED when FINISHED (printed once). */
void VG_(xml_status)(Bool finished);

/* Closes the document (after the FINISHED status, which it writes if it
   is missing).  Safe to call more than once, and before VG_(xml_start). */
void VG_(xml_finish)(void);

#endif /* PUB_CORE_XML_H */
