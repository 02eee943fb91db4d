"""Geoparsing figures on a toponym file: resolution of the gold names, and end to end.

    .venv/bin/python bench/geoparse.py [TOPONYMS.jsonl ...] [--limit N] [--misses 20]

A toponym file has one article a line: `text` and `toponyms`, each with `start`, `end`
(character offsets), `lat`, `lon` (the format of ../shared/gold/places/geovirus_dev.jsonl).
Two settings, scored as that file's README and the geoparsing literature do:

1. **resolution**: the gold spans are given, each resolved in its article's context by
   `marsad.resolve.geoparse.geoparse_places` (the code that places events). Acc@161km counts a
   miss (no place) as wrong; mean and median error are over the toponyms that got a place
   (coverage beside them), and a penalised mean gives a miss 20,038 km.
2. **end to end**: `marsad.geoparse` finds the toponyms itself. A found span that overlaps a
   gold span matches it: recall and precision of the spans, and Acc@161km over all gold
   toponyms (unfound ones wrong).

Speed is toponyms resolved per second on one core (setting 1, gazetteer already loaded).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import unicodedata
from pathlib import Path
from typing import Any

from marsad import geoparse
from marsad.gazetteer.index import default_gazetteer, distance_km
from marsad.resolve.geoparse import geoparse_places

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "places" / (
    "geovirus_dev.jsonl")
HALF_EARTH_KM = 20038.0


def read(path: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                doc["toponyms"] = [t for t in doc["toponyms"]
                                   if t.get("lat") is not None and t.get("lon") is not None]
            except (ValueError, KeyError, TypeError) as error:
                raise SystemExit(f"{path}:{n}: not a toponym record ({error})") from None
            docs.append(doc)
            if limit is not None and len(docs) >= limit:
                break
    return docs


def errors_km(gold: list[dict[str, Any]], got: dict[tuple[int, int], Any]) -> list[float | None]:
    out: list[float | None] = []
    for t in gold:
        p = got.get((t["start"], t["end"]))
        if p is None or p.lat is None or p.lon is None:
            out.append(None)
        else:
            out.append(distance_km(t["lat"], t["lon"], p.lat, p.lon))
    return out


def summary(name: str, errs: list[float | None]) -> list[str]:
    n = len(errs)
    hit = [e for e in errs if e is not None]
    acc = sum(1 for e in hit if e <= 161) / n if n else 0.0
    lines = [f"{name}: {n} gold toponyms, placed {len(hit)} ({len(hit) / max(n, 1):.3f})",
             f"  Acc@161km {acc:.3f} (misses wrong)"]
    if hit:
        penalised = (sum(hit) + HALF_EARTH_KM * (n - len(hit))) / n
        lines.append(f"  error km over the placed: mean {statistics.fmean(hit):,.0f}, median "
                     f"{statistics.median(hit):,.0f}; mean with a miss at 20,038 km "
                     f"{penalised:,.0f}")
    return lines


def resolution(docs: list[dict[str, Any]], misses: int) -> tuple[list[str], float]:
    gaz = default_gazetteer()
    errs: list[float | None] = []
    worst: list[tuple[Any, ...]] = []  # km, doc id, surface, place, gold lat, gold lon
    count = 0
    t0 = time.process_time()
    for doc in docs:
        spans = [(t["start"], t["end"]) for t in doc["toponyms"]]
        found = geoparse_places(doc["text"], spans, gazetteer=gaz)
        count += len(spans)
        got = {(m.start, m.end): m.place for m in found}
        doc_errs = errors_km(doc["toponyms"], got)
        errs += doc_errs
        for t, e in zip(doc["toponyms"], doc_errs, strict=True):
            if e is None or e > 161:
                p = got.get((t["start"], t["end"]))
                worst.append((e if e is not None else HALF_EARTH_KM, doc["id"], t["text"], p,
                              t["lat"], t["lon"]))
    seconds = time.process_time() - t0
    lines = summary("resolution of the gold spans (geoparse_places)", errs)
    lines.append(_point_convention(worst, len(errs)))
    for e, doc_id, surface, p, *_ in sorted(worst, key=lambda w: -w[0])[:misses]:
        shown = "no place" if p is None else f"{p.name} ({p.country}, {p.precision})"
        lines.append(f"    {e:8,.0f} km  {doc_id}  {surface!r} -> {shown}")
    return lines, count / seconds if seconds else 0.0


def _point_convention(wrong: list[tuple[Any, ...]], n: int) -> str:
    """How many misplaced country and admin1 mentions are the right unit at another
    reference point (a corpus may put a unit where Wikipedia does, marsad where GeoNames
    does): the gold point reverse-geocoded (reverse_geocoder's offline table) lies in the
    chosen country, or in the chosen admin1 (its name compared without accents or case)."""
    import reverse_geocoder  # a dependency of the gazetteer build; slow to import

    units = [w for w in wrong if w[3] is not None and w[3].precision in ("country", "admin1")]
    if not units:
        return "  country and admin1 mentions beyond 161 km: none"
    found = reverse_geocoder.search([(w[4], w[5]) for w in units], mode=1, verbose=False)
    same = {"country": 0, "admin1": 0}
    for w, r in zip(units, found, strict=True):
        place = w[3]
        if r["cc"] != place.country:
            continue
        if place.precision == "country" or _folded(r["admin1"]) in {
                _folded(place.admin1 or ""), _folded(place.name or "")}:
            same[place.precision] += 1
    told = {k: sum(1 for w in units if w[3].precision == k) for k in same}
    return (f"  country mentions beyond 161 km: {told['country']}, admin1: {told['admin1']}; "
            f"the right unit at another reference point: {same['country']} and "
            f"{same['admin1']}; counting those right, Acc@161km "
            f"{_acc_plus(n, wrong, same['country']):.3f} (countries), "
            f"{_acc_plus(n, wrong, same['country'] + same['admin1']):.3f} (and admin1)")


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _acc_plus(n: int, wrong: list[Any], extra: int) -> float:
    return (n - len(wrong) + extra) / n if n else 0.0


def end_to_end(docs: list[dict[str, Any]]) -> list[str]:
    errs: list[float | None] = []
    found_n = matched_found = 0
    for doc in docs:
        found = geoparse(doc["text"])
        found_n += len(found)
        got: dict[tuple[int, int], Any] = {}
        used: set[int] = set()
        for t in doc["toponyms"]:
            k = next((i for i, m in enumerate(found) if i not in used
                      and m.start < t["end"] and t["start"] < m.end), None)
            if k is not None:
                used.add(k)
                got[(t["start"], t["end"])] = found[k].place
        matched_found += len(used)
        errs += errors_km(doc["toponyms"], got)
    gold_n = len(errs)
    recall = sum(1 for t in errs if t is not None) / max(gold_n, 1)
    lines = summary("end to end (marsad.geoparse finds the toponyms)", errs)
    lines.insert(1, f"  spans: recall {recall:.3f}, precision "
                    f"{matched_found / max(found_n, 1):.3f} ({found_n} found)")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each file")
    ap.add_argument("--misses", type=int, default=0, help="list the N worst resolutions")
    args = ap.parse_args()
    default_gazetteer()  # built or opened before anything is timed
    for path in args.files:
        docs = read(path, args.limit)
        print(f"{path}: {len(docs)} articles")
        lines, per_s = resolution(docs, args.misses)
        print("\n".join(lines))
        print(f"  speed: {per_s:,.0f} toponyms/s resolved on one core (CPU time)")
        print("\n".join(end_to_end(docs)))


if __name__ == "__main__":
    main()
