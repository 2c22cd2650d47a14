#!/usr/bin/env python3
"""A generated province served by two `dualprev serve` processes behind nginx (the README's ```nginx block, as
.ci/two_servers.py sets it up), timed from the regulator's side: one login through nginx, then the overview page (GET /)
several times through nginx. Prints each request's status and seconds, how many requests each server answered, the
median, and each server's peak RSS (VmHWM). Writes nothing to the database but the login.

usage: python3 Benchmarks/Scale/behind-nginx.py BIN DATABASE EVIDENCE LOGIN PASSWORD [requests]

  .build/release/dualprev generate --db /tmp/p50.sqlite --enterprises 50000 --password Prov-pass-2026
  .build/release/dualprev migrate --db /tmp/p50.sqlite --to postgres://dualprev@127.0.0.1:5432/p50 --evidence-to /tmp/p50-evidence
  python3 Benchmarks/Scale/behind-nginx.py .build/release/dualprev postgres://dualprev@127.0.0.1:5432/p50 /tmp/p50-evidence \\
      合成省监管员 Prov-pass-2026 10
"""
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time

if len(sys.argv) < 6:
    sys.exit(__doc__)
BIN, DATABASE, EVIDENCE, LOGIN, PASSWORD = sys.argv[1:6]
REQUESTS = int(sys.argv[6]) if len(sys.argv) > 6 else 10
HERE = os.path.dirname(os.path.abspath(__file__))

# The nginx block and the helpers of the CI's two-server test, so that both run the README's configuration.
spec = importlib.util.spec_from_file_location("two_servers", os.path.join(HERE, "..", "..", ".ci", "two_servers.py"))
two = importlib.util.module_from_spec(spec)
spec.loader.exec_module(two)


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    work = tempfile.mkdtemp(prefix="dualprev-nginx-")
    store = ["--database", DATABASE, "--evidence", EVIDENCE]
    servers, logs, processes = [], [], []
    try:
        ports = [two.free_port(), two.free_port()]
        for index, port in enumerate(ports):
            log = open(os.path.join(work, f"server{index}.log"), "w")
            logs.append(log.name)
            extra = [] if index == 0 else ["--escalate-minutes", "0"]
            started = time.time()
            server = subprocess.Popen([BIN, "serve", "--port", str(port)] + store + extra, stdout=log, stderr=log)
            servers.append(server)
            processes.append(server)
            if not two.wait_for(f"http://127.0.0.1:{port}/health", seconds=600):
                sys.exit(f"the server on {port} did not come up: see {log.name}")
            print(f"server {index} on {port} up in {time.time() - started:.1f} s", flush=True)
        front = two.free_port()
        # A page of a province may take longer than nginx waits by default (60 s).
        processes.append(two.start_nginx(work, front, ports, settings="  proxy_read_timeout 600s;\n"))
        base = f"http://127.0.0.1:{front}"
        if not two.wait_for(base + "/health"):
            sys.exit("nginx did not answer")
        status, headers, body = two.request(base + "/api/v1/session", "POST", {"login": LOGIN, "password": PASSWORD})
        cookie = (headers.get("set-cookie") or "").split(";")[0]
        if status != 200 or not cookie:
            sys.exit(f"login through nginx failed: {status} {body[:300]!r}")
        def overviews():
            # Each server logs its requests (`hb.request.path=/ ` for the overview).
            return [open(path, encoding="utf-8", errors="replace").read().count("hb.request.path=/ ") for path in logs]

        before = overviews()
        seconds = []
        for index in range(REQUESTS):
            started = time.time()
            status, _, body = two.request(base + "/", cookie=cookie)
            elapsed = time.time() - started
            page = body.decode("utf-8", errors="replace")
            ok = status == 200 and 'name="password"' not in page
            seconds.append(elapsed)
            print(f"GET / #{index + 1}: {status} {elapsed:.3f} s {len(body)} bytes{'' if ok else '  NOT THE OVERVIEW'}", flush=True)
            if not ok:
                sys.exit(1)
        answered = [a - b for a, b in zip(overviews(), before)]
        print(f"median {statistics.median(seconds):.3f} s (min {min(seconds):.3f}, max {max(seconds):.3f}) over {REQUESTS}")
        print(f"answered by server 0 and 1: {answered}")
        print("peak RSS of the servers: " + ", ".join(f"{peak_rss_mb(s.pid):.0f} MB" for s in servers))
    finally:
        two.stop(list(reversed(processes)))


if __name__ == "__main__":
    main()
