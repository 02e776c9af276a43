"""The benchmark's report: docs/benchmark.md (tables) and docs/benchmark.png (the chart)."""
import json
import os
import platform
import statistics
import subprocess
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TITLES = {
    "retrieve": "retrieve user",
    "list": "list users",
    "public": "public accounts",
    "create": "create note",
}
REQUESTS = {
    "retrieve": "`GET /api/users/{random id}/`, token",
    "list": "`GET /api/users/?page={random}`, token",
    "public": "`GET /api/public-accounts/?limit=10&offset={random}`, anonymous",
    "create": "`POST /api/notes/` (JSON body), token",
}
COLORS = {"c-ceiling": "#9e9e9e", "api-server": "#e4572e", "api-server-estimated": "#f3a712",
          "drf": "#2e86ab", "pgbench": "#5b8c5a"}


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def fmt(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({model}), {memory / 1048576:.0f} GiB"


def label(name, db):
    if name == "pgbench":
        return f"pgbench ({db.source}'s SQL)"
    return name


def contender_table(rows, db):
    lines = ["| contender | req/s (median) | p50 ms | p99 ms | non-2xx | socket errors | peak RSS MiB | req/s per rotation |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, runs in rows.items():
        rss = [r["rss_kib"] for r in runs if r["rss_kib"] is not None]
        lines.append(f"| {label(name, db)} | {fmt(median(runs, 'rps'))} | {fmt(median(runs, 'p50_ms'), 2)} | "
                     f"{fmt(median(runs, 'p99_ms'), 2)} | {sum(r['non2xx'] for r in runs)} | "
                     f"{sum(r['errors'] for r in runs)} | {fmt(max(rss) / 1024, 1) if rss else '—'} | "
                     f"{', '.join(fmt(r['rps']) for r in runs)} |")
    return lines


def ratio_table(rows, db, rotations):
    pairs = [("api-server", "drf"), ("api-server-throttled", "api-server"), ("api-server", "c-ceiling"), ("api-server", "pgbench"),
             ("drf", "c-ceiling"), ("drf", "pgbench")]
    lines = ["| ratio of req/s | " + " | ".join(f"rotation {i + 1}" for i in range(rotations)) + " | median |",
             "|---|" + "---:|" * (rotations + 1)]
    for a, b in pairs:
        if a in rows and b in rows:
            ratios = [x["rps"] / y["rps"] for x, y in zip(rows[a], rows[b])]
            lines.append(f"| {label(a, db)} / {label(b, db)} | " + " | ".join(f"{r:.2f}" for r in ratios)
                         + f" | **{statistics.median(ratios):.2f}** |")
    return lines


CPU_GROUPS = [("responder", "responder"), ("nginx", "nginx"), ("postgres", "PostgreSQL"),
              ("client", "wrk / pgbench"), ("other", "other"), ("machine", "machine")]


def cpu_table(rows, db):
    """CPU µs per request by process group (median over rotations), from /proc around each run."""
    lines = ["| CPU µs per request | " + " | ".join(title for _, title in CPU_GROUPS) + " |",
             "|---|" + "---:|" * len(CPU_GROUPS)]
    for name, runs in rows.items():
        splits = [r.get("cpu_us") for r in runs if r.get("cpu_us")]
        if not splits:
            continue
        cells = []
        for key, _ in CPU_GROUPS:
            values = [split[key] for split in splits if key in split]
            cells.append(fmt(statistics.median(values), 1) if values else "—")
        lines.append(f"| {label(name, db)} | " + " | ".join(cells) + " |")
    return lines


# Issue 6's targets: a multiple of DRF's req/s, and for the list a share of pgbench's.
DRF_TARGETS = {"retrieve": 10, "public": 10, "create": 10, "list": 3}
PGBENCH_TARGETS = {"list": 0.9}


def budget_note(endpoint, rows, cores):
    """What a target's req/s leaves per request on this machine (cores ÷ req/s), next to what
    nginx, PostgreSQL and wrk already take per api-server request: when they alone exceed it,
    no responder can meet the target here."""
    splits = [r.get("cpu_us") for r in rows.get("api-server", []) if r.get("cpu_us")]
    if not splits:
        return []
    around = statistics.median(s.get("nginx", 0) + s.get("postgres", 0) + s.get("client", 0) for s in splits)
    own = statistics.median(s.get("responder", 0) for s in splits)
    targets = []
    if "drf" in rows and endpoint in DRF_TARGETS:
        targets.append((f"{DRF_TARGETS[endpoint]}× DRF's median req/s", DRF_TARGETS[endpoint] * median(rows["drf"], "rps")))
    if "pgbench" in rows and endpoint in PGBENCH_TARGETS:
        share = PGBENCH_TARGETS[endpoint]
        targets.append((f"{share:.0%} of pgbench's median rate", share * median(rows["pgbench"], "rps")))
    lines = []
    for what, rps in targets:
        budget = cores * 1e6 / rps
        lines.append(f"CPU budget: {what} ({rps:,.0f}/s) on {cores} cores leaves **{budget:,.0f} µs** of machine "
                     f"time per request. In api-server's runs nginx, PostgreSQL and wrk took **{around:,.0f} µs** "
                     f"per request and api-server itself **{own:,.0f} µs**" +
                     (": the others alone exceed the budget." if around >= budget else
                      f": api-server may use at most {budget - around:,.0f} µs for the target to hold."))
        lines.append("")
    return lines


def sql_block(captured):
    lines = [f"protocol: {captured.protocol}", *captured.text()]
    if captured.dropped:
        lines.append(f"(connection set-up, not replayed: {[sql for sql, _ in captured.dropped]})")
    return ["```sql", *lines, "```"]


def chart(path, contenders, db, results, scale, unavailable):
    fig, axes = plt.subplots(1, 2 if scale else 1, figsize=(14 if scale else 8, 5.5), squeeze=False)
    ax = axes[0][0]
    endpoints = list(results)
    names = [n for n in ("c-ceiling", "api-server", "drf", "pgbench") if any(n in results[e] for e in endpoints)]
    width = 0.8 / max(len(names), 1)
    for i, name in enumerate(names):
        xs = [j + (i - (len(names) - 1) / 2) * width for j in range(len(endpoints))]
        values = [median(results[e][name], "rps") if name in results[e] else 0 for e in endpoints]
        bars = ax.bar(xs, values, width, label=label(name, db), color=COLORS[name])
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:,.0f}", (bar.get_x() + bar.get_width() / 2, value), ha="center", va="bottom",
                        fontsize=7, rotation=90, xytext=(0, 2), textcoords="offset points")
    ax.set_yscale("log")
    peak = max((median(results[e][n], "rps") for e in endpoints for n in results[e]), default=1)
    low = min((median(results[e][n], "rps") for e in endpoints for n in results[e]), default=1)
    ax.set_ylim(low / 3, peak * 4)
    ax.set_xticks(range(len(endpoints)), [TITLES[e] for e in endpoints])
    ax.set_ylabel("requests/s (median; pgbench: transactions/s), log scale")
    ax.set_title("Throughput through nginx, wrk -c32" + ("\napi-server: not available yet" if unavailable else ""))
    ax.legend(fontsize=8, loc="upper center", ncol=len(names), frameon=False)
    ax.grid(axis="y", alpha=0.3)
    if scale:
        ax = axes[0][1]
        sizes = sorted(scale)
        names = [n for n in ("api-server", "api-server-estimated", "drf", "pgbench")
                 if all(n in scale[s]["list"] for s in sizes)]
        for name in names:
            ax.plot(sizes, [median(scale[s]["list"][name], "rps") for s in sizes], marker="o",
                    label=label(name, db) + (" (exact count)" if name in ("api-server", "drf") else ""),
                    color=COLORS[name])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("users in the table")
        ax.set_ylabel("requests/s (median), log scale")
        ax.set_title("List users (page number pagination) as the table grows")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(out, a, contenders, db, results, scale, schema, elapsed):
    os.makedirs(out, exist_ok=True)
    api = contenders["api-server"]
    md = ["# Benchmark: api-server vs DRF and the ceilings", "",
          f"Generated by `Tests/Benchmarks/run{' --smoke' if a.smoke else ''}` on "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} in {elapsed / 60:.1f} min. "
          "Re-run it to refresh this page (see Tests/Benchmarks/README.md).", "",
          "![throughput chart](benchmark.png)", ""]
    if api.unavailable:
        md += [f"**api-server: not available yet.** {api.unavailable}. Its rows, its ratios and the "
               "estimated-count series appear once it serves the reference API; until then the database "
               f"ceiling replays the SQL DRF issued.", ""]
    md += ["## Setup", "",
           f"- Machine: {machine()}; {platform.platform()}. Everything on this one machine, shared by wrk, nginx, "
           "the responder and PostgreSQL.",
           f"- Data: {a.users:,} users (a token each), {a.users // 10:,} accounts with 5 members each, "
           f"{a.users * 5:,} notes; schema from {', '.join(schema)}.",
           f"- Load: `wrk -t1 -c{a.connections}` through nginx ({version(['nginx', '-v'])}), {a.duration:g} s per run "
           f"after {a.warmup:g} s of warm-up, {a.rotations} rotation(s) of the contenders in the order of the tables "
           "(A B C A B C ...). Tokens are drawn from a pool of 16 users; ids, pages and offsets at random.",
           f"- Contenders: **c-ceiling** (Tests/Benchmarks/fcgi-hello.c, libfcgi, {contenders['c-ceiling'].workers} "
           "threads: one per connection nginx may keep, as libfcgi blocks a thread on each; fixed body: "
           f"the FastCGI transport ceiling); **api-server** (`--workers {a.workers}`); **drf** (Django "
           f"{_pip_version('django')}, DRF {_pip_version('djangorestframework')}, gunicorn sync workers: "
           f"{contenders['drf'].workers}, persistent connections, Tests/DRFReference); **pgbench** (the database "
           f"ceiling: the SQL {db.source} issued for the endpoint, captured from PostgreSQL's log and replayed with "
           f"random parameters by as many clients as {db.source} has connections).",
           "- PostgreSQL: " + version(["psql", "--version"]) + "; shared_buffers 1GB, synchronous_commit off, jit off, "
           "max_connections 200. nginx: same settings in front of every HTTP contender: FastCGI over a unix socket "
           "with the project's fastcgi_params and upstream keep-alive as deploy/nginx/api-server.conf "
           "(`fastcgi_keep_conn on`, `keepalive 32`); gunicorn over HTTP on a unix socket (its sync workers "
           "close every connection, so keep-alive would not apply).",
           "- Peak RSS: VmHWM of the responder's processes (all gunicorn processes summed), reset before each run.",
           "- CPU per request: user + system time from /proc over each measured run, divided by the requests "
           "served: the responder's processes, nginx's, the PostgreSQL processes alive across the run (the "
           "responders' persistent connections), the load generator, and the whole machine's busy time; \"other\" "
           "is the rest (kernel softirqs, other tenants; for pgbench also its short-lived backends). Medians "
           "over the rotations.",
           ""]
    md += ["## Results", ""]
    for endpoint, rows in results.items():
        md += [f"### {TITLES[endpoint]}: {REQUESTS[endpoint]}", "", *contender_table(rows, db), "",
               *ratio_table(rows, db, a.rotations), "", *cpu_table(rows, db), "",
               *budget_note(endpoint, rows, os.cpu_count())]
    if scale:
        md += ["## Scale: the list endpoint as the users table grows", "",
               "`GET /api/users/?page={random}` with a token; the users table holds the given number of rows "
               "(no accounts or notes). DRF always counts exactly (`SELECT COUNT(*)`); api-server-estimated is "
               "api-server started with `SRF_PAGINATION_COUNT=estimated`. A page deep in a large table takes "
               "seconds by design (the count and the `OFFSET` scan the table), so wrk waits up to 55 s for an "
               "answer here (10 s in the tables above; nginx's read timeout is 60 s).", "",
               "| users | contender | req/s (median) | p50 ms | p99 ms | non-2xx | req/s per rotation |",
               "|---:|---|---:|---:|---:|---:|---|"]
        for users in sorted(scale):
            for name, runs in scale[users]["list"].items():
                md.append(f"| {users:,} | {label(name, db)} | {fmt(median(runs, 'rps'))} | "
                          f"{fmt(median(runs, 'p50_ms'), 2)} | {fmt(median(runs, 'p99_ms'), 2)} | "
                          f"{sum(r['non2xx'] for r in runs)} | {', '.join(fmt(r['rps']) for r in runs)} |")
        if contenders["api-server-estimated"].unavailable:
            md += ["", "api-server and api-server-estimated: not available yet."]
        else:
            largest = scale[max(scale)]
            counts = [sql for sql, _ in largest["estimated"].statements if "count(" in sql.lower()]
            md += ["", "SQL of api-server-estimated for one list request at the largest size"
                   + (" (**it still counts: SRF_PAGINATION_COUNT=estimated seems ignored**)" if counts else "")
                   + ":", "", *sql_block(largest["estimated"])]
        md.append("")
    md += ["## Captured SQL replayed by pgbench", "",
           f"One request per endpoint to {db.source} with `log_statement = 'all'`; the statements of its database "
           "role, in order (bound parameters after `--`). The random value of the request and the token user "
           "become pgbench variables.", ""]
    for endpoint, (_, _, _, clients, captured) in db.scripts.items():
        md += [f"**{TITLES[endpoint]}** ({clients} pgbench clients)", "", *sql_block(captured), ""]
    with open(os.path.join(out, "benchmark.md"), "w") as f:
        f.write("\n".join(md))
    chart(os.path.join(out, "benchmark.png"), contenders, db, results, scale, bool(api.unavailable))
    with open(os.path.join(out, "benchmark.json"), "w") as f:
        json.dump({"results": results, "scale": {u: s["list"] for u, s in scale.items()},
                   "api_server_unavailable": api.unavailable}, f, indent=1)


def _pip_version(package):
    from importlib.metadata import version as installed
    return installed(package)
