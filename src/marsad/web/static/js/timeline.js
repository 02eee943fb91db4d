// The timeline: events per day (or week, or month for long spans), stacked by category.
// Clicking a bar narrows the date filter to it.

import { categoryColor } from "./colors.js";
import { clear, svg } from "./dom.js";

const DAY = 86_400_000;

function parseDay(text) {
  return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// Bucket starts: the day itself, the Monday of its week, or the 1st of its month.
function bucketer(spanDays) {
  if (spanDays <= 120) return { unit: "day", start: (ms) => ms, next: (ms) => ms + DAY };
  if (spanDays <= 900) {
    const monday = (ms) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;
    return { unit: "week", start: monday, next: (ms) => ms + 7 * DAY };
  }
  const first = (ms) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
  const next = (ms) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); };
  return { unit: "month", start: first, next };
}

export function buckets(days) {
  if (!days.length) return { unit: "day", list: [] };
  const times = days.map((d) => parseDay(d.day));
  const min = Math.min(...times), max = Math.max(...times);
  const b = bucketer((max - min) / DAY);
  const list = [];
  const index = new Map();
  for (let t = b.start(min); t <= max; t = b.next(t)) {
    index.set(t, list.length);
    list.push({ start: t, end: b.next(t) - DAY, counts: {}, total: 0 });
  }
  days.forEach((d, i) => {
    const bucket = list[index.get(b.start(times[i]))];
    bucket.counts[d.category] = (bucket.counts[d.category] || 0) + d.events;
    bucket.total += d.events;
  });
  return { unit: b.unit, list };
}

export function renderTimeline(root, timeline, { onPick = () => {} } = {}) {
  const box = root.getBoundingClientRect();
  const width = Math.max(200, box.width), height = Math.max(100, box.height);
  const margin = { left: 34, right: 8, top: 8, bottom: 22 };
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clear(root);
  const { unit, list } = buckets(timeline.days);
  if (!list.length) {
    root.append(svg("text", { x: width / 2, y: height / 2, class: "empty", "text-anchor": "middle" },
      "No dated events"));
    return;
  }
  // Categories in a fixed order (largest first) so colours stack the same way in every bar.
  const totals = {};
  for (const d of timeline.days) totals[d.category] = (totals[d.category] || 0) + d.events;
  const order = Object.keys(totals).sort((a, b) => totals[b] - totals[a] || a.localeCompare(b));
  const maxTotal = Math.max(...list.map((b) => b.total), 1);
  const plotW = width - margin.left - margin.right, plotH = height - margin.top - margin.bottom;
  const step = plotW / list.length;
  const barW = Math.max(1, step * 0.85);
  const y = (v) => margin.top + plotH - (v / maxTotal) * plotH;

  const axis = svg("g", { class: "axis" },
    svg("line", { x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0) }),
    svg("text", { x: margin.left - 4, y: y(maxTotal) + 4, "text-anchor": "end" }, String(maxTotal)),
    svg("text", { x: margin.left - 4, y: y(0), "text-anchor": "end" }, "0"));
  // A label is about 65px wide: keep at least 120px between their starts.
  const ticks = Math.min(list.length, Math.max(2, Math.floor(plotW / 120)));
  for (let i = 0; i < ticks; i++) {
    const at = Math.round((i * (list.length - 1)) / Math.max(1, ticks - 1));
    const x = margin.left + at * step + barW / 2;
    axis.append(svg("text", { x, y: height - 6, "text-anchor": i === 0 ? "start" : i === ticks - 1 ? "end" : "middle" },
      isoDay(list[at].start)));
  }
  const bars = svg("g", { class: "bars" });
  list.forEach((bucket, i) => {
    if (!bucket.total) return;
    const x = margin.left + i * step;
    const label = unit === "day" ? isoDay(bucket.start) : `${unit} of ${isoDay(bucket.start)}`;
    const group = svg("g", { class: "bar-group", "data-start": isoDay(bucket.start),
      "data-end": isoDay(bucket.end), tabindex: 0, role: "button" });
    let stacked = 0;
    for (const category of order) {
      const n = bucket.counts[category];
      if (!n) continue;
      group.append(svg("rect", {
        class: "bar", x: x.toFixed(2), width: barW.toFixed(2),
        y: y(stacked + n).toFixed(2), height: Math.max(0.5, y(stacked) - y(stacked + n)).toFixed(2),
        fill: categoryColor(category), "data-category": category,
      }, svg("title", {}, `${label} · ${category}: ${n}`)));
      stacked += n;
    }
    const pick = () => onPick(isoDay(bucket.start), isoDay(bucket.end));
    group.addEventListener("click", pick);
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") pick(); });
    bars.append(group);
  });
  root.append(axis, bars);
}
