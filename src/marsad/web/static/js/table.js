// The event table: one row per event of the current page; a row opens the event page.

import { categoryColor } from "./colors.js";
import { clear, el } from "./dom.js";

export function actorNames(actors) {
  return actors.map((a) => a.name || a.text).join(", ");
}

export function toll(event) {
  const part = (amount, word) => {
    if (!amount) return null;
    const q = { more_than: "> ", about: "~", at_most: "≤ " }[amount.qualifier] || "";
    return `${q}${amount.value} ${word}`;
  };
  return [part(event.killed, "killed"), part(event.injured, "injured")].filter(Boolean).join(", ");
}

export function eventDate(event) {
  if (!event.when || !event.when.start) return "undated";
  return event.when.end && event.when.end !== event.when.start
    ? `${event.when.start} – ${event.when.end}` : event.when.start;
}

export function placeName(event) {
  if (!event.where) return "";
  const name = event.where.name || event.where.text;
  return event.where.country ? `${name} (${event.where.country})` : name;
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function renderTable(tbody, page, { hrefFor, onSelect }) {
  clear(tbody);
  if (!page.items.length) {
    tbody.append(el("tr", { class: "empty" }, el("td", { colspan: 4 }, "No events match these filters.")));
    return;
  }
  for (const event of page.items) {
    const actors = actorNames(event.actors);
    const targets = actorNames(event.recipients);
    const dot = el("span", { class: "dot", "data-category": event.category });
    dot.style.backgroundColor = categoryColor(event.category);
    const row = el("tr", { class: "event-row", "data-id": event.id },
      el("td", { class: "c-what" },
        el("a", { href: hrefFor(event.id), class: "date" }, eventDate(event)),
        el("span", { class: "category" }, dot, event.category),
        el("span", { class: "muted" }, [event.mode, event.kind].filter(Boolean).join(" · "))),
      el("td", { class: "c-who" },
        el("span", { class: "actors" }, actors || "?", targets ? ` → ${targets}` : ""),
        el("span", { class: "muted place" }, placeName(event))),
      el("td", { class: "c-toll" }, toll(event)),
      el("td", { class: "c-evidence" },
        el("span", { class: "sentence", title: event.evidence.text }, shorten(event.evidence.text, 220)),
        el("span", { class: "muted source" }, event.document.source || "")),
    );
    row.addEventListener("click", (click) => {
      if (click.target.closest("a")) return; // the link navigates by itself
      onSelect(event.id);
    });
    tbody.append(row);
  }
}

export function renderPager(pager, page, { onPage }) {
  clear(pager);
  const first = page.total ? page.offset + 1 : 0;
  const last = page.offset + page.items.length;
  const prev = el("button", { type: "button", class: "prev", disabled: page.offset === 0 }, "← Previous");
  const next = el("button", { type: "button", class: "next", disabled: page.next_offset === null }, "Next →");
  prev.addEventListener("click", () => onPage(Math.max(0, page.offset - page.limit)));
  next.addEventListener("click", () => onPage(page.next_offset));
  pager.append(prev, el("span", { class: "range" }, `${first}–${last} of ${page.total}`), next);
}
