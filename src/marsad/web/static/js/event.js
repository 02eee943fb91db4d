// The event page: every field with the words it was read from, and the article with those
// words highlighted. All article data goes in as text nodes (see dom.js).

import { categoryColor, fieldClass, fieldLabel } from "./colors.js";
import { clear, el, safeUrl } from "./dom.js";
import { getJson } from "./state.js";
import { actorNames, eventDate, placeName, toll } from "./table.js";

function amount(value) {
  if (!value) return null;
  const q = { more_than: "more than ", about: "about ", at_most: "at most " }[value.qualifier] || "";
  return `${q}${value.value}`;
}

// [field name, label, value] for every field the event has.
function fieldRows(event) {
  const rows = [
    ["trigger", "what happened", [event.category, event.mode].filter(Boolean).join(" / ")],
    ["actor1", "actor", actorNames(event.actors)],
    ["actor2", "recipient", actorNames(event.recipients)],
    ["where", "where", event.where ? [placeName(event), event.where.precision].filter(Boolean).join(" · ") : ""],
    ["when", "when", event.when ? [eventDate(event), event.when.how].filter(Boolean).join(" · ") : ""],
    ["killed", "killed", amount(event.killed)],
    ["injured", "injured", amount(event.injured)],
    ["casualties", "casualties", amount(event.casualties)],
    ["count", "count", amount(event.count)],
    ["said_by", "according to", event.said_by ? `${event.said_by.source.name || event.said_by.source.text} (${event.said_by.kind})` : ""],
  ];
  const known = new Set(rows.map(([name]) => name));
  for (const evidence of event.field_evidence) {
    if (!known.has(evidence.field)) {
      rows.push([evidence.field, fieldLabel(evidence.field), evidence.text]);
      known.add(evidence.field);
    }
  }
  if (event.stance) rows.push(["stance", "stance", `${event.stance.position} ${event.stance.issue}`]);
  if (event.acled_type) rows.push(["acled", "ACLED", [event.acled_type, event.acled_subtype].filter(Boolean).join(" / ")]);
  rows.push(["factuality", "factuality", event.factuality]);
  rows.push(["confidence", "confidence", event.confidence.toFixed(2)]);
  // A field with evidence but no value of its own still shows, so its words can be found.
  const evidenced = new Set(event.field_evidence.map((f) => f.field));
  return rows
    .map(([name, label, value]) => [name, label, value === "" || value == null ? (evidenced.has(name) ? "—" : value) : value])
    .filter(([, , value]) => value !== null && value !== undefined && value !== "");
}

// The article split at every span boundary; each piece knows which fields cover it.
// Offsets count code points (Python's str), so the text is indexed as an array of them.
export function segments(text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  const valid = spans.filter((s) => s.start >= 0 && s.end > s.start && s.end <= chars.length);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = valid.filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => (x.end - x.start) - (y.end - y.start));
    pieces.push({ text: chars.slice(a, b).join(""), covering });
  }
  return pieces;
}

function articleNodes(doc, event) {
  const spans = [
    { start: event.evidence.start, end: event.evidence.end, field: "sentence" },
    ...event.field_evidence.map((f) => ({ start: f.start, end: f.end, field: f.field })),
  ];
  return segments(doc.text, spans).map(({ text, covering }) => {
    if (!covering.length) return document.createTextNode(text);
    const fields = covering.filter((s) => s.field !== "sentence");
    const inSentence = covering.some((s) => s.field === "sentence");
    if (!fields.length) return el("span", { class: "sentence" }, text);
    return el("mark", {
      class: `evidence ${fieldClass(fields[0].field)}${inSentence ? " in-sentence" : ""}`,
      "data-fields": fields.map((f) => f.field).join(" "),
      title: fields.map((f) => fieldLabel(f.field)).join(", "),
    }, text);
  });
}

export async function renderEvent(container, eventId, { backHref, hrefFor }) {
  clear(container).append(el("p", { class: "loading" }, "Loading event…"));
  const event = await getJson(`/api/events/${encodeURIComponent(eventId)}`);
  const doc = await getJson(`/api/documents/${encodeURIComponent(event.document.id)}`);
  const evidenceBy = new Map();
  for (const f of event.field_evidence) {
    if (!evidenceBy.has(f.field)) evidenceBy.set(f.field, []);
    evidenceBy.get(f.field).push(f.text);
  }

  const badge = el("span", { class: "badge" }, event.category);
  badge.style.backgroundColor = categoryColor(event.category);
  const list = el("dl", { class: "fields" });
  for (const [name, label, value] of fieldRows(event)) {
    const quotes = (evidenceBy.get(name) || []).map((text) => el("q", { class: "snippet" }, text));
    const row = el("div", { class: `field-row ${fieldClass(name)}`, "data-field": name },
      el("dt", {}, el("span", { class: "swatch" }), label),
      el("dd", {}, el("span", { class: "value" }, value), ...quotes));
    if (quotes.length) row.classList.add("has-evidence");
    row.addEventListener("mouseenter", () => highlight(container, name, true));
    row.addEventListener("mouseleave", () => highlight(container, name, false));
    row.addEventListener("click", () => {
      const mark = container.querySelector(`mark[data-fields~="${CSS.escape(name)}"]`);
      if (mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
    });
    list.append(row);
  }

  const url = safeUrl(doc.url);
  const original = doc.url
    ? url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", class: "original" }, "original article")
          : el("span", { class: "unsafe-url", title: "not an http(s) link" }, doc.url)
    : null;
  const others = doc.events.filter((e) => e.id !== event.id);
  const siblings = others.length
    ? el("section", { class: "siblings" }, el("h3", {}, "Other events in this article"),
      el("ul", {}, ...others.map((e) => el("li", {},
        el("a", { href: hrefFor(e.id) }, `${eventDate(e)} · ${e.category}${e.mode ? ` / ${e.mode}` : ""}`),
        ` ${actorNames(e.actors) || "?"}${e.recipients.length ? ` → ${actorNames(e.recipients)}` : ""}`))))
    : null;

  const text = el("div", { class: "article-text", id: "article-text" }, ...articleNodes(doc, event));
  clear(container).append(
    el("nav", { class: "event-nav" }, el("a", { href: backHref, class: "back" }, "← All events")),
    el("header", { class: "event-header" },
      el("div", { class: "event-tags" }, badge, event.mode ? ` ${event.mode}` : "", ` · ${event.kind} · ${event.factuality}`),
      el("h2", { id: "event-heading" }, `${eventDate(event)} — ${[actorNames(event.actors) || "?", event.category.toLowerCase(), actorNames(event.recipients)].filter(Boolean).join(" ")}`),
      el("p", { class: "event-place" }, [placeName(event), toll(event)].filter(Boolean).join(" · "))),
    el("div", { class: "event-grid" },
      el("section", { class: "event-fields" }, el("h3", {}, "Fields and their evidence"), list, siblings),
      el("section", { class: "article" },
        el("h3", { class: "article-title", id: "article-title" }, doc.title || "(untitled)"),
        el("p", { class: "article-meta" }, [doc.source, doc.published, doc.lang].filter(Boolean).join(" · "),
          original ? " · " : "", original),
        text)),
  );
  const sentence = text.querySelector(".in-sentence, .sentence");
  if (sentence) text.scrollTop = Math.max(0, sentence.offsetTop - text.offsetTop - 40);
  return event;
}

function highlight(container, field, on) {
  for (const mark of container.querySelectorAll(`mark[data-fields~="${CSS.escape(field)}"]`)) {
    mark.classList.toggle("active", on);
  }
}
