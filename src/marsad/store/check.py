"""A store's integrity, checked: what `marsad check` and the crash harness report.

A store must never be half-written: every check below counts rows that break one rule and
keeps one example. The SQL is portable (SQLite and PostgreSQL); SQLite's own page and index
checks and the full-text index's check run on SQLite only (PostgreSQL checks its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

# (name, what a row means, SELECT of the offending rows' ids)
_RULES: tuple[tuple[str, str, str], ...] = (
    ("event without its document", "event",
     "SELECT e.id FROM events e LEFT JOIN documents d ON d.id = e.document_id "
     "WHERE d.id IS NULL"),
    ("actor role without its event", "event id",
     "SELECT a.event_id FROM event_actors a LEFT JOIN events e ON e.id = a.event_id "
     "WHERE e.id IS NULL"),
    ("field evidence without its event", "event id",
     "SELECT v.event_id FROM evidence v LEFT JOIN events e ON e.id = v.event_id "
     "WHERE e.id IS NULL"),
    ("evidence that is not the document's text at its offsets", "event",
     "SELECT e.id FROM events e JOIN documents d ON d.id = e.document_id "
     "WHERE substr(d.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) "
     "<> e.evidence_text"),
    ("field evidence that is not the document's text at its offsets", "event",
     "SELECT v.event_id FROM evidence v JOIN events e ON e.id = v.event_id "
     "JOIN documents d ON d.id = e.document_id "
     "WHERE substr(d.text, v.start + 1, v.\"end\" - v.start) <> v.text"),
    ("document stored twice (same content)", "content hash",
     "SELECT content_hash FROM documents GROUP BY content_hash HAVING count(*) > 1"),
    ("event not linked (no link node)", "event",
     "SELECT e.id FROM events e LEFT JOIN link_nodes n ON n.event_id = e.id "
     "WHERE n.key IS NULL"),
    ("link node of a deleted event", "node",
     "SELECT n.key FROM link_nodes n LEFT JOIN events e ON e.id = n.event_id "
     "WHERE e.id IS NULL"),
    ("link node in a missing incident", "node",
     "SELECT n.key FROM link_nodes n LEFT JOIN incidents i ON i.id = n.incident_id "
     "WHERE n.incident_id IS NOT NULL AND i.id IS NULL"),
    ("incident with no events", "incident",
     "SELECT i.id FROM incidents i LEFT JOIN link_nodes n ON n.incident_id = i.id "
     "WHERE n.key IS NULL"),
    ("incident whose event count is wrong", "incident",
     "SELECT i.id FROM incidents i JOIN link_nodes n ON n.incident_id = i.id "
     "GROUP BY i.id, i.events HAVING count(*) <> i.events"),
)


@dataclass(frozen=True, slots=True)
class Problem:
    rule: str
    count: int
    example: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.count} (e.g. {self.example})"


def check_store(engine: Engine) -> list[Problem]:
    """Every broken rule with its count and an example; an empty list for a sound store."""
    problems: list[Problem] = []
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            problems += _sqlite_checks(connection)
        for rule, what, query in _RULES:
            rows = connection.execute(text(query)).scalars().all()
            if rows:
                problems.append(Problem(rule, len(rows), f"{what} {rows[0]}"))
    return problems


def _sqlite_checks(connection: Connection) -> list[Problem]:
    problems = []
    pages = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    if pages != ["ok"]:
        problems.append(Problem("SQLite integrity check", len(pages), pages[0]))
    keys = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if keys:
        table, rowid, parent = keys[0][0], keys[0][1], keys[0][2]
        problems.append(
            Problem("foreign key to a missing row", len(keys), f"{table} row {rowid} -> {parent}")
        )
    try:  # the full-text index against the events it indexes
        connection.exec_driver_sql("INSERT INTO events_fts(events_fts, rank) "
                                   "VALUES ('integrity-check', 1)")
    except Exception as error:  # the module reports a mismatch as an error
        problems.append(Problem("full-text index out of step with the events", 1, str(error)))
    return problems
