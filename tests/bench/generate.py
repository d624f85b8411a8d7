#!/usr/bin/env python3
"""Generate a large synthetic registry in the CSV contract, for the benchmark (not real data).

usage: generate.py OUT_DIR [SCALE]    SCALE 1.0 = 1,000,000 participations

Real-life skew: a few organizations (the first three, as CIS or ODIHR are in the real data)
observe a large share of all elections, so their pages hold thousands of missions.
"""
import csv
import os
import random
import sys

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
random.seed(42)
os.makedirs(out, exist_ok=True)

N_ORGS = int(2_000 * scale) or 1
N_ELECTIONS = int(20_000 * scale) or 1
N_MISSIONS_PER_ELECTION = 10
N_INDIVIDUALS = int(100_000 * scale) or 1
N_PARTICIPATIONS = int(1_000_000 * scale) or 1
N_SOURCES = int(10_000 * scale) or 1

VERDICTS = ["positive", "positive_with_reservations", "negative", "fraudulent", "none"]
COUNTRIES = ["Z" + a + b for a in "ABCDEFGHIJ" for b in "ABCDEFGHIJ"]


def writer(name, header):
    f = open(os.path.join(out, name), "w", newline="", encoding="utf-8")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header.split(","))
    return f, w


f, w = writer("countries.csv", "iso3,name")
for code in COUNTRIES:
    w.writerow([code, "Country " + code])
f.close()

f, w = writer("sources.csv", "id,url,title,publisher,published_on,archived_url")
for i in range(N_SOURCES):
    w.writerow([f"src-{i:07d}", f"https://example.org/source/{i}", f"Statement number {i}", "Example", "2020-01-01", ""])
f.close()

f, w = writer("organizations.csv", "id,name,acronym,aliases,kind,hq_country,founded_on,dissolved_on,dop_endorser,benchmark,benchmark_reason,website,notes")
for i in range(N_ORGS):
    benchmark = i < N_ORGS // 20
    w.writerow([f"org-{i:05d}", f"Observer Organization {i}", f"OO{i}", f"Alias {i}|Псевдоним {i}",
                random.choice(["intergovernmental", "parliamentary", "international_ngo", "private"]),
                random.choice(COUNTRIES), "", "", "true" if benchmark else random.choice(["true", "false"]),
                "true" if benchmark else "false", "Benchmark for the benchmark" if benchmark else "", "", ""])
f.close()

f, w = writer("elections.csv", "id,country,held_on,kind,round,legitimacy,notes")
elections = []
for i in range(N_ELECTIONS):
    eid = f"el-{i:06d}"
    elections.append(eid)
    year = 2000 + i % 26
    w.writerow([eid, COUNTRIES[i % len(COUNTRIES)], f"{year}-{1 + i % 12:02d}-{1 + (i // 12) % 28:02d}",
                "presidential", "", "sham" if i % 97 == 0 else "recognized", ""])
f.close()

f, w = writer("missions.csv", "id,organization_id,election_id,kind,observers,arrived_on,verdict,verdict_quote,source_id")
missions = []
n_benchmarks = max(N_ORGS // 20, 1)
# Organization 0 observes a quarter of all elections, 1 a sixth, 2 a tenth.
PROLIFIC = [(0, 0.25), (1, 1 / 6), (2, 0.1)]
for e, eid in enumerate(elections):
    orgs = set()
    orgs.add(random.randrange(n_benchmarks))
    for o, share in PROLIFIC:
        if o < N_ORGS and random.random() < share:
            orgs.add(o)
    while len(orgs) < N_MISSIONS_PER_ELECTION:
        orgs.add(random.randrange(N_ORGS))
    for o in sorted(orgs):
        mid = f"m-{o:05d}-{e:06d}"
        missions.append((mid, eid))
        w.writerow([mid, f"org-{o:05d}", eid, random.choice(["long_term", "short_term", "unknown"]),
                    random.randrange(5, 500), "", random.choice(VERDICTS), "The mission said something.",
                    f"src-{random.randrange(N_SOURCES):07d}"])
f.close()

f, w = writer("individuals.csv", "id,name,name_original,country,affiliation,notes")
for i in range(N_INDIVIDUALS):
    w.writerow([f"p-{i:06d}", f"Person {i}", f"Персона {i}", random.choice(COUNTRIES), "Member of parliament", ""])
f.close()

f, w = writer("participations.csv", "id,individual_id,mission_id,election_id,role,statement,statement_verdict,source_id")
for i in range(N_PARTICIPATIONS):
    mid, eid = missions[random.randrange(len(missions))]
    statement = random.random() < 0.2
    w.writerow([f"pa-{i:07d}", f"p-{random.randrange(N_INDIVIDUALS):06d}", mid, eid, "observer",
                "It was a fine vote." if statement else "", random.choice(VERDICTS[:4]) if statement else "",
                f"src-{random.randrange(N_SOURCES):07d}"])
f.close()
print(f"generated {N_ORGS} organizations, {N_ELECTIONS} elections, {len(missions)} missions, "
      f"{N_INDIVIDUALS} individuals, {N_PARTICIPATIONS} participations in {out}")
