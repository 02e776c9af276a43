"""The benchmark's endpoints, data set and single requests, shared by bench.py and compare.py.

Standard library only, so `compare` runs on the system Python (bench.py's report needs
matplotlib from the virtualenv).
"""
import base64
import hashlib
import math
import os

from stack import http

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
ENDPOINTS = {  # name: (title, takes a token, expected status)
    "retrieve": ("GET /api/users/{id}/", True, 200),
    "list": ("GET /api/users/?page={n}", True, 200),
    "public": ("GET /api/public-accounts/?limit=10&offset={n}", False, 200),
    "create": ("POST /api/notes/", True, 201),
}
TOKEN_POOL = 16
CREATE_BODY = b'{"title":"Benchmark note","body":"Written by wrk."}'


def django_hash(password, iterations=100_000):
    salt = base64.b64encode(os.urandom(12)).decode().rstrip("=").replace("+", "a").replace("/", "b")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def generate(pg, users, full=True, log=None):
    """Fills the database with data.sql; returns {users, pages, accounts, pool, tokens} for the
    requests (pool: (token key, user id) of the TOKEN_POOL users wrk draws from)."""
    accounts, notes = (users // 10, users * 5) if full else (0, 0)
    if log:
        log(f"data: {users} users, {accounts} accounts, {notes} notes")
    pg.psql("bench", file=os.path.join(HERE, "data.sql"),
            variables={"users": users, "accounts": accounts, "notes": notes, "hash": django_hash("benchmark")})
    ids = list(range((users // 4) | 1, (users // 4) + 2 * TOKEN_POOL, 2))  # odd ids: never an offset
    rows = pg.psql("bench", f"SELECT user_id, key FROM auth_tokens WHERE user_id IN ({','.join(map(str, ids))}) "
                            "ORDER BY user_id")
    pool = [(key, int(uid)) for uid, key in (line.split("|") for line in rows.split())]
    return {"users": users, "pages": math.ceil(users / 10), "accounts": accounts, "pool": pool,
            "tokens": [key for key, _ in pool]}


def apply_schema(pg):
    """The project's migrations, in order (the same SQL `migrate` applies)."""
    migrations = sorted(f for f in os.listdir(os.path.join(ROOT, "migrations")) if f.endswith(".sql"))
    files = [os.path.join(ROOT, "migrations", f) for f in migrations]
    for f in files:
        pg.psql("bench", file=f)
    return [os.path.relpath(f, ROOT) for f in files]


def capture_plan(endpoint, data):
    """The capture request's random value, its pgbench variable and the \\set lines."""
    users, pages, accounts = data["users"], data["pages"], data["accounts"]
    if endpoint == "retrieve":
        value = users - 3 if (users - 3) % 2 else users - 4  # odd: not a token user's id... checked below
        return f"/api/users/{value}/", {str(value): "id"}, [f"\\set id random(1, {users})"]
    if endpoint == "list":
        page = max(pages - 1, 2)
        return (f"/api/users/?page={page}", {str((page - 1) * 10): "off"},
                [f"\\set page random(1, {pages})", "\\set off (:page - 1) * 10"])
    if endpoint == "public":
        offset = max(accounts - 2, 2) & ~1
        return (f"/api/public-accounts/?limit=10&offset={offset}", {str(offset): "off"},
                [f"\\set off random(0, {max(accounts - 1, 0)})"])
    return "/api/notes/", {}, []


def request(port, endpoint, path, data):
    """One request of `endpoint` for `path` through nginx: (status, body text)."""
    headers = {"Host": "127.0.0.1"}
    if ENDPOINTS[endpoint][1]:
        headers["Authorization"] = f"Token {data['pool'][0][0]}"
    if endpoint == "create":
        headers["Content-Type"] = "application/json"
        return http(port, path, "POST", headers, CREATE_BODY)
    return http(port, path, headers=headers)
