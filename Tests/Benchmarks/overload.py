"""Overload: the list endpoint with more requests in flight than workers, p50 against p99.

Run it through `Tests/Benchmarks/run --suite overload` (which installs what it needs); `--help`
lists the options. Prints a markdown table on standard output (progress on standard error).

The scale series' largest sizes are an overload: wrk keeps 32 requests in flight on 8 workers
whose list requests take from tens to hundreds of milliseconds each (`SELECT count(*)` and an
`OFFSET` scan over the whole users table), so most of a request's time is its wait for a
worker. Served in the order they arrive, every request waits about as long as the others and
p99 stays within about 2x p50; a p99 far above that means some requests are passed over. Each
build (`--binary NAME=PATH[,ARG...]`, e.g. `before=OLD` `after=NEW,--max-queue-wait,5`) gets
its own responder behind the same nginx and PostgreSQL; they take turns round by round. 503s
(from `--max-queue-wait`) are counted, not failures.
"""
import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

from dataset import apply_schema, capture_plan, generate, request
from load import wrk
from stack import Nginx, Postgres, Process, wait_for, free_ports

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", action="append", required=True,
                   help="NAME=PATH[,ARG...]: an api-server build and extra arguments (repeat to compare)")
    p.add_argument("--users", type=int, default=100000, help="users in the table (default 100000)")
    p.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    p.add_argument("--workers", type=int, default=8, help="api-server workers (default 8)")
    p.add_argument("--duration", type=int, default=10, help="seconds per measured run (default 10)")
    p.add_argument("--warmup", type=int, default=3, help="seconds of wrk before each run (default 3)")
    p.add_argument("--rounds", type=int, default=2, help="rounds; builds take turns (default 2)")
    p.add_argument("--keep", action="store_true", help="keep the work directory")
    a = p.parse_args()
    a.builds = []
    for spec in a.binary:
        name, _, rest = spec.partition("=")
        path, *extra = rest.split(",")
        if not name or not os.access(path, os.X_OK):
            p.error(f"--binary {spec}: want NAME=PATH[,ARG...] naming an executable")
        a.builds.append((name, os.path.abspath(path), extra))
    if a.users < 100:
        p.error("the data set needs at least 100 users")
    return a


def log(message):
    print(f"[overload {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    a = parse_args()
    work = tempfile.mkdtemp(prefix="srf-overload.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    nginx, processes, status = None, [], 1
    started, load_before = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), load_average()
    try:
        pg.start()
        apply_schema(pg)
        data = generate(pg, a.users, full=False, log=log)
        # The project's params plus the stamp --max-queue-wait times from, as api-server.conf sets it.
        params = os.path.join(work, "fastcgi_params")
        with open(os.path.join(ROOT, "deploy", "nginx", "fastcgi_params")) as f, open(params, "w") as out:
            out.write(f.read() + '\nfastcgi_param HTTP_X_REQUEST_START "t=${msec}";\n')
        nginx = Nginx(work, params)
        base = free_ports(len(a.builds))
        builds = []
        for i, (name, path, extra) in enumerate(a.builds):
            sock = os.path.join(work, f"{name}.sock")
            env = dict(os.environ, DATABASE_URL=pg.url("apiserver"))
            process = Process(name, [path, "--listen", f"unix:{sock}", "--workers", str(a.workers),
                                     "--access-log", "off", *extra], os.path.join(work, f"{name}.log"), env=env)
            processes.append(process)
            wait_for(sock, 60, f"{name}'s socket", process)
            os.chmod(sock, 0o777)  # nginx's workers run as another user
            nginx.add_fastcgi(base + i, sock)
            builds.append({"name": name, "port": base + i, "extra": extra, "process": process, "runs": []})
        nginx.start()
        path = capture_plan("list", data)[0]
        for b in builds:
            code, body = request(b["port"], "list", path, data)
            if code != 200:
                raise RuntimeError(f"{b['name']}: {path} answered {code}: {body[:300]}")
        for rnd in range(a.rounds):
            for b in (builds if rnd % 2 == 0 else builds[::-1]):
                log(f"round {rnd + 1}/{a.rounds}: {b['name']}")
                if a.warmup > 0:
                    wrk(b["port"], "list", a.warmup, a.connections, data, timeout=55)
                result = wrk(b["port"], "list", a.duration, a.connections, data, timeout=55)
                if result["errors"] or not b["process"].alive():
                    raise RuntimeError(f"{b['name']}: {result['errors']} socket errors\n{b['process'].tail()}")
                b["runs"].append(result)
        print(f"Overload: list at {a.users:,} users, wrk -c{a.connections} through nginx on --workers "
              f"{a.workers}, {a.rounds} round(s) of {a.warmup} s warm-up + {a.duration} s; started {started}, "
              f"load average {load_before} before, {load_average()} after.\n")
        print("| build | arguments | req/s | p50 ms | p99 ms | p99 ÷ p50 | 503s | per round (p50 / p99 ms) |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        for b in builds:
            runs = b["runs"]
            p50 = statistics.median(r["p50_ms"] for r in runs)
            p99 = statistics.median(r["p99_ms"] for r in runs)
            rounds = ", ".join(f"{r['p50_ms']:.0f} / {r['p99_ms']:.0f}" for r in runs)
            print(f"| {b['name']} | {' '.join(b['extra']) or '—'} | {statistics.median(r['rps'] for r in runs):,.1f} "
                  f"| {p50:,.0f} | {p99:,.0f} | {p99 / p50:.2f} | {sum(r['non2xx'] for r in runs)} | {rounds} |")
        status = 0
    except Exception as error:  # noqa: BLE001 - reported with the work directory kept
        log(f"failed: {error}")
        a.keep = True
    finally:
        if nginx:
            nginx.stop()
        for process in processes:
            process.stop()
        pg.stop()
        if a.keep:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
