#!/usr/bin/env python3
"""Two `dualprev serve` processes on one database behind nginx, configured by the README's nginx snippet (the first
```nginx block of README.md, its ports replaced by free ones): a login made through nginx is honoured by both
servers, requests are spread over both, a logout through nginx ends the login on both, and the audit chain is intact
at the end. Installs nginx-light when nginx is missing (CI runs as root on a clean clone).

With --postgres URL (a server's URL, as DUALPREV_POSTGRES_URL), the two servers share a new PostgreSQL database
instead of an SQLite file: the demo is built as an SQLite file, moved over with `dualprev migrate`, and both servers
run with --database on it and one shared evidence folder. Either way, an account disabled by a third process (the CLI)
ends its login on both servers at their next request.

usage: python3 .ci/two_servers.py .build/debug/dualprev [--postgres URL]        (about 20 seconds)
"""
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else ".build/debug/dualprev")
POSTGRES = sys.argv[sys.argv.index("--postgres") + 1] if "--postgres" in sys.argv else None
PASSWORD = "dualprev-demo-2026"
HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(HERE, "..", "README.md")
failures = 0


def check(ok, what):
    global failures
    print(("  ok   " if ok else "  FAIL ") + what, flush=True)
    if not ok:
        failures += 1


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    return False


def request(url, method="GET", body=None, cookie=None):
    headers = {"content-type": "application/json"} if body is not None else {}
    if cookie:
        headers["cookie"] = cookie
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def snippet(front, backends):
    text = open(README, encoding="utf-8").read()
    match = re.search(r"```nginx\n(.*?)```", text, re.S)
    if not match:
        sys.exit("two_servers: README.md has no ```nginx block")
    conf = match.group(1)
    # The README's addresses: the front on 8080, the servers on 8081 and 8082.
    conf = conf.replace("127.0.0.1:8081", f"127.0.0.1:{backends[0]}").replace("127.0.0.1:8082", f"127.0.0.1:{backends[1]}")
    conf = re.sub(r"listen\s+127\.0\.0\.1:8080", f"listen 127.0.0.1:{front}", conf)
    return conf


def start_nginx(work, front, backends, settings=""):
    """nginx in the foreground on `front`, in front of `backends`, with its files in `work` and the README's block (plus
    `settings`, more lines of its http block)."""
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as out:
        out.write(f"""daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{}}
http {{
  access_log {work}/nginx-access.log;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
{settings}{snippet(front, backends)}
}}
""")
    return subprocess.Popen(["nginx", "-p", work, "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(processes):
    """Ends the processes: asked first, killed after 20 seconds."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def postgres_demo(work):
    """A new database on the server holding the demo, moved there from an SQLite file; the store's options."""
    name = "dualprev_two_" + str(os.getpid())
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    subprocess.run([psql, POSTGRES, "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET client_min_messages = warning", "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True)
    url = re.sub(r"/[^/?]*(\?|$)", f"/{name}\\1", POSTGRES.split("://", 1)[1], count=1)
    url = POSTGRES.split("://", 1)[0] + "://" + url
    sqlite = os.path.join(work, "demo.sqlite")
    subprocess.run([BIN, "demo", "--db", sqlite, "--format", "json"], check=True, stdout=subprocess.DEVNULL)
    evidence = os.path.join(work, "evidence")
    moved = subprocess.run([BIN, "migrate", "--db", sqlite, "--to", url, "--evidence-to", evidence], capture_output=True, text=True)
    check(moved.returncode == 0, f"the demo moved to PostgreSQL: {moved.stderr.strip()[-300:]}")
    store = ["--database", url, "--evidence", evidence]
    for login in ["1", "林晓燕"]:
        subprocess.run([BIN, "user", "add", login, "--as", "1"] + store, input=PASSWORD + "\n", text=True, check=True,
                       stdout=subprocess.DEVNULL)
    return store


def main():
    if shutil.which("nginx") is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx-light"], check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="dualprev-two-")
    db = os.path.join(work, "demo.sqlite")
    store = ["--db", db]
    if POSTGRES:
        store = postgres_demo(work)
    processes = []
    try:
        ports = [free_port(), free_port()]
        logs = []
        for index, port in enumerate(ports):
            log = open(os.path.join(work, f"server{index}.log"), "w")
            logs.append(log.name)
            # The first builds the demo (with its logins' passwords) and runs the reminder and escalation passes; the
            # second leaves them to it (README). On PostgreSQL the demo is there already.
            extra = ["--demo"] if index == 0 and not POSTGRES else [] if index == 0 else ["--escalate-minutes", "0"]
            processes.append(subprocess.Popen([BIN, "serve", "--port", str(port)] + store + extra, stdout=log, stderr=log))
            check(wait_for(f"http://127.0.0.1:{port}/health"), f"server on {port} is up")
        front = free_port()
        processes.append(start_nginx(work, front, ports))
        base = f"http://127.0.0.1:{front}"
        check(wait_for(base + "/health"), "nginx answers in front of both")

        status, headers, _ = request(base + "/api/v1/session", "POST", {"login": "林晓燕", "password": PASSWORD})
        cookie = (headers.get("set-cookie") or "").split(";")[0]
        check(status == 200 and cookie.startswith("dp_session="), "a login through nginx")
        answers = [request(base + "/api/v1/me", cookie=cookie)[0] for _ in range(20)]
        check(answers.count(200) == 20, f"20 requests with that login through nginx: {answers.count(200)} answered 200")
        for port in ports:
            status, _, body = request(f"http://127.0.0.1:{port}/api/v1/me", cookie=cookie)
            check(status == 200 and "林晓燕" in body.decode(), f"the server on {port} honours the login directly")
        served = [open(path, encoding="utf-8", errors="replace").read().count("/api/v1/me") for path in logs]
        check(all(count >= 5 for count in served), f"nginx spread the requests over both servers: {served}")

        status, _, _ = request(base + "/api/v1/session", "DELETE", cookie=cookie)
        check(status == 204, "a logout through nginx")
        after = [request(base + "/api/v1/me", cookie=cookie)[0] for _ in range(6)]
        after += [request(f"http://127.0.0.1:{port}/api/v1/me", cookie=cookie)[0] for port in ports]
        check(after.count(401) == len(after), f"after it, neither server knows the login: {after}")

        # Logged in again, then the account is disabled by another process: both servers end the login.
        status, headers, _ = request(base + "/api/v1/session", "POST", {"login": "林晓燕", "password": PASSWORD})
        cookie = (headers.get("set-cookie") or "").split(";")[0]
        check(status == 200, "logged in again")
        disable = subprocess.run([BIN, "user", "disable", "林晓燕", "--as", "1"] + store, capture_output=True, text=True)
        check(disable.returncode == 0, f"the CLI disables the account: {disable.stderr.strip()}")
        after = [request(f"http://127.0.0.1:{port}/api/v1/me", cookie=cookie)[0] for port in ports]
        check(after == [401, 401], f"a disabled account's login ends on both servers: {after}")
    finally:
        stop(processes)
    verify = subprocess.run([BIN, "audit", "verify", "--format", "json"] + store, capture_output=True, text=True)
    check(verify.returncode == 0, "audit verify after both servers stopped")
    shutil.rmtree(work, ignore_errors=True)
    print(f"two servers behind nginx{' on PostgreSQL' if POSTGRES else ''}: {failures} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
