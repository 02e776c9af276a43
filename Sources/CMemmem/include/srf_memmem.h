#ifndef SRF_MEMMEM_H
#define SRF_MEMMEM_H
#include <stddef.h>
// glibc's memmem is a GNU extension that Swift's Glibc module does not export (it is declared
// only under _GNU_SOURCE); this wrapper makes it callable from Swift.
const void *srf_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
#endif
