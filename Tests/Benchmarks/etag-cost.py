#!/usr/bin/env python3
"""The cost of conditional requests (ETag, If-None-Match, If-Match) on a detail route, in
instructions per request under callgrind, as the instruction guard counts them.

    python3 Tests/Benchmarks/etag-cost.py --binary PATH   # a release api-server (objcopy --strip-debug it, see guard)

One release api-server under callgrind (`--workers 1`) behind nginx on a throwaway PostgreSQL
with the guard's data (1,000 users) and one project and one task in the account of the token's
user. Per request kind, 30 warm-up requests then 300 counted ones on one keep-alive connection,
three passes, the lowest count reported; then the inclusive cost of the ETag code itself
(`applyConditionalGet`: the SHA-256 of the body, the header, the If-None-Match check) from
callgrind_annotate, per request. Kinds: the project detail (200 with its ETag), the same with a
matching If-None-Match (304), a PATCH with and without `If-Match: *` (the transaction, the row
lock, the second read and the tag of the current representation), and the users detail (part 1,
no ETag) for scale. Prints a markdown table for docs/profile.md.
"""
import argparse
import glob
import http.client
import os
import random
import shutil
import subprocess
import sys
import tempfile

from dataset import apply_schema, generate
from instructions import CallgrindResponder, wait_until_serving
from stack import Nginx, Postgres, free_ports
from dataset import ROOT

PROJECT = "00000000-0000-4000-8000-0000000000e7"


class Requests(CallgrindResponder):
    """Sends this script's fixed requests instead of wrk.lua's random ones."""

    kinds = {}

    def _send(self, connection, endpoint, data, rng):
        method, path, headers, body, status = self.kinds[endpoint](data)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read()
        if response.status != status:
            raise RuntimeError(f"{method} {path} answered {response.status}: {text[:300]!r}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", required=True)
    p.add_argument("--passes", type=int, default=3)
    p.add_argument("--requests", type=int, default=300)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="srf-etag.")
    os.chmod(work, 0o755)
    pg = Postgres(work, random.randint(20000, 40000))
    port = free_ports(1)
    nginx = responder = None
    try:
        pg.start()
        apply_schema(pg)
        data = generate(pg, 1000, log=lambda m: print(m, file=sys.stderr))
        token, user = data["pool"][0]
        account = 1  # the token's user made an admin member of account 1
        pg.psql("bench", f"INSERT INTO account_members (account_id, user_id, is_admin) VALUES ({account}, {user}, true) "
                         f"ON CONFLICT (account_id, user_id) DO UPDATE SET is_admin = true;"
                         f"INSERT INTO projects (id, account_id, name, lead_id, budget, settings) VALUES "
                         f"('{PROJECT}', {account}, 'Apollo', {user}, 1250.00, '{{\"a\": 1}}');"
                         f"INSERT INTO tasks (project_id, title) VALUES ('{PROJECT}', 'Fuel'), ('{PROJECT}', 'Oxygen');")
        auth = {"Host": "127.0.0.1", "Authorization": "Token " + token}
        detail = f"/api/projects/{PROJECT}/"
        socket = os.path.join(work, "etag.sock")
        nginx = Nginx(work, os.path.join(ROOT, "deploy", "nginx", "fastcgi_params"))
        nginx.add_fastcgi(port, socket)
        nginx.start()
        responder = Requests("etag", os.path.abspath(a.binary), socket, work,
                             dict(os.environ, DATABASE_URL=pg.url("apiserver")))
        wait_until_serving([responder])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", detail, headers=auth)
        first = connection.getresponse()
        first.read()
        etag = first.getheader("ETag")
        connection.close()
        if first.status != 200 or not etag:
            raise RuntimeError(f"GET {detail}: {first.status}, ETag {etag!r}")
        patch = b'{"name":"Apollo"}'
        json_auth = dict(auth, **{"Content-Type": "application/json"})
        Requests.kinds = {
            "users detail (no ETag)": lambda d: ("GET", f"/api/users/{user}/", auth, None, 200),
            "project detail, 200 + ETag": lambda d: ("GET", detail, auth, None, 200),
            "project detail, If-None-Match → 304": lambda d: ("GET", detail, dict(auth, **{"If-None-Match": etag}), None, 304),
            "project PATCH": lambda d: ("PATCH", detail, json_auth, patch, 200),
            "project PATCH, If-Match: *": lambda d: ("PATCH", detail, dict(json_auth, **{"If-Match": "*"}), patch, 200),
        }
        rows = []
        for kind in Requests.kinds:
            counts = []
            for n in range(a.passes):
                counts.append(responder.measure(port, kind, data, a.requests, warmup=30, seed=kind))
            dump = sorted(glob.glob(responder.out + ".*"), key=os.path.getmtime)[-1]
            rows.append((kind, min(counts), etag_code(dump) / a.requests))
            print(f"{kind}: {min(counts):,.0f} ({counts})", file=sys.stderr)
        print(f"| request | instructions / request | of which `applyConditionalGet` (ETag) |")
        print(f"|---|---:|---:|")
        for kind, count, tag in rows:
            print(f"| {kind} | {count:,.0f} | {tag:,.0f} |")
    finally:
        if nginx:
            nginx.stop()
        if responder:
            responder.stop()
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)


def etag_code(dump):
    """Inclusive instructions of `applyConditionalGet` in a callgrind dump (0 when not called)."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", dump],
                         capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        fields = line.split()
        if "applyConditionalGet" in line and fields and fields[0].replace(",", "").isdigit():
            total = max(total, int(fields[0].replace(",", "")))
    return total


if __name__ == "__main__":
    main()
