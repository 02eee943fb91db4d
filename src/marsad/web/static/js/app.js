// The dashboard: filters (in the URL), map, timeline and table; or one event's page.

import { categoryColor } from "./colors.js";
import { renderEvent } from "./event.js";
import { el, clear, show } from "./dom.js";
import { EventMap } from "./map.js";
import { currentParams, filtersFrom, getJson, navigate, withChanges, FILTER_NAMES } from "./state.js";
import { renderPager, renderTable } from "./table.js";
import { renderTimeline } from "./timeline.js";
import { renderIncidents, renderIncidentView, renderSeries, renderStances } from "./links.js";

const PAGE = 50;
const MAP_POINTS = 5000;
const EXPORTS = [
  ["acled-csv", "ACLED CSV"],
  ["plover-jsonl", "PLOVER JSONL"],
  ["geojson", "GeoJSON"],
  ["parquet", "Parquet"],
];

const $ = (selector) => document.querySelector(selector);
let map = null;
let lastTimeline = null;
let fittedFor = null;

function status(message, isError = false) {
  const line = $("#status");
  line.textContent = message;
  line.classList.toggle("error", isError);
}

function eventHref(id) {
  return `?${withChanges({ event: id }).toString()}`;
}

function incidentHref(id) {
  return `?${withChanges({ incident: id, event: null }).toString()}`;
}

function openEvent(id) {
  navigate(withChanges({ event: id }));
}

// --- filters form <-> URL ----------------------------------------------------------------

function fillForm(params) {
  const form = $("#filters");
  for (const name of FILTER_NAMES) {
    const input = form.elements.namedItem(name);
    if (!input) continue;
    const value = params.get(name) || "";
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
      input.append(el("option", { value }, value));
    }
    input.value = value;
  }
  $("#bbox-clear").hidden = !params.get("bbox");
}

function formParams() {
  const form = $("#filters");
  const changes = { offset: null, event: null, incident: null };
  for (const name of FILTER_NAMES) {
    const input = form.elements.namedItem(name);
    if (input) changes[name] = input.value.trim() || null;
  }
  return withChanges(changes);
}

function updateExports(filters) {
  clear($("#exports")).append(...EXPORTS.map(([name, label]) => {
    const query = filters.toString();
    return el("a", { href: `/api/export/${name}${query ? `?${query}` : ""}`, download: "", class: "export-link" }, label);
  }));
}

// --- the overview ----------------------------------------------------------------------

async function renderOverview(params) {
  const filters = filtersFrom(params);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  updateExports(filters);
  status("Loading…");
  const pageParams = new URLSearchParams(filters);
  pageParams.set("limit", PAGE);
  pageParams.set("offset", offset);
  const pointParams = new URLSearchParams(filters);
  pointParams.set("limit", MAP_POINTS);
  const linkParams = new URLSearchParams({ min_reports: 2, limit: 20 });
  if (filters.get("country")) linkParams.set("country", filters.get("country"));
  const seriesParams = filters.get("country") ? new URLSearchParams({ country: filters.get("country") }) : new URLSearchParams();
  const [page, points, timeline, incidents, series, stances] = await Promise.all([
    getJson("/api/events", pageParams),
    getJson("/api/events/points", pointParams),
    getJson("/api/events/timeline", filters),
    getJson("/api/incidents", linkParams),
    getJson("/api/series", seriesParams),
    getJson("/api/stances", new URLSearchParams()),
  ]);
  renderIncidents($("#incidents"), incidents, { hrefFor: incidentHref });
  renderSeries($("#series"), series);
  renderStances($("#stances"), stances);
  renderTable($("#events tbody"), page, { hrefFor: eventHref, onSelect: openEvent });
  renderPager($("#pager"), page, { onPage: (next) => navigate(withChanges({ offset: next || null })) });
  const note = points.truncated
    ? `showing the latest ${points.items.length.toLocaleString()} of ${points.total.toLocaleString()} located events`
    : `${points.total.toLocaleString()} located events`;
  // Fit the map to the events when the filters change, not when only the page does.
  const key = filters.toString();
  map.setPoints(points.items, { fit: fittedFor !== key && !filters.get("bbox"), note });
  fittedFor = key;
  lastTimeline = timeline;
  renderTimeline($("#timeline"), timeline, { onPick: pickDays });
  renderLegend(timeline);
  $("#count").textContent = `${page.total.toLocaleString()} events`;
  status("");
}

function renderLegend(timeline) {
  const totals = {};
  for (const d of timeline.days) totals[d.category] = (totals[d.category] || 0) + d.events;
  const chips = Object.keys(totals).sort((a, b) => totals[b] - totals[a]).map((category) => {
    const dot = el("span", { class: "dot" });
    dot.style.backgroundColor = categoryColor(category);
    return el("span", {}, dot, category.toLowerCase());
  });
  clear($("#legend")).append(...chips);
}

function pickDays(start, end) {
  navigate(withChanges({ since: start, until: end, offset: null, event: null }));
}

// --- routing ---------------------------------------------------------------------------

async function route() {
  const params = currentParams();
  fillForm(params);
  const eventId = params.get("event");
  const incidentId = eventId ? null : params.get("incident");
  show($("#overview"), !eventId && !incidentId);
  show($("#links"), !eventId && !incidentId);
  show($("#event-view"), Boolean(eventId));
  show($("#incident-view"), Boolean(incidentId));
  try {
    if (incidentId) {
      const back = withChanges({ incident: null });
      const incident = await getJson(`/api/incidents/${encodeURIComponent(incidentId)}`, new URLSearchParams());
      renderIncidentView($("#incident-view"), incident, {
        backHref: back.toString() ? `?${back}` : window.location.pathname,
      });
      document.title = `incident ${incident.category} ${incident.first_day || ""} — marsad`;
      window.scrollTo(0, 0);
    } else if (eventId) {
      const back = withChanges({ event: null });
      const event = await renderEvent($("#event-view"), eventId, {
        backHref: back.toString() ? `?${back}` : window.location.pathname,
        hrefFor: eventHref,
      });
      document.title = `${event.category} ${event.when?.start || ""} — marsad`;
      window.scrollTo(0, 0);
    } else {
      document.title = "marsad — events";
      await renderOverview(params);
    }
  } catch (error) {
    status(`Could not load: ${error.message}`, true);
  }
}

async function boot() {
  // On a phone the filters start folded (unless the link sets some), leaving room for the map.
  if (window.matchMedia("(max-width: 760px)").matches && !filtersFrom(currentParams()).toString()) {
    $("#filters-box").open = false;
  }
  const config = await getJson("/api/config");
  map = new EventMap($("#map"), {
    tileUrl: config.tile_url, attribution: config.tile_attribution, onSelect: openEvent,
  });
  map.loadOutlines("/static/countries-110m.geojson").catch(() => status("Country outlines missing", true));
  new ResizeObserver(() => { if (lastTimeline) renderTimeline($("#timeline"), lastTimeline, { onPick: pickDays }); })
    .observe($("#timeline"));

  const stats = await getJson("/api/stats");
  const categories = $("#filters").elements.namedItem("category");
  for (const { key, count } of stats.events_by_category) {
    if (key) categories.append(el("option", { value: key }, `${key} (${count})`));
  }
  $("#summary").textContent = `${stats.documents.toLocaleString()} documents · ${stats.events.toLocaleString()} events`
    + (stats.first_event ? ` · ${stats.first_event} – ${stats.last_event}` : "");

  $("#filters").addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(formParams());
  });
  $("#filters").addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") navigate(formParams());
  });
  $("#reset").addEventListener("click", () => navigate(new URLSearchParams()));
  $("#bbox-set").addEventListener("click", () => navigate(withChanges({ bbox: map.bbox(), offset: null })));
  $("#bbox-clear").addEventListener("click", () => navigate(withChanges({ bbox: null, offset: null })));
  window.addEventListener("popstate", route);
  window.addEventListener("marsad:navigate", route);
  await route();
  document.body.dataset.ready = "true"; // for tests and screenshots: first render done
}

boot().catch((error) => status(`Could not start: ${error.message}`, true));
