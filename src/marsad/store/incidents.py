"""Reading incidents and recording analysts' decisions on them (the link stage's store side;
the linking itself is marsad.store.linking)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from marsad.errors import StoreError
from marsad.link.grouping import pair
from marsad.store.linking import recluster
from marsad.store.models import (
    DocumentModel,
    EventModel,
    IncidentModel,
    LinkBlockModel,
    LinkDecisionModel,
    LinkNodeModel,
    LinkPairModel,
)
from marsad.store.records import IncidentMember, IncidentRow


def list_incidents(session: Session, *, category: str | None = None,
                   country: str | None = None, min_documents: int = 1, limit: int = 100,
                   offset: int = 0) -> list[IncidentRow]:
    """Incidents, most reported first (then newest, then id), with their reports."""
    query = select(IncidentModel).where(IncidentModel.documents >= min_documents)
    if category:
        query = query.where(IncidentModel.category == category.upper())
    if country:
        query = query.where(IncidentModel.country == country.upper())
    query = query.order_by(IncidentModel.documents.desc(),
                           IncidentModel.first_day.desc().nulls_last(),
                           IncidentModel.id).limit(limit).offset(offset)
    return [_row(session, m) for m in session.scalars(query)]


def count_incidents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(IncidentModel)) or 0


def get_incident(session: Session, incident_id: str) -> IncidentRow | None:
    model = session.get(IncidentModel, incident_id)
    return _row(session, model, detail=True) if model is not None else None


def _row(session: Session, m: IncidentModel, detail: bool = False) -> IncidentRow:
    nodes = session.execute(
        select(LinkNodeModel.key, EventModel, DocumentModel)
        .join(EventModel, EventModel.id == LinkNodeModel.event_id)
        .join(DocumentModel, DocumentModel.id == LinkNodeModel.document_id)
        .where(LinkNodeModel.incident_id == m.id).order_by(LinkNodeModel.key)).all()
    keys = [key for key, _, _ in nodes]
    best: dict[str, dict[str, object]] = {}
    possible: list[dict[str, object]] = []
    if detail and keys:
        for p in session.scalars(select(LinkPairModel).where(
                or_(LinkPairModel.key_a.in_(keys), LinkPairModel.key_b.in_(keys)))):
            inside = p.key_a in keys and p.key_b in keys
            if inside:
                for k, other in ((p.key_a, p.key_b), (p.key_b, p.key_a)):
                    if k not in best or float(best[k]["score"]) < p.score:  # type: ignore[arg-type]
                        best[k] = {"with": other, "score": p.score, "reasons": p.reasons}
            else:
                other = p.key_b if p.key_a in keys else p.key_a
                possible.append({"incident": None, "event": other, "score": p.score,
                                 "reasons": p.reasons})
        incident_of = {key: incident for key, incident in session.execute(  # in one query
            select(LinkNodeModel.key, LinkNodeModel.incident_id)
            .where(LinkNodeModel.key.in_([d["event"] for d in possible])))}
        for d in possible:
            d["incident"] = incident_of.get(str(d["event"]))
    members = tuple(IncidentMember(
        event_id=e.id, key=key, document_id=d.id, source_id=d.source_id, url=d.url,
        source=d.source, published=d.published, category=e.category,
        evidence=e.evidence_text, reasons=(best[key],) if key in best else ())
        for key, e, d in nodes)
    return IncidentRow(
        id=m.id, kind=m.kind, category=m.category, mode=m.mode, events=m.events,
        documents=m.documents, first_day=m.first_day, last_day=m.last_day,
        place_name=m.place_name, lat=m.lat, lon=m.lon, country=m.country,
        geo_precision=m.geo_precision, killed=m.killed, injured=m.injured,
        conflicts=tuple(m.conflicts or ()), fields=dict(m.fields or {}), members=members,
        possible=tuple(sorted(possible, key=lambda p: -float(p["score"]))),
    )


def _keys_of(session: Session, incident_id: str) -> list[str]:
    keys = list(session.scalars(select(LinkNodeModel.key)
                                .where(LinkNodeModel.incident_id == incident_id)
                                .order_by(LinkNodeModel.key)))
    if not keys:
        raise StoreError(f"no incident {incident_id!r}")
    return keys


def _decide(session: Session, action: str, pairs: Sequence[tuple[str, str]]) -> None:
    now = datetime.now(UTC)
    for a, b in pairs:
        ka, kb = pair(a, b)
        session.add(LinkDecisionModel(action=action, key_a=ka, key_b=kb, created_at=now))
    session.flush()


def _components(session: Session, keys: Sequence[str]) -> set[str]:
    return set(session.scalars(select(LinkNodeModel.component)
                               .where(LinkNodeModel.key.in_(list(keys)))))


def merge_incidents(session: Session, incident_ids: Sequence[str]) -> str:
    """One incident of several, for good: the decision is kept by event keys and holds when
    the documents are processed again. Returns the merged incident's id."""
    groups = [_keys_of(session, i) for i in dict.fromkeys(incident_ids)]
    if len(groups) < 2:
        raise StoreError("merge needs two different incidents")
    first = groups[0][0]
    _decide(session, "merge", [(first, g[0]) for g in groups[1:]])
    # an earlier split between them gives way to this merge
    for g in groups[1:]:
        session.execute(delete(LinkDecisionModel).where(
            LinkDecisionModel.action == "split",
            or_(*[(LinkDecisionModel.key_a == a) & (LinkDecisionModel.key_b == b)
                  for x in groups[0] for y in g for a, b in [pair(x, y)]])))
    recluster(session, _components(session, [k for g in groups for k in g]))
    return session.scalar(select(LinkNodeModel.incident_id)
                          .where(LinkNodeModel.key == first)) or ""


def split_incident(session: Session, incident_id: str, event_ids: Sequence[int]) -> str:
    """Take the given events out of the incident into one of their own, for good. Returns
    the new incident's id."""
    keys = _keys_of(session, incident_id)
    moved = sorted(set(session.scalars(select(LinkNodeModel.key).where(
        LinkNodeModel.event_id.in_(list(event_ids)), LinkNodeModel.incident_id == incident_id))))
    if not moved or len(moved) != len(set(event_ids)):
        raise StoreError(f"split: not every event given is in incident {incident_id!r}")
    staying = [k for k in keys if k not in moved]
    if not staying:
        raise StoreError("split: the events given are the whole incident")
    # an earlier merge between them gives way to this split
    session.execute(delete(LinkDecisionModel).where(
        LinkDecisionModel.action == "merge",
        or_(*[(LinkDecisionModel.key_a == a) & (LinkDecisionModel.key_b == b)
              for x in moved for y in staying for a, b in [pair(x, y)]])))
    _decide(session, "split", [(m, s) for m in moved for s in staying])
    _decide(session, "merge", [(moved[0], m) for m in moved[1:]])
    recluster(session, _components(session, keys))
    return session.scalar(select(LinkNodeModel.incident_id)
                          .where(LinkNodeModel.key == moved[0])) or ""


def clear_links(session: Session) -> None:
    """Every incident, node, block and pair (not the analysts' decisions): before relinking."""
    for model in (LinkPairModel, LinkBlockModel, LinkNodeModel, IncidentModel):
        session.execute(delete(model), execution_options={"synchronize_session": False})
