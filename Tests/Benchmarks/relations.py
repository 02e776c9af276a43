"""The relations benchmark: a tasks list with related rows, the framework against DRF.

Run it through `Tests/Benchmarks/run --suite relations` (which installs what it needs);
`--help` lists the options. Prints a markdown report on standard output (progress goes to
standard error) and exits 1 when something failed: a wrong status, the two sides answering
different pages, an error under load, a responder that died.

The endpoint is a benchmark fixture shaped like the part-2 spec's tasks list (not the part-2
reference API, issue 14): `GET /bench/tasks/?page=n` (100 a page) and `?page_size=10&page=n`,
each task with its project's name, the project's account's name, its assignee's username and
its tags' slugs. The Swift side is `srf-relations-bench` (Tests/Benchmarks/relations-bench, on the
reference models: selectRelated("project", "project__account", "assignee") and
prefetchRelated("tags")), the DRF side Tests/DRFReference/api/bench.py (select_related and
prefetch_related, gunicorn), both behind one nginx, on one PostgreSQL with the migrations' tables
and relations.sql's data.

Per side: the statements one request runs (log_statement = all, read back from the CSV log by
database role, as capture.py does for the main benchmark), then alternating rounds of
`wrk -t1 -c32` (which side goes first alternates) with req/s, p99 and the responder's CPU per
request; the report gives each round and the median of the per-round ratios.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from capture import capture
from instructions import CallgrindResponder, wait_until_serving
from dataset import ROOT, apply_schema, django_hash
from load import wrk
from stack import CPUMeter, Nginx, Postgres, Process, http, run, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))
ENDPOINTS = {"tasks-100": ("GET /bench/tasks/?page=n", 100), "tasks-10": ("GET /bench/tasks/?page_size=10&page=n", 10)}


class Failure(Exception):
    """A side did not answer as it must."""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", help="the srf-relations-bench to measure (default: build it in release)")
    p.add_argument("--tasks", type=int, default=2000, help="tasks (default 2000; 50 projects, 10 accounts, "
                                                           "200 users, 20 tags, 0-4 tags a task)")
    p.add_argument("--rounds", type=int, default=3, help="alternating rounds per endpoint (default 3)")
    p.add_argument("--duration", type=int, default=5, help="whole seconds per measured wrk run (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="whole seconds of wrk before each measured run")
    p.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    p.add_argument("--workers", type=int, default=8, help="srf-relations-bench workers (default 8; DRF: "
                                                          "gunicorn's 2 x cores + 1)")
    p.add_argument("--smoke", action="store_true", help="check only: both sides answer the same pages and the "
                                                        "statements are counted; no wrk runs")
    p.add_argument("--instructions", action="store_true", help="also count srf's instructions per request "
                                                               "(callgrind, 1 worker, 100 requests a page size)")
    p.add_argument("--keep", action="store_true", help="keep the work directory (and the callgrind dumps)")
    a = p.parse_args()
    if a.tasks < 100 or a.rounds < 1 or a.duration < 1 or a.warmup < 0:
        p.error("need at least 100 tasks, 1 round and a 1 s run")
    return a


def log(message):
    print(f"[relations {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def binary(a):
    if a.binary:
        return os.path.abspath(a.binary)
    log("building srf-relations-bench (release)")
    run(["swift", "build", "-c", "release", "--product", "srf-relations-bench"], cwd=ROOT, stdout=subprocess.DEVNULL)
    path = run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True,
               text=True).stdout.strip()
    return os.path.join(path, "srf-relations-bench")


def fill(pg, tasks):
    """The reference schema (part 2's tables included), data.sql's users and accounts, relations.sql's
    projects, tasks and tags."""
    apply_schema(pg)
    sizes = {"users": 200, "accounts": 10, "projects": 50, "tags": 20, "tasks": tasks}
    pg.psql("bench", file=os.path.join(HERE, "data.sql"),
            variables={"users": sizes["users"], "accounts": sizes["accounts"], "notes": 0,
                       "hash": django_hash("benchmark")})
    pg.psql("bench", file=os.path.join(HERE, "relations.sql"), variables=sizes)
    sizes["task_tags"] = int(pg.psql("bench", "SELECT count(*) FROM task_tags"))
    return sizes


class Side:
    def __init__(self, name, role, port):
        self.name, self.role, self.port = name, role, port
        self.process = None
        self.statements = {}  # endpoint -> [sql]
        self.runs = {}        # endpoint -> [wrk result per round]


def page_path(endpoint, page):
    return f"/bench/tasks/?page={page}" if endpoint == "tasks-100" else f"/bench/tasks/?page_size=10&page={page}"


def get(side, path):
    status, body = http(side.port, path, headers={"Host": "127.0.0.1"})
    if status != 200:
        raise Failure(f"{side.name}: {path} answered {status}: {body[:300]}")
    return json.loads(body)


def check(sides, sizes):
    """The same pages from both sides (count and results; the links name each side's port)."""
    for endpoint, (_, size) in ENDPOINTS.items():
        last = -(-sizes["tasks"] // size)
        for page in (1, 2, last):
            path = page_path(endpoint, page)
            pages = [get(side, path) for side in sides]
            for side, body in zip(sides, pages):
                if body.get("count") != sizes["tasks"] or not body.get("results"):
                    raise Failure(f"{side.name}: {path} is not a page of {sizes['tasks']} tasks: {str(body)[:300]}")
            if pages[0]["results"] != pages[1]["results"]:
                first = next(i for i, (x, y) in enumerate(zip(pages[0]["results"], pages[1]["results"])) if x != y)
                raise Failure(f"{path}: the sides differ at result {first}:\n  {sides[0].name}: "
                              f"{pages[0]['results'][first]}\n  {sides[1].name}: {pages[1]['results'][first]}")


def count_statements(pg, sides):
    for side in sides:
        for endpoint in ENDPOINTS:
            get(side, page_path(endpoint, 3))  # a warm connection: no set-up in the capture
            captured = capture(pg, side.role, lambda: get(side, page_path(endpoint, 2)))
            # Statements sent in one pipeline share a round trip.
            trips = len(captured.statements) - sum(last - first for first, last in captured.pipeline_spans())
            side.statements[endpoint] = ([sql for sql, _ in captured.statements], trips)


def wrk_run(side, endpoint, a, sizes, seconds, nginx_pid):
    if not side.process.alive():
        raise Failure(f"{side.name} is not running:\n{side.process.tail()}")
    data = {"users": 1, "accounts": 1, "tokens": [], "pages": -(-sizes["tasks"] // ENDPOINTS[endpoint][1])}
    with CPUMeter(side.process.pid, nginx_pid) as meter:
        result = wrk(side.port, endpoint, seconds, a.connections, data)
    if result["non2xx"] or result["errors"] or result["requests"] <= 0:
        raise Failure(f"{side.name} on {endpoint}: {result['non2xx']} non-2xx answers, {result['errors']} socket "
                      f"errors in {result['requests']} requests")
    result["cpu"] = meter.per_request_us(result["requests"])
    result["cpu_us"] = result["cpu"]["responder"]
    return result


def measure(sides, a, sizes, nginx_pid):
    for rnd in range(a.rounds):
        for endpoint in ENDPOINTS:
            for side in (sides if rnd % 2 == 0 else sides[::-1]):
                log(f"round {rnd + 1}/{a.rounds} {endpoint}: {side.name}")
                if a.warmup > 0:
                    wrk_run(side, endpoint, a, sizes, a.warmup, nginx_pid)
                side.runs.setdefault(endpoint, []).append(wrk_run(side, endpoint, a, sizes, a.duration, nginx_pid))


class CallgrindTasks(CallgrindResponder):
    """srf-relations-bench under callgrind: the random pages as wrk.lua draws them."""

    def _send(self, connection, endpoint, data, rng):
        path = page_path(endpoint, rng.randint(1, data["pages"]))
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        text = response.read()
        if response.status != 200:
            raise RuntimeError(f"{self.name} (callgrind): {path} answered {response.status}: {text[:300]!r}")


def count_instructions(side, program, work, pg, port, sizes, requests=100):
    """srf's instructions per request per page size (lowest of 2 passes), its throughput
    responder stopped first to free the CPU."""
    side.process.stop()
    responder = CallgrindTasks("srf", program, os.path.join(work, "srf-callgrind.sock"), work,
                               dict(os.environ, DATABASE_URL=pg.url("apiserver")))
    try:
        wait_until_serving([responder])
        counts = {}
        for endpoint, (_, size) in ENDPOINTS.items():
            data = {"pages": -(-sizes["tasks"] // size)}
            counts[endpoint] = min(responder.measure(port, endpoint, data, requests, warmup=10, seed=endpoint)
                                   for _ in range(2))
            log(f"callgrind {endpoint}: {counts[endpoint]:,.0f} instructions per request")
        return counts
    finally:
        responder.stop()


def load_average():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def median_ratio(swift_runs, drf_runs, key, invert=False):
    ratios = [(d[key] / s[key]) if invert else (s[key] / d[key]) for s, d in zip(swift_runs, drf_runs)]
    return f"**{statistics.median(ratios):.1f}×** ({min(ratios):.1f}–{max(ratios):.1f})"


def report(sides, a, sizes, started, load, program, instructions=None):
    swift, drf = sides
    lines = [f"Measured on {time.strftime('%Y-%m-%d %H:%M', time.gmtime(started))} UTC ({time.time() - started:.0f} s; "
             f"load average {load} at the start, {load_average()} at the end; {os.cpu_count()} cores): "
             f"`{program}` ({a.workers} workers) against DRF 3.18 on gunicorn (sync, {2 * os.cpu_count() + 1} "
             f"workers), both behind nginx; {sizes['tasks']:,} tasks, {sizes['projects']} projects, "
             f"{sizes['accounts']} accounts, {sizes['users']} users, {sizes['tags']} tags, {sizes['task_tags']:,} "
             f"task tags (Tests/Benchmarks/relations.sql). Both sides answered the same pages.", "",
             "### Statements per request", "",
             "| endpoint | side | statements | round trips |", "|---|---|---:|---:|"]
    for endpoint, (title, _) in ENDPOINTS.items():
        for side in sides:
            statements, trips = side.statements[endpoint]
            lines.append(f"| `{title}` | {side.name} | {len(statements)} | {trips} |")
    for side in sides:
        lines += ["", f"{side.name}, `{ENDPOINTS['tasks-100'][0]}` (page 2):", "", "```sql"]
        lines += [sql if len(sql) <= 300 else sql[:300] + " …" for sql in side.statements["tasks-100"][0]]
        lines.append("```")
    lines.append("")
    if instructions:
        lines += ["### srf's instructions per request (callgrind, 1 worker, 100 requests, lowest of 2 passes)", "",
                  "| endpoint | instructions per request | per task |", "|---|---:|---:|"]
        for endpoint, (title, size) in ENDPOINTS.items():
            lines.append(f"| `{title}` | {instructions[endpoint]:,.0f} | {instructions[endpoint] / size:,.0f} |")
        lines.append("")
    if a.smoke:
        return "\n".join(lines)
    lines += [f"### Throughput (wrk -t1 -c{a.connections} through nginx, {a.rounds} alternating rounds of "
              f"{a.duration} s, random pages)", "",
              "| endpoint | side | req/s per round | p99 ms per round | responder CPU µs/request per round |",
              "|---|---|---|---|---|"]
    for endpoint in ENDPOINTS:
        for side in sides:
            runs = side.runs[endpoint]
            lines.append(f"| {endpoint} | {side.name} | " + " | ".join(
                " · ".join(fmt.format(r[key]) for r in runs)
                for key, fmt in (("rps", "{:,.0f}"), ("p99_ms", "{:.1f}"), ("cpu_us", "{:,.0f}"))) + " |")
    groups = ("responder", "postgres", "nginx", "client", "other", "machine")
    lines += ["", "Who pays for a request: CPU µs per request by process group, median of the rounds "
                  "(postgres: every PostgreSQL process; client: wrk; other: the rest of the machine, "
                  "other tenants included; machine: all of it, on "
                  f"{os.cpu_count()} cores).", "",
              "| endpoint | side | " + " | ".join(groups) + " |", "|---|---|" + "---:|" * len(groups)]
    for endpoint in ENDPOINTS:
        for side in sides:
            cells = [f"{statistics.median(r['cpu'][g] for r in side.runs[endpoint]):,.0f}" for g in groups]
            lines.append(f"| {endpoint} | {side.name} | " + " | ".join(cells) + " |")
    lines += ["", f"{swift.name} against DRF, median of the per-round ratios (range): req/s {swift.name} ÷ DRF; "
                  f"p99 and CPU per request DRF ÷ {swift.name} (above 1: {swift.name} better).", "",
              "| endpoint | req/s | p99 | CPU µs/request |", "|---|---|---|---|"]
    for endpoint in ENDPOINTS:
        s, d = swift.runs[endpoint], drf.runs[endpoint]
        lines.append(f"| {endpoint} | {median_ratio(s, d, 'rps')} | {median_ratio(s, d, 'p99_ms', True)} "
                     f"| {median_ratio(s, d, 'cpu_us', True)} |")
    return "\n".join(lines)


def main():
    a = parse_args()
    started, load = time.time(), load_average()
    program = binary(a)
    work = tempfile.mkdtemp(prefix="srf-relations.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    base = random.randint(41000, 60000)
    sides = [Side("srf", "apiserver", base), Side("drf", "drf", base + 1)]
    nginx, status = None, 1
    try:
        pg.start()
        sizes = fill(pg, a.tasks)
        log(f"data: {sizes}")
        socks = {side.name: os.path.join(work, f"{side.name}.sock") for side in sides}
        sides[0].process = Process("srf", [program, "--listen", f"unix:{socks['srf']}", "--workers", str(a.workers),
                                           "--access-log", "off"], os.path.join(work, "srf.log"),
                                   env=dict(os.environ, DATABASE_URL=pg.url("apiserver")))
        sides[1].process = Process("drf", [os.path.join(ROOT, "Tests", "DRFReference", "serve.sh"),
                                           f"unix:{socks['drf']}"], os.path.join(work, "drf.log"),
                                   env=dict(os.environ, DATABASE_URL=pg.url("drf")))
        nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
        nginx.add_fastcgi(sides[0].port, socks["srf"])
        nginx.add_http(sides[1].port, socks["drf"])
        nginx.add_fastcgi(base + 2, os.path.join(work, "srf-callgrind.sock"))  # nginx connects per request
        for side in sides:
            wait_for(socks[side.name], 60, f"{side.name}'s socket", side.process)
            os.chmod(socks[side.name], 0o777)  # nginx's workers run as another user
        nginx.start()
        check(sides, sizes)
        count_statements(pg, sides)
        if not a.smoke:
            measure(sides, a, sizes, nginx.process.pid)
        instructions = count_instructions(sides[0], program, work, pg, base + 2, sizes) if a.instructions else None
        print(report(sides, a, sizes, started, load, os.path.basename(program), instructions))
        status = 0
    except (Failure, RuntimeError, ValueError, subprocess.CalledProcessError, subprocess.TimeoutExpired,
            OSError) as error:
        log(f"FAILED: {error}")
        if isinstance(error, subprocess.CalledProcessError) and error.stderr:
            log(str(error.stderr)[-2000:])
    finally:
        if nginx:
            nginx.stop()
        for side in sides:
            if side.process:
                side.process.stop()
        pg.stop()
        if a.keep or status:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
