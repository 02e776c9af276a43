"""The database ceiling: replay, with pgbench, the SQL a responder issued for one endpoint.

The statements are captured, not retyped: the server logs every statement (log_statement = all,
CSV log) while one request is made, and the statements of the responder's database role are
turned into pgbench scripts. What varies per request is replaced by pgbench variables:

- the request's random value (a user id, an offset) by a \\set random(...) variable, found by the
  value the capture request used;
- the token user (its key and id) by one script per token of the pool, as wrk draws from the
  same pool;
- everything else stays as captured (bound parameters become -D variables, so a prepared
  statement stays a prepared statement);
- statements the responder sent in one pipeline (one round trip, found by their shared
  implicit transaction in the log) are replayed in one pgbench pipeline too.
"""
import csv
import os
import re
import statistics
import subprocess
import time

from stack import PGBIN

PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
# Outside quoted literals, numbers stand alone; inside, a literal is replaced only as a whole.
TOKEN = re.compile(r"('(?:[^']|'')*')|(\b\d+\b)")
# Connection set-up (a fresh connection's first request), not the endpoint's work.
SETUP = re.compile(r"^\s*(SET|SHOW|RESET|DISCARD)\b|^\s*SELECT\s+(pg_catalog\.)?set_config\(", re.I)


class Captured:
    def __init__(self, statements, protocol):
        self.statements = statements  # [(sql, [param or None])]
        self.protocol = protocol      # simple | extended | prepared
        self.dropped = []
        # Per statement: the pipeline it was sent in (an index), or None when it had a round
        # trip of its own. Found from the log: statements sent in one pipeline (no Sync between
        # them) share one implicit transaction, so one virtual transaction id.
        self.pipelines = []

    def pipeline_spans(self):
        """(first, last) statement index of each pipeline of two or more statements."""
        spans = {}
        for i, group in enumerate(self.pipelines):
            if group is not None:
                first, _ = spans.get(group, (i, i))
                spans[group] = (first, i)
        return [span for span in spans.values() if span[1] > span[0]]

    def text(self):
        starts = {first: last for first, last in self.pipeline_spans()}
        lines = []
        for i, (sql, params) in enumerate(self.statements):
            if i in starts:
                lines.append(f"-- pipelined: the next {starts[i] - i + 1} statements in one round trip")
            lines.append(sql + (f"   -- {params}" if params else ""))
        return lines


def set_logging(pg, on):
    pg.psql("postgres", f"ALTER SYSTEM SET log_statement = '{'all' if on else 'none'}'")
    pg.psql("postgres", "SELECT pg_reload_conf()")
    time.sleep(0.5)  # backends apply the reload before their next command


def capture(pg, role, send_request):
    """The statements `role` ran while send_request() ran."""
    log = pg.csv_log()
    start = os.path.getsize(log) if os.path.exists(log) else 0
    set_logging(pg, True)
    try:
        send_request()
        time.sleep(0.5)
    finally:
        set_logging(pg, False)
    time.sleep(0.3)
    with open(log, newline="", encoding="utf-8", errors="replace") as f:
        f.seek(start)
        rows = list(csv.reader(f))
    statements, kinds, transactions = [], [], []
    for row in rows:
        if len(row) < 15 or row[1] != role:
            continue
        message, detail = row[13], row[14]
        if message.startswith("statement: "):
            statements.append((message[len("statement: "):], []))
            kinds.append("simple")
        elif message.startswith("execute "):
            name, _, sql = message[len("execute "):].partition(": ")
            params = [None if v == "NULL" else v[1:-1].replace("''", "'")
                      for _, v in sorted(PARAMETER.findall(detail), key=lambda p: int(p[0]))]
            statements.append((sql, params))
            kinds.append("extended" if name == "<unnamed>" else "prepared")
        else:
            continue
        transactions.append((row[5], row[9]))  # session id, virtual transaction id
    captured = Captured([], max(set(kinds), key=kinds.count) if kinds else "simple")
    explicit = False  # inside BEGIN ... COMMIT: shared transaction ids mean no pipeline there
    for (sql, params), kind, transaction in zip(statements, kinds, transactions):
        if SETUP.match(sql):
            captured.dropped.append((sql, params))
            continue
        word = sql.split(None, 1)[0].upper() if sql.split() else ""
        explicit = explicit or word in ("BEGIN", "START")
        captured.statements.append((sql, params))
        captured.pipelines.append(None if explicit or kind == "simple" else transaction)
        if word in ("COMMIT", "ROLLBACK", "END"):
            explicit = False
    # A transaction id seen once is a statement with its own round trip.
    seen = [t for t in captured.pipelines if t is not None]
    captured.pipelines = [t if t is not None and seen.count(t) > 1 else None for t in captured.pipelines]
    return captured


def scripts(captured, directory, variables, header, token_users):
    """Writes pgbench scripts; returns (script paths, -D definitions).

    variables: {captured value (str): pgbench variable name}, header: the \\set lines;
    token_users: [(key, id)], the first being the one the capture request used (empty when
    the endpoint takes no token).
    """
    os.makedirs(directory, exist_ok=True)
    defines, paths = {}, []
    pool = token_users or [(None, None)]
    key0, id0 = pool[0]
    for k, (key, uid) in enumerate(pool):
        values = dict(variables)
        if key0 is not None:
            values[key0] = f"tok{k}"
            values[str(id0)] = f"uid{k}"
            defines[f"tok{k}"] = key
            defines[f"uid{k}"] = str(uid)
        lines = list(header)
        spans = captured.pipeline_spans() if captured.protocol != "simple" else []
        starts, ends = {first for first, _ in spans}, {last for _, last in spans}
        for n, (sql, params) in enumerate(captured.statements):
            if n in starts:
                lines.append("\\startpipeline")
            if params:  # bound parameters: $n -> :variable
                def bind(match, params=params, n=n):
                    i = int(match.group(1))
                    value = params[i - 1]
                    if value is None:
                        return "NULL"
                    name = values.get(value)
                    if name is None:
                        name = f"c{n}_{i}"
                        defines[name] = value
                    return f":{name}"
                sql = re.sub(r"\$(\d+)\b", bind, sql)
            else:  # literals inlined by the client (psycopg's client-side binding)
                def literal(match):
                    quoted, number = match.groups()
                    value = quoted[1:-1].replace("''", "'") if quoted else number
                    name = values.get(value)
                    if name is None:
                        return match.group(0)
                    return f"'{defines[name]}'" if quoted and name in defines else f":{name}"
                sql = TOKEN.sub(literal, sql)
            lines.append(" ".join(sql.split()) + ";")
            if n in ends:
                lines.append("\\endpipeline")
        path = os.path.join(directory, f"script{k}.sql")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths, defines


def pgbench(pg, paths, defines, protocol, clients, seconds, log_dir):
    """Runs the scripts as pgbench transactions: {rps, p50_ms, p99_ms, failed}."""
    os.makedirs(log_dir, exist_ok=True)
    for old in os.listdir(log_dir):
        os.unlink(os.path.join(log_dir, old))
    cmd = [f"{PGBIN}/pgbench", "-n", "-h", pg.sock, "-p", str(pg.port), "-U", "postgres", "-M", protocol,
           "-c", str(clients), "-j", str(min(clients, 2)), "-T", str(max(1, round(seconds))),
           "-l", "--log-prefix", os.path.join(log_dir, "tx")]
    for name, value in defines.items():
        cmd += ["-D", f"{name}={value}"]
    for path in paths:
        cmd += ["-f", path]
    out = subprocess.run(cmd + ["bench"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"pgbench failed ({out.returncode}):\n{out.stderr[-2000:]}")
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout).group(1))
    failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", out.stdout)) else 0
    latencies = []
    for name in os.listdir(log_dir):
        with open(os.path.join(log_dir, name)) as f:
            latencies.extend(int(line.split()[2]) for line in f if line.strip())
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {"rps": tps, "p50_ms": q[49] / 1000, "p99_ms": q[98] / 1000, "non2xx": failed, "errors": 0}
