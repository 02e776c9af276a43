"""The processes a benchmark run starts: a PostgreSQL cluster, nginx, the responders.

Everything lives in one work directory and listens on 127.0.0.1 or unix sockets only.
"""
import glob
import os
import pwd
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request


def free_ports(count):
    """`count` consecutive loopback TCP ports that nothing holds now, for nginx's server blocks.

    Below the kernel's ephemeral range (32768-60999 by default): a port drawn from inside it
    could be the local end of any client connection on the machine, and nginx then failed to
    bind it ("Address already in use"; seen once in Tests/run's relations smoke). And below
    the Swift tests' `freeLocalPort` range (20000-31999), so a benchmark run next to a test
    run does not take their ports either. Each port is checked by binding it without
    SO_REUSEADDR, so one with connections in TIME_WAIT counts as taken."""
    import random
    import socket

    def free(port):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return True
            except OSError:
                return False

    for _ in range(1000):
        base = random.randint(10000, 20000 - count)
        if all(free(base + i) for i in range(count)):
            return base
    raise RuntimeError(f"no {count} free consecutive loopback ports in 10000-19999")

PGBIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))[-1]


def run(cmd, **kwargs):
    """Runs a command to completion; its output goes to the caller unless captured."""
    return subprocess.run(cmd, check=True, **kwargs)


def as_postgres(cmd):
    return ["/usr/sbin/runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Process:
    """A started child with its log file; stop() sends SIGTERM to it (and only it) and waits."""

    def __init__(self, name, cmd, log, env=None, cwd=None):
        self.name, self.log = name, log
        with open(log, "ab") as out:
            self.popen = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                                          stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid = self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def tail(self, lines=15):
        with open(self.log, errors="replace") as f:
            return "".join(f.readlines()[-lines:])

    def stop(self, timeout=15):
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def wait_for(path_or_check, timeout, what, process=None):
    deadline = time.time() + timeout
    check = path_or_check if callable(path_or_check) else (lambda: os.path.exists(path_or_check))
    while time.time() < deadline:
        if check():
            return
        if process is not None and not process.alive():
            raise RuntimeError(f"{process.name} exited while starting:\n{process.tail()}")
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}" + (f":\n{process.tail()}" if process else ""))


def process_tree(pid):
    """pid and its descendants (gunicorn's master and workers)."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for children in glob.glob(f"/proc/{p}/task/*/children"):
            try:
                todo.extend(int(c) for c in open(children).read().split())
            except OSError:
                pass
    return pids


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def pids_named(name):
    """Every process whose command name is `name` (PostgreSQL's backends come and go)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if open(f"/proc/{entry}/comm").read().strip() == name:
                    found.append(int(entry))
            except OSError:
                pass
    return found


def cpu_ticks(pids):
    """User + system CPU time of these processes, in clock ticks (all their threads)."""
    total = 0
    for p in pids:
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def machine_busy_ticks():
    """CPU time the whole machine spent not idle, in clock ticks summed over the cores."""
    fields = [int(v) for v in open("/proc/stat").readline().split()[1:]]
    return sum(fields[:8]) - fields[3] - fields[4]  # all but idle and iowait (guest is inside user)


class CPUMeter:
    """CPU time per request by process group over one measured run: who pays for a request.

    Groups: the responder's process tree, nginx's, every `postgres` process alive at both ends
    of the run (persistent connections: the responders' backends), the load generator (wrk or
    pgbench: a child of this script, from `os.times()`), and the whole machine; "other" is what
    is left (backends that came and went, the kernel's softirqs, other tenants)."""

    def __init__(self, responder_pid=None, nginx_pid=None):
        self.groups = {"responder": (lambda: process_tree(responder_pid)) if responder_pid else None,
                       "nginx": (lambda: process_tree(nginx_pid)) if nginx_pid else None,
                       "postgres": lambda: pids_named("postgres")}
        self.start = self.end = None

    def _snapshot(self):
        snap = {name: cpu_ticks(pids()) for name, pids in self.groups.items() if pids}
        snap["machine"] = machine_busy_ticks()
        times = os.times()
        snap["client"] = (times.children_user + times.children_system) * CLOCK_TICKS
        return snap

    def __enter__(self):
        self.start = self._snapshot()
        return self

    def __exit__(self, *exc):
        self.end = self._snapshot()

    def per_request_us(self, requests):
        """{group: µs of CPU per request}, or None without requests."""
        if not requests:
            return None
        used = {k: max(self.end[k] - self.start[k], 0) for k in self.end}
        used["other"] = max(used["machine"] - sum(v for k, v in used.items() if k != "machine"), 0)
        return {k: v * 1e6 / CLOCK_TICKS / requests for k, v in used.items()}


def reset_peak_rss(pid):
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
        except OSError:
            pass


def peak_rss_kib(pid):
    """Sum of VmHWM over the process tree: the responder's peak resident memory."""
    total = 0
    for p in process_tree(pid):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


class Postgres:
    """A throwaway cluster tuned for the benchmark, logging to CSV so statements can be captured."""

    def __init__(self, work, port):
        self.dir, self.port = os.path.join(work, "pg"), port
        self.data, self.sock, self.logs = (os.path.join(self.dir, d) for d in ("data", "sock", "log"))

    def start(self):
        os.makedirs(self.dir)
        os.makedirs(self.sock)
        os.makedirs(self.logs)
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            for d in (self.dir, self.sock, self.logs):
                os.chown(d, pg.pw_uid, pg.pw_gid)
        run(as_postgres([f"{PGBIN}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                         "--locale=C.UTF-8"]), stdout=subprocess.DEVNULL)
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write(f"""
listen_addresses = ''
port = {self.port}
unix_socket_directories = '{self.sock}'
max_connections = 200
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 256MB
synchronous_commit = off
max_wal_size = 8GB
checkpoint_timeout = 30min
jit = off
logging_collector = on
log_destination = 'csvlog'
log_directory = '{self.logs}'
log_filename = 'postgres.log'
""")
        run(as_postgres([f"{PGBIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"), "-w",
                         "start"]), stdout=subprocess.DEVNULL)
        self.psql("postgres", "CREATE DATABASE bench")
        for role in ("drf", "apiserver"):
            self.psql("postgres", f"CREATE ROLE {role} LOGIN SUPERUSER")

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            subprocess.run(as_postgres([f"{PGBIN}/pg_ctl", "-D", self.data, "-m", "fast", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, user="postgres", db="bench"):
        return f"postgres://{user}@/{db}?host={self.sock}&port={self.port}"

    def psql(self, db, sql=None, file=None, variables=None, quiet=True):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.sock, "-p", str(self.port), "-U", "postgres",
               "-d", db, "-At"]
        for name, value in (variables or {}).items():
            cmd += ["-v", f"{name}={value}"]
        cmd += ["-c", sql] if sql else ["-f", file]
        out = run(cmd, capture_output=True, text=True)
        return out.stdout

    def csv_log(self):
        return os.path.join(self.logs, "postgres.csv")


class Nginx:
    """One nginx, one server block per contender on its own loopback port, same settings for all."""

    def __init__(self, work, params_file):
        self.dir = os.path.join(work, "nginx")
        self.params = params_file
        self.servers = []
        self.upstreams = []
        self.process = None

    # Kept connections per nginx worker to each FastCGI contender, as deploy/nginx/api-server.conf.
    KEEPALIVE = 32

    def add_fastcgi(self, port, socket):
        """A FastCGI contender behind an upstream with keep-alive (deploy/nginx/api-server.conf)."""
        self.upstreams.append(f"upstream fcgi_{port} {{ server unix:{socket}; keepalive {self.KEEPALIVE}; }}")
        self.servers.append((port, f"include {self.params};\n            fastcgi_pass fcgi_{port};\n"
                                   "            fastcgi_keep_conn on;"))

    @classmethod
    def most_fastcgi_connections(cls, client_connections):
        """The most connections nginx may hold to one FastCGI contender: one per request in
        flight plus each worker's cache of idle ones."""
        return client_connections + cls.KEEPALIVE * (os.cpu_count() or 1)

    def add_http(self, port, socket):
        self.servers.append((port, f"proxy_pass http://unix:{socket};\n            proxy_set_header Host $http_host;"))

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        servers = "\n".join(f"""
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{
            {upstream}
        }}
    }}""" for port, upstream in self.servers)
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes auto;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path {self.dir}/body;
    fastcgi_temp_path {self.dir}/fastcgi;
    proxy_temp_path {self.dir}/proxy;
    fastcgi_keep_conn off;
    fastcgi_read_timeout 60s;
    proxy_read_timeout 60s;
    {chr(10).join(self.upstreams)}
{servers}
}}
""")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = Process("nginx", [nginx, "-c", conf, "-g", "daemon off;"], os.path.join(self.dir, "out.log"))
        wait_for(os.path.join(self.dir, "nginx.pid"), 10, "nginx", self.process)

    def stop(self):
        if self.process:
            self.process.stop()


def http(port, path, method="GET", headers=None, body=None, timeout=10):
    """One request through nginx: (status, body text)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        return 0, str(error)
