#!/usr/bin/env python3
"""Read throughput of a list endpoint with reads on a streaming replica against the primary
alone, side by side on this machine (docs/scaling.md).

    python3 Tests/Benchmarks/replica-reads.py --binary .build/release/api-server

A throwaway primary with the benchmark's data (10,000 users by default), a replica of it made
as an operator makes one (`pg_basebackup -R`, then started as a hot standby), and two release
api-servers (`--workers 8` each) behind one nginx: "primary alone" (DATABASE_URL only) and
"reads on the replica" (DATABASE_REPLICA_URLS naming the replica too). wrk drives
`GET /api/users/?page={random}` with a token (docs/benchmark.md's list endpoint: the token
lookup, the count and the page are all reads of a GET, so with a replica all three go to it),
the two variants alternating, `--rounds` times each. Per run: req/s and CPU µs per request by
process group: api-server, nginx, the primary cluster's processes, the replica cluster's
processes (each a postmaster's process tree, told apart by data directory), wrk, the machine.
Prints markdown tables (medians over the rounds, and every round).

Everything shares this machine's cores: a replica here competes with the primary for the same
CPUs, so it shows where the database work goes, not added capacity.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from dataset import ROOT, apply_schema, generate
from load import wrk
from stack import (CLOCK_TICKS, PGBIN, Nginx, Postgres, Process, as_postgres, cpu_ticks, free_ports,
                   machine_busy_ticks, process_tree, run, wait_for)

VARIANTS = ("primary alone", "reads on the replica")
GROUPS = ("api-server", "nginx", "primary postgres", "replica postgres", "wrk", "other", "machine")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def postmaster_pid(data):
    with open(os.path.join(data, "postmaster.pid")) as f:
        return int(f.readline())


class Replica:
    """A hot standby of `primary`: pg_basebackup -R of its data directory, then a port, a socket
    directory and a log of its own (the copied postgresql.conf names the primary's)."""

    def __init__(self, work, primary, port):
        self.dir, self.port = os.path.join(work, "replica"), port
        self.data, self.sock = os.path.join(self.dir, "data"), os.path.join(self.dir, "sock")
        os.makedirs(self.sock)
        if os.geteuid() == 0:
            import pwd
            pg = pwd.getpwnam("postgres")
            for d in (self.dir, self.sock):
                os.chown(d, pg.pw_uid, pg.pw_gid)
        run(as_postgres([f"{PGBIN}/pg_basebackup", "-h", primary.sock, "-p", str(primary.port), "-U", "postgres",
                         "-D", self.data, "-R", "-X", "stream", "-c", "fast", "-N"]))
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write(f"\nport = {port}\nunix_socket_directories = '{self.sock}'\n"
                       f"logging_collector = off\nlog_destination = 'stderr'\n")
        run(as_postgres([f"{PGBIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w",
                         "start"]), stdout=subprocess.DEVNULL)

    def url(self, user, db="bench"):
        return f"postgres://{user}@/{db}?host={self.sock}&port={self.port}"

    def psql(self, sql):
        return run(["psql", "-X", "-At", "-h", self.sock, "-p", str(self.port), "-U", "postgres", "-d", "bench",
                    "-c", sql], capture_output=True, text=True).stdout.strip()

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            subprocess.run(as_postgres([f"{PGBIN}/pg_ctl", "-D", self.data, "-m", "fast", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Meter:
    """CPU ticks by group over one run; each cluster is its postmaster's process tree (the
    api-servers' backends are persistent, so they live across the run)."""

    def __init__(self, groups):
        self.groups = groups  # {name: callable returning pids}

    def snapshot(self):
        snap = {name: cpu_ticks(pids()) for name, pids in self.groups.items()}
        times = os.times()
        snap["wrk"] = (times.children_user + times.children_system) * CLOCK_TICKS
        snap["machine"] = machine_busy_ticks()
        return snap

    @staticmethod
    def per_request_us(start, end, requests):
        used = {k: max(end[k] - start[k], 0) for k in end}
        used["other"] = max(used["machine"] - sum(v for k, v in used.items() if k != "machine"), 0)
        return {k: v * 1e6 / CLOCK_TICKS / requests for k, v in used.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", required=True, help="a release api-server")
    p.add_argument("--users", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--duration", type=int, default=10, help="seconds per measured run")
    p.add_argument("--warmup", type=int, default=3, help="seconds of load before each measured run")
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="srf-replica-reads.")
    os.chmod(work, 0o755)
    primary = Postgres(work, random.randint(20000, 40000))
    replica = nginx = None
    servers = {}
    ports = free_ports(2)
    try:
        primary.start()
        apply_schema(primary)
        data = generate(primary, a.users, log=log)
        primary.psql("bench", "VACUUM ANALYZE")
        log("pg_basebackup -R: the replica")
        replica = Replica(work, primary, random.randint(20000, 40000))
        # Caught up: the replica has replayed everything the primary has written.
        target = primary.psql("bench", "SELECT pg_current_wal_lsn()").strip()
        wait_for(lambda: replica.psql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t", 60,
                 "the replica to catch up")
        nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
        binary = os.path.abspath(a.binary)
        for name, port in zip(VARIANTS, (ports, ports + 1)):
            env = dict(os.environ, DATABASE_URL=primary.url("apiserver"))
            env.pop("DATABASE_REPLICA_URLS", None)
            if name == "reads on the replica":
                env["DATABASE_REPLICA_URLS"] = replica.url("apiserver")
            sock = os.path.join(work, f"api-{port}.sock")
            process = Process(name, [binary, "--listen", f"unix:{sock}", "--workers", str(a.workers),
                                     "--access-log", "off"], os.path.join(work, f"api-{port}.log"), env=env)
            wait_for(sock, 60, f"{name}'s socket", process)
            if name == "reads on the replica":  # its probe has found the replica usable
                wait_for(lambda: "healthy: reads go to it" in open(process.log, errors="replace").read(), 30,
                         "the replica to be probed healthy", process)
            os.chmod(sock, 0o777)  # nginx's workers
            nginx.add_fastcgi(port, sock)
            servers[name] = (port, process)
        nginx.start()
        primary_pm, replica_pm = postmaster_pid(primary.data), postmaster_pid(replica.data)
        results = {name: [] for name in VARIANTS}
        for round_ in range(a.rounds):
            for name in VARIANTS:
                port, process = servers[name]
                meter = Meter({"api-server": lambda: process_tree(process.pid),
                               "nginx": lambda: process_tree(nginx.process.pid),
                               "primary postgres": lambda: process_tree(primary_pm),
                               "replica postgres": lambda: process_tree(replica_pm)})
                wrk(port, "list", a.warmup, a.connections, data)
                start = meter.snapshot()
                load_start = os.getloadavg()[0]
                result = wrk(port, "list", a.duration, a.connections, data)
                end = meter.snapshot()
                if result["non2xx"] or result["errors"]:
                    raise RuntimeError(f"{name}: {result['non2xx']} non-2xx, {result['errors']} socket errors")
                cpu = Meter.per_request_us(start, end, result["requests"])
                results[name].append((result, cpu, load_start))
                log(f"round {round_ + 1} {name}: {result['rps']:,.0f} req/s; " +
                    ", ".join(f"{g} {cpu[g]:.0f}" for g in GROUPS) + f" µs/req; load {load_start:.2f}")
        replica_reads = replica.psql("SELECT sum(seq_scan + coalesce(idx_scan, 0)) FROM pg_stat_user_tables")
        report(a, results, replica_reads)
    finally:
        if nginx:
            nginx.stop()
        for _, process in servers.values():
            process.stop()
        if replica:
            replica.stop()
        primary.stop()
        shutil.rmtree(work, ignore_errors=True)


def report(a, results, replica_reads):
    cores = os.cpu_count()
    print(f"{cores} cores; {a.users:,} users; wrk -t1 -c{a.connections}, {a.duration} s per run after {a.warmup} s "
          f"of warm-up; api-server --workers {a.workers}; {a.rounds} rounds alternating. "
          f"Scans on the replica's tables over the run: {replica_reads}.\n")
    print("| reads go to | req/s (median) | p50 ms | p99 ms | req/s per round | load average at start |")
    print("|---|---:|---:|---:|---|---|")
    for name in VARIANTS:
        runs = results[name]
        rps = [r["rps"] for r, _, _ in runs]
        print(f"| {name} | {statistics.median(rps):,.0f} | {statistics.median(r['p50_ms'] for r, _, _ in runs):.2f} | "
              f"{statistics.median(r['p99_ms'] for r, _, _ in runs):.2f} | {', '.join(f'{v:,.0f}' for v in rps)} | "
              f"{', '.join(f'{l:.2f}' for _, _, l in runs)} |")
    print()
    print("| CPU µs per request | " + " | ".join(GROUPS) + " |")
    print("|---|" + "---:|" * len(GROUPS))
    for name in VARIANTS:
        runs = results[name]
        print(f"| {name} | " + " | ".join(f"{statistics.median(c[g] for _, c, _ in runs):,.1f}" for g in GROUPS) + " |")


if __name__ == "__main__":
    main()
