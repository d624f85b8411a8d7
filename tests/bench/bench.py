#!/usr/bin/env python3
"""The benchmark: generate a registry at --scale, import it, serve it with the release build, and
measure under concurrent load, each number next to a reference taken in the same run.

usage: tests/bench/bench.py --backend sqlite|postgres [--scale 1.0] [--seconds 10]
       (tests/bench/run builds the binary with the reference routes and runs both backends)

References, measured in the same run on the same machine:
- pages and 304s: `/bench/minimal` (12 rows read with diesel, rendered with askama) and
  `/bench/plain` (a constant text body), two routes of the same server (feature
  `bench-reference`), under the same load generator (wrk, 64 connections);
- import: `sqlite3 .import` / `psql \\copy` of the same CSV files into bare tables;
- export: `sqlite3 -csv` / `psql \\copy ... TO` of the same table.

Prints a Markdown section; tests/bench/run appends it to BENCHMARKS.md. Never fails on a number.
"""
import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BINARY = os.environ.get("REGISTRY_BINARY", os.path.join(ROOT, "target/release/observer-registry"))
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
CONNECTIONS = 64
# Every request asks for gzip, as browsers do (and the tag of a page depends on it).
ACCEPT_ENCODING = "Accept-Encoding: gzip"
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PG_DB = "registry_bench"

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK {\\"requests\\": %d, \\"seconds\\": %.6f, \\"p50_ms\\": %.3f, \\"p99_ms\\": %.3f, \\"errors\\": %d, \\"bad_status\\": %d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
"""

# The contract's files in import order, with their columns (DESIGN.md §6), for the references'
# bare tables.
CONTRACT = [
    ("countries", "iso3,name"),
    ("sources", "id,url,title,publisher,published_on,archived_url"),
    ("organizations", "id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes"),
    ("elections", "id,country,held_on,kind,round,legitimacy,notes"),
    ("missions", "id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id"),
    ("individuals", "id,name,name_original,country,affiliation,notes"),
    ("participations", "id,individual_id,mission_id,election_id,role,statement,statement_verdict,source_id"),
]


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def peak_rss_of(args, env):
    """Runs a command; returns (seconds, peak RSS in MiB) from GNU time's own measurement."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + args, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        kib = int(report.read().strip().splitlines()[-1])
    return seconds, kib / 1024


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def fetch(path, headers=None, data=None):
    request = urllib.request.Request(BASE + path, data=data, headers=headers or {})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request) as response:
            size = 0
            while chunk := response.read(1 << 16):
                size += len(chunk)
            tag = response.headers.get("ETag")
    except urllib.error.HTTPError as err:
        if err.code != 304:
            raise
        size, tag = 0, err.headers.get("ETag")
    return time.perf_counter() - start, size, tag


def wrk(path, seconds, headers=()):
    script = os.path.join(tempfile.gettempdir(), "registry-bench-wrk.lua")
    with open(script, "w") as f:
        f.write(WRK_REPORT)
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", script,
            "-H", ACCEPT_ENCODING]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run(args + [BASE + path], check=True, capture_output=True, text=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("WRK "))
    result = json.loads(line[4:])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def wait_for_server():
    for _ in range(300):
        try:
            fetch("/bench/plain")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def bare_tables_sql(serial):
    return "\n".join(
        f"DROP TABLE IF EXISTS ref_{name}; CREATE TABLE ref_{name} ("
        + ", ".join(f"{c} TEXT" for c in columns.split(",")) + ");"
        for name, columns in CONTRACT)


def reference_import(backend, data, env):
    """The database's own CLI loading the same files into bare tables: seconds."""
    start = time.perf_counter()
    if backend == "sqlite":
        db = os.path.join(tempfile.mkdtemp(prefix="registry-ref-"), "ref.db")
        commands = bare_tables_sql(False) + "\n.mode csv\n" + "\n".join(
            f".import --skip 1 {os.path.join(data, name + '.csv')} ref_{name}" for name, _ in CONTRACT)
        subprocess.run(["sqlite3", db], input=commands, text=True, check=True)
        seconds = time.perf_counter() - start
        shutil.rmtree(os.path.dirname(db))
    else:
        url = env["DATABASE_URL"]
        subprocess.run(["psql", "-q", url], input=bare_tables_sql(True), text=True, check=True,
                       stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        commands = "\n".join(
            f"\\copy ref_{name} FROM '{os.path.join(data, name + '.csv')}' WITH (FORMAT csv, HEADER true)"
            for name, _ in CONTRACT)
        subprocess.run(["psql", "-q", url], input=commands, text=True, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        subprocess.run(["psql", "-q", url], input="".join(f"DROP TABLE ref_{n};" for n, _ in CONTRACT),
                       text=True, check=True, stdout=subprocess.DEVNULL)
    return seconds


def reference_export(backend, env, table, columns):
    """The database's own CLI writing one table as CSV: seconds."""
    out = os.path.join(tempfile.gettempdir(), "registry-ref-export.csv")
    start = time.perf_counter()
    if backend == "sqlite":
        with open(out, "w") as f:
            subprocess.run(["sqlite3", "-csv", "-header", env["DATABASE_URL"],
                            f"SELECT {columns} FROM {table} ORDER BY id"], stdout=f, check=True)
    else:
        subprocess.run(["psql", "-q", env["DATABASE_URL"], "-c",
                        f"\\copy (SELECT {columns} FROM {table} ORDER BY id) TO '{out}' WITH (FORMAT csv, HEADER true)"],
                       check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    os.remove(out)
    return seconds


def slow_reader(path, stop, rate=1024):
    """Reads a download at about `rate` bytes per second until told to stop."""
    try:
        with urllib.request.urlopen(BASE + path) as response:
            while not stop.is_set():
                if not response.read(rate):
                    return
                time.sleep(1)
    except OSError:
        pass


def vet_body(rows):
    names = []
    for i in range(rows):
        n = (i * 7919) % 100000
        names.append([f"Person {n}", f"Персона {n}", f"Persn {n}", f"Nobody Zz{i}"][i % 4]
                     + (", Observer Organization 17" if i % 10 == 0 else ""))
    return urllib.parse.urlencode({"names": "\n".join(names)}).encode()


def largest_organization(data):
    counts = {}
    with open(os.path.join(data, "missions.csv")) as f:
        for row in csv.DictReader(f):
            counts[row["organization_id"]] = counts.get(row["organization_id"], 0) + 1
    org = max(counts, key=counts.get)
    return org, counts[org]


def first_id(data, name):
    with open(os.path.join(data, name)) as f:
        f.readline()
        return f.readline().split(",")[0]


def prepare_database(backend, work):
    env = dict(os.environ, RUST_LOG="warn")
    if backend == "sqlite":
        env["DATABASE_URL"] = os.path.join(work, "bench.db")
    else:
        admin = PG_SERVER + "/postgres"
        subprocess.run(["psql", "-q", admin, "-c", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run(["psql", "-q", admin, "-c", f"CREATE DATABASE {PG_DB}"], check=True,
                       stdout=subprocess.DEVNULL)
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
    return env


def settle(backend, env):
    """Lets the machine finish what the import left it to do before the load is measured: the
    kernel writing back the gigabyte the import dirtied and, on PostgreSQL, autovacuum analysing
    the new tables. Measured without this, the reference routes (which touch neither disk nor
    database) showed p99 of several seconds from machine-wide stalls."""
    log("   settling: sync" + (", VACUUM ANALYZE" if backend == "postgres" else ""))
    os.sync()
    if backend == "postgres":
        subprocess.run(["psql", "-q", env["DATABASE_URL"], "-c", "VACUUM ANALYZE"], check=True,
                       stdout=subprocess.DEVNULL)
        os.sync()
    time.sleep(5)


def measure(backend, scale, seconds, work):
    data = os.path.join(work, f"data-{scale}")
    if not os.path.isdir(data):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), data, str(scale)], check=True,
                       stdout=subprocess.DEVNULL)
    rows = sum(sum(1 for _ in open(os.path.join(data, n + ".csv"))) - 1 for n, _ in CONTRACT)
    env = prepare_database(backend, work)
    log(f"== {backend}, scale {scale}: importing {rows} rows")
    import_seconds, import_mib = peak_rss_of([BINARY, "import", data], env)
    ref_import = reference_import(backend, data, env)
    settle(backend, env)
    org, org_missions = largest_organization(data)
    report = {
        "backend": backend, "scale": scale, "rows": rows,
        "import": {"seconds": import_seconds, "peak_mib": import_mib, "reference_seconds": ref_import},
        "largest_organization": [org, org_missions],
    }

    log("   fresh exports")
    report["downloads"] = fresh_exports(backend, env)

    server = subprocess.Popen([BINARY, "serve", "--bind", f"127.0.0.1:{PORT}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_server()
        pages = [
            ("reference: plain text", "/bench/plain", ()),
            ("reference: minimal page (12 rows)", "/bench/minimal", ()),
            ("largest organization page", f"/organizations/{org}", ()),
            ("election page", "/elections/el-012345" if scale >= 1 else f"/elections/{first_id(data, 'elections.csv')}", ()),
            ("home page", "/", ()),
            ("organizations list", "/organizations", ()),
            ("name search", "/search?q=person+99999", ()),
            ("name filter", "/individuals?q=person+99999", ()),
        ]
        _, _, tag = fetch(f"/organizations/{org}", headers={"Accept-Encoding": "gzip"})
        pages.append(("largest organization page, `304`", f"/organizations/{org}", (f"If-None-Match: {tag}",)))
        for label, path, headers in pages:
            fetch(path, headers=dict(h.split(": ", 1) for h in headers + (ACCEPT_ENCODING,)))  # warm up
            log(f"   wrk {path}")
            result = wrk(path, seconds, headers)
            result.update(label=label, path=path)
            report.setdefault("load", []).append(result)

        # Slow readers: 50 clients reading a download at 1 KB/s while the election page is under
        # load: participations.csv (an export kept in a temporary file), then registry.zip (served
        # from its stored parts), with the server's memory while they read.
        for download in ("participations.csv", "registry.zip"):
            at_rest = rss_kib(server.pid, "VmRSS")
            stop = threading.Event()
            readers = [threading.Thread(target=slow_reader, args=(f"/downloads/{download}", stop))
                       for _ in range(50)]
            for r in readers:
                r.start()
            time.sleep(3)
            loaded = wrk(pages[3][1], seconds)
            reading = rss_kib(server.pid, "VmRSS")
            stop.set()
            for r in readers:
                r.join()
            loaded.update(label=f"election page with 50 slow readers of {download}", path=pages[3][1])
            report["load"].append(loaded)
            if download == "registry.zip":
                report["zip_readers_rss_mib"] = {"at_rest": at_rest / 1024, "reading": reading / 1024}

        log("   vetting")
        report["vet"] = []
        for rows_vetted in (500, 5000):
            body = vet_body(rows_vetted)
            for path in ("/vet", "/vet.csv"):
                times = []
                for _ in range(3):
                    t, size, _ = fetch(path, data=body,
                                       headers={"Content-Type": "application/x-www-form-urlencoded"})
                    times.append(t)
                report["vet"].append({"rows": rows_vetted, "path": path, "best": min(times),
                                      "worst": max(times), "bytes": size})

        log("   downloads")
        before = rss_kib(server.pid, "VmHWM")
        # The CSV files' speed is measured fresh, above; here they count towards the memory.
        for name, _, _ in EXPORTED:
            fetch(f"/downloads/{name}")
        t, size, _ = fetch("/downloads/registry.zip")
        t2, _, _ = fetch("/downloads/registry.zip")
        report["zip"] = {"first": t, "second": t2, "bytes": size}
        report["server_peak_mib"] = rss_kib(server.pid, "VmHWM") / 1024
        report["server_peak_before_downloads_mib"] = before / 1024
    finally:
        server.terminate()
        server.wait()
    return report


# The downloads timed against the database's own CLI: (file, table, columns).
EXPORTED = [
    ("participations.csv", "participations", CONTRACT[6][1]),
    ("missions.csv", "missions", CONTRACT[4][1]),
]


def fresh_exports(backend, env, rounds=3):
    """Each download's first request on a newly started server (which exports it from the
    database into its spool), against the CLI exporting the same table: the best of `rounds`
    each, taken before any load. A later request for the same file reads the spool and would not
    measure the export."""
    times = {name: [] for name, _, _ in EXPORTED}
    refs = {name: [] for name, _, _ in EXPORTED}
    sizes = {}
    for _ in range(rounds):
        server = subprocess.Popen([BINARY, "serve", "--bind", f"127.0.0.1:{PORT}"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_server()
            for name, _, _ in EXPORTED:
                t, size, _ = fetch(f"/downloads/{name}")
                times[name].append(t)
                sizes[name] = size
        finally:
            server.terminate()
            server.wait()
        for name, table, columns in EXPORTED:
            refs[name].append(reference_export(backend, env, table, columns))
    return [{"name": name, "seconds": min(times[name]), "worst": max(times[name]),
             "bytes": sizes[name], "reference_seconds": min(refs[name]),
             "reference_worst": max(refs[name])} for name, _, _ in EXPORTED]


def growth(scale, seconds, work):
    """The largest organization's page as the data set doubles (SQLite)."""
    out = []
    for s in (scale / 2, scale):
        data = os.path.join(work, f"data-{s}")
        if not os.path.isdir(data):
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), data, str(s)], check=True,
                           stdout=subprocess.DEVNULL)
        env = prepare_database("sqlite", tempfile.mkdtemp(prefix="registry-growth-", dir=work))
        subprocess.run([BINARY, "import", data], env=env, check=True, stdout=subprocess.DEVNULL)
        org, missions = largest_organization(data)
        server = subprocess.Popen([BINARY, "serve", "--bind", f"127.0.0.1:{PORT}"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_server()
            fetch(f"/organizations/{org}")
            result = wrk(f"/organizations/{org}", seconds)
            search = wrk("/search?q=person+1234", seconds)
            minimal = wrk("/bench/minimal", seconds)
        finally:
            server.terminate()
            server.wait()
        out.append({"scale": s, "missions": missions, "page": result, "search": search,
                    "minimal": minimal})
    return out


def markdown(report):
    lines = []
    b = report
    ref = {r["path"]: r for r in b["load"]}
    plain = ref["/bench/plain"]
    minimal = ref["/bench/minimal"]
    lines.append(f"### {b['backend']}, scale {b['scale']} ({b['rows']:,} rows; largest organization "
                 f"`{b['largest_organization'][0]}` with {b['largest_organization'][1]:,} missions)\n")
    lines.append(f"Load: wrk, {CONNECTIONS} connections, 2 threads.\n")
    lines.append("| what | req/s | p50 ms | p99 ms | errors | ÷ minimal page | ÷ plain text |")
    lines.append("|---|---|---|---|---|---|---|")
    for r in b["load"]:
        errors = r["errors"] + r["bad_status"]
        lines.append(f"| {r['label']} (`{r['path']}`) | {r['rps']:,.0f} | {r['p50_ms']:.1f} | "
                     f"{r['p99_ms']:.1f} | {errors} | {r['rps'] / minimal['rps']:.2f} | "
                     f"{r['rps'] / plain['rps']:.2f} |")
    imp = b["import"]
    cli = "sqlite3 .import" if b["backend"] == "sqlite" else "psql \\copy"
    lines.append("")
    lines.append(f"| import of {b['rows']:,} rows | seconds | rows/s | peak MiB | reference ({cli}) s | ÷ reference rows/s |")
    lines.append("|---|---|---|---|---|---|")
    lines.append(f"| `observer-registry import` | {imp['seconds']:.1f} | {b['rows'] / imp['seconds']:,.0f} | "
                 f"{imp['peak_mib']:.0f} | {imp['reference_seconds']:.1f} | "
                 f"{imp['reference_seconds'] / imp['seconds']:.2f} |")
    cli = "sqlite3 -csv" if b["backend"] == "sqlite" else "psql \\copy"
    lines.append("")
    lines.append(f"| download, exported fresh (best and worst of 3) | seconds | MB | reference ({cli}) s | ÷ reference speed (best) |")
    lines.append("|---|---|---|---|---|")
    for d in b["downloads"]:
        lines.append(f"| `{d['name']}` | {d['seconds']:.2f}–{d['worst']:.2f} | {d['bytes'] / 1e6:.1f} | "
                     f"{d['reference_seconds']:.2f}–{d['reference_worst']:.2f} | "
                     f"{d['reference_seconds'] / d['seconds']:.2f} |")
    z = b["zip"]
    lines.append(f"| `registry.zip` (first, then again) | {z['first']:.2f}, {z['second']:.2f} | "
                 f"{z['bytes'] / 1e6:.1f} | | |")
    lines.append("")
    if "zip_readers_rss_mib" in b:
        z = b["zip_readers_rss_mib"]
        lines.append(f"Server memory with 50 slow readers of `registry.zip`: {z['reading']:.0f} MiB "
                     f"(at rest just before: {z['at_rest']:.0f} MiB).\n")
    lines.append(f"Server memory: peak {b['server_peak_mib']:.0f} MiB "
                 f"({b['server_peak_before_downloads_mib']:.0f} MiB before the downloads).\n")
    lines.append("| vetting | best s | worst s | bytes |")
    lines.append("|---|---|---|---|")
    for v in b["vet"]:
        lines.append(f"| `POST {v['path']}`, {v['rows']:,} rows | {v['best']:.2f} | {v['worst']:.2f} | {v['bytes']:,} |")
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=int, default=10, help="seconds of load per measurement")
    parser.add_argument("--growth", action="store_true", help="also the largest page as the data doubles")
    parser.add_argument("--growth-only", action="store_true", help="only the growth measurement")
    parser.add_argument("--work", default=None, help="folder for data (reused across runs)")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="registry-bench-")
    os.makedirs(work, exist_ok=True)
    if not args.growth_only:
        report = measure(args.backend, args.scale, args.seconds, work)
        print(markdown(report))
        with open(os.path.join(work, f"report-{args.backend}-{args.scale}.json"), "w") as f:
            json.dump(report, f, indent=1)
    if args.growth or args.growth_only:
        rows = growth(args.scale, args.seconds, work)
        print("As the data set doubles (SQLite): the largest organization's page and a name search "
              "(`/search?q=person+1234`), next to the minimal page in the same run.\n")
        print("| data set | largest organization's missions | its page req/s | p99 ms | ÷ minimal "
              "| name search req/s | p99 ms | ÷ minimal | minimal page req/s |")
        print("|---|---|---|---|---|---|---|---|---|")
        for g in rows:
            m = g["minimal"]["rps"]
            print(f"| scale {g['scale']} | {g['missions']:,} | {g['page']['rps']:,.0f} | {g['page']['p99_ms']:.1f} | "
                  f"{g['page']['rps'] / m:.2f} | {g['search']['rps']:,.0f} | {g['search']['p99_ms']:.1f} | "
                  f"{g['search']['rps'] / m:.2f} | {m:,.0f} |")
        print()


if __name__ == "__main__":
    main()
