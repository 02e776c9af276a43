// The close check: loaded by Tests/run (LD_PRELOAD) into the test process and every process it
// starts, it aborts a process of ours whose close(2) fails with EBADF.
//
// Why: a descriptor number is reused as soon as it is closed, so a double close closes whatever
// another thread opened since, and that thread's next read or write fails (EBADF) or talks to the
// wrong peer. Issue 11 found one that way, by its victim. Most double closes happen while the
// number is still free, and then close() itself says EBADF: failing there names the culprit, in
// Swift code and in C libraries (libfcgi's own closes) alike, with a backtrace.
//
// Which processes: those whose executable lies in SRF_CLOSE_CHECK_DIR (the build's bin folder:
// the test bundle, api-server, migrate, ...), or any when SRF_CLOSE_CHECK_ALL=1 (the check's own
// test). Others (nginx, PostgreSQL, Apache, sh) inherit the preload but are left alone: close(-1)
// and friends are their business. close(-1) is never counted (nothing was owned).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int (*real_close)(int);
static int enabled;

__attribute__((constructor)) static void closecheck_init(void) {
    real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    const char *all = getenv("SRF_CLOSE_CHECK_ALL");
    if (all && strcmp(all, "1") == 0) { enabled = 1; return; }
    const char *given = getenv("SRF_CLOSE_CHECK_DIR");
    char dir[PATH_MAX], exe[PATH_MAX];
    if (!given || !realpath(given, dir)) return;  // /proc/self/exe is resolved: compare resolved paths
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = 0;
    size_t length = strlen(dir);
    enabled = strncmp(exe, dir, length) == 0 && exe[length] == '/';
}

int close(int fd) {
    if (!real_close) real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
    int result = real_close(fd);
    if (result != 0 && errno == EBADF && fd >= 0 && enabled) {
        char message[160];
        int length = snprintf(message, sizeof message,
                              "\nclose check: close(%d) failed with EBADF in pid %d: descriptor %d was closed twice "
                              "(or never opened). Backtrace:\n", fd, (int)getpid(), fd);
        (void)!write(2, message, (size_t)length);
        void *frames[64];
        backtrace_symbols_fd(frames, backtrace(frames, 64), 2);
        abort();
    }
    return result;
}
