"""Place accuracy of the geocoder alone on the ACLED dev notes.

For each note, a simple pattern takes the place phrase ACLED writes in its first sentence
("in Kadugli (Kadugli, South Kordofan)", "in Irapuato, Guanajuato", "near Bohuslavske"),
resolves it with marsad.resolve.geocode.resolve_path, and scores it as GOLD.md does:
gold precision city -> within 25 km; admin1 -> the same first-level unit; plus Acc@161km.
The extraction engine will find places better than this pattern; this measures resolution.

Two settings: the note alone (country focus only from what the note says), and the note
with its country as document metadata (ACLED's country column, a news source's country).

    .venv/bin/python bench/geocode_dev.py [path.jsonl] [--limit N] [--misses 20]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from marsad.gazetteer import country_focus
from marsad.gazetteer.index import Gazetteer, default_gazetteer, distance_km
from marsad.resolve.geocode import GeoContext, resolve_path
from marsad.types import PlaceRef

DEV = Path("/work/shared/gold/dev/acled-2022h1-outside-middle-east.jsonl")

_CONNECT = r"(?:de|del|da|do|dos|la|le|les|of|al|el|an|am|an der|sur|upon|y|i|e)"
_WORD = r"[A-Z0-9\u00C0-\u024F][\w'’.\-]*"
_NAME = rf"[A-Z\u00C0-\u024F][\w'’.\-]*(?:[ \-](?:{_CONNECT}[ \-])?{_WORD})*"
_KINDS = sorted(["town", "township", "city", "village", "villages", "district", "county",
                 "region", "province", "state", "area", "sub-county", "tehsil", "municipality",
                 "neighborhood", "neighbourhood", "commune", "department"], key=len, reverse=True)
_CHAIN = rf"{_NAME}(?: (?:{'|'.join(_KINDS)})\b)?"
_PREP = r"(?:in|at|near|outside|on|around|from|of|to|into|between|through|across|inside|over)"
# "in Kadugli (Kadugli, South Kordofan)" / "in Zhanaozen city of Mangystau region"
_PAREN = re.compile(rf"({_CHAIN}(?:, {_CHAIN})*) \(([^()]+)\)")
_PLAIN = re.compile(rf"\b{_PREP} (?:the )?({_CHAIN}(?:,? (?:of )?{_CHAIN})*)")
# "Russian forces shelled Olenivka, Donetsk region."
_COMMA = re.compile(rf"\b({_CHAIN}), ({_CHAIN})\b")
_DATE_WORDS = {"On", "Around", "Between", "January", "February", "March", "April", "May",
               "June", "July", "August", "September", "October", "November", "December"}


def place_phrases(sentence: str) -> list[tuple[list[str], list[str]]]:
    """(parts most specific first, containers innermost first) for each phrase, best first."""
    out: list[tuple[list[str], list[str]]] = []
    for m in _PAREN.finditer(sentence):
        parts = [p.strip() for p in m.group(1).split(",")]
        within = [w.strip() for w in m.group(2).split(";")[0].split(",")]
        if all(w[:1].isupper() or w[:1].isdigit() for w in within if w):
            out.append((parts, [w for w in within if w]))
    for m in _PLAIN.finditer(sentence):
        chain = re.split(r", | of ", m.group(1))
        chain = [c.strip() for c in chain if c.strip() and c.strip() not in _DATE_WORDS]
        if chain and not re.fullmatch(r"\d.*", chain[0]):
            out.append((chain[:1], chain[1:]))
    # Also inside parentheses: "(West Tripura, Tripura)" is itself a place with a container.
    for m in _COMMA.finditer(sentence):
        if m.group(1) not in _DATE_WORDS and not m.group(1).startswith("On "):
            out.append(([m.group(1)], [m.group(2)]))
    return out


_FINENESS = {"country": 0, "admin1": 1}


def _city_part(part: str) -> list[str]:
    # ACLED writes city districts as "Donetsk - Petrovskyi", "Seoul City - Jung".
    return [part, part.split(" - ")[0]] if " - " in part else [part]


def locate(text: str, sentence: str, gaz: Gazetteer, country: str | None) -> PlaceRef | None:
    """The best-supported resolution among the sentence's place phrases."""
    focus = country_focus(text, gaz)
    best: tuple[tuple[int, int, int, float, int], PlaceRef] | None = None
    # Among phrases: contained, in the note's country, not a country named in passing
    # ("against Ukraine"), best matched, then finest (the city over the unit it lies in).
    for parts, within in place_phrases(sentence):
        ctx = GeoContext(within=tuple(within), countries=focus, country=country)
        r = resolve_path([q for p in parts for q in _city_part(p)], context=ctx, gazetteer=gaz)
        if r is None:
            continue
        p = r.place
        rank = (int(bool(within)), int(country is None or p.country == country),
                int(p.precision != "country"), r.candidate.match, _FINENESS.get(p.precision, 2))
        if best is None or rank > best[0]:
            best = (rank, r.ref())
    return best[1] if best else None


def correct(pred: PlaceRef | None, gold: dict, gaz: Gazetteer) -> tuple[bool, bool]:
    """(right at gold precision, within 161 km)."""
    if pred is None or pred.lat is None or pred.lon is None:
        return False, False
    d = distance_km(pred.lat, pred.lon, gold["lat"], gold["lon"])
    if gold["precision"] == "country":
        ok = pred.country == gold["country"]
    elif gold["precision"] == "admin1":
        ok = (pred.country == gold["country"] and pred.admin1 is not None
              and gaz.same_admin1(pred.admin1, gold["admin1"], gold["country"]))
    else:
        ok = d <= 25.0
    return ok, d <= 161.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", type=Path, default=DEV)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = ap.parse_args()
    gaz = default_gazetteer()
    docs = [json.loads(line) for line in args.path.read_text("utf-8").splitlines() if line]
    if args.limit:
        docs = docs[: args.limit]
    for label, use_country in (("note alone", False), ("note + country", True)):
        tally: Counter[str] = Counter()
        misses = []
        t0 = time.perf_counter()
        for d in docs:
            for ev in d["events"]:
                gold = ev.get("where")
                if not gold:
                    continue
                pred = locate(d["text"], ev["evidence"], gaz,
                              gold["country"] if use_country else None)
                ok, ok161 = correct(pred, gold, gaz)
                prec = gold["precision"]
                tally[f"n_{prec}"] += 1
                tally[f"ok_{prec}"] += ok
                tally["n"] += 1
                tally["ok"] += ok
                tally["ok161"] += ok161
                tally["none"] += pred is None
                if not ok and len(misses) < args.misses:
                    misses.append((ev["evidence"][:160], gold, pred))
        dt = time.perf_counter() - t0
        n = tally["n"]
        print(f"== {label}: {n} events, {dt:.1f} s ({n / dt:.0f} notes/s)")
        print(f"  accuracy at gold precision: {tally['ok'] / n:.3f}")
        for prec in ("city", "admin1", "country"):
            if tally[f"n_{prec}"]:
                print(f"    {prec:8s} {tally[f'ok_{prec}'] / tally[f'n_{prec}']:.3f}"
                      f"  (n={tally[f'n_{prec}']})")
        print(f"  Acc@161km: {tally['ok161'] / n:.3f}   unresolved: {tally['none'] / n:.3f}")
        for sent, gold, pred in misses:
            got = f"{pred.name}|{pred.admin1}|{pred.country}|{pred.precision}" if pred else None
            print(f"  MISS {sent!r}\n       gold={gold['name']}|{gold['admin1']}|"
                  f"{gold['country']}|{gold['precision']}  got={got}")


if __name__ == "__main__":
    main()
