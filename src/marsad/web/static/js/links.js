// The link stage on the dashboard: incidents reported by several outlets (their reports side
// by side), aggregate series as a chart, stance timelines; and one incident's page. All
// article data goes in as text nodes (see dom.js).

import { clear, el, safeUrl, svg } from "./dom.js";

function link(url, text) {
  const href = safeUrl(url);
  return href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, text) : text;
}

function qualified(point) {
  return `${{ more_than: "≥ ", about: "~", at_most: "≤ " }[point.qualifier] || ""}${point.value}`;
}

// --- incidents ---------------------------------------------------------------------------

export function renderIncidents(list, page, { hrefFor }) {
  clear(list);
  if (!page.items.length) {
    list.append(el("p", { class: "hint" }, "No occurrence is reported by more than one document yet."));
    return;
  }
  for (const incident of page.items) {
    const outlets = [...new Set(incident.reports.map((r) => r.source || "?"))];
    const head = el("a", { href: hrefFor(incident.id), class: "incident-link" },
      `${incident.first_day || "undated"} · ${incident.category.toLowerCase()} · ${incident.place.name || "somewhere"}`);
    const toll = incident.killed != null ? `${incident.killed} killed` : "";
    list.append(el("article", { class: "incident", "data-id": incident.id },
      el("h3", {}, head),
      el("p", { class: "incident-meta" },
        `${incident.documents} reports · ${outlets.join(", ")}`, toll ? ` · ${toll}` : "",
        incident.conflicts.length ? el("span", { class: "conflict" }, ` · sources disagree on ${incident.conflicts.join(", ")}`) : ""),
    ));
  }
}

function sourceCells(entry) {
  return (entry.sources || []).map((s) => {
    const value = s.value && typeof s.value === "object" && !Array.isArray(s.value)
      ? (s.value.name || "") : Array.isArray(s.value) ? s.value.join(", ") : (s.value ?? "");
    return el("td", {}, String(value));
  });
}

export function renderIncidentView(root, incident, { backHref }) {
  clear(root);
  const outlets = incident.reports.map((r) => r.source || r.document_id);
  const table = el("table", { class: "incident-fields" },
    el("thead", {}, el("tr", {}, el("th", {}, "field"), el("th", {}, "resolved"),
      ...outlets.map((o) => el("th", { class: "outlet" }, o)))),
    el("tbody", {}, ...Object.entries(incident.fields).map(([name, entry]) => {
      const byEvent = new Map((entry.sources || []).map((s) => [s.event, s]));
      const cells = incident.reports.map((r) => {
        const s = byEvent.get(r.key);
        return el("td", {}, s ? sourceCells({ sources: [s] })[0].textContent : "—");
      });
      const resolved = entry.value && typeof entry.value === "object" && !Array.isArray(entry.value)
        ? entry.value.name : Array.isArray(entry.value) ? entry.value.join(", ") : entry.value;
      return el("tr", { class: entry.conflict ? "conflict-row" : "" },
        el("th", { title: entry.rule || "" }, name),
        el("td", { class: "resolved" }, resolved == null ? "—" : String(resolved)),
        ...cells);
    })));
  const reports = el("ol", { class: "incident-reports" }, ...incident.reports.map((r) => el("li", {},
    el("p", {}, el("strong", {}, r.source || "?"), " · ", r.published || "", " · ",
      link(r.url, r.source_id || r.document_id)),
    el("blockquote", {}, r.evidence),
    r.joined_by ? el("p", { class: "hint" }, `joined with score ${r.joined_by.score.toFixed(2)}: `
      + r.joined_by.reasons.map((x) => `${x.reason} ${x.points > 0 ? "+" : ""}${x.points.toFixed(1)}`).join(", ")) : "")));
  root.append(
    el("p", {}, el("a", { href: backHref, class: "back" }, "← back")),
    el("h2", {}, `${incident.category} · ${incident.place.name || ""} · ${incident.first_day || "undated"}`),
    el("p", { class: "hint" }, `${incident.documents} reports; each field: the resolved value (hover its name for the rule) and every source's value`),
    el("div", { class: "table-scroll" }, table),
    el("h3", {}, "Reports"), reports,
    incident.possible_duplicates.length
      ? el("p", { class: "hint" }, `possible duplicates: ${[...new Set(incident.possible_duplicates.map((p) => p.incident))].join(", ")}`)
      : "",
  );
  return incident;
}

// --- series ------------------------------------------------------------------------------

const LABELLED_POINTS = 6;

function labelled(i, n) {
  return n <= LABELLED_POINTS || i === 0 || i === n - 1;
}

function anchor(i, n) {
  return n > 1 && i === 0 ? "start" : n > 1 && i === n - 1 ? "end" : "middle";
}

export function renderSeries(box, series) {
  clear(box);
  const shown = series.filter((s) => s.points.length > 1);
  if (!shown.length) {
    box.append(el("p", { class: "hint" }, "No running total with more than one figure yet."));
    return;
  }
  for (const s of shown) {
    const width = 360, height = 120, pad = 28;
    const days = s.points.map((p) => Date.parse(p.as_of || s.since || "1970-01-01"));
    const values = s.points.map((p) => p.value);
    const [d0, d1] = [Math.min(...days), Math.max(...days)];
    const vmax = Math.max(...values) || 1;
    const x = (d) => pad + (d1 > d0 ? (d - d0) / (d1 - d0) : 0.5) * (width - 2 * pad);
    const y = (v) => height - pad - (v / vmax) * (height - 2 * pad);
    const path = s.points.map((p, i) => `${i ? "L" : "M"}${x(days[i]).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
    const chart = svg("svg", { class: "series-chart", viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `${s.measure} of ${s.category.toLowerCase()} over time` },
      svg("path", { d: path, class: "series-line" }),
      ...s.points.map((p, i) => svg("g", { class: "series-point" },
        svg("circle", { cx: x(days[i]), cy: y(p.value), r: 4 }),
        // a crowded series labels its ends only; every point keeps its tooltip
        labelled(i, s.points.length) ? svg("text", { x: x(days[i]), y: y(p.value) - 8, "text-anchor": "middle" }, qualified(p)) : "",
        labelled(i, s.points.length) ? svg("text", { x: x(days[i]), y: height - 8, "text-anchor": anchor(i, s.points.length), class: "axis" }, p.as_of || "?") : "",
        svg("title", {}, `${qualified(p)} by ${p.as_of || "?"} (${[p.source, p.said_by && `attributed to ${p.said_by}`].filter(Boolean).join(", ")}): ${p.evidence}`))));
    box.append(el("figure", { class: "series", "data-id": s.id },
      el("figcaption", {}, `${s.measure} · ${s.category.toLowerCase()}${s.since ? ` since ${s.since}` : ""} · ${s.parties.join(", ")}`),
      chart));
  }
}

// --- stances -----------------------------------------------------------------------------

export function renderStances(box, timelines) {
  clear(box);
  if (!timelines.length) {
    box.append(el("p", { class: "hint" }, "No stance on a tracked issue yet."));
    return;
  }
  for (const t of timelines) {
    box.append(el("section", { class: "stance-issue" }, el("h3", {}, t.issue),
      el("ul", { class: "stance-holders" }, ...t.holders.map((h) => el("li", {},
        el("strong", {}, h.holder), h.changed ? el("span", { class: "conflict" }, " (changed)") : "", ": ",
        ...h.positions.map((p) => el("span", { class: `stance ${p.position}`, title: p.evidence },
          `${p.position} · ${p.day || "?"} · ${p.source || "?"}`)))))));
  }
}
