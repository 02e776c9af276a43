"""Two api-server builds side by side: req/s, p99 and CPU per request, and instructions per request.

Run it through `Tests/Benchmarks/compare` (which installs what it needs); `--help` lists the
options. Prints a markdown report on standard output (progress goes to standard error) and
exits 1 when something failed: a wrong status, an error under load, a responder that died.

On a shared machine req/s moves between runs by more than most changes do, so the two builds
run at the same time on one PostgreSQL and one nginx and take turns (the first of each round
alternates), and what is reported is the median of the per-round ratios after ÷ before.
Instruction counts (--instructions) hardly depend on the machine's load: the lowest of a few
passes is reported, with the range of the per-pass ratios.
"""
import argparse
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from dataset import ENDPOINTS, ROOT, apply_schema, capture_plan, generate, request
from instructions import CallgrindResponder, count_passes, wait_until_serving
from load import wrk
from stack import CPUMeter, Nginx, Postgres, Process, process_tree, wait_for, free_ports

TITLES = {
    "retrieve": "retrieve user `GET /api/users/{id}/`",
    "list": "list users `GET /api/users/?page=n`",
    "public": "public accounts `GET /api/public-accounts/?limit=10&offset=n`",
    "create": "create note `POST /api/notes/`",
}


class Failure(Exception):
    """A build did not answer as it must."""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", required=True, help="the api-server binary to compare against")
    p.add_argument("--after", required=True, help="the api-server binary with the change")
    p.add_argument("--endpoints", default=",".join(ENDPOINTS), help="subset of retrieve,list,public,create")
    p.add_argument("--rounds", type=int, default=3, help="rounds of wrk runs per endpoint (default 3)")
    p.add_argument("--duration", type=int, default=5, help="whole seconds per measured wrk run (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="whole seconds of wrk before each measured run (default 1)")
    p.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    p.add_argument("--workers", type=int, default=8, help="api-server workers for the throughput runs (default 8)")
    p.add_argument("--users", type=int, default=10000, help="users in the data set (default 10000)")
    p.add_argument("--instructions", action="store_true", help="also count instructions per request (callgrind)")
    p.add_argument("--requests", type=int, default=300, help="requests counted per endpoint under callgrind")
    p.add_argument("--passes", type=int, default=3, help="callgrind passes per endpoint and build; the lowest "
                                                         "count is reported (default 3)")
    p.add_argument("--no-throughput", action="store_true", help="skip the wrk runs")
    p.add_argument("--keep", action="store_true", help="keep the work directory (logs, callgrind dumps)")
    p.add_argument("--after-env", action="append", default=[], metavar="NAME=VALUE",
                   help="an environment variable for the after build only (repeatable); with the same binary "
                        "on both sides, the cost of a setting (REFERENCE_THROTTLE_RATES=user=1000/s)")
    a = p.parse_args()
    a.endpoints = a.endpoints.split(",")
    if any("=" not in pair for pair in a.after_env):
        p.error("--after-env takes NAME=VALUE")
    a.after_env = dict(pair.split("=", 1) for pair in a.after_env)
    unknown = [e for e in a.endpoints if e not in ENDPOINTS]
    if unknown:
        p.error(f"unknown endpoints {unknown}: choose from {','.join(ENDPOINTS)}")
    for path in (a.before, a.after):
        if not os.access(path, os.X_OK):
            p.error(f"{path} is not an executable")
    if a.no_throughput and not a.instructions:
        p.error("--no-throughput without --instructions measures nothing")
    if a.users < 100 or a.rounds < 1 or a.requests < 1 or a.passes < 1 or a.duration < 1 or a.warmup < 0:
        p.error("need at least 100 users, 1 round, 1 request, 1 pass and a 1 s run")
    return a


def log(message):
    print(f"[compare {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Build:
    """One binary: its nginx ports and responders (8 workers for wrk; 1 under callgrind)."""

    def __init__(self, name, binary, port, callgrind_port):
        self.name, self.binary, self.port, self.callgrind_port = name, os.path.abspath(binary), port, callgrind_port
        self.process = self.callgrind = None
        self.env = {}           # variables for this build only (--after-env)
        self.requests = 0       # every request wrk sent it, warm-ups included
        self.runs = {}          # endpoint -> [wrk result per round]
        self.instructions = {}  # endpoint -> [instructions per request, one per pass]

    def digest(self):
        with open(self.binary, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()[:12]


def start_throughput(build, a, env, sock):
    build.process = Process(build.name, [build.binary, "--listen", f"unix:{sock}", "--workers", str(a.workers),
                                         "--access-log", "off"], os.path.join(os.path.dirname(sock),
                                                                              f"{build.name}.log"),
                            env=dict(env, **build.env))
    wait_for(sock, 60, f"{build.name}'s socket", build.process)
    os.chmod(sock, 0o777)  # nginx's workers run as another user


def check(build, port, a, data):
    """One request per endpoint: the status it must answer."""
    for endpoint in a.endpoints:
        path = capture_plan(endpoint, data)[0]
        status, body = request(port, endpoint, path, data)
        if status != ENDPOINTS[endpoint][2]:
            raise Failure(f"{build.name}: {endpoint} {path} answered {status}: {body[:300]}")


def wrk_run(build, endpoint, a, data, seconds):
    if not build.process.alive():
        raise Failure(f"{build.name} is not running:\n{build.process.tail()}")
    meter = CPUMeter(build.process.pid)
    # This run's cluster only (its postmaster's children): other tenants' PostgreSQL stays out.
    meter.groups["postgres"] = lambda: process_tree(a.postmaster)[1:]
    with meter:
        result = wrk(build.port, endpoint, seconds, a.connections, data)
    if result["non2xx"] or result["errors"] or result["requests"] <= 0:
        raise Failure(f"{build.name} on {endpoint}: {result['non2xx']} non-2xx answers, {result['errors']} socket "
                      f"errors in {result['requests']} requests")
    used = meter.per_request_us(result["requests"])
    result["cpu_us"], result["pg_us"] = used["responder"], used["postgres"]
    return result


def measure_throughput(builds, a, data):
    for rnd in range(a.rounds):
        for endpoint in a.endpoints:
            for build in (builds if rnd % 2 == 0 else builds[::-1]):
                log(f"round {rnd + 1}/{a.rounds} {endpoint}: {build.name}")
                if a.warmup > 0:
                    build.requests += wrk_run(build, endpoint, a, data, a.warmup)["requests"]
                build.runs.setdefault(endpoint, []).append(wrk_run(build, endpoint, a, data, a.duration))
                build.requests += build.runs[endpoint][-1]["requests"]


def throttle_writes(pg):
    """Rows the throttle store wrote (inserts and updates of srf_throttle, every statement that
    counted a hit or granted a lease), from PostgreSQL's statistics. Backends report them when
    idle, at the latest PGSTAT_IDLE_INTERVAL (10 s) after their last statement: wait that long."""
    time.sleep(11)
    out = pg.psql("bench", "SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables "
                           "WHERE relname = 'srf_throttle'").strip()
    return int(out or 0)


def measure_instructions(builds, a, data, work, env):
    for build in builds:
        sock = os.path.join(work, f"{build.name}-callgrind.sock")
        build.callgrind = CallgrindResponder(build.name, build.binary, sock, work, dict(env, **build.env))
    wait_until_serving([build.callgrind for build in builds])
    counts = count_passes([(build.callgrind, build.callgrind_port) for build in builds], a.endpoints, data,
                          a.passes, a.requests, log)
    for build in builds:
        build.instructions = counts[build.name]


# --- the report ---------------------------------------------------------------------------------

def ratio_cell(pairs):
    """Median of the per-round ratios after ÷ before, and their range: the noise of this run."""
    ratios = [after / before for before, after in pairs if before]
    if not ratios:
        return "–"
    if len(ratios) == 1:
        return f"{ratios[0]:.2f}"
    return f"**{statistics.median(ratios):.2f}** ({min(ratios):.2f}–{max(ratios):.2f})"


def load_average():
    """The 1-minute load average: how busy the shared machine was (2 cores here)."""
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def report(builds, a, data, started, load):
    before, after = builds
    lines = [f"Compared on {time.strftime('%Y-%m-%d %H:%M', time.gmtime(started))} UTC "
             f"({time.time() - started:.0f} s; load average {load} at the start, {load_average()} at the end): "
             f"before = `{before.binary}` (sha256 {before.digest()}), "
             f"after = `{after.binary}` (sha256 {after.digest()})"
             + "".join(f" with `{k}={v}`" for k, v in after.env.items()) + "; "
             f"{data['users']:,} users, {data['accounts']:,} accounts, {data['users'] * 5:,} notes "
             "(Tests/Benchmarks/data.sql).", ""]
    if a.instructions:
        passes = f"lowest of {a.passes} passes" if a.passes > 1 else "1 pass"
        lines += [f"### Instructions per request (callgrind, {a.requests} requests each, {passes})", "",
                  "| endpoint | before | after | after ÷ before | per pass |", "|---|---:|---:|---:|---:|"]
        for e in a.endpoints:
            b, f = min(before.instructions[e]), min(after.instructions[e])
            ratios = [y / x for x, y in zip(before.instructions[e], after.instructions[e])]
            lines.append(f"| {TITLES[e]} | {b:,.0f} | {f:,.0f} | {f / b:.3f} "
                         f"| {min(ratios):.3f}–{max(ratios):.3f} |")
        lines += ["", "Per pass: the range of after ÷ before over the passes (the same binary on both sides: "
                      "within 0.997–1.003).", ""]
    if not a.no_throughput:
        rounds = f"{a.rounds} alternating round{'s' if a.rounds > 1 else ''} of {a.duration:g} s"
        lines += [f"### Throughput side by side (wrk -t1 -c{a.connections} through nginx, {a.workers} workers "
                  f"each, {rounds})", "",
                  "| endpoint | build | req/s per round | p99 ms per round | CPU µs/request per round "
                  "| PostgreSQL CPU µs/request per round |",
                  "|---|---|---|---|---|---|"]
        for e in a.endpoints:
            for build in builds:
                runs = build.runs[e]
                lines.append(f"| {e} | {build.name} | " + " | ".join(
                    " · ".join(fmt.format(r[key]) for r in runs)
                    for key, fmt in (("rps", "{:,.0f}"), ("p99_ms", "{:.1f}"), ("cpu_us", "{:.0f}"),
                                     ("pg_us", "{:.0f}"))) + " |")
        lines += ["", "After ÷ before, median of the rounds (range): for req/s above 1 is faster, for p99 and CPU "
                      "below 1 is better.", "",
                  "| endpoint | req/s | p99 | CPU µs/request | PostgreSQL CPU µs/request |", "|---|---|---|---|---|"]
        for e in a.endpoints:
            cells = [ratio_cell(list(zip((r[key] for r in before.runs[e]), (r[key] for r in after.runs[e]))))
                     for key in ("rps", "p99_ms", "cpu_us", "pg_us")]
            lines.append(f"| {e} | " + " | ".join(cells) + " |")
        if getattr(a, "throttle_writes", 0):
            # Only a build with throttling on (typically the after build, --after-env) writes them.
            requests = after.requests if after.env else sum(build.requests for build in builds)
            lines += ["", f"Throttle store: {a.throttle_writes:,} rows written (inserts and updates of srf_throttle) "
                          f"for {requests:,} requests, warm-ups included ({a.throttle_writes / requests:.4f} per request)."]
    return "\n".join(lines)


def main():
    a = parse_args()
    started = time.time()
    load = load_average()
    work = tempfile.mkdtemp(prefix="srf-compare.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    base = free_ports(4)
    builds = [Build("before", a.before, base, base + 2), Build("after", a.after, base + 1, base + 3)]
    builds[1].env = a.after_env
    nginx, status = None, 1
    try:
        pg.start()
        with open(os.path.join(pg.data, "postmaster.pid")) as f:
            a.postmaster = int(f.readline())
        apply_schema(pg)
        data = generate(pg, a.users, log=log)
        env = dict(os.environ, DATABASE_URL=pg.url("apiserver"))
        nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
        for build in builds:  # the callgrind sockets appear later; nginx connects per request
            nginx.add_fastcgi(build.port, os.path.join(work, f"{build.name}.sock"))
            nginx.add_fastcgi(build.callgrind_port, os.path.join(work, f"{build.name}-callgrind.sock"))
        nginx.start()
        if not a.no_throughput:
            for build in builds:
                start_throughput(build, a, env, os.path.join(work, f"{build.name}.sock"))
            for build in builds:
                check(build, build.port, a, data)
            measure_throughput(builds, a, data)
            a.throttle_writes = throttle_writes(pg)
            for build in builds:  # free the CPU for valgrind
                build.process.stop()
        if a.instructions:
            measure_instructions(builds, a, data, work, env)
        print(report(builds, a, data, started, load))
        status = 0
    except (Failure, RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        log(f"FAILED: {error}")
        if isinstance(error, subprocess.CalledProcessError) and error.stderr:
            log(str(error.stderr)[-2000:])
    finally:
        if nginx:
            nginx.stop()
        for build in builds:
            for responder in (build.process, build.callgrind):
                if responder:
                    responder.stop()
        pg.stop()
        if a.keep or status:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
