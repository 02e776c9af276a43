#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// Only what the framework needs: PBKDF2-HMAC-SHA256 for Django-format password hashes,
// HMAC-SHA256 for signed cookies, a CSPRNG for salts and tokens, and a constant-time comparison.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#endif
