#ifndef CFASTCGI_SHIM_H
#define CFASTCGI_SHIM_H
// The reentrant FCGX_* API. FCGX_FPrintF is C-variadic and not imported: use FCGX_PutStr.
#include <fcgiapp.h>
// epoll, eventfd and timerfd (the workers' wait, see ConnectionPoller): not in Swift's Glibc module.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>

// accept4 is a GNU extension that Swift's Glibc module does not declare (it needs _GNU_SOURCE).
// Accepting with SOCK_CLOEXEC saves a worker an fcntl(F_SETFD) per connection. Declared here
// without <sys/socket.h>, which would move the socket constants out of Glibc's module.
struct sockaddr;
extern int accept4(int fd, struct sockaddr *address, unsigned int *length, int flags);
#endif
