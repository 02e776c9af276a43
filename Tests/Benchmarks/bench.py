"""The benchmark: api-server against DRF and two ceilings, through nginx, on one PostgreSQL.

Run it through `Tests/Benchmarks/run` (which installs what it needs); `--help` lists the options.
Contenders, per endpoint, rotated A B C A B C ...:
  c-ceiling   Tests/Benchmarks/fcgi-hello.c: libfcgi answering a fixed body (transport ceiling)
  api-server  the project's responder serving the reference API
  drf         Tests/DRFReference on gunicorn (sync workers, 2 x cores + 1)
  pgbench     the SQL api-server issued for the endpoint, captured and replayed (database
              ceiling); DRF's SQL while api-server does not serve the reference API yet
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import capture
import report
from dataset import ENDPOINTS, apply_schema, capture_plan, generate, request
from load import wrk
from stack import CPUMeter, Nginx, Postgres, Process, http, peak_rss_kib, reset_peak_rss, run, wait_for, free_ports

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


class Failure(Exception):
    """A contender that should work did not."""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="a few seconds on tiny data; writes nothing to docs/")
    p.add_argument("--users", type=int, help="users in the data set (default 10000; smoke 200)")
    p.add_argument("--duration", type=int, help="whole seconds per measured run (default 10; smoke 1)")
    p.add_argument("--warmup", type=int, help="whole seconds of warm-up before each run (default 3; smoke 0)")
    p.add_argument("--rotations", type=int, help="rotations of the contenders (default 3; smoke 0)")
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--workers", type=int, default=8, help="api-server workers and fcgi-hello threads")
    p.add_argument("--scale", help="user counts for the list series (default 1000,10000,100000,1000000; "
                                   "smoke 300; 'none' to skip)")
    p.add_argument("--endpoints", default=",".join(ENDPOINTS), help="subset, comma-separated")
    p.add_argument("--api-server", help="api-server binary (default: $SRF_API_SERVER, else a release build;"
                                        " smoke: $SRF_TEST_BIN/api-server if set)")
    p.add_argument("--no-build", action="store_true", help="never run swift build")
    p.add_argument("--throttle", metavar="RATES",
                   help="also run api-server-throttled: api-server with REFERENCE_THROTTLE_RATES=RATES "
                        "(e.g. user=1000/s: counted in PostgreSQL, never refused at wrk's rate), measured beside "
                        "api-server in each rotation (the cost of throttling)")
    p.add_argument("--out", help="report directory (default docs/; smoke: .bench/smoke/)")
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    a = p.parse_args()
    smoke = a.smoke
    a.users = a.users or (200 if smoke else 10000)
    a.duration = a.duration or (1 if smoke else 10)
    a.warmup = a.warmup if a.warmup is not None else (0 if smoke else 3)
    a.rotations = a.rotations or (1 if smoke else 3)
    scale = a.scale or ("300" if smoke else "1000,10000,100000,1000000")
    a.scale = [] if scale == "none" else [int(s) for s in scale.split(",")]
    a.endpoints = a.endpoints.split(",")
    if a.users < 100 or any(n < 100 for n in a.scale):
        p.error("data sets need at least 100 users")
    return a


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Contender:
    def __init__(self, name, port=None, process=None, role=None, workers=None):
        self.name, self.port, self.process, self.role, self.workers = name, port, process, role, workers
        self.unavailable = None  # a reason, when the contender is skipped
        self.nginx_pid = None    # for the CPU split of each run (set once nginx runs)
        self.scripts = {}        # pgbench: endpoint -> (paths, defines, protocol, clients, captured)

    def measure(self, endpoint, a, data, duration, timeout=10):
        if self.name.startswith("pgbench"):
            paths, defines, protocol, clients, _ = self.scripts[endpoint]
            with CPUMeter() as meter:
                result = capture.pgbench(self.pg, paths, defines, protocol, clients, duration,
                                         os.path.join(self.work, "pgbench-log"))
            result["rss_kib"] = None
            # pgbench's backends come and go within the run: PostgreSQL's share is in "other".
            result["cpu_us"] = meter.per_request_us(result["rps"] * duration)
            return result
        if not self.process.alive():
            raise Failure(f"{self.name} is not running:\n{self.process.tail()}")
        reset_peak_rss(self.process.pid)
        with CPUMeter(self.process.pid, self.nginx_pid) as meter:
            result = wrk(self.port, endpoint, duration, a.connections, data, timeout)
        result["rss_kib"] = peak_rss_kib(self.process.pid)
        result["cpu_us"] = meter.per_request_us(result["requests"])
        return result


def find_api_server(a):
    path = a.api_server or os.environ.get("SRF_API_SERVER")
    if not path and a.smoke and os.environ.get("SRF_TEST_BIN"):
        path = os.path.join(os.environ["SRF_TEST_BIN"], "api-server")
    if path:
        return path if os.access(path, os.X_OK) else (None, f"{path} is not an executable")
    if a.smoke or a.no_build:
        return None, ("no api-server binary: smoke mode builds nothing" if a.smoke else "--no-build and no binary") \
            + " (name one with --api-server or $SRF_API_SERVER; the smoke also takes $SRF_TEST_BIN/api-server)"
    if not shutil.which("swift"):
        return None, "swift is not on the PATH: cannot build api-server"
    log("building api-server (release)")
    run(["swift", "build", "-c", "release", "--product", "api-server"], cwd=ROOT)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(bin_path, "api-server")


def start_stack(a, work, pg, ports):
    """Starts the responders and nginx; returns the contenders by name."""
    hello = os.path.join(work, "fcgi-hello")
    run(["cc", "-O2", "-o", hello, os.path.join(HERE, "fcgi-hello.c"), "-lfcgi", "-lpthread"])
    sock = lambda name: os.path.join(work, f"{name}.sock")  # noqa: E731
    nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
    contenders = {}

    # libfcgi blocks a thread on each kept connection: one thread per connection nginx may keep.
    c = Contender("c-ceiling", ports[0], workers=Nginx.most_fastcgi_connections(a.connections))
    c.process = Process(c.name, [hello, f"unix:{sock('hello')}", str(c.workers)], os.path.join(work, "hello.log"))
    nginx.add_fastcgi(c.port, sock("hello"))
    contenders[c.name] = c

    found = find_api_server(a)
    variants = [("api-server", ports[1], {}), ("api-server-estimated", ports[2], {"SRF_PAGINATION_COUNT": "estimated"})]
    if a.throttle:
        variants.append(("api-server-throttled", ports[4], {"REFERENCE_THROTTLE_RATES": a.throttle}))
    for name, port, extra_env in variants:
        c = Contender(name, port, role="apiserver", workers=a.workers)
        if isinstance(found, tuple):
            c.unavailable = found[1]
        else:
            env = dict(os.environ, DATABASE_URL=pg.url("apiserver"), **extra_env)
            c.process = Process(name, [found, "--listen", f"unix:{sock(name)}", "--workers", str(a.workers),
                                       "--access-log", "off"], os.path.join(work, f"{name}.log"), env=env)
            nginx.add_fastcgi(port, sock(name))
        contenders[name] = c

    c = Contender("drf", ports[3], role="drf", workers=2 * os.cpu_count() + 1)
    env = dict(os.environ, DATABASE_URL=pg.url("drf"))
    c.process = Process("drf", [os.path.join(ROOT, "Tests", "DRFReference", "serve.sh"), f"unix:{sock('drf')}",
                                "--workers", str(c.workers)], os.path.join(work, "drf.log"), env=env)
    nginx.add_http(c.port, sock("drf"))
    contenders["drf"] = c

    for c in contenders.values():
        if c.process:
            wait_for(sock("hello" if c.name == "c-ceiling" else c.name), 60, f"{c.name}'s socket", c.process)
            os.chmod(sock("hello" if c.name == "c-ceiling" else c.name), 0o777)  # nginx's workers
    nginx.start()
    for c in contenders.values():
        c.nginx_pid = nginx.process.pid
    return nginx, contenders


def check(contenders, a, data):
    """One request per endpoint and contender: the status the endpoint must answer."""
    api = contenders["api-server"]
    if not api.unavailable:
        status, body = http(api.port, "/api/public-accounts/?limit=1", headers={"Host": "127.0.0.1"})
        try:
            served = status == 200 and {"count", "results"} <= set(json.loads(body))
        except (ValueError, TypeError):
            served = False
        if not served:
            reason = f"api-server answers {status} {body[:60]!r} for /api/public-accounts/: the reference API is not served yet"
            for name in ("api-server", "api-server-estimated", "api-server-throttled"):
                if name not in contenders:
                    continue
                contenders[name].unavailable = reason
                contenders[name].process.stop()
    for c in contenders.values():
        if c.unavailable or not c.process:
            continue
        for endpoint in a.endpoints:
            path = capture_plan(endpoint, data)[0]
            status, body = request(c.port, endpoint, path, data)
            if status != (200 if c.name == "c-ceiling" else ENDPOINTS[endpoint][2]):
                raise Failure(f"{c.name}: {endpoint} {path} answered {status}: {body[:300]}")


def prepare_pgbench(contenders, data, pg, work, endpoints, tag="main"):
    """Captures the SQL of api-server (else DRF) per endpoint and writes the pgbench scripts."""
    api = contenders["api-server"]
    source = api if not api.unavailable else contenders["drf"]
    c = Contender("pgbench")
    c.pg, c.work, c.source = pg, work, source.name
    for endpoint in endpoints:
        path, variables, header = capture_plan(endpoint, data)
        for _ in range(3 * source.workers):  # every worker has its connection open and warm
            request(source.port, endpoint, path, data)
        captured = capture.capture(pg, source.role, lambda: request(source.port, endpoint, path, data))
        if not captured.statements:
            raise Failure(f"no SQL captured from {source.name} for {endpoint}")
        pool = data["pool"] if ENDPOINTS[endpoint][1] else []
        paths, defines = capture.scripts(captured, os.path.join(work, f"pgbench-{tag}-{endpoint}"), variables,
                                         header, pool)
        c.scripts[endpoint] = (paths, defines, captured.protocol, source.workers, captured)
    return c


SCALE_TIMEOUT = 55  # seconds; below nginx's 60 s read timeouts (stack.py)


def measure_series(a, data, endpoints, order, results, label="", timeout=10):
    for rotation in range(a.rotations):
        for endpoint in endpoints:
            for c in order:
                log(f"{label}rotation {rotation + 1}/{a.rotations} {endpoint}: {c.name}")
                if a.warmup > 0:
                    c.measure(endpoint, a, data, a.warmup, timeout)
                result = c.measure(endpoint, a, data, a.duration, timeout)
                results.setdefault(endpoint, {}).setdefault(c.name, []).append(result)
                if result["non2xx"] or result["errors"] or result["rps"] <= 0:
                    raise Failure(f"{c.name} on {endpoint}: {result}")


def main():
    a = parse_args()
    work = tempfile.mkdtemp(prefix="srf-bench.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    base = free_ports(5)
    ports = [base + i for i in range(5)]
    nginx, contenders, status = None, {}, 1
    started = time.time()
    try:
        pg.start()
        schema = apply_schema(pg)
        data = generate(pg, a.users, log=log)
        nginx, contenders = start_stack(a, work, pg, ports)
        check(contenders, a, data)
        for c in contenders.values():
            if c.unavailable:
                log(f"{c.name}: not available yet: {c.unavailable}")
        db = prepare_pgbench(contenders, data, pg, work, a.endpoints)
        names = ("c-ceiling", "api-server", "api-server-throttled", "drf")
        order = [contenders[n] for n in names if n in contenders and not contenders[n].unavailable] + [db]
        results = {}
        measure_series(a, data, a.endpoints, order, results)

        scale = {}
        if a.scale and "list" in a.endpoints:
            names = ("api-server", "api-server-estimated", "drf")
            scale_order = [contenders[n] for n in names if not contenders[n].unavailable]
            for users in a.scale:
                scale_data = generate(pg, users, full=False, log=log)
                scale_db = prepare_pgbench(contenders, scale_data, pg, work, ["list"], tag=str(users))
                scale[users] = {"captured": scale_db.scripts["list"][4]}
                estimated = contenders["api-server-estimated"]
                if not estimated.unavailable:  # shown in the report: did the variable take effect?
                    path = capture_plan("list", scale_data)[0]
                    scale[users]["estimated"] = capture.capture(
                        pg, "apiserver", lambda: request(estimated.port, "list", path, scale_data))
                # A page deep in a large table costs seconds by design (the count and the
                # OFFSET scan the table): wait as long as nginx does (fastcgi_read_timeout
                # 60s) rather than call a slow answer a failure; the latencies are reported.
                measure_series(a, scale_data, ["list"], scale_order + [scale_db], scale[users],
                               label=f"{users} users: ", timeout=SCALE_TIMEOUT)
        out = a.out or (os.path.join(ROOT, ".bench", "smoke") if a.smoke else os.path.join(ROOT, "docs"))
        report.write(out, a, contenders, db, results, scale, schema, time.time() - started)
        log(f"report: {os.path.join(out, 'benchmark.md')}")
        status = 0
    except (Failure, RuntimeError, subprocess.CalledProcessError) as error:
        log(f"FAILED: {error}")
        if isinstance(error, subprocess.CalledProcessError) and error.stderr:
            log(str(error.stderr)[-2000:])
    finally:
        if nginx:
            nginx.stop()
        for c in contenders.values():
            if c.process:
                c.process.stop()
        pg.stop()
        if a.keep or status:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
