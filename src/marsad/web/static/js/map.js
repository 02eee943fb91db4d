// The events map: SVG, Web Mercator, country outlines from the packaged Natural Earth file,
// one circle per located event (area grows with the toll, colour = category). Raster tiles
// are drawn underneath only when the operator configured a tile URL; by default nothing is
// fetched from anywhere but this server.

import { categoryColor } from "./colors.js";
import { clear, el, svg } from "./dom.js";

const TILE = 256; // the Web Mercator world is TILE x TILE px at zoom 0
const MAX_LAT = 85.05112878;
const MIN_SCALE = 1;
const MAX_SCALE = 2 ** 14;

export function project(lon, lat) {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = ((lon + 180) / 360) * TILE;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE;
  return [x, y];
}

export function unproject(x, y) {
  const lon = (x / TILE) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / TILE;
  return [lon, (180 / Math.PI) * Math.atan(Math.sinh(n))];
}

export function markerRadius(point) {
  const toll = (point.killed || 0) + (point.injured || 0);
  return Math.min(24, 4 + 2.2 * Math.sqrt(toll));
}

// The 2nd and 98th percentile of values (all of them when there are few).
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length < 25) return [sorted[0], sorted[sorted.length - 1]];
  const at = (q) => sorted[Math.round(q * (sorted.length - 1))];
  return [at(0.02), at(0.98)];
}

function ringPath(ring) {
  let d = "";
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    d += `${i ? "L" : "M"}${x.toFixed(3)} ${y.toFixed(3)}`;
  });
  return `${d}Z`;
}

function geometryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

export class EventMap {
  constructor(container, { tileUrl = null, attribution = null, onSelect = () => {} } = {}) {
    this.container = container;
    this.tileUrl = tileUrl;
    this.onSelect = onSelect;
    this.points = [];
    this.center = project(44, 33); // Iraq until there is something to fit
    this.scale = 2 ** 4.3;
    this.frame = 0;

    this.tiles = svg("g", { class: "tiles" });
    this.land = svg("g", { class: tileUrl ? "countries over-tiles" : "countries" });
    this.markers = svg("g", { class: "markers" });
    this.root = svg(
      "svg",
      { class: "map-svg", role: "img", "aria-label": "Map of events" },
      this.tiles, this.land, this.markers,
    );
    const button = (label, title, action) => {
      const node = el("button", { type: "button", title, "aria-label": title }, label);
      node.addEventListener("click", action);
      return node;
    };
    this.controls = el(
      "div", { class: "map-controls" },
      button("+", "Zoom in", () => this.zoomBy(2)),
      button("−", "Zoom out", () => this.zoomBy(0.5)),
      button("⤢", "Fit to events", () => this.fit()),
    );
    this.note = el("div", { class: "map-note" });
    clear(container).append(this.root, this.controls, this.note);
    if (tileUrl && attribution) container.append(el("div", { class: "map-attribution" }, attribution));
    this.listen();
    new ResizeObserver(() => this.render()).observe(container);
  }

  async loadOutlines(url) {
    const response = await fetch(url);
    const collection = await response.json();
    const paths = collection.features.map((feature) =>
      svg("path", { class: "country", d: geometryPath(feature.geometry) },
        svg("title", {}, feature.properties.name || "")),
    );
    clear(this.land).append(...paths);
    this.render();
  }

  setPoints(points, { fit = false, note = "" } = {}) {
    this.points = [...points].sort((a, b) => markerRadius(b) - markerRadius(a));
    this.note.textContent = note;
    if (fit) this.fit();
    else this.render();
  }

  size() {
    const box = this.container.getBoundingClientRect();
    return [Math.max(1, box.width), Math.max(1, box.height)];
  }

  fit() {
    if (!this.points.length) return this.render();
    const xs = [], ys = [];
    for (const p of this.points) {
      const [x, y] = project(p.lon, p.lat);
      xs.push(x);
      ys.push(y);
    }
    const [w, h] = this.size();
    // Fit the bulk of the events: a few far-off ones (a mis-geocoded place, a world
    // capital) should not zoom the whole map out. They stay reachable by panning.
    const [x0, x1] = spread(xs);
    const [y0, y1] = spread(ys);
    // Pad the box so edge markers stay whole; a single place gets a city-sized view.
    const spanX = Math.max(x1 - x0, 0.05), spanY = Math.max(y1 - y0, 0.05);
    const scale = Math.min((w * 0.8) / spanX, (h * 0.8) / spanY, 2 ** 10);
    this.center = [(x0 + x1) / 2, (y0 + y1) / 2];
    this.scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
    this.render();
  }

  zoomBy(factor, around) {
    const [w, h] = this.size();
    const [mx, my] = around || [w / 2, h / 2];
    const world = this.toWorld(mx, my);
    this.scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, this.scale * factor));
    // Keep the point under the cursor where it was.
    this.center = [world[0] - (mx - w / 2) / this.scale, world[1] - (my - h / 2) / this.scale];
    this.schedule();
  }

  toWorld(sx, sy) {
    const [w, h] = this.size();
    return [this.center[0] + (sx - w / 2) / this.scale, this.center[1] + (sy - h / 2) / this.scale];
  }

  toScreen(wx, wy) {
    const [w, h] = this.size();
    return [(wx - this.center[0]) * this.scale + w / 2, (wy - this.center[1]) * this.scale + h / 2];
  }

  // The visible area as west,south,east,north (the API's bbox parameter).
  bbox() {
    const [w, h] = this.size();
    const [west, north] = unproject(...this.toWorld(0, 0));
    const [east, south] = unproject(...this.toWorld(w, h));
    const clampLon = (v) => Math.max(-180, Math.min(180, v));
    const clampLat = (v) => Math.max(-90, Math.min(90, v));
    return [clampLon(west), clampLat(south), clampLon(east), clampLat(north)]
      .map((v) => v.toFixed(3)).join(",");
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  listen() {
    let drag = null;
    this.root.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY, center: [...this.center], moved: false,
        id: event.pointerId, target: event.target };
    });
    this.root.addEventListener("pointermove", (event) => {
      if (!drag || drag.id !== event.pointerId) return;
      const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) this.root.setPointerCapture(event.pointerId);
      drag.moved = true;
      this.center = [drag.center[0] - dx / this.scale, drag.center[1] - dy / this.scale];
      this.schedule();
    });
    const end = (event) => {
      if (!drag || drag.id !== event.pointerId) return;
      const { moved, target } = drag;
      drag = null;
      if (!moved && target instanceof SVGElement && target.dataset.id) {
        this.onSelect(Number(target.dataset.id));
      }
    };
    this.root.addEventListener("pointerup", end);
    this.root.addEventListener("pointercancel", () => { drag = null; });
    this.root.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = this.root.getBoundingClientRect();
      this.zoomBy(event.deltaY < 0 ? 1.25 : 0.8, [event.clientX - box.left, event.clientY - box.top]);
    }, { passive: false });
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.dataset && event.target.dataset.id) {
        this.onSelect(Number(event.target.dataset.id));
      }
    });
  }

  render() {
    const [w, h] = this.size();
    this.root.setAttribute("viewBox", `0 0 ${w} ${h}`);
    const [tx, ty] = this.toScreen(0, 0);
    this.land.setAttribute("transform", `translate(${tx} ${ty}) scale(${this.scale})`);
    this.renderTiles(w, h);
    const circles = [];
    for (const point of this.points) {
      const [sx, sy] = this.toScreen(...project(point.lon, point.lat));
      const r = markerRadius(point);
      if (sx < -r || sy < -r || sx > w + r || sy > h + r) continue;
      const toll = [point.killed != null ? `${point.killed} killed` : "",
        point.injured != null ? `${point.injured} injured` : ""].filter(Boolean).join(", ");
      const label = [point.day || "undated", point.category, point.place, toll]
        .filter(Boolean).join(" · ");
      circles.push(svg("circle", {
        class: "marker", cx: sx.toFixed(1), cy: sy.toFixed(1), r: r.toFixed(1),
        fill: categoryColor(point.category), "data-id": point.id, tabindex: 0, role: "button",
        "aria-label": label,
      }, svg("title", {}, label)));
    }
    clear(this.markers).append(...circles);
  }

  renderTiles(w, h) {
    if (!this.tileUrl) return;
    const z = Math.max(0, Math.min(19, Math.round(Math.log2(this.scale))));
    const n = 2 ** z;
    const size = (TILE * this.scale) / n; // on-screen size of one tile
    const [x0, y0] = this.toWorld(0, 0);
    const [x1, y1] = this.toWorld(w, h);
    const images = [];
    const first = (v) => Math.max(0, Math.floor((v / TILE) * n));
    const last = (v) => Math.min(n - 1, Math.floor((v / TILE) * n));
    for (let x = first(x0); x <= last(x1); x++) {
      for (let y = first(y0); y <= last(y1); y++) {
        const href = this.tileUrl.replace("{z}", z).replace("{x}", x).replace("{y}", y)
          .replace("{s}", "abc"[(x + y) % 3]);
        const [sx, sy] = this.toScreen((x * TILE) / n, (y * TILE) / n);
        images.push(svg("image", { href, x: sx, y: sy, width: size + 0.5, height: size + 0.5 }));
      }
    }
    clear(this.tiles).append(...images);
  }
}
