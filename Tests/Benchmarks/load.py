"""wrk through nginx: one measured run, parsed."""
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def wrk(port, endpoint, seconds, connections, data, timeout=10):
    """data: {users, pages, accounts, tokens}; timeout: seconds before wrk counts a request as a
    timeout error. Returns {rps, p50_ms, p99_ms, non2xx, errors, requests}."""
    env = dict(os.environ, BENCH_ENDPOINT=endpoint, BENCH_USERS=str(data["users"]),
               BENCH_PAGES=str(data["pages"]), BENCH_ACCOUNTS=str(max(data["accounts"], 1)),
               BENCH_TOKENS=",".join(data["tokens"]), BENCH_SEED=str(port))
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{timeout}s", "--latency",
           "-s", os.path.join(HERE, "wrk.lua"), f"http://127.0.0.1:{port}"]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 60)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    text = out.stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
    }
