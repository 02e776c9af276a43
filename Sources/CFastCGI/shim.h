#ifndef CFASTCGI_SHIM_H
#define CFASTCGI_SHIM_H
// The reentrant FCGX_* API. FCGX_FPrintF is C-variadic and not imported: use FCGX_PutStr.
#include <fcgiapp.h>
#endif
