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

// dup3 (GNU, like accept4): a reopened log file takes over its descriptor number and stays
// close-on-exec (ServerLog.reopen).
extern int dup3(int oldfd, int newfd, int flags);

// posix_spawn_file_actions_addclosefrom_np (GNU, glibc 2.34): a worker process inherits only the
// descriptors its master hands it.
#include <spawn.h>
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

// prctl is C-variadic and not imported. A worker process asks for SIGTERM when its master dies,
// so it drains rather than serving on unsupervised (ProcessMaster).
#include <sys/prctl.h>
static inline int srf_set_parent_death_signal(int signal) { return prctl(PR_SET_PDEATHSIG, signal, 0, 0, 0); }
#endif
