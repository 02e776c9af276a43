"""Instructions per request of one api-server build, counted by callgrind.

The responder runs under `valgrind --tool=callgrind` with one worker behind nginx. Per
endpoint: warm-up requests, `callgrind_control -z` (zero the counters), N requests sent one
after the other on one keep-alive connection to nginx, `callgrind_control -d` (dump), and the
dump's summary divided by N. Counts are the user-space instructions of the api-server process
(Swift, libpq, libfcgi, libc: every thread, --separate-threads=no), no kernel time: they move
by tenths of a percent where req/s on this shared machine moves by tens of percent.

What still moves them between two processes of the same binary (up to ~0.3 % measured): Swift's
per-process hashing seed (fixed here with SWIFT_DETERMINISTIC_HASHING=1) and, most likely, the
heap's layout (threads allocate in an order that timing decides; copies and searches in libc
take more or fewer instructions by alignment). Within one process, successive passes of the
same requests differ by up to ~0.6 % (most likely the first use of each token, the heap
growing), the same way for every build.
"""
import glob
import http.client
import os
import random
import re
import subprocess

from dataset import CREATE_BODY, ENDPOINTS
from stack import Process, wait_for

CALLGRIND = ["valgrind", "--tool=callgrind", "--separate-threads=no", "--dump-instr=no"]
# The requests callgrind can count: the benchmark's endpoints, plus a metadata request (OPTIONS on
# the notes list, with a token: DRF's SimpleMetadata with the POST action's fields), which only
# the instruction guard uses (wrk and pgbench have no use for it).
REQUESTS = dict(ENDPOINTS, options=("OPTIONS /api/notes/", True, 200))


def draw(endpoint, data, rng):
    """One random request as wrk.lua makes it: (method, path, headers, body)."""
    headers = {"Host": "127.0.0.1"}
    if REQUESTS[endpoint][1]:
        headers["Authorization"] = "Token " + rng.choice(data["tokens"])
    if endpoint == "retrieve":
        return "GET", f"/api/users/{rng.randint(1, data['users'])}/", headers, None
    if endpoint == "list":
        return "GET", f"/api/users/?page={rng.randint(1, data['pages'])}", headers, None
    if endpoint == "public":
        return "GET", f"/api/public-accounts/?limit=10&offset={rng.randint(0, max(data['accounts'], 1) - 1)}", \
            headers, None
    if endpoint == "options":
        return "OPTIONS", "/api/notes/", headers, None
    headers["Content-Type"] = "application/json"
    return "POST", "/api/notes/", headers, CREATE_BODY


class CallgrindResponder:
    """api-server under callgrind, listening on `socket` (nginx's server block points at it)."""

    def __init__(self, name, binary, socket, work, env):
        self.name, self.socket = name, socket
        self.out = os.path.join(work, f"callgrind-{name}.out")
        cmd = CALLGRIND + [f"--callgrind-out-file={self.out}", binary, "--listen", f"unix:{socket}",
                           "--workers", "1", "--access-log", "off"]
        self.process = Process(f"{name} (callgrind)", cmd, os.path.join(work, f"callgrind-{name}.log"),
                               env=dict(env, SWIFT_DETERMINISTIC_HASHING="1"))

    def _control(self, flag):
        out = subprocess.run(["callgrind_control", flag, str(self.process.pid)], capture_output=True, text=True,
                             timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"callgrind_control {flag} {self.name}: {out.stdout}{out.stderr}")

    def _dumps(self):
        return set(glob.glob(self.out + ".*"))

    def measure(self, port, endpoint, data, requests, warmup, seed):
        """Instructions per request over `requests` requests (the same sequence for every build:
        the random draws come from `seed`)."""
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            for _ in range(warmup):
                self._send(connection, endpoint, data, rng)
            self._control("-z")
            before = self._dumps()
            for _ in range(requests):
                self._send(connection, endpoint, data, rng)
            self._control("-d")
        finally:
            connection.close()
        new = sorted(self._dumps() - before, key=os.path.getmtime)
        if not new:
            raise RuntimeError(f"callgrind wrote no dump for {self.name} {endpoint}")
        return total_instructions(new[-1]) / requests

    def _send(self, connection, endpoint, data, rng):
        method, path, headers, body = draw(endpoint, data, rng)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read()
        if response.status != REQUESTS[endpoint][2]:
            raise RuntimeError(f"{self.name} (callgrind): {method} {path} answered {response.status}: "
                               f"{text[:300].decode('utf-8', 'replace')}")

    def stop(self):
        self.process.stop(timeout=60)


def wait_until_serving(responders):
    """Waits for each responder's socket and opens it to nginx's workers (another user)."""
    for responder in responders:  # valgrind starts a Swift binary in seconds to tens of seconds
        wait_for(responder.socket, 300, f"{responder.name}'s socket under callgrind", responder.process)
        os.chmod(responder.socket, 0o777)


def count_passes(targets, endpoints, data, passes, requests, log, warmup=30):
    """Instructions per request of each (responder, nginx port) in `targets`, per endpoint, one
    figure per pass: {responder name: {endpoint: [count, ...]}}.

    Passes at different points of a process's life count differently (most likely the first use
    of each token, the heap growing), the same way for every build; a single pass can also land
    on a process-to-process difference. So callers take the lowest of a few passes. Builds take
    turns (the first alternates by pass); the requests come from a seed per endpoint, the same
    for every build and every run."""
    counts = {responder.name: {} for responder, _ in targets}
    for n in range(passes):
        for endpoint in endpoints:
            for responder, port in (targets if n % 2 == 0 else targets[::-1]):
                count = responder.measure(port, endpoint, data, requests, warmup=warmup, seed=f"compare-{endpoint}")
                log(f"callgrind pass {n + 1}/{passes} {endpoint}: {responder.name} {count:,.0f}")
                counts[responder.name].setdefault(endpoint, []).append(count)
    return counts


def total_instructions(dump):
    """The `summary:` line of a callgrind dump: callgrind's count of instructions (Ir) executed
    since the zero. (The `totals:` line, the sum of the dump's cost lines, came out ~86k higher
    per dump when requests ran between the zero and the dump, whatever their number, and equal
    for an idle responder: an offset, not a cost per request.)"""
    with open(dump, errors="replace") as f:
        text = f.read()
    found = re.search(r"^summary:\s+(\d+)", text, re.M)
    if not found:
        raise RuntimeError(f"no summary line in {dump}")
    return int(found.group(1))
