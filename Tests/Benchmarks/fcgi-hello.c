/*
 * The FastCGI transport ceiling: a libfcgi responder that answers every request with a fixed
 * small JSON body, with N threads accepting on one socket as api-server's workers do.
 *
 *   cc -O2 -o fcgi-hello fcgi-hello.c -lfcgi -lpthread
 *   fcgi-hello unix:/tmp/hello.sock 8        (or 127.0.0.1:9000)
 *
 * It reads the request body (as a real responder must) and ignores it.
 */
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char RESPONSE[] =
    "Status: 200 OK\r\n"
    "Content-Type: application/json\r\n"
    "Allow: GET, HEAD, OPTIONS\r\n"
    "\r\n"
    "{\"id\":1,\"username\":\"user1\",\"status\":\"ok\"}";

static int listen_fd;

static void *serve(void *unused) {
    (void)unused;
    FCGX_Request *request = calloc(1, sizeof *request);
    char buffer[4096];
    if (request == NULL || FCGX_InitRequest(request, listen_fd, 0) != 0) return NULL;
    while (FCGX_Accept_r(request) >= 0) {
        while (FCGX_GetStr(buffer, sizeof buffer, request->in) > 0) {}
        FCGX_PutStr(RESPONSE, (int)sizeof RESPONSE - 1, request->out);
        FCGX_Finish_r(request);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s unix:/path.sock|host:port threads\n", argv[0]);
        return 2;
    }
    const char *address = strncmp(argv[1], "unix:", 5) == 0 ? argv[1] + 5 : argv[1];
    int threads = atoi(argv[2]);
    if (threads < 1) threads = 1;
    if (FCGX_Init() != 0 || (listen_fd = FCGX_OpenSocket(address, 1024)) < 0) {
        fprintf(stderr, "fcgi-hello: cannot listen on %s\n", argv[1]);
        return 1;
    }
    /* libfcgi's SIGTERM handler only sets a flag that blocked accepts never see: the benchmark
     * stops this process with SIGTERM, so let it terminate. */
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    pthread_t ids[256];
    if (threads > 256) threads = 256;
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, serve, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    return 0;
}
