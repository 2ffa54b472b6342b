/*  doc_section: a generated part of a document, held to what the code
    generates. The text between "<!-- NAME:begin -->\n" and
    "<!-- NAME:end -->" in the file must be exactly the wanted text, so the
    documentation cannot drift from the declaration it is made from.  */
#ifndef DOC_SECTION_H_INCLUDED
#define DOC_SECTION_H_INCLUDED

//  0 when path's NAME section is wanted; else 1, with what it should read
//  on stderr.
int doc_section_check (const char *path, const char *name, const char *wanted);

#endif
