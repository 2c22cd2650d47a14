#!/usr/bin/env python3
"""Fault tests against the built `dualprev` (debug) on a demo database, as an outside tester breaks it:

1. kill -9 of the CLI at random points of a stream of transitions (report, notice), 20 rounds;
2. kill -9 of the CLI at random points of a bulk import (2,000 rows), 20 rounds;
3. kill -9 of the server at random points of a stream of API reports, 20 rounds; then `dualprev backup` while the
   server takes reports, and `restore` into an empty folder: the same head hash;
   after each: every acknowledged action is there, no import is partial, numbers are gapless, the chain verifies;
4. 16 concurrent writers beside a 20,000-row import: no busy error reaches anyone, hazard numbers gapless;
5. a full disk (an 8 MB tmpfs, as root) and a read-only file system (a read-only bind mount, as root): documented exits
   (73), nothing half-written, reads and `audit verify` still answer;
6. the evidence race: per round a new file, the same bytes brought at once by a refused and an accepted process,
   200 rounds: every committed file kept (`audit verify` hashes each).

Usage: python3 .ci/fault_tests.py [path/to/dualprev]    (default .build/debug/dualprev)
"""

import http.cookiejar
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/dualprev")
PASSWORD = "dualprev-demo-2026"
DIRECTOR = "林晓燕"  # director of the demo's first enterprise
RECEIVER = "吴春华"
random.seed(int(os.environ.get("DUALPREV_FAULT_SEED", "20261201")))
failures = []
SERVERS = []  # every server started, killed on the way out whatever happens


def check(condition, what):
    print(("  ok   " if condition else "  FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def cli(db, *args, stdin=None, timeout=600):
    return subprocess.run([BIN, *args, "--db", db], input=stdin, capture_output=True, text=True, timeout=timeout)


def cli_json(db, *args):
    done = cli(db, *args, "--format", "json")
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout)


def verify(db, what):
    done = cli(db, "audit", "verify", "--format", "json")
    report = json.loads(done.stdout) if done.stdout.strip() else {}
    check(done.returncode == 0 and not report.get("firstBroken") and not report.get("mismatches"), f"{what}: audit verify intact")


def numbers(db, prefix):
    hazards = cli_json(db, "hazard", "list", "--as", DIRECTOR)
    return sorted(h["number"] for h in hazards if h["number"].startswith(prefix))


def gapless(found):
    sequence = [int(n.rsplit("-", 1)[1]) for n in found]
    return sequence == list(range(1, len(sequence) + 1))


def kill_at_random(process, low, high):
    time.sleep(random.uniform(low, high))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode


def cli_stream(db):
    print("1. kill -9 of the CLI in a stream of transitions, 20 rounds", flush=True)
    acknowledged = []
    for round_ in range(20):
        description = f"断电测试 {round_}"
        report = subprocess.Popen(
            [BIN, "hazard", "report", "--db", db, "--as", DIRECTOR, "--workshop", "注塑车间", "--grade", "general",
             "--description", description, "--format", "json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        code = kill_at_random(report, 0.05, 0.6)
        if code != 0:
            continue
        number = json.loads(report.stdout.read())["number"]
        acknowledged.append((number, "reported"))
        notice = subprocess.Popen(
            [BIN, "hazard", "notice", number, "--db", db, "--as", DIRECTOR, "--to", RECEIVER, "--deadline", "2099-12-31",
             "--measures", "修复", "--format", "json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if kill_at_random(notice, 0.05, 0.6) == 0:
            acknowledged[-1] = (number, "notified")
    states = {h["number"]: h["state"] for h in cli_json(db, "hazard", "list", "--as", DIRECTOR)}
    lost = [n for n, state in acknowledged if state == "notified" and states.get(n) != "notified" or n not in states]
    check(not lost, f"{len(acknowledged)} acknowledged reports and their notices all kept (lost: {lost})")
    check(gapless(numbers(db, "YH-2026-")), "hazard numbers gapless")
    notices = sorted(h["notice"]["number"] for h in cli_json(db, "hazard", "list", "--as", DIRECTOR) if h.get("notice") and h["notice"]["number"].startswith("ZG-2026-"))
    check(gapless(notices), f"notice numbers gapless ({len(notices)})")
    verify(db, "after 20 killed CLI rounds")


def risk_table(rows, tag):
    lines = ["车间,风险维度,风险控制环节,风险点,风险描述,管控措施,管控目标,管控频次,责任人,评级方法,L,E,C"]
    lines += [f"注塑车间,生产工艺,{tag}环节{i // 100},{tag}风险点{i},温度过高导致材料分解,每班点检,温度≤230℃,每班,{RECEIVER},LEC,3,6,7"
              for i in range(rows)]
    return "\n".join(lines) + "\n"


def risk_count(db, tag):
    points = cli_json(db, "risk", "list", "--as", DIRECTOR)
    return sum(1 for p in points if p["name"].startswith(f"{tag}风险点"))


def cli_import(db, work):
    print("2. kill -9 of the CLI in a 2,000-row import, 20 rounds", flush=True)
    outcomes = []
    for round_ in range(20):
        tag = f"K{round_}"
        table = os.path.join(work, f"{tag}.csv")
        with open(table, "w", encoding="utf-8") as f:
            f.write(risk_table(2000, tag))
        run = subprocess.Popen([BIN, "risk", "import-table", table, "--db", db, "--as", DIRECTOR, "--enterprise", "1",
                                "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        code = kill_at_random(run, 0.1, 2.5)
        outcomes.append((tag, code == 0))
    points = cli_json(db, "risk", "list", "--as", DIRECTOR)
    counts = {}
    for p in points:
        m = re.match(r"(K\d+)风险点", p["name"])
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    partial = [tag for tag, _ in outcomes if counts.get(tag, 0) not in (0, 2000)]
    lost = [tag for tag, done in outcomes if done and counts.get(tag, 0) != 2000]
    finished = sum(1 for _, done in outcomes if done)
    check(not partial, f"no partial import ({finished} finished, {len(outcomes) - finished} killed; partial: {partial})")
    check(not lost, "every acknowledged import complete")
    verify(db, "after 20 killed imports")


class Api:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        with self.opener.open(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db, port, log):
    server = subprocess.Popen([BIN, "serve", "--db", db, "--port", str(port)], stdout=log, stderr=log)
    SERVERS.append(server)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            if server.poll() is not None:
                raise SystemExit(f"another process answers on port {port}")
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"the server did not start (exit {server.returncode}){log_tail(log)}")
            time.sleep(0.05)
    raise SystemExit(f"the server did not answer /health{log_tail(log)}")


def log_tail(log, size=4000):
    """The end of a server's log, for a failure that would otherwise vanish with the work folder."""
    log.flush()
    with open(log.name, "rb") as f:
        f.seek(max(0, os.path.getsize(log.name) - size))
        return "; the end of its log:\n" + f.read().decode("utf-8", "replace")


def server_stream(db, work):
    print("3. kill -9 of the server under a stream of API reports, 20 rounds", flush=True)
    done = cli(db, "user", "add", DIRECTOR, "--as", "1", stdin=PASSWORD + "\n")
    check(done.returncode == 0, f"a login for {DIRECTOR} ({done.stderr.strip()})")
    acknowledged = []
    with open(os.path.join(work, "server.log"), "ab") as log:
        for round_ in range(20):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = start_server(db, port, log)
            api = Api(base)
            api.call("POST", "/api/v1/session", {"login": DIRECTOR, "password": PASSWORD})
            me = api.call("GET", "/api/v1/me")[1]
            workshop = api.call("GET", f"/api/v1/enterprises/{me['enterpriseID']}/workshops")[1]["items"][0]["id"]
            # The kill comes from a timer, so it lands in the middle of a request as often as between two.
            killer = threading.Timer(random.uniform(0.2, 1.5), server.kill)
            killer.start()
            sent = 0
            stop = time.monotonic() + 15
            while time.monotonic() < stop:
                try:
                    status, hazard = api.call("POST", "/api/v1/hazards", {
                        "workshopID": workshop, "source": "report", "grade": "general",
                        "description": f"服务器断电 {round_}-{sent}"})
                    if status in (200, 201):
                        acknowledged.append(hazard["number"])
                    sent += 1
                except OSError:
                    break
            killer.join()
            server.wait()
    backup_under_load(db, work, log_path=os.path.join(work, "server.log"))
    kept = set(numbers(db, "YH-2026-"))
    lost = [n for n in acknowledged if n not in kept]
    check(len(acknowledged) > 0 and not lost, f"{len(acknowledged)} acknowledged API reports all kept (lost: {lost[:5]})")
    check(gapless(sorted(kept)), "hazard numbers gapless")
    verify(db, "after 20 killed servers")


def backup_under_load(db, work, log_path):
    """`dualprev backup` while the server takes reports, then `restore` into an empty folder: the same head."""
    port = free_port()
    with open(log_path, "ab") as log:
        server = start_server(db, port, log)
    api = Api(f"http://127.0.0.1:{port}")
    api.call("POST", "/api/v1/session", {"login": DIRECTOR, "password": PASSWORD})
    me = api.call("GET", "/api/v1/me")[1]
    workshop = api.call("GET", f"/api/v1/enterprises/{me['enterpriseID']}/workshops")[1]["items"][0]["id"]
    stop = threading.Event()
    sent = []

    def load():
        while not stop.is_set():
            status, hazard = api.call("POST", "/api/v1/hazards", {
                "workshopID": workshop, "source": "report", "grade": "general", "description": "备份期间上报"})
            sent.append(status)

    writer = threading.Thread(target=load)
    writer.start()
    time.sleep(0.3)
    folder = os.path.join(work, "backup")
    made = cli(db, "backup", "--to", folder, "--format", "json")
    time.sleep(0.3)
    stop.set()
    writer.join()
    server.terminate()
    server.wait()
    check(made.returncode == 0, f"backup while the server took {len(sent)} reports ({made.stderr.strip()[:160]})")
    if made.returncode != 0:
        return
    manifest = json.loads(made.stdout)
    restored = os.path.join(work, "restored", "r.sqlite")
    done = cli(restored, "restore", "--from", folder, "--format", "json")
    check(done.returncode == 0, f"restore into an empty folder ({done.stderr.strip()[:160]})")
    report = cli_json(restored, "audit", "verify")
    check(report["headHash"] == manifest["headHash"] and report["entries"] == manifest["entries"],
          f"the restored database verifies with the backup's head ({manifest['entries']} entries)")


def writers_beside_import(db, work):
    print("4. 16 concurrent writers beside a 20,000-row import", flush=True)
    table = os.path.join(work, "big.csv")
    with open(table, "w", encoding="utf-8") as f:
        f.write(risk_table(20000, "BIG"))
    before = len(numbers(db, "YH-2026-"))
    started = time.monotonic()
    importer = subprocess.Popen([BIN, "risk", "import-table", table, "--db", db, "--as", DIRECTOR, "--enterprise", "1",
                                 "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Spread over the import's time, so that some writers meet its transaction whatever the machine's speed.
    writers = []
    for i in range(16):
        time.sleep(0.6)
        writers.append(subprocess.Popen([BIN, "hazard", "report", "--db", db, "--as", DIRECTOR, "--workshop", "注塑车间",
                                         "--grade", "general", "--description", f"并发上报 {i}", "--format", "json"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    codes = [w.wait() for w in writers]
    errors = [w.stderr.read() for w in writers]
    importer.wait()
    took = time.monotonic() - started
    busy = [e for e in errors if "STORE-BUSY" in e or "locked" in e]
    check(importer.returncode == 0, f"the import finished ({took:.1f} s)")
    check(codes == [0] * 16 and not busy, f"16 writers: exits {sorted(set(codes))}, busy errors {len(busy)}")
    told = sum(1 for e in errors if "retrying" in e or "重试" in e)
    check(told > 0, f"{told} of 16 met the import's transaction, were told the store was busy, waited and succeeded")
    after = numbers(db, "YH-2026-")
    check(len(after) == before + 16 and gapless(after), "hazard numbers gapless")
    check(risk_count(db, "BIG") == 20000, "all 20,000 rows imported")
    verify(db, "after the import and its 16 neighbours")


def mounted(kind, target, *options):
    return subprocess.run(["mount", *options, target] if kind is None else ["mount", "-t", kind, *options, target],
                          capture_output=True).returncode == 0


def full_and_read_only(db, work):
    print("5. a full disk and a read-only file system", flush=True)
    if os.geteuid() != 0:
        print("  skip (needs root for tmpfs and bind mounts)", flush=True)
        return
    small = os.path.join(work, "small")
    os.makedirs(small)
    if not mounted("tmpfs", small, "-o", "size=8m", "tmpfs"):
        print("  skip (cannot mount a tmpfs here)", flush=True)
        return
    try:
        # A demo database (about 3 MB) copied onto an 8 MB disk, which an import of 20,000 rows then fills.
        seed = os.path.join(work, "seed.sqlite")
        built = cli(seed, "demo")
        check(built.returncode == 0, f"a demo database to copy ({built.stderr.strip()[:160]})")
        little = os.path.join(small, "small.sqlite")
        shutil.copy(seed, little)
        shutil.copytree(seed + ".evidence", little + ".evidence")
        before = cli_json(little, "audit", "verify")
        table = os.path.join(work, "fill.csv")
        with open(table, "w", encoding="utf-8") as f:
            f.write(risk_table(20000, "FULL"))
        full = cli(little, "risk", "import-table", table, "--as", DIRECTOR, "--enterprise", "1")
        check(full.returncode == 73 and "STORE-FULL" in full.stderr, f"full disk: exit {full.returncode} STORE-FULL ({full.stderr.strip()[:160]})")
        after = cli_json(little, "audit", "verify")
        check(after["headHash"] == before["headHash"] and risk_count(little, "FULL") == 0, "full disk: nothing half-written")
        photo = os.path.join(work, "big-photo.jpg")
        with open(photo, "wb") as f:
            f.write(os.urandom(8 * 1024 * 1024))
        evidence = cli(little, "hazard", "report", "--as", DIRECTOR, "--workshop", "注塑车间", "--grade", "general",
                       "--description", "照片太大", "--photo", photo)
        check(evidence.returncode == 73, f"full disk, a photo: exit {evidence.returncode} ({evidence.stderr.strip()[:160]})")
        check(cli_json(little, "audit", "verify")["headHash"] == before["headHash"], "full disk, a photo: nothing half-written")
    finally:
        subprocess.run(["umount", small])

    frozen = os.path.join(work, "frozen")
    os.makedirs(frozen)
    if not (mounted(None, frozen, "--bind", os.path.dirname(db)) and mounted(None, frozen, "-o", "remount,ro,bind")):
        print("  skip (cannot bind-mount read-only here)", flush=True)
        return
    try:
        copy = os.path.join(frozen, os.path.basename(db))
        listed = cli(copy, "hazard", "list", "--as", DIRECTOR, "--format", "json")
        check(listed.returncode == 0 and len(json.loads(listed.stdout)) > 0, "read-only file system: hazard list answers")
        verified = cli(copy, "audit", "verify")
        check(verified.returncode == 0, "read-only file system: audit verify answers")
        change = cli(copy, "hazard", "report", "--as", DIRECTOR, "--workshop", "注塑车间", "--grade", "general",
                     "--description", "只读")
        check(change.returncode == 73 and "STORE-READ-ONLY" in change.stderr, f"read-only file system: a change exits {change.returncode}")
    finally:
        subprocess.run(["umount", frozen])


def evidence_race(db, work):
    print("6. the evidence race: two processes with the same new file, one refused and one accepted, 200 rounds", flush=True)
    number = cli_json(db, "hazard", "report", "--as", DIRECTOR, "--workshop", "注塑车间", "--grade", "general",
                      "--description", "证据竞争")["number"]
    cli_json(db, "hazard", "notice", number, "--as", DIRECTOR, "--to", RECEIVER, "--deadline", "2099-12-31", "--measures", "修复")
    cli_json(db, "hazard", "acknowledge", number, "--as", RECEIVER)
    cli_json(db, "hazard", "start", number, "--as", RECEIVER)
    cli_json(db, "hazard", "submit", number, "--as", RECEIVER, "--measures-taken", "已修复")
    refused = accepted = 0
    for round_ in range(200):
        photo = os.path.join(work, f"race-{round_}.jpg")
        with open(photo, "wb") as f:
            f.write(f"the same new photo, round {round_}".encode())
        # The rectifier accepting their own work is refused after the file is copied in; the report commits it.
        a = subprocess.Popen([BIN, "hazard", "accept", number, "--db", db, "--as", RECEIVER, "--criteria", "齐全",
                              "--opinion", "合格", "--photo", photo], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        b = subprocess.Popen([BIN, "hazard", "report", "--db", db, "--as", DIRECTOR, "--workshop", "注塑车间", "--grade",
                              "general", "--description", f"竞争 {round_}", "--photo", photo],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        refused += a.wait() == 77
        accepted += b.wait() == 0
    check(refused == 200 and accepted == 200, f"200 rounds: {refused} refused, {accepted} reported")
    verify(db, "after 200 evidence races (every kept file hashes to its name)")


def main():
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="dualprev-fault-")
    db = os.path.join(work, "fault.sqlite")
    try:
        cli_json(db, "demo")
        cli_stream(db)
        cli_import(db, work)
        server_stream(db, work)
        writers_beside_import(db, work)
        full_and_read_only(db, work)
        evidence_race(db, work)
    finally:
        for server in SERVERS:
            if server.poll() is None:
                server.kill()
                server.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"fault tests: {len(failures)} failed, {time.monotonic() - started:.0f} s", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
