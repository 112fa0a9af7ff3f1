/* Plain-SVG charts for the dashboard: the brushable timeline, the actor network (a small force layout) and the
   span highlighter. No chart library: the machines are offline and the charts are small. */
(function () {
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs, parent) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

function clearNode(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function addDays(iso, n) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dayRange(first, last) {
  const out = [];
  for (let d = first; d <= last && out.length < 3700; d = addDays(d, 1)) out.push(d);
  return out;
}

/* Bins of one day, week or month so a long range (or an outlier date) still gives readable bars. */
function binsFor(first, last) {
  const span = (Date.parse(last) - Date.parse(first)) / 86400000 + 1;
  if (span <= 150) return { unit: "day", key: (d) => d, end: (d) => d, list: dayRange(first, last) };
  if (span <= 1100) {
    const monday = (d) => addDays(d, -((new Date(d + "T00:00:00Z").getUTCDay() + 6) % 7));
    const list = [];
    for (let d = monday(first); d <= last; d = addDays(d, 7)) list.push(d);
    return { unit: "week", key: monday, end: (d) => addDays(d, 6), list };
  }
  const month = (d) => d.slice(0, 7) + "-01";
  const list = [];
  for (let d = month(first); d <= last;) {
    list.push(d);
    const [y, m] = d.split("-").map(Number);
    d = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  }
  const monthEnd = (d) => {
    const [y, m] = d.split("-").map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  };
  return { unit: "month", key: month, end: monthEnd, list };
}

/* The date range to chart: everything, unless a few outlying dates (a misread year) would stretch a dense
   few-week range into months — then the 2.5th..97.5th percentile window (padded) with day bars. */
function focusWindow(perDay) {
  const first = String(perDay[0].key).slice(0, 10);
  const last = String(perDay[perDay.length - 1].key).slice(0, 10);
  const days = (a, b) => (Date.parse(b) - Date.parse(a)) / 86400000;
  if (days(first, last) <= 150) return [first, last];
  const total = perDay.reduce((t, d) => t + d.n, 0);
  const quantile = (q) => {
    let seen = 0;
    for (const d of perDay) { seen += d.n; if (seen >= q * total) return String(d.key).slice(0, 10); }
    return last;
  };
  const [lo, hi] = [quantile(0.025), quantile(0.975)];
  return days(lo, hi) <= 120 ? [addDays(lo, -2) < first ? first : addDays(lo, -2),
    addDays(hi, 2) > last ? last : addDays(hi, 2)] : [first, last];
}

/* Timeline: stacked bars (cooperation / conflict) per bin; drag to select a date range -> onBrush(from, to). */
function drawTimeline(svg, perDay, selection, onBrush) {
  clearNode(svg);
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 160;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const m = { left: 34, right: 10, top: 10, bottom: 24 };
  if (!perDay.length) {
    svgEl("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, svg)
      .textContent = "no dated events for these filters";
    return;
  }
  const focus = focusWindow(perDay);
  const outside = perDay.filter((d) => d.key < focus[0] || d.key > focus[1]).reduce((t, d) => t + d.n, 0);
  perDay = perDay.filter((d) => d.key >= focus[0] && d.key <= focus[1]);
  const bins = binsFor(focus[0], focus[1]);
  const counts = new Map();
  for (const d of perDay) {
    const k = bins.key(String(d.key).slice(0, 10));
    const c = counts.get(k) || { n: 0, conflict: 0 };
    c.n += d.n; c.conflict += d.conflict || 0;
    counts.set(k, c);
  }
  const days = bins.list;
  svg.dataset.unit = bins.unit;
  const max = Math.max(1, ...[...counts.values()].map((d) => d.n));
  const iw = width - m.left - m.right;
  const ih = height - m.top - m.bottom;
  const bw = iw / days.length;
  const y = (v) => m.top + ih - (v / max) * ih;
  svgEl("line", { x1: m.left, x2: width - m.right, y1: m.top + ih, y2: m.top + ih, class: "axis" }, svg);
  for (const v of [...new Set([0, Math.ceil(max / 2), max])]) {
    svgEl("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, svg).textContent = v;
    svgEl("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: "grid" }, svg);
  }
  const bars = svgEl("g", { class: "bars" }, svg);
  days.forEach((day, i) => {
    const rec = counts.get(day);
    if (!rec) return;
    const x = m.left + i * bw + Math.min(1, bw * 0.1);
    const w = Math.max(1, bw - Math.min(2, bw * 0.2));
    const coop = rec.n - rec.conflict;
    const last = bins.end(day);
    const inSel = !selection.from && !selection.to ||
      (last >= (selection.from || "0000") && day <= (selection.to || "9999"));
    const g = svgEl("g", { class: inSel ? "day" : "day dim", "data-day": day }, bars);
    svgEl("rect", { x, width: w, y: y(coop), height: y(0) - y(coop), class: "coop" }, g);
    svgEl("rect", { x, width: w, y: y(rec.n), height: y(coop) - y(rec.n), class: "conflict" }, g);
    const label = bins.unit === "day" ? day : `${bins.unit} of ${day}`;
    svgEl("title", {}, g).textContent = `${label}: ${rec.n} events (${rec.conflict} conflict)`;
  });
  const step = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(iw / 90))));
  for (let i = 0; i < days.length; i += step) {
    const text = bins.unit === "month" ? days[i].slice(0, 7) : days[i];
    svgEl("text", { x: m.left + (i + 0.5) * bw, y: height - 6, "text-anchor": "middle", class: "tick" }, svg)
      .textContent = text;
  }
  if (outside) {
    svgEl("text", { x: width - m.right, y: m.top + 10, "text-anchor": "end", class: "tick outside" }, svg)
      .textContent = `${outside} events with outlying dates not shown (see the table)`;
  }
  const brush = svgEl("rect", { class: "brush", y: m.top, height: ih, x: 0, width: 0, visibility: "hidden" }, svg);
  const binAt = (px) => days[Math.max(0, Math.min(days.length - 1, Math.floor((px - m.left) / bw)))];
  const localX = (ev) => {
    const r = svg.getBoundingClientRect();
    return ((ev.clientX - r.left) / r.width) * width;
  };
  let start = null;
  svg.onpointerdown = (ev) => {
    start = localX(ev);
    svg.setPointerCapture(ev.pointerId);
    brush.setAttribute("visibility", "visible");
    brush.setAttribute("x", start);
    brush.setAttribute("width", 0);
  };
  svg.onpointermove = (ev) => {
    if (start === null) return;
    const x = localX(ev);
    brush.setAttribute("x", Math.min(start, x));
    brush.setAttribute("width", Math.abs(x - start));
  };
  svg.onpointerup = (ev) => {
    if (start === null) return;
    const x = localX(ev);
    const [a, b] = [binAt(Math.min(start, x)), bins.end(binAt(Math.max(start, x)))];
    start = null;
    brush.setAttribute("visibility", "hidden");
    onBrush(a, b);
  };
}

function goldsteinColour(g) {
  if (g === null || g === undefined) return "#8a8f98";
  const t = Math.max(-1, Math.min(1, g / 10));
  if (t < 0) return `rgb(${Math.round(200 + 30 * -t)},${Math.round(120 - 80 * -t)},${Math.round(110 - 70 * -t)})`;
  return `rgb(${Math.round(110 - 70 * t)},${Math.round(150 + 30 * t)},${Math.round(120 - 30 * t)})`;
}

/* A small force layout (repulsion, springs along edges, gravity) for one connected component. */
function forceLayout(nodes, links, size) {
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const a = Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);  // dyads start vertical: labels go right
    d.x = size / 2 + Math.cos(a) * size * 0.3;
    d.y = size / 2 + Math.sin(a) * size * 0.3;
  });
  const k = size / Math.sqrt(Math.max(1, n)) * 0.6;
  for (let it = 0, temp = size / 6; it < 250; it++, temp *= 0.985) {
    for (const d of nodes) { d.dx = 0; d.dy = 0; }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const dist = Math.max(1, Math.hypot(dx, dy));
        const f = (k * k) / dist;
        dx /= dist; dy /= dist;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const l of links) {
      if (l.s === l.t) continue;
      let dx = l.s.x - l.t.x, dy = l.s.y - l.t.y;
      const dist = Math.max(1, Math.hypot(dx, dy));
      const f = (dist * dist) / k;
      dx /= dist; dy /= dist;
      l.s.dx -= dx * f; l.s.dy -= dy * f; l.t.dx += dx * f; l.t.dy += dy * f;
    }
    for (const d of nodes) {
      d.dx += (size / 2 - d.x) * 0.1;
      d.dy += (size / 2 - d.y) * 0.1;
      const len = Math.max(1e-6, Math.hypot(d.dx, d.dy));
      d.x += (d.dx / len) * Math.min(len, temp);
      d.y += (d.dy / len) * Math.min(len, temp);
    }
  }
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  for (const d of nodes) { d.x -= x0; d.y -= y0; }
  return { w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

/* Lay out each connected component on its own, then pack them in rows, biggest first: without this, many
   small dyads push each other to the edges and squash the one component that matters. */
function layoutNetwork(nodes, edges, width, height) {
  const byId = new Map(nodes.map((d) => [d.id, d]));
  const links = edges.map((e) => ({ s: byId.get(e.source), t: byId.get(e.target), e })).filter((l) => l.s && l.t);
  const parent = new Map(nodes.map((d) => [d.id, d.id]));
  const find = (x) => { while (parent.get(x) !== x) x = parent.get(x); return x; };
  for (const l of links) parent.set(find(l.s.id), find(l.t.id));
  const groups = new Map();
  for (const d of nodes) {
    const r = find(d.id);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(d);
  }
  const comps = [...groups.values()].sort((a, b) => b.length - a.length).map((members) => {
    const set = new Set(members);
    const box = forceLayout(members, links.filter((l) => set.has(l.s)), 70 * Math.sqrt(members.length));
    return { members, w: box.w + 110, h: box.h + 40 };  // room for labels
  });
  const rowWidth = Math.max(comps[0] ? comps[0].w : 0,
    Math.sqrt(comps.reduce((t, c) => t + c.w * c.h, 0) * (width / height)));
  let x = 0, y = 0, rowH = 0;
  for (const c of comps) {
    if (x > 0 && x + c.w > rowWidth) { x = 0; y += rowH; rowH = 0; }
    for (const d of c.members) { d.x += x; d.y += y; }
    x += c.w; rowH = Math.max(rowH, c.h);
  }
  fitToBox(nodes, width, height);
  return links;
}

/* Scale the finished layout into the view (room for labels on the right) instead of clamping during it. */
function fitToBox(nodes, width, height) {
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const [left, right, top, bottom] = [24, width - 100, 22, height - 22];
  // one scale for both axes (no distortion), capped so a tiny graph is not blown up
  const scale = Math.min(1.6, x1 > x0 ? (right - left) / (x1 - x0) : 1.6, y1 > y0 ? (bottom - top) / (y1 - y0) : 1.6);
  const ox = left + ((right - left) - (x1 - x0) * scale) / 2;
  const oy = top + ((bottom - top) - (y1 - y0) * scale) / 2;
  for (const d of nodes) {
    d.x = ox + (d.x - x0) * scale;
    d.y = oy + (d.y - y0) * scale;
  }
}

function drawNetwork(svg, data, onNode) {
  clearNode(svg);
  const width = svg.clientWidth || 400;
  const height = svg.clientHeight || 400;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!data.edges.length) {
    svgEl("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" }, svg)
      .textContent = "no source→target pairs for these filters";
    return;
  }
  const nodes = data.nodes.map((d) => ({ ...d }));
  const links = layoutNetwork(nodes, data.edges, width, height);
  const defs = svgEl("defs", {}, svg);
  const marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, defs);
  svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "#6b7280" }, marker);
  const maxN = Math.max(1, ...nodes.map((d) => d.events));
  const radius = (d) => 5 + 11 * Math.sqrt(d.events / maxN);
  const gl = svgEl("g", { class: "links" }, svg);
  for (const l of links) {
    const r = radius(l.t);
    const dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, dist = Math.max(1, Math.hypot(dx, dy));
    const line = svgEl("line", {
      x1: l.s.x, y1: l.s.y, x2: l.t.x - (dx / dist) * (r + 2), y2: l.t.y - (dy / dist) * (r + 2),
      stroke: goldsteinColour(l.e.mean_goldstein), "stroke-width": 1.2 + 1.8 * Math.log2(1 + l.e.events),
      "marker-end": "url(#arrow)", class: "link",
    }, gl);
    svgEl("title", {}, line).textContent =
      `${l.s.name || l.s.id} → ${l.t.name || l.t.id}: ${l.e.events} events, mean Goldstein ${l.e.mean_goldstein}`;
  }
  const gn = svgEl("g", { class: "nodes" }, svg);
  const labelled = new Set([...nodes].sort((a, b) => b.events - a.events).slice(0, 18).map((d) => d.id));
  for (const d of nodes) {
    const g = svgEl("g", { class: "node", transform: `translate(${d.x},${d.y})`, tabindex: 0, "data-id": d.id }, gn);
    svgEl("circle", { r: radius(d) }, g);
    // label only the busiest actors (and all of them in a small graph): dense labels are unreadable
    const name = d.name || d.id;
    if (labelled.has(d.id)) {
      svgEl("text", { x: radius(d) + 3, y: 4 }, g).textContent = name.length > 16 ? name.slice(0, 15) + "…" : name;
    }
    svgEl("title", {}, g).textContent = `${d.name || d.id} (${d.id}) — ${d.events} events; click to filter`;
    g.addEventListener("click", () => onNode(d));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onNode(d); });
  }
}

/* Render `text` (starting at article offset `offset`) with <mark> spans; overlapping spans: the most specific
   (trigger > source/target > place > date > quantity) wins each character range. */
const SPAN_PRIORITY = { trigger: 6, source: 5, target: 4, place: 3, date: 2, quantity: 1 };

function highlightedText(text, offset, spans) {
  const frag = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  const local = spans
    .map((s) => ({ ...s, a: Math.max(0, s.start - offset), b: Math.min(text.length, s.end - offset) }))
    .filter((s) => s.b > s.a);
  for (const s of local) { cuts.add(s.a); cuts.add(s.b); }
  const points = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = local.filter((s) => s.a <= a && s.b >= b)
      .sort((x, y) => (SPAN_PRIORITY[y.kind] || 0) - (SPAN_PRIORITY[x.kind] || 0));
    if (!covering.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const mark = document.createElement("mark");
    mark.className = `hl hl-${covering[0].kind}`;
    mark.dataset.kind = covering[0].kind;
    mark.title = covering.map((s) => `${s.kind}${s.label ? ": " + s.label : ""}`).join("\n");
    mark.textContent = piece;
    frag.appendChild(mark);
  }
  return frag;
}

window.EWCharts = { drawTimeline, drawNetwork, highlightedText, goldsteinColour, clearNode };
})();
