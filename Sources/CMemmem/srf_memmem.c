#define _GNU_SOURCE
#include <string.h>
#include "srf_memmem.h"

// Linear whatever the input: glibc uses Two-Way for long needles and a Horspool variant that
// bounds its work per byte for short ones (macOS's memmem is linear too).
const void *srf_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}
