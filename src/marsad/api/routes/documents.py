"""Documents: list, one with its text and events' evidence; and the writes (token only).

Writes go through the pipeline (marsad.pipeline.process) and the store's own re-extraction
(replace_events): there is no second implementation of ingest or extraction here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from marsad.api.deps import cached_json, json_response, memo_of, store_of
from marsad.api.filters import name_query, page
from marsad.api.paths import DocumentId
from marsad.api.schemas import (
    Document,
    DocumentSummary,
    ErrorBody,
    IngestRequest,
    Page,
    Reprocessed,
    RunResult,
    document_of,
    document_summary_of,
)
from marsad.api.security import require_writer
from marsad.errors import StoreError, UnsupportedLanguage
from marsad.store import NO_PROFILE, DocumentRow, EventFilters

router = APIRouter(prefix="/documents", tags=["documents"])
Paging = Annotated[tuple[int, int], Depends(page)]
MAX_EVENTS_PER_DOCUMENT = 5_000


@router.get("", response_model=Page[DocumentSummary], summary="List documents")
def list_documents(
    request: Request,
    paging: Paging,
    source: Annotated[str | None, name_query("site or outlet name")] = None,
    lang: Annotated[str | None, Query(max_length=16, description="ISO 639-1 code")] = None,
    since: Annotated[date | None, Query(description="published on or after")] = None,
    until: Annotated[date | None, Query(description="published on or before")] = None,
) -> Response:
    """Documents, newest publication first (undated last, then by id)."""
    limit, offset = paging
    store = store_of(request)
    criteria = {"source": source, "lang": lang, "since": since, "until": until}

    def build(revision: str) -> Page[DocumentSummary]:
        key = ("documents", revision, tuple(criteria.items()))
        total = memo_of(request).get(key, lambda: store.count_documents(**criteria))
        rows = store.documents(limit=limit, offset=offset, **criteria) if offset < total else []
        following = offset + len(rows)
        return Page[DocumentSummary](
            total=total,
            limit=limit,
            offset=offset,
            next_offset=following if following < total else None,
            items=[document_summary_of(row) for row in rows],
        )

    return cached_json(request, build)


@router.get(
    "/{document_id}",
    response_model=Document,
    responses={404: {"model": ErrorBody}},
    summary="One document with its events and their evidence",
)
def get_document(request: Request, document_id: DocumentId) -> Response:
    """The cleaned text, and every event with the offsets of the text behind each field."""
    store = store_of(request)
    row = _document_row(request, document_id)
    events = store.events(EventFilters(document_id=row.id), limit=MAX_EVENTS_PER_DOCUMENT)
    # Events in the order they were read from the text.
    events.sort(key=lambda event: event.ordinal)
    return json_response(document_of(row, events))


def _document_row(request: Request, document_id: str, *, exact: bool = False) -> DocumentRow:
    """The document with this id (reads also take a unique prefix; writes never do)."""
    try:
        row = store_of(request).document(document_id)
    except StoreError as error:  # an ambiguous id prefix
        raise HTTPException(404, str(error)) from error
    if row is None or (exact and row.id != document_id):
        raise HTTPException(404, f"no document {document_id!r}")
    return row


@router.post(
    "",
    response_model=RunResult,
    dependencies=[Depends(require_writer)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
    summary="Ingest an article or feed by URL (token required)",
)
def ingest(request: Request, body: IngestRequest) -> Response:
    """Fetch, clean, extract and store, through the same pipeline as `marsad run`."""
    from marsad.pipeline import process

    parts = urlsplit(body.url)
    # Only the web: a file path or file:// URL would let a caller read the server's disk.
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HTTPException(422, "url must be an http:// or https:// URL")
    store = store_of(request)
    report = process(
        [body.url],
        store,
        extractor=request.app.state.extractor(),
        options=request.app.state.read_options,
        reprocess=body.reprocess,
    )
    result = RunResult(
        documents_read=report.documents_read,
        documents_new=report.documents_new,
        documents_known=report.documents_known,
        events_stored=report.events_stored,
        document_id=store.find_document(body.url, content_hash=""),
        errors=[str(error) for error in report.errors],
    )
    status = 201 if report.documents_new else 200
    if report.failed and not report.documents_read:
        status = 422
    return json_response(result, status_code=status)


@router.post(
    "/{document_id}/reprocess",
    response_model=Reprocessed,
    dependencies=[Depends(require_writer)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody}},
    summary="Extract a stored document's events again (token required)",
)
def reprocess(request: Request, document_id: DocumentId) -> Response:
    """Runs the pipeline's extractor on the stored text; its events are replaced at once. A
    document in a language with no extraction profile keeps no events and is marked so."""
    row = _document_row(request, document_id, exact=True)
    extractor = request.app.state.extractor()
    try:
        events = extractor(row.to_document())
    except UnsupportedLanguage:
        stored = store_of(request).replace_events(row.id, [], extraction=NO_PROFILE)
        return json_response(Reprocessed(document_id=row.id, events=stored))
    stored = store_of(request).replace_events(row.id, events)
    return json_response(Reprocessed(document_id=row.id, events=stored))


@router.delete(
    "/{document_id}",
    status_code=204,
    dependencies=[Depends(require_writer)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody}},
    summary="Delete a document and its events (token required)",
)
def delete_document(request: Request, document_id: DocumentId) -> Response:
    row = _document_row(request, document_id, exact=True)
    store_of(request).delete_document(row.id)
    return Response(status_code=204)
