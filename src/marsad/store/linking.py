"""The link stage in the store: each saved document's events are linked against what is
stored, in the same transaction as the events themselves.

Incremental and order-free: a document's events find their candidates through the blocks
index (link_blocks), the compared pairs at or above `possible` are kept (link_pairs), and
only the components they touch are clustered again (marsad.link.grouping), over the same
pairs a batch would compare; analysts' decisions (link_decisions) are constraints of that
clustering. Incident ids are kept across re-processing: a new grouping inherits the id most
of its members had.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from marsad.link.batch import back_references
from marsad.link.blocking import blocks_of, query_blocks
from marsad.link.compare import Comparison, compare_pair
from marsad.link.grouping import Constraints, Pair, cluster, pair
from marsad.link.resolution import resolve_incident
from marsad.link.settings import LinkSettings, default_settings
from marsad.link.signature import LinkDocument, LinkEvent, from_json, signatures, to_json
from marsad.store.bulk import insert_rows
from marsad.store.ids import ids_in
from marsad.store.models import (
    IncidentModel,
    LinkBlockModel,
    LinkDecisionModel,
    LinkNodeModel,
    LinkPairModel,
)
from marsad.types import Event

CHUNK = 500  # keys per look-up: well under SQLite's parameter limit (one per key there)


@dataclass(frozen=True, slots=True)
class Previous:
    """What a document's events were linked to before they were replaced."""

    components: frozenset[str] = frozenset()
    incidents: Mapping[str, str] = field(default_factory=dict)  # key -> incident id

    def incident_of(self, key: str) -> str | None:
        return self.incidents.get(key)


def _chunks(keys: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(keys), CHUNK):
        yield keys[i:i + CHUNK]


def before_replacing(session: Session, document_id: str) -> Previous:
    rows = session.execute(
        select(LinkNodeModel.key, LinkNodeModel.component, LinkNodeModel.incident_id)
        .where(LinkNodeModel.document_id == document_id)).all()
    return Previous(frozenset(r.component for r in rows),
                    {r.key: r.incident_id for r in rows if r.incident_id})


def link_document(session: Session, doc: LinkDocument, events: Sequence[Event],
                  event_ids: Sequence[int], previous: Previous = Previous(),
                  settings: LinkSettings | None = None) -> None:
    """Link a document whose events were just stored (ids in the same order)."""
    settings = settings or default_settings()
    sigs = signatures(doc, events, settings)
    # Core inserts, not the ORM's unit of work: these rows are new (replacing a document's
    # events deleted its nodes, their blocks and pairs) and nothing reads them as objects.
    insert_rows(session, LinkNodeModel, [
        dict(key=sig.key, event_id=event_id, document_id=doc.id, signature=to_json(sig),
             component=sig.key, incident_id=None)
        for sig, event_id in zip(sigs, event_ids, strict=True)])
    linkable = [s for s in sigs if s.kind != "aggregate"]
    insert_rows(session, LinkBlockModel, [
        dict(block=b, node_key=s.key) for s in linkable for b in blocks_of(s, settings)])
    known: dict[str, LinkEvent] = {s.key: s for s in sigs}
    touched = set(previous.components) | {s.key for s in linkable}
    pairs: dict[Pair, dict[str, Any]] = {}
    for sig, candidates in zip(linkable, _candidates(session, linkable, known, settings),
                               strict=True):
        for key, component in candidates.items():
            other = known[key]
            if other.document == doc.id and key < sig.key:
                continue  # a pair within the document: scored once, from its first key
            p, c = compare_pair(sig, other, settings)
            if not c.vetoed and c.score >= settings.possible:
                pairs[p] = dict(key_a=p[0], key_b=p[1], score=c.score,
                                reasons=[r.to_json() for r in c.reasons])
                touched.add(component)
    insert_rows(session, LinkPairModel, list(pairs.values()))
    recluster(session, touched, previous, settings, known)


def _candidates(session: Session, sigs: Sequence[LinkEvent], known: dict[str, LinkEvent],
                settings: LinkSettings) -> list[dict[str, str]]:
    """For each signature, the stored events in the blocks it looks in (key -> component),
    found in one pass over the blocks index for all of them; `known` gains the signatures
    read (each decoded once, however many of the document's events it is a candidate of)."""
    wanted = {s.key: set(query_blocks(s, settings)) for s in sigs}
    in_block: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(set().union(*wanted.values()))):
        for block, key in session.execute(
                select(LinkBlockModel.block, LinkBlockModel.node_key)
                .where(ids_in(LinkBlockModel.block, "keys")), {"keys": chunk}):
            in_block.setdefault(block, set()).add(key)
    keys_of = {s.key: set().union(*(in_block.get(b, ()) for b in wanted[s.key])) - {s.key}
               for s in sigs}
    components: dict[str, str] = {}
    for chunk in _chunks(sorted(set().union(*keys_of.values()))):
        for key, raw, component in session.execute(
                select(LinkNodeModel.key, LinkNodeModel.signature, LinkNodeModel.component)
                .where(ids_in(LinkNodeModel.key, "keys")), {"keys": chunk}):
            components[key] = component
            if key not in known:
                known[key] = from_json(raw)
    return [{k: components[k] for k in sorted(keys_of[s.key]) if k in components}
            for s in sigs]


def _signatures(session: Session, keys: Sequence[str],
                known: Mapping[str, LinkEvent] | None = None) -> dict[str, LinkEvent]:
    known = known or {}
    out = {k: known[k] for k in keys if k in known}
    for chunk in _chunks([k for k in keys if k not in out]):
        for key, raw in session.execute(select(LinkNodeModel.key, LinkNodeModel.signature)
                                        .where(ids_in(LinkNodeModel.key, "keys")),
                                        {"keys": chunk}):
            out[key] = from_json(raw)
    return out


def _closure(session: Session, components: set[str]) -> tuple[list[str], Constraints]:
    """The nodes of the components, and of every component an analyst's decision ties to
    them, with those decisions as constraints."""
    done: set[str] = set()
    keys: set[str] = set()
    must: set[Pair] = set()
    cannot: set[Pair] = set()
    todo = set(components)
    while todo:
        done |= todo
        found = set()
        for chunk in _chunks(sorted(todo)):
            found |= set(session.scalars(select(LinkNodeModel.key).where(or_(
                ids_in(LinkNodeModel.component, "keys"), ids_in(LinkNodeModel.key, "keys"))),
                {"keys": chunk}))
        keys |= found
        todo = set()
        for chunk in _chunks(sorted(found)):
            for d in session.scalars(select(LinkDecisionModel).where(or_(
                    ids_in(LinkDecisionModel.key_a, "keys"),
                    ids_in(LinkDecisionModel.key_b, "keys"))), {"keys": chunk}):
                (must if d.action == "merge" else cannot).add(pair(d.key_a, d.key_b))
                for k in (d.key_a, d.key_b):
                    node = session.get(LinkNodeModel, k)
                    if node is not None and node.component not in done:
                        todo.add(node.component)
    return sorted(keys), Constraints(frozenset(must), frozenset(cannot - must))


def _edges(session: Session, keys: Sequence[str]) -> dict[Pair, Comparison]:
    """The stored pairs among `keys`, by score alone: clustering reads no reasons (they
    are for the analyst who opens a pair), and decoding them was most of this look-up."""
    wanted = set(keys)
    out: dict[Pair, Comparison] = {}
    for chunk in _chunks(list(keys)):
        for key_a, key_b, score in session.execute(
                select(LinkPairModel.key_a, LinkPairModel.key_b, LinkPairModel.score)
                .where(ids_in(LinkPairModel.key_a, "keys")), {"keys": chunk}):
            if key_b in wanted:
                out[(key_a, key_b)] = Comparison(score, ())
    return out


def recluster(session: Session, components: Iterable[str], previous: Previous = Previous(),
              settings: LinkSettings | None = None,
              known: Mapping[str, LinkEvent] | None = None) -> None:
    """Cluster the given components again (with what decisions tie to them) and rewrite their
    nodes' components and incidents. `known`: signatures already read (a key's signature
    never changes while its node lives)."""
    settings = settings or default_settings()
    keys, constraints = _closure(session, set(components))
    if not keys:  # every event of these components is gone, and so are their incidents
        _delete_incidents(session, set(previous.incidents.values()))
        return
    sigs = _signatures(session, keys, known)
    linkable = {k: s for k, s in sigs.items() if s.kind != "aggregate"}
    refs = Constraints.of(back_references(linkable.values()))
    both = Constraints(constraints.must | refs.must, constraints.cannot)
    grouping = cluster(linkable, _edges(session, list(linkable)), settings, both)
    old = {k: previous.incident_of(k) for k in keys}
    stored: dict[str, tuple[str, str | None]] = {}  # key -> (component, incident) as stored
    for chunk in _chunks(keys):
        for key, component, incident in session.execute(
                select(LinkNodeModel.key, LinkNodeModel.component, LinkNodeModel.incident_id)
                .where(ids_in(LinkNodeModel.key, "keys")), {"keys": chunk}):
            old[key] = old.get(key) or incident
            stored[key] = (component, incident)
    ids = _incident_ids(grouping.groups, old)
    stale = {i for i in old.values() if i} - set(ids)
    now = datetime.now(UTC)
    groups_of = dict(zip(ids, grouping.groups, strict=True))
    members = _members(stored)
    replaced = set(previous.incidents.values())  # their events may read differently now
    rows: list[dict[str, Any]] = []
    for incident_id, group in groups_of.items():
        if incident_id not in replaced and members.get(incident_id) == set(group):
            continue  # the same events as written: the same fields (most groups of a save)
        fields = resolve_incident([linkable[k] for k in group], settings)
        place = fields.place
        rows.append(dict(
            id=incident_id, kind=fields.kind, category=fields.category, mode=fields.mode,
            events=len(group), documents=fields.documents, first_day=fields.first_day,
            last_day=fields.last_day, place_name=place.place_name if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
            country=place.country if place else None,
            geo_precision=place.precision if place else None, killed=fields.killed,
            injured=fields.injured, fields=fields.fields, conflicts=fields.conflicts,
            sources=sorted({src for k in group if (src := linkable[k].source)}),
            updated_at=now))
    session.flush()
    _write_incidents(session, rows)
    incident_of = {key: incident_id for incident_id, group in groups_of.items()
                   for key in group}
    nodes = [{"key": key, "component": component[0], "incident_id": incident_of.get(key)}
             for component in grouping.components  # named by its first key
             for key in component
             if stored.get(key) != (component[0], incident_of.get(key))]
    if nodes:  # the changed ones (most keep theirs), one statement by primary key
        session.execute(update(LinkNodeModel), nodes)
    _delete_incidents(session, stale)
    session.flush()


def _delete_incidents(session: Session, incident_ids: set[str]) -> None:
    for chunk in _chunks(sorted(incident_ids)):
        session.execute(delete(IncidentModel).where(ids_in(IncidentModel.id, "keys")),
                        {"keys": chunk}, execution_options={"synchronize_session": False})


def _members(stored: Mapping[str, tuple[str, str | None]]) -> dict[str, set[str]]:
    """Each incident's events, as the stored nodes name them."""
    out: dict[str, set[str]] = {}
    for key, (_, incident) in stored.items():
        if incident:
            out.setdefault(incident, set()).add(key)
    return out


def _write_incidents(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert the new incidents and update the others, a statement each (merge() would
    load every row first: most of a save's linking time at 100,000 events)."""
    stored: set[str] = set()
    for chunk in _chunks([str(r["id"]) for r in rows]):
        stored |= set(session.scalars(select(IncidentModel.id)
                                      .where(ids_in(IncidentModel.id, "keys")), {"keys": chunk}))
    fresh = [r for r in rows if r["id"] not in stored]
    known = [r for r in rows if r["id"] in stored]
    insert_rows(session, IncidentModel, fresh)
    if known:
        session.execute(update(IncidentModel), known)


def new_incident_id(group: Sequence[str]) -> str:
    return "inc-" + hashlib.sha1(min(group).encode("utf-8")).hexdigest()[:12]


def _incident_ids(groups: Sequence[Sequence[str]], old: Mapping[str, str | None]) -> list[str]:
    """Each group keeps the id most of its members had (each id to one group: the one with
    most of its members, then the first by key); the others get a new id from their first
    key."""
    claims: list[tuple[int, str, int]] = []  # (-members with it, id, group index)
    for n, group in enumerate(groups):
        for incident, count in Counter(old[k] for k in group if old.get(k)).items():
            claims.append((-count, incident or "", n))
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for _, incident, n in sorted(claims, key=lambda c: (c[0], groups[c[2]][0], c[1])):
        if ids[n] is None and incident not in taken:
            ids[n] = incident
            taken.add(incident)
    out = []
    for n, group in enumerate(groups):
        given = ids[n] or new_incident_id(group)
        while given in taken and ids[n] is None:
            given += "x"
        taken.add(given)
        out.append(given)
    return out
