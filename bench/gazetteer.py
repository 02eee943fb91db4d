"""Gazetteer figures: build time, load time and memory, toponyms resolved per second.

    .venv/bin/python bench/gazetteer.py            # uses the cache; builds it if missing
    .venv/bin/python bench/gazetteer.py --fresh    # also times a full build in a temp dir

Load is measured in a fresh interpreter (imports excluded, then included), as a worker
process would see it. Resolution speed uses the place names of the ACLED dev notes' gold.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.gazetteer.index import Gazetteer, default_gazetteer
from marsad.resolve.geocode import GeoContext, resolve

DEV = Path("/work/shared/gold/dev/acled-2022h1-outside-middle-east.jsonl")

# Peak RSS from /proc (VmHWM): ru_maxrss survives exec on Linux and would report the parent.
_LOAD_PROBE = """
import time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
t0 = time.perf_counter()
from marsad.gazetteer.index import Gazetteer
from marsad.resolve.geocode import resolve
t1 = time.perf_counter()
g = Gazetteer.open()
t2 = time.perf_counter()
after_load = hwm()
for name in ["Erbil", "Tripoli", "Paris", "Anbar province", "Baghdadd", "Sofia"] * 200:
    resolve(name, gazetteer=g)
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {after_load:.0f} {hwm():.0f}")
"""


def _names() -> list[tuple[str, str]]:
    out = []
    if DEV.exists():
        for line in DEV.read_text("utf-8").splitlines():
            for ev in json.loads(line)["events"]:
                w = ev.get("where") or {}
                if w.get("name"):
                    out.append((w["name"], w["admin1"]))
    return out or [("Erbil", "Erbil"), ("Mosul", "Ninawa"), ("Tripoli", "North")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fresh", action="store_true", help="time a full build in a temp dir")
    args = ap.parse_args()

    gaz = default_gazetteer()  # make sure the cache exists before timing the load
    if gaz.built_in_s is not None:
        print(f"build (cache was missing): {gaz.built_in_s:.1f} s")
    if args.fresh:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            built = Gazetteer.open(Path(tmp))
            print(f"build: {time.perf_counter() - t0:.1f} s, "
                  f"{built.path.stat().st_size / 1e6:.0f} MB on disk")
            built.close()
    print(f"index: {gaz.path} ({gaz.path.stat().st_size / 1e6:.0f} MB)")

    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True,
                             text=True, check=True).stdout.split()
        runs.append(tuple(float(x) for x in out))
    imp, load = min(r[0] for r in runs), min(r[1] for r in runs)
    rss, rss_used = max(r[2] for r in runs), max(r[3] for r in runs)
    print(f"load: {load:.3f} s (imports {imp:.3f} s more); peak RSS {rss:.0f} MB after load, "
          f"{rss_used:.0f} MB after 1200 resolutions (fresh process)")

    names = _names()
    t0 = time.perf_counter()
    resolved = sum(resolve(n, gazetteer=gaz) is not None for n, _ in names)
    dt = time.perf_counter() - t0
    print(f"resolve, no context: {len(names) / dt:.0f} toponyms/s ({resolved}/{len(names)} found)")
    t0 = time.perf_counter()
    for n, a1 in names:
        resolve(n, context=GeoContext(within=(a1,)), gazetteer=gaz)
    dt = time.perf_counter() - t0
    print(f"resolve, with a container: {len(names) / dt:.0f} toponyms/s")


if __name__ == "__main__":
    main()
