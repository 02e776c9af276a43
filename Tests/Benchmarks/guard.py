"""The instruction guard: api-server's instructions per request against a committed baseline.

Run it through `Tests/Benchmarks/guard` (which builds api-server in release and installs what it
needs); `--help` lists the options. One release api-server runs under callgrind behind nginx on
a throwaway PostgreSQL with fixed data; per request kind (retrieve, list, public accounts,
create, OPTIONS) it counts the lowest of a few passes, as `compare` does, and compares it with
`instructions-baseline.json`. Exits 1 when any grew by more than the threshold (3 %), printing
the table either way. `--update` writes the baseline instead (move it only with a sentence in
docs/profile.md saying why).

Instruction counts, unlike req/s, hardly depend on how busy the machine is; what still moves
them is in instructions.py's docstring, and the spread this guard sees between runs is in
Tests/Benchmarks/README.md.
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

from dataset import ROOT, apply_schema, generate
from instructions import REQUESTS, CallgrindResponder, count_passes, wait_until_serving
from stack import Nginx, Postgres, free_ports

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE = os.path.join(HERE, "instructions-baseline.json")
KINDS = ["retrieve", "list", "public", "create", "options"]
# Fixed, so the counts are comparable run to run: the data set (data.sql is deterministic but for
# the password hash of users 1-5, which no request here reads), the requests (a seed per kind),
# their number and the passes.
USERS, REQUESTS_PER_PASS, PASSES = 1000, 300, 3


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", required=True, help="the release api-server to measure")
    p.add_argument("--baseline", default=BASELINE, help="the baseline file (default: %(default)s)")
    p.add_argument("--threshold", type=float, default=3.0, help="largest growth allowed, in %% (default 3)")
    p.add_argument("--update", action="store_true", help="write the baseline from this run instead of comparing")
    p.add_argument("--commit", help="with --update: the commit the binary was built from (default: HEAD, "
                                    "marked +changes when the tree has uncommitted changes)")
    p.add_argument("--keep", action="store_true", help="keep the work directory (logs, callgrind dumps)")
    a = p.parse_args()
    if not os.access(a.binary, os.X_OK):
        p.error(f"{a.binary} is not an executable")
    if not a.update and not os.path.exists(a.baseline):
        p.error(f"no baseline at {a.baseline}: write one with --update")
    return a


def log(message):
    print(f"[guard {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def command_line(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return out.stdout.strip() if out.returncode == 0 else ""


def environment():
    """What the counts depend on beyond the code: the compiler, valgrind and (for libc's string
    functions, chosen by CPU features) the processor."""
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    swift = command_line(["swift", "--version"])
    return {"swift": swift.splitlines()[0] if swift else "", "valgrind": command_line(["valgrind", "--version"]),
            "cpu": cpu}


def head_commit():
    commit = command_line(["git", "rev-parse", "--short", "HEAD"])
    return commit + ("+changes" if command_line(["git", "status", "--porcelain", "--untracked-files=no"]) else "")


def measure(a):
    """{kind: lowest instructions per request over the passes}, and every pass's figures."""
    work = tempfile.mkdtemp(prefix="srf-guard.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    port = free_ports(1)
    nginx = responder = None
    ok = False
    try:
        pg.start()
        apply_schema(pg)
        data = generate(pg, USERS, log=log)
        socket = os.path.join(work, "guard-callgrind.sock")
        nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
        nginx.add_fastcgi(port, socket)
        nginx.start()
        responder = CallgrindResponder("guard", os.path.abspath(a.binary), socket, work,
                                       dict(os.environ, DATABASE_URL=pg.url("apiserver")))
        wait_until_serving([responder])
        passes = count_passes([(responder, port)], KINDS, data, PASSES, REQUESTS_PER_PASS, log)["guard"]
        ok = True
        return {kind: round(min(counts)) for kind, counts in passes.items()}, passes
    finally:
        if nginx:
            nginx.stop()
        if responder:
            responder.stop()
        pg.stop()
        if a.keep or not ok:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def table(baseline, now, threshold):
    """The markdown table and the kinds that grew by more than `threshold` %."""
    lines = ["| request | baseline | now | change |", "|---|---:|---:|---:|"]
    grew = []
    for kind in KINDS:
        before, after = baseline["instructions"].get(kind), now[kind]
        if before is None:
            lines.append(f"| {REQUESTS[kind][0]} | – | {after:,} | new |")
            grew.append(kind)
            continue
        change = (after / before - 1) * 100
        mark = f" **over {threshold:g} %**" if change > threshold else ""
        lines.append(f"| {REQUESTS[kind][0]} | {before:,} | {after:,} | {change:+.1f} %{mark} |")
        if change > threshold:
            grew.append(kind)
    return "\n".join(lines), grew


def main():
    a = parse_args()
    started = time.time()
    try:
        now, passes = measure(a)
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        log(f"FAILED: {error}")
        if isinstance(error, subprocess.CalledProcessError) and error.stderr:
            log(str(error.stderr)[-2000:])
        sys.exit(1)
    spread = {kind: round((max(counts) / min(counts) - 1) * 100, 2) for kind, counts in passes.items()}
    log(f"measured in {time.time() - started:.0f} s; spread between passes (%): {spread}")
    env = environment()
    if a.update:
        baseline = {"commit": a.commit or head_commit(), "taken": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                    **env, "users": USERS, "requests": REQUESTS_PER_PASS, "passes": PASSES, "instructions": now}
        with open(a.baseline, "w") as f:
            json.dump(baseline, f, indent=2)
            f.write("\n")
        print(f"Baseline written to {os.path.relpath(a.baseline, ROOT)} (commit {baseline['commit']}); "
              "say why it moved in docs/profile.md.")
        print(table(baseline, now, a.threshold)[0])
        return
    with open(a.baseline) as f:
        baseline = json.load(f)
    text, grew = table(baseline, now, a.threshold)
    print(f"Instructions per request (callgrind, lowest of {PASSES} passes of {REQUESTS_PER_PASS} requests) "
          f"against {os.path.relpath(a.baseline, ROOT)} (commit {baseline.get('commit', '?')}):")
    print(text)
    differs = [f"{key}: baseline {baseline.get(key)!r}, here {value!r}" for key, value in env.items()
               if baseline.get(key) != value]
    if differs:
        print("Note: measured in another environment than the baseline (" + "; ".join(differs) + "): a change "
              "may come from there; if so, take a new baseline with --update and say so in docs/profile.md.")
    if grew:
        print(f"FAILED: instructions per request grew by more than {a.threshold:g} % on {', '.join(grew)}. Find "
              "the cause (Tests/Benchmarks/compare --instructions, callgrind_annotate), or, when the cost is "
              "deliberate, run Tests/Benchmarks/guard --update and say why in docs/profile.md.")
        sys.exit(1)
    print(f"OK: no request grew by more than {a.threshold:g} %.")


if __name__ == "__main__":
    main()
