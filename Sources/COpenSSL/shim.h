#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// Only what the framework needs: PBKDF2-HMAC-SHA256 for Django-format password hashes,
// HMAC-SHA256 for signed cookies, a CSPRNG for salts and tokens, a constant-time comparison,
// and SHA-256 for entity tags.
// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose one-shot
// digest looks the algorithm up by name on every call (thousands of instructions for a tag
// of a 500-byte body); the low-level functions are still there and hash directly.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#endif
