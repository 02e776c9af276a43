"""The relations benchmark: lists with related rows, the framework against DRF.

Run it through `Tests/Benchmarks/run --suite relations` (which installs what it needs);
`--help` lists the options. Prints a markdown report on standard output (progress goes to
standard error) and exits 1 when something failed: a wrong status, the two sides answering
different pages, an error under load, a responder that died.

Two kinds of endpoint, both on one PostgreSQL with the migrations' tables and relations.sql's data:
- `bench`: a fixture shaped like the spec's tasks list, `GET /bench/tasks/?page=n` (100 a page)
  and `?page_size=10&page=n`, each task with its project's name, the project's account's name,
  its assignee's username and its tags' slugs. The Swift side is `srf-relations-bench`
  (Tests/Benchmarks/relations-bench), the DRF side Tests/DRFReference/api/bench.py.
- `api`: the part-2 reference API itself (issue 14 §6), api-server against the DRF reference
  (Tests/DRFReference), with user 1's token (a member of every account): the projects list
  (nested lead, task counts, account name) and the tasks list filtered by `done=false` (project
  hyperlinks, tags, assignee), each at 10 and 100 a page.
Both sides behind one nginx.

Per side: the statements one request runs (log_statement = all, read back from the CSV log by
database role, as capture.py does for the main benchmark; the same count at 10 and 100 a page,
or the run fails), then alternating rounds of `wrk -t1 -c32` (which side goes first alternates)
with req/s, p99 and the responder's CPU per request; the report gives each round and the
median of the per-round ratios.
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
from stack import CPUMeter, Nginx, Postgres, Process, http, run, wait_for, free_ports

HERE = os.path.dirname(os.path.abspath(__file__))
# name: (request, page size, which srf responder serves it, what `count` counts)
ENDPOINTS = {
    "tasks-100": ("GET /bench/tasks/?page=n", 100, "bench", "tasks"),
    "tasks-10": ("GET /bench/tasks/?page_size=10&page=n", 10, "bench", "tasks"),
    "projects-10": ("GET /api/projects/?page=n", 10, "api", "projects"),
    "projects-100": ("GET /api/projects/?page_size=100&page=n", 100, "api", "projects"),
    "api-tasks-10": ("GET /api/tasks/?done=false&page=n", 10, "api", "open_tasks"),
    "api-tasks-100": ("GET /api/tasks/?done=false&page_size=100&page=n", 100, "api", "open_tasks"),
}
# Endpoints that must run the same statements whatever the page size.
PAGE_SIZE_PAIRS = [("tasks-10", "tasks-100"), ("projects-10", "projects-100"), ("api-tasks-10", "api-tasks-100")]


class Failure(Exception):
    """A side did not answer as it must."""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", help="the srf-relations-bench to measure (default: build it in release)")
    p.add_argument("--api-binary", help="the api-server to measure (default: build it in release)")
    p.add_argument("--tasks", type=int, default=2000, help="tasks (default 2000; 10 accounts, 200 users, "
                                                           "20 tags, 0-4 tags a task)")
    p.add_argument("--projects", type=int, default=500, help="projects (default 500)")
    p.add_argument("--endpoints", default=",".join(ENDPOINTS),
                   help="comma-separated endpoints to measure (default: all: " + ", ".join(ENDPOINTS) + ")")
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
    if a.tasks < 100 or a.projects < 10 or a.rounds < 1 or a.duration < 1 or a.warmup < 0:
        p.error("need at least 100 tasks, 10 projects, 1 round and a 1 s run")
    a.endpoints = [e.strip() for e in a.endpoints.split(",") if e.strip()]
    unknown = [e for e in a.endpoints if e not in ENDPOINTS]
    if unknown or not a.endpoints:
        p.error(f"unknown endpoints {unknown} (known: {', '.join(ENDPOINTS)})")
    return a


def log(message):
    print(f"[relations {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def binaries(a):
    """srf-relations-bench and api-server, release builds unless given."""
    wanted = {"srf-relations-bench": a.binary, "api-server": a.api_binary}
    missing = [product for product, path in wanted.items() if not path]
    if missing:
        log(f"building {', '.join(missing)} (release)")
        for product in missing:
            run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, stdout=subprocess.DEVNULL)
        path = run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True,
                   text=True).stdout.strip()
        for product in missing:
            wanted[product] = os.path.join(path, product)
    return {"bench": os.path.abspath(wanted["srf-relations-bench"]), "api": os.path.abspath(wanted["api-server"])}


def fill(pg, a):
    """The reference schema (part 2's tables included), data.sql's users and accounts, relations.sql's
    projects, tasks and tags, and user 1 a member of every account."""
    apply_schema(pg)
    sizes = {"users": 200, "accounts": 10, "projects": a.projects, "tags": 20, "tasks": a.tasks}
    pg.psql("bench", file=os.path.join(HERE, "data.sql"),
            variables={"users": sizes["users"], "accounts": sizes["accounts"], "notes": 0,
                       "hash": django_hash("benchmark")})
    pg.psql("bench", file=os.path.join(HERE, "relations.sql"), variables=sizes)
    sizes["task_tags"] = int(pg.psql("bench", "SELECT count(*) FROM task_tags"))
    sizes["open_tasks"] = int(pg.psql("bench", "SELECT count(*) FROM tasks WHERE NOT done"))
    token = pg.psql("bench", "SELECT key FROM auth_tokens WHERE user_id = 1").strip()
    return sizes, token


class Side:
    def __init__(self, name, role, ports):
        self.name, self.role = name, role
        self.ports = ports     # server kind ("bench", "api") -> nginx port
        self.processes = {}    # server kind -> Process
        self.statements = {}   # endpoint -> ([sql], round trips)
        self.runs = {}         # endpoint -> [wrk result per round]

    def port(self, endpoint):
        return self.ports[ENDPOINTS[endpoint][2]]

    def process(self, endpoint):
        return self.processes[ENDPOINTS[endpoint][2]]


def page_path(endpoint, page):
    return ENDPOINTS[endpoint][0].split()[1].replace("page=n", f"page={page}")


def pages(endpoint, sizes):
    _, size, _, counted = ENDPOINTS[endpoint]
    return -(-sizes[counted] // size)


def get(side, endpoint, path, token):
    headers = {"Host": "127.0.0.1"}
    if ENDPOINTS[endpoint][2] == "api":
        headers["Authorization"] = f"Token {token}"
    status, body = http(side.port(endpoint), path, headers=headers)
    if status != 200:
        raise Failure(f"{side.name}: {path} answered {status}: {body[:300]}")
    return json.loads(body)


def check(sides, sizes, endpoints, token):
    """The same pages from both sides (count and results; both are asked for Host 127.0.0.1, so
    their links are alike)."""
    for endpoint in endpoints:
        _, size, _, counted = ENDPOINTS[endpoint]
        for page in (1, 2, pages(endpoint, sizes)):
            path = page_path(endpoint, page)
            answers = [get(side, endpoint, path, token) for side in sides]
            for side, body in zip(sides, answers):
                if body.get("count") != sizes[counted] or not body.get("results"):
                    raise Failure(f"{side.name}: {path} is not a page of {sizes[counted]} rows: {str(body)[:300]}")
                if len(body["results"]) > size:
                    raise Failure(f"{side.name}: {path} has {len(body['results'])} rows, more than {size}")
            if answers[0]["results"] != answers[1]["results"]:
                first = next((i for i, (x, y) in enumerate(zip(answers[0]["results"], answers[1]["results"])) if x != y),
                             min(len(answers[0]["results"]), len(answers[1]["results"])))
                rows = [body["results"][first] if first < len(body["results"]) else None for body in answers]
                raise Failure(f"{path}: the sides differ at result {first}:\n  {sides[0].name}: "
                              f"{rows[0]}\n  {sides[1].name}: {rows[1]}")


def count_statements(pg, sides, endpoints, token):
    for side in sides:
        for endpoint in endpoints:
            get(side, endpoint, page_path(endpoint, 3), token)  # a warm connection: no set-up in the capture
            captured = capture(pg, side.role, lambda: get(side, endpoint, page_path(endpoint, 2), token))
            # Statements sent in one pipeline share a round trip.
            trips = len(captured.statements) - sum(last - first for first, last in captured.pipeline_spans())
            side.statements[endpoint] = ([sql for sql, _ in captured.statements], trips)
    # A related field must never cost a statement per row: 10 and 100 a page run as many.
    for small, large in PAGE_SIZE_PAIRS:
        if small in endpoints and large in endpoints:
            for side in sides:
                if len(side.statements[small][0]) != len(side.statements[large][0]):
                    raise Failure(f"{side.name}: {len(side.statements[small][0])} statements for {small} but "
                                  f"{len(side.statements[large][0])} for {large}:\n  "
                                  + "\n  ".join(side.statements[large][0]))


def wrk_run(side, endpoint, a, sizes, token, seconds, nginx_pid, warmup=False):
    process = side.process(endpoint)
    if not process.alive():
        raise Failure(f"{side.name} is not running:\n{process.tail()}")
    tokens = [token] if ENDPOINTS[endpoint][2] == "api" else []
    data = {"users": 1, "accounts": 1, "tokens": tokens, "pages": pages(endpoint, sizes)}
    with CPUMeter(process.pid, nginx_pid) as meter:
        result = wrk(side.port(endpoint), endpoint, seconds, a.connections, data)
    # A warm-up may finish nothing: DRF's workers can still be busy with the previous endpoint's
    # slow pages (a 100-task page of the reference API takes DRF seconds on this machine).
    if result["non2xx"] or result["errors"] or (result["requests"] <= 0 and not warmup):
        raise Failure(f"{side.name} on {endpoint}: {result['non2xx']} non-2xx answers, {result['errors']} socket "
                      f"errors in {result['requests']} requests")
    result["cpu"] = meter.per_request_us(result["requests"])
    result["cpu_us"] = result["cpu"]["responder"] if result["cpu"] else None
    return result


def measure(sides, a, sizes, token, nginx_pid):
    for rnd in range(a.rounds):
        for endpoint in a.endpoints:
            for side in (sides if rnd % 2 == 0 else sides[::-1]):
                log(f"round {rnd + 1}/{a.rounds} {endpoint}: {side.name}")
                if a.warmup > 0:
                    wrk_run(side, endpoint, a, sizes, token, a.warmup, nginx_pid, warmup=True)
                side.runs.setdefault(endpoint, []).append(
                    wrk_run(side, endpoint, a, sizes, token, a.duration, nginx_pid))


class CallgrindPages(CallgrindResponder):
    """srf-relations-bench or api-server under callgrind: random pages, as wrk.lua draws them."""

    def _send(self, connection, endpoint, data, rng):
        path = page_path(endpoint, rng.randint(1, data["pages"]))
        headers = {"Host": "127.0.0.1"}
        if data.get("token"):
            headers["Authorization"] = f"Token {data['token']}"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        text = response.read()
        if response.status != 200:
            raise RuntimeError(f"{self.name} (callgrind): {path} answered {response.status}: {text[:300]!r}")


def count_instructions(side, programs, work, pg, port, sizes, endpoints, token, requests=100):
    """srf's instructions per request per endpoint (lowest of 2 passes), its throughput
    responders stopped first to free the CPU; one callgrind responder per program, in turn,
    on the same socket (nginx's server block on `port`)."""
    for process in side.processes.values():
        process.stop()
    counts = {}
    for kind, program in programs.items():
        mine = [endpoint for endpoint in endpoints if ENDPOINTS[endpoint][2] == kind]
        if not mine:
            continue
        socket = os.path.join(work, "srf-callgrind.sock")
        if os.path.exists(socket):
            os.remove(socket)  # the previous responder's: waiting for the socket must wait for this one's
        responder = CallgrindPages(f"srf-{kind}", program, socket, work,
                                   dict(os.environ, DATABASE_URL=pg.url("apiserver")))
        try:
            wait_until_serving([responder])
            for endpoint in mine:
                data = {"pages": pages(endpoint, sizes), "token": token if kind == "api" else None}
                counts[endpoint] = min(responder.measure(port, endpoint, data, requests, warmup=10, seed=endpoint)
                                       for _ in range(2))
                log(f"callgrind {endpoint}: {counts[endpoint]:,.0f} instructions per request")
        finally:
            responder.stop()
    return counts


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
    for endpoint in a.endpoints:
        for side in sides:
            statements, trips = side.statements[endpoint]
            lines.append(f"| `{ENDPOINTS[endpoint][0]}` | {side.name} | {len(statements)} | {trips} |")
    shown = [e for e in ("tasks-100", "projects-100", "api-tasks-100") if e in a.endpoints]
    for endpoint in shown:
        for side in sides:
            lines += ["", f"{side.name}, `{ENDPOINTS[endpoint][0]}` (page 2):", "", "```sql"]
            lines += [sql if len(sql) <= 300 else sql[:300] + " …" for sql in side.statements[endpoint][0]]
            lines.append("```")
    lines.append("")
    if instructions:
        lines += ["### srf's instructions per request (callgrind, 1 worker, 100 requests, lowest of 2 passes)", "",
                  "| endpoint | instructions per request | per row |", "|---|---:|---:|"]
        for endpoint in a.endpoints:
            title, size = ENDPOINTS[endpoint][:2]
            lines.append(f"| `{title}` | {instructions[endpoint]:,.0f} | {instructions[endpoint] / size:,.0f} |")
        lines.append("")
    if a.smoke:
        return "\n".join(lines)
    lines += [f"### Throughput (wrk -t1 -c{a.connections} through nginx, {a.rounds} alternating rounds of "
              f"{a.duration} s, random pages)", "",
              "| endpoint | side | req/s per round | p99 ms per round | responder CPU µs/request per round |",
              "|---|---|---|---|---|"]
    for endpoint in a.endpoints:
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
    for endpoint in a.endpoints:
        for side in sides:
            cells = [f"{statistics.median(r['cpu'][g] for r in side.runs[endpoint]):,.0f}" for g in groups]
            lines.append(f"| {endpoint} | {side.name} | " + " | ".join(cells) + " |")
    lines += ["", f"{swift.name} against DRF, median of the per-round ratios (range): req/s {swift.name} ÷ DRF; "
                  f"p99 and CPU per request DRF ÷ {swift.name} (above 1: {swift.name} better).", "",
              "| endpoint | req/s | p99 | CPU µs/request |", "|---|---|---|---|"]
    for endpoint in a.endpoints:
        s, d = swift.runs[endpoint], drf.runs[endpoint]
        lines.append(f"| {endpoint} | {median_ratio(s, d, 'rps')} | {median_ratio(s, d, 'p99_ms', True)} "
                     f"| {median_ratio(s, d, 'cpu_us', True)} |")
    return "\n".join(lines)


def main():
    a = parse_args()
    started, load = time.time(), load_average()
    programs = binaries(a)
    work = tempfile.mkdtemp(prefix="srf-relations.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    base = free_ports(4)
    sides = [Side("srf", "apiserver", {"bench": base, "api": base + 3}),
             Side("drf", "drf", {"bench": base + 1, "api": base + 1})]
    nginx, status = None, 1
    try:
        pg.start()
        sizes, token = fill(pg, a)
        log(f"data: {sizes}")
        socks = {"bench": os.path.join(work, "srf.sock"), "api": os.path.join(work, "srf-api.sock"),
                 "drf": os.path.join(work, "drf.sock")}
        srf_env = dict(os.environ, DATABASE_URL=pg.url("apiserver"))
        for kind in ("bench", "api"):
            sides[0].processes[kind] = Process(
                f"srf-{kind}", [programs[kind], "--listen", f"unix:{socks[kind]}", "--workers", str(a.workers),
                                "--access-log", "off"], os.path.join(work, f"srf-{kind}.log"), env=srf_env)
        drf = Process("drf", [os.path.join(ROOT, "Tests", "DRFReference", "serve.sh"), f"unix:{socks['drf']}"],
                      os.path.join(work, "drf.log"), env=dict(os.environ, DATABASE_URL=pg.url("drf")))
        sides[1].processes = {"bench": drf, "api": drf}
        nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
        nginx.add_fastcgi(base, socks["bench"])
        nginx.add_fastcgi(base + 3, socks["api"])
        nginx.add_http(base + 1, socks["drf"])
        nginx.add_fastcgi(base + 2, os.path.join(work, "srf-callgrind.sock"))  # nginx connects per request
        for kind, process in (("bench", sides[0].processes["bench"]), ("api", sides[0].processes["api"]),
                              ("drf", drf)):
            wait_for(socks[kind], 60, f"{process.name}'s socket", process)
            os.chmod(socks[kind], 0o777)  # nginx's workers run as another user
        nginx.start()
        check(sides, sizes, a.endpoints, token)
        count_statements(pg, sides, a.endpoints, token)
        if not a.smoke:
            measure(sides, a, sizes, token, nginx.process.pid)
        instructions = (count_instructions(sides[0], programs, work, pg, base + 2, sizes, a.endpoints, token)
                        if a.instructions else None)
        print(report(sides, a, sizes, started, load, ", ".join(os.path.basename(p) for p in programs.values()),
                     instructions))
        status = 0
    except (Failure, RuntimeError, ValueError, subprocess.CalledProcessError, subprocess.TimeoutExpired,
            OSError) as error:
        log(f"FAILED: {error}")
        if isinstance(error, subprocess.CalledProcessError) and error.stderr:
            log(str(error.stderr)[-2000:])
    finally:
        if nginx:
            nginx.stop()
        for process in {id(p): p for side in sides for p in side.processes.values()}.values():
            process.stop()
        pg.stop()
        if a.keep or status:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
