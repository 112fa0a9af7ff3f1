/* eventwire dashboard: one page, state in the URL hash (#/route?filters), views fed by the REST API. */
(function () {
"use strict";

const { drawTimeline, drawNetwork, highlightedText, clearNode } = window.EWCharts;
const FILTER_KEYS = ["actor", "country", "root", "plover", "quad", "status", "from", "to", "story", "bbox"];
const QUAD_NAMES = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
  4: "Material conflict" };

/* ---------- state in the URL ---------- */

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?");
  const params = new URLSearchParams(query || "");
  const filters = {};
  for (const k of FILTER_KEYS) if (params.get(k)) filters[k] = params.get(k);
  const parts = path.split("/").filter(Boolean);
  return { route: parts[0] || "overview", id: parts[1] ? decodeURIComponent(parts[1]) : null, filters };
}

function filterQuery(filters, drop = []) {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k] && !drop.includes(k)) p.set(k, filters[k]);
  return p.toString();
}

function link(route, id, filters) {
  const q = filterQuery(filters);
  const path = route === "overview" ? "/" : `/${route}${id ? "/" + encodeURIComponent(id) : ""}`;
  return `#${path}${q ? "?" + q : ""}`;
}

function navigate(route, id, filters) {
  const target = link(route, id, filters);
  // "not ready" from this moment: the hashchange event that starts the render comes a little later
  document.body.dataset.ready = "";
  if (location.hash === target) scheduleRender(); else location.hash = target;
}

/* ---------- API ---------- */

async function api(path, params) {
  const qs = params ? (typeof params === "string" ? params : new URLSearchParams(params).toString()) : "";
  const res = await fetch(path + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = body.error || { code: "http_" + res.status, message: res.statusText };
    throw Object.assign(new Error(err.message), { code: err.code });
  }
  return body;
}

function showError(container, err) {
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = `${err.code || "error"}: ${err.message}`;
  container.appendChild(p);
}

/* ---------- small DOM helpers ---------- */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const fmt = (v) => (v === null || v === undefined || v === "" ? "—" : String(v));
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const day = (v) => (v ? String(v).slice(0, 10) : "—");
const actorLabel = (name, code) => (name ? (code ? `${name} (${code})` : name) : code || "—");

function quadBadge(q) {
  return el("span", { class: `badge q${q}`, title: QUAD_NAMES[q] || "" }, `Q${fmt(q)}`);
}

/* ---------- filter bar ---------- */

const form = document.getElementById("filters");

function fillForm(filters) {
  for (const k of FILTER_KEYS) if (form.elements[k]) form.elements[k].value = filters[k] || "";
  const chips = document.getElementById("chips");
  clearNode(chips);
  for (const k of ["story", "bbox"]) {
    if (!filters[k]) continue;
    const rest = { ...filters };
    delete rest[k];
    chips.append(el("a", { class: "chip", href: link(parseHash().route, parseHash().id, rest),
      title: "remove this filter" }, `${k}: ${filters[k]} ×`));
  }
  const q = filterQuery(filters);
  document.getElementById("export-csv").href = `/export?format=csv${q ? "&" + q : ""}`;
  document.getElementById("export-jsonl").href = `/export?format=jsonl${q ? "&" + q : ""}`;
  document.getElementById("nav-overview").href = link("overview", null, filters);
  document.getElementById("brand-link").href = link("overview", null, filters);
  document.getElementById("nav-stories").href = link("stories", null, filters);
}

function readForm() {
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = form.elements[k] && form.elements[k].value.trim();
    if (v) f[k] = k === "country" ? v.toUpperCase() : v;
  }
  return f;
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const { route, id } = parseHash();
  navigate(route === "event" ? "overview" : route, route === "event" ? null : id, readForm());
});
document.getElementById("reset-filters").addEventListener("click", () => navigate("overview", null, {}));

async function fillFilterOptions() {
  try {
    const s = await api("/stats");
    const root = form.elements.root;
    for (const r of [...s.per_root].sort((a, b) => a.key.localeCompare(b.key))) {
      root.append(el("option", { value: r.key }, `${r.key} ${r.name || ""} (${r.n})`));
    }
    for (const p of s.per_plover) form.elements.plover.append(el("option", { value: p.key }, `${p.key} (${p.n})`));
    const h = await api("/health");
    document.getElementById("store-info").textContent =
      `${h.counts.articles} articles · ${h.counts.events} events · ${h.counts.stories} stories`;
  } catch (err) {
    document.getElementById("store-info").textContent = `store unavailable: ${err.message}`;
  }
}

/* ---------- map ---------- */

let map = null;
let clusters = null;

function dotIcon(q) {
  return L.divIcon({ className: `ev-marker q${q || 0}`, html: "", iconSize: [12, 12] });
}

function clusterIcon(cluster) {
  const counts = [0, 0, 0, 0, 0];
  for (const m of cluster.getAllChildMarkers()) counts[m.options.quad || 0] += 1;
  const conflict = counts[3] + counts[4];
  const total = cluster.getChildCount();
  const cls = conflict * 2 > total ? "conflict" : "coop";
  const size = total < 10 ? 30 : total < 100 ? 38 : 46;
  return L.divIcon({ html: `<span>${total}</span>`, className: `ev-cluster ${cls}`, iconSize: [size, size] });
}

async function initMap() {
  map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 11, zoomSnap: 0.5, preferCanvas: false })
    .setView([25, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth 1:110m");
  try {
    const topo = await (await fetch("/static/vendor/world/countries-110m.json")).json();
    const countries = topojson.feature(topo, topo.objects.countries);
    countries.features = countries.features.filter((f) => f.id !== "010");  // Antarctica: no events, much ink
    countries.features.forEach(unwrapAntimeridian);
    L.geoJSON(countries, { style: { color: "#b8b2a6", weight: 0.7, fillColor: "#f3efe6", fillOpacity: 1 },
      interactive: false }).addTo(map);
  } catch (err) {
    document.getElementById("map-note").textContent = "world boundaries could not load";
  }
  clusters = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 40,
    showCoverageOnHover: false, spiderfyOnMaxZoom: true });
  map.addLayer(clusters);
  document.getElementById("bbox-button").addEventListener("click", () => {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(3);
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].join(",");
    navigate("overview", null, { ...parseHash().filters, bbox });
  });
}

/* Rings crossing the antimeridian (Russia, Fiji) jump from +180 to -180 and draw a line across the map:
   continue them past ±180 instead, which Leaflet draws correctly. */
function unwrapAntimeridian(feature) {
  const fixRing = (ring) => {
    for (let i = 1; i < ring.length; i++) {
      const jump = ring[i][0] - ring[i - 1][0];
      if (jump > 180) ring[i] = [ring[i][0] - 360, ring[i][1]];
      else if (jump < -180) ring[i] = [ring[i][0] + 360, ring[i][1]];
    }
  };
  const g = feature.geometry;
  if (!g) return;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  for (const poly of polys) poly.forEach(fixRing);
}

function popupFor(p, filters) {
  const box = el("div", { class: "popup" },
    el("strong", {}, `${p.cameo_code} ${p.cameo_name || ""}`),
    el("div", {}, `${fmt(p.source_name)} → ${fmt(p.target_name)}`),
    el("div", { class: "muted" }, `${day(p.date)} · ${fmt(p.place)} · Goldstein ${fmt(p.goldstein)}`),
    el("a", { href: link("event", p.id, filters) }, "Details"));
  if (p.story_id) box.append(" · ", el("a", { href: link("story", p.story_id, filters) }, "Story"));
  return box;
}

async function loadMap(filters) {
  const note = document.getElementById("map-note");
  note.textContent = "";
  clusters.clearLayers();
  try {
    const data = await api("/map", filterQuery(filters));
    const markers = data.items.map((p) => {
      const m = L.marker([p.lat, p.lon], { icon: dotIcon(p.quad_class), quad: p.quad_class,
        title: `${p.cameo_name || p.cameo_code}: ${fmt(p.source_name)} → ${fmt(p.target_name)}` });
      m.bindPopup(() => popupFor(p, parseHash().filters));
      return m;
    });
    clusters.addLayers(markers);
    note.textContent = `${data.items.length} located events${data.truncated ? " (truncated)" : ""}`;
    if (markers.length && !filters.bbox) {
      map.fitBounds(clusters.getBounds().pad(0.3), { maxZoom: 5, animate: false });
    }
  } catch (err) {
    note.textContent = `map: ${err.message}`;
  }
}

/* ---------- timeline, network, stories, events ---------- */

async function loadTimeline(filters) {
  const svg = document.getElementById("timeline");
  // the timeline ignores its own date filter so the brush can widen the range again
  try {
    const s = await api("/stats", filterQuery(filters, ["from", "to"]));
    drawTimeline(svg, s.per_day, { from: filters.from, to: filters.to }, (from, to) =>
      navigate("overview", null, { ...parseHash().filters, from, to }));
  } catch (err) {
    clearNode(svg);
  }
  const clear = document.getElementById("clear-brush");
  clear.hidden = !(filters.from || filters.to);
  clear.onclick = () => {
    const f = { ...parseHash().filters };
    delete f.from; delete f.to;
    navigate("overview", null, f);
  };
}

async function loadNetwork(filters) {
  const svg = document.getElementById("network");
  try {
    const data = await api("/network", filterQuery(filters) + "&limit=60");
    drawNetwork(svg, data, (node) => navigate("overview", null, { ...parseHash().filters, actor: node.id }));
  } catch (err) {
    clearNode(svg);
  }
}

function storyItem(s, filters) {
  return el("li", {},
    el("a", { href: link("story", s.id, filters), class: "story-link" }, s.headline || s.id),
    el("div", { class: "muted" },
      `${day(s.first_seen)}${s.last_seen && s.last_seen !== s.first_seen ? " – " + day(s.last_seen) : ""}` +
      ` · ${plural(s.num_articles, "article")} · ${plural(s.num_sources, "outlet")} · ${plural(s.num_events, "event")}`));
}

async function loadStories(list, filters, q, limit) {
  clearNode(list);
  try {
    const params = new URLSearchParams(filterQuery(filters, ["story"]));
    params.set("limit", limit);
    if (q) params.set("q", q);
    const data = await api("/stories", params);
    for (const s of data.items) list.append(storyItem(s, filters));
    if (!data.items.length) list.append(el("li", { class: "muted" }, "no stories yet"));
    return data.total;
  } catch (err) {
    showError(list, err);
    return 0;
  }
}

let eventsCursor = null;

function eventRow(e, filters) {
  const open = () => navigate("event", e.id, filters);
  return el("tr", { class: `q${e.quad_class}`, tabindex: 0, onclick: open,
    onkeydown: (ev) => { if (ev.key === "Enter") open(); } },
    el("td", {}, day(e.date_start || e.published)),
    el("td", {}, actorLabel(e.source_name, e.source_code)),
    el("td", {}, quadBadge(e.quad_class), ` ${e.cameo_code} ${e.cameo_name || ""}`),
    el("td", {}, actorLabel(e.target_name, e.target_code)),
    el("td", {}, fmt(e.location_name)),
    el("td", {}, fmt(e.plover_type)),
    el("td", {}, el("span", { class: `status s-${e.status}` }, fmt(e.status))),
    el("td", { class: "num" }, fmt(e.goldstein)),
    el("td", {}, fmt(e.outlet)));
}

async function loadEvents(filters, append) {
  const body = document.querySelector("#events-table tbody");
  if (!append) { clearNode(body); eventsCursor = null; }
  const params = new URLSearchParams(filterQuery(filters));
  params.set("sort", document.getElementById("events-sort").value);
  params.set("limit", "50");
  if (append && eventsCursor) params.set("cursor", eventsCursor);
  try {
    const page = await api("/events", params);
    for (const e of page.items) body.append(eventRow(e, filters));
    eventsCursor = page.next_cursor;
    document.getElementById("events-total").textContent = `(${page.total})`;
    document.getElementById("events-more").hidden = !eventsCursor;
  } catch (err) {
    const cell = el("td", { colspan: 9 });
    showError(cell, err);
    body.append(el("tr", {}, cell));
  }
}

document.getElementById("events-more").addEventListener("click", () => loadEvents(parseHash().filters, true));
document.getElementById("events-sort").addEventListener("change", () => loadEvents(parseHash().filters, false));

/* ---------- event detail and story page ---------- */

function highlightBlock(ev) {
  const h = ev.highlight || { text: ev.sentence || "", offset: 0, spans: [] };
  return el("blockquote", { class: "evidence" }, highlightedText(h.text, h.offset, h.spans));
}

function legend() {
  const node = document.getElementById("hl-legend-template").cloneNode(true);
  node.hidden = false;
  node.removeAttribute("id");
  return node;
}

function eventFacts(ev) {
  const loc = ev.location || {};
  const date = ev.date || {};
  const rows = [
    ["Event", `${ev.cameo_code} ${ev.cameo_name || ""} (root ${ev.cameo_root})`],
    ["QuadClass / Goldstein", `${QUAD_NAMES[ev.quad_class] || fmt(ev.quad_class)} / ${fmt(ev.goldstein)}`],
    ["PLOVER", `${fmt(ev.plover_type)}${ev.plover_mode ? " · " + ev.plover_mode : ""}`],
    ["Source", ev.source ? actorLabel(ev.source.name, ev.source.cameo_code) : "—"],
    ["Target", ev.target ? actorLabel(ev.target.name, ev.target.cameo_code) : "—"],
    ["Where", loc.name ? `${loc.name}${loc.country ? ", " + loc.country : ""} (${fmt(loc.lat)}, ${fmt(loc.lon)})`
      : "—"],
    ["When", date.start ? `${day(date.start)}${date.end && date.end !== date.start ? " – " + day(date.end) : ""}` +
      ` (${fmt(date.precision)}${date.text ? ", “" + date.text + "”" : ""})` : "—"],
    ["Status / confidence", `${fmt(ev.status)} / ${fmt(ev.confidence)}`],
    ["Fatalities", fmt(ev.fatalities)],
  ];
  return el("dl", { class: "facts" }, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

async function showEvent(id, filters) {
  const panel = document.getElementById("event-panel");
  const body = document.getElementById("event-body");
  clearNode(body);
  panel.hidden = false;
  try {
    const ev = await api(`/events/${encodeURIComponent(id)}`);
    body.append(el("h2", {}, `${ev.cameo_name || ev.cameo_code}`), highlightBlock(ev), legend(), eventFacts(ev));
    if (ev.story_id) body.append(el("p", {}, el("a", { href: link("story", ev.story_id, filters) }, "Open story →")));
    const list = el("ul", { class: "mentions" });
    for (const m of ev.mentions) {
      list.append(el("li", {}, el("strong", {}, fmt(m.outlet)), ` · ${day(m.published)} · `,
        m.url ? el("a", { href: m.url, rel: "noopener noreferrer", target: "_blank" }, m.title || m.url)
          : (m.title || m.external_id || m.article_id),
        el("div", { class: "quote" }, m.text || "")));
    }
    body.append(el("h3", {}, `Mentions (${ev.mentions.length})`), list);
  } catch (err) {
    showError(body, err);
  }
}

function closeEvent() {
  const { filters } = parseHash();
  document.getElementById("event-panel").hidden = true;
  if (parseHash().route === "event") navigate("overview", null, filters);
}
document.getElementById("event-close").addEventListener("click", closeEvent);
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeEvent(); });

function storyEvent(ev, filters) {
  return el("li", { class: `story-event q${ev.quad_class}` },
    el("div", { class: "event-head" }, quadBadge(ev.quad_class),
      el("a", { href: link("event", ev.id, filters) }, ` ${ev.cameo_code} ${ev.cameo_name || ""}`),
      el("span", { class: "muted" }, ` · ${actorLabel(ev.source && ev.source.name, ev.source && ev.source.cameo_code)}`
        + ` → ${actorLabel(ev.target && ev.target.name, ev.target && ev.target.cameo_code)}`
        + ` · ${day(ev.date && ev.date.start)} · ${(ev.location && ev.location.name) || "no place"}`
        + ` · ${fmt(ev.outlet)}`)),
    highlightBlock(ev));
}

async function showStory(id, filters) {
  const page = document.getElementById("story-page");
  clearNode(page);
  try {
    const s = await api(`/stories/${encodeURIComponent(id)}`);
    page.append(
      el("p", { class: "crumbs" }, el("a", { href: link("overview", null, filters) }, "← Overview"), " · ",
        el("a", { href: link("overview", null, { ...filters, story: s.id }) }, "Show this story on the map")),
      el("h1", {}, s.headline || s.id),
      el("p", { class: "muted" }, `${day(s.first_seen)} – ${day(s.last_seen)} · ${s.num_articles} articles · ` +
        `${s.num_sources} outlets · ${plural(s.events.length, "event")}`));
    const digest = el("ol", { class: "digest" });
    for (const d of s.digest || []) {
      digest.append(el("li", {}, el("span", {}, d.sentence), " ", el("cite", {}, `— ${d.source || "unknown outlet"}`)));
    }
    page.append(el("h2", {}, "Digest"), digest);
    const events = el("ul", { class: "story-events" });
    for (const ev of s.events) events.append(storyEvent(ev, filters));
    if (!s.events.length) events.append(el("li", { class: "muted" }, "no events coded in this story"));
    page.append(el("h2", {}, "Events"), legend(), events);
    const arts = el("table", { class: "articles" },
      el("thead", {}, el("tr", {}, el("th", {}, "Published"), el("th", {}, "Outlet"), el("th", {}, "Title"),
        el("th", { class: "num" }, "Events"))));
    const tb = el("tbody");
    for (const a of s.articles) {
      tb.append(el("tr", {}, el("td", {}, day(a.published)), el("td", {}, fmt(a.source)),
        el("td", {}, a.url ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, a.title || a.url)
          : (a.title || a.external_id || a.id) + (a.duplicate_of ? " (near-duplicate)" : "")),
        el("td", { class: "num" }, fmt(a.n_events))));
    }
    arts.append(tb);
    page.append(el("h2", {}, "Articles"), arts);
  } catch (err) {
    showError(page, err);
  }
}

/* ---------- router ---------- */

let lastOverviewKey = null;

async function render() {
  const { route, id, filters } = parseHash();
  fillForm(filters);
  const views = { overview: "view-overview", event: "view-overview", stories: "view-stories", story: "view-story" };
  const active = views[route] || "view-overview";
  for (const v of new Set(Object.values(views))) document.getElementById(v).hidden = v !== active;
  document.getElementById("nav-overview").classList.toggle("active", active === "view-overview");
  document.getElementById("nav-stories").classList.toggle("active", active !== "view-overview");
  if (route !== "event") document.getElementById("event-panel").hidden = true;
  if (active === "view-overview") {
    const key = filterQuery(filters);
    map.invalidateSize();  // the map may have been laid out while hidden
    if (key !== lastOverviewKey) {  // opening an event keeps the overview as it is
      lastOverviewKey = key;
      await Promise.all([loadMap(filters), loadTimeline(filters), loadNetwork(filters), loadEvents(filters, false),
        loadStories(document.getElementById("story-list"), filters, null, 12).then((n) => {
          document.getElementById("stories-count").textContent = `${n} total`;
        })]);
    }
    if (route === "event" && id) await showEvent(id, filters);
  } else if (route === "stories") {
    await loadStories(document.getElementById("all-stories"), filters,
      document.getElementById("story-search").value.trim(), 200);
  } else if (route === "story" && id) {
    await showStory(id, filters);
  }
}

// Renders run one after another (a brush or quick clicks change the hash several times), so a slower,
// older render can never overwrite a newer one; "ready" is set only when the last one has finished.
let renderChain = Promise.resolve();
let pendingRenders = 0;
function scheduleRender() {
  pendingRenders += 1;
  document.body.dataset.ready = "";
  renderChain = renderChain.then(render).catch((err) => console.error(err)).finally(() => {
    pendingRenders -= 1;
    if (pendingRenders === 0) document.body.dataset.ready = "1";
  });
  return renderChain;
}

document.getElementById("story-search").addEventListener("input", () =>
  loadStories(document.getElementById("all-stories"), parseHash().filters,
    document.getElementById("story-search").value.trim(), 200));
window.addEventListener("hashchange", () => { scheduleRender(); });
// redraw (not reload) the SVG charts when their width changes; full-page screenshots resize only the height
let lastWidth = window.innerWidth;
let resizeTimer = null;
window.addEventListener("resize", () => {
  if (window.innerWidth === lastWidth) return;
  lastWidth = window.innerWidth;
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    const { filters } = parseHash();
    if (!document.getElementById("view-overview").hidden) { loadTimeline(filters); loadNetwork(filters); }
  }, 200);
});

(async function main() {
  await initMap();
  await fillFilterOptions();
  await scheduleRender();
})();
})();
