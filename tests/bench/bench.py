#!/usr/bin/env python3
"""Benchmark: import a large generated registry, serve it with the release build, and measure page
latency and the server's memory while it streams the largest downloads.

usage: tests/bench/bench.py [SCALE]   (run from the repository root; `cargo build --release` first)
Set DATABASE_URL=postgres://... to measure PostgreSQL instead of a fresh SQLite file.
Prints a Markdown report; tests/bench/RESULTS.md keeps the runs we wrote down.
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

SCALE = sys.argv[1] if len(sys.argv) > 1 else "1.0"
BINARY = os.environ.get("REGISTRY_BINARY", os.path.abspath("target/release/observer-registry"))
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
REQUESTS = 30

work = tempfile.mkdtemp(prefix="registry-bench-")
data = os.path.join(work, "data")
env = dict(os.environ, RUST_LOG="warn")
env.setdefault("DATABASE_URL", os.path.join(work, "bench.db"))


def timed(args):
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def fetch(path):
    start = time.perf_counter()
    with urllib.request.urlopen(BASE + path) as response:
        size = 0
        while True:
            chunk = response.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
    return time.perf_counter() - start, size


subprocess.run([sys.executable, "tests/bench/generate.py", data, SCALE], check=True)
generate_note = subprocess.run(["du", "-sh", data], capture_output=True, text=True).stdout.split()[0]

with open(os.path.join(data, "missions.csv")) as f:
    f.readline()
    first_mission = f.readline().split(",")[0]

import_seconds = timed([BINARY, "import", data])
import_peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

server = subprocess.Popen([BINARY, "serve", "--bind", f"127.0.0.1:{PORT}"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try:
            fetch("/about")
            break
        except OSError:
            time.sleep(0.2)
    pages = [
        "/",
        "/organizations",
        "/organizations?page=40",
        "/organizations?rating=low_quality",
        "/organizations?q=organization+1999",
        "/organizations/org-00001",
        "/organizations/org-00001?page=3",
        "/elections",
        "/elections?year=2020&page=20",
        "/elections/el-012345",
        "/missions/" + first_mission,
        "/individuals",
        "/individuals?q=person+99999",
        "/search?q=person+99999",
        "/search?q=%D0%9F%D0%B5%D1%80%D1%81%D0%BE%D0%BD%D0%B0+12345",
        "/search?q=Observer+Organizaton+1999",
        "/search?q=Country+ZAA+2020",
        "/individuals/p-012345",
        "/countries/ZAA",
        "/methodology",
        "/downloads",
    ]
    rows = []
    for path in pages:
        times = []
        size = 0
        for _ in range(REQUESTS):
            seconds, size = fetch(path)
            times.append(seconds * 1000)
        times.sort()
        rows.append((path, statistics.median(times), times[int(len(times) * 0.95) - 1], size))

    # Vetting: a 5,000-row list of exact, Cyrillic, misspelled and absent names, posted as the
    # form posts it; timed end to end (upload, lookup, ranking, rendering), three times.
    names = []
    for i in range(5000):
        n = (i * 7919) % 100000
        names.append([f"Person {n}", f"Персона {n}", f"Persn {n}", f"Nobody Zz{i}"][i % 4]
                     + (", Observer Organization 17" if i % 10 == 0 else ""))
    vet_body = urllib.parse.urlencode({"names": "\n".join(names)}).encode()
    vetting = []
    for path in ["/vet", "/vet.csv"]:
        for _ in range(3):
            start = time.perf_counter()
            request = urllib.request.Request(BASE + path, data=vet_body, headers={
                "Content-Type": "application/x-www-form-urlencoded"})
            with urllib.request.urlopen(request) as response:
                size = len(response.read())
            vetting.append((path, time.perf_counter() - start, size))

    before = rss_kib(server.pid, "VmRSS")
    downloads = []
    for path in ["/downloads/participations.csv", "/downloads/missions.csv", "/downloads/registry.zip"]:
        seconds, size = fetch(path)
        downloads.append((path, seconds, size, rss_kib(server.pid, "VmHWM")))
    after = rss_kib(server.pid, "VmRSS")
    peak = rss_kib(server.pid, "VmHWM")
finally:
    server.terminate()
    server.wait()

backend = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
print(f"## {time.strftime('%Y-%m-%d')}, {backend}, scale {SCALE} ({generate_note} of CSV), {os.cpu_count()} cores\n")
print(f"- import of the generated registry: {import_seconds:.1f} s, peak RSS {import_peak_mib:.0f} MiB\n")
print(f"| page | median ms | p95 ms | bytes |\n|---|---|---|---|")
for path, median, p95, size in rows:
    print(f"| `{path}` | {median:.1f} | {p95:.1f} | {size} |")
print(f"\n| vetting 5,000 rows | seconds | bytes |\n|---|---|---|")
for path, seconds, size in vetting:
    print(f"| `POST {path}` | {seconds:.2f} | {size} |")
print(f"\n| download | seconds | MB | server peak RSS after (MiB) |\n|---|---|---|---|")
for path, seconds, size, hwm in downloads:
    print(f"| `{path}` | {seconds:.2f} | {size / 1e6:.1f} | {hwm / 1024:.0f} |")
print(f"\nServer RSS before the downloads {before / 1024:.0f} MiB, after {after / 1024:.0f} MiB, peak {peak / 1024:.0f} MiB.")
