"use strict";
// The runs page: polls the JSON API (the run list every 2 s, the chosen run every second) and
// redraws only what changed. Every text from a run goes in through textContent, never as HTML.

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const STATUS_ORDER = { training: 0, complete: 1, stopped: 2, failed: 3, error: 4 };
const $ = (selector) => document.querySelector(selector);

const state = {
  runs: [],
  listed: null,
  sortKey: "name",
  sortDir: 1,
  compared: new Set(),
  selected: null,
  detail: null,
  batches: null,
  historyEpochs: -1,
  latent: null,
  shownEpoch: null,
  picked: null,
  lastZ: null,
  charts: {},
};

async function api(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

function fixed(value, digits = 2) {
  return value == null ? "" : value.toFixed(digits);
}

function clock(seconds) {
  if (seconds == null) return "";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${r} s` : `${r} s`;
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

// ---- the run list -------------------------------------------------------------------------------

function component(config, role) {
  const value = config && config.config && config.config.components ? config.config.components[role] : null;
  if (value == null) return "";
  return typeof value === "string" ? value : value.name || "";
}

function rowValues(run) {
  const f = run.final || {};
  const components = ["divergence", "sampler", "likelihood"].map((r) => component(run.config, r)).filter((s) => s);
  return {
    name: run.name,
    status: run.status,
    model: components.join(" · "),
    latent: run.config && run.config.config ? run.config.config.latentDim : null,
    epochs: run.epochs == null ? null : run.epochs,
    train_nelbo: f.train_nelbo,
    val_nelbo: f.val_nelbo,
    best_val_nelbo: f.best_val_nelbo,
    parameters: run.summary ? run.summary.total_parameters : null,
  };
}

function compareValues(a, b) {
  if (a == null && b == null) return 0;
  if (a == null) return 1;
  if (b == null) return -1;
  if (typeof a === "number" && typeof b === "number") return (a - b) * state.sortDir;
  return String(a).localeCompare(String(b)) * state.sortDir;
}

function sortedRuns() {
  const key = state.sortKey;
  return state.runs.map((run) => ({ run, values: rowValues(run) }))
    .sort((x, y) => {
      const a = key === "status" ? STATUS_ORDER[x.values.status] : x.values[key];
      const b = key === "status" ? STATUS_ORDER[y.values.status] : y.values[key];
      return compareValues(a, b) || x.values.name.localeCompare(y.values.name);
    });
}

function renderRuns() {
  const body = $("#runs tbody");
  body.replaceChildren();
  $("#no-runs").hidden = state.runs.length > 0;
  for (const { run, values } of sortedRuns()) {
    const row = body.insertRow();
    row.dataset.id = run.id;
    row.dataset.name = run.name;
    if (run.name === state.selected && run.id === chosenEntry(run.name).id) row.className = "selected";
    row.addEventListener("click", () => selectRun(run.name));
    const pick = el("input");
    pick.type = "checkbox";
    pick.className = "compare";
    pick.checked = state.compared.has(run.id);
    pick.addEventListener("click", (event) => {
      event.stopPropagation();
      if (pick.checked) state.compared.add(run.id); else state.compared.delete(run.id);
      refreshCompare();
    });
    row.insertCell().append(pick);
    row.insertCell().textContent = run.name;
    const status = row.insertCell();
    status.append(el("span", run.status, "badge " + run.status));
    if (run.error) {
      const cell = row.insertCell();
      cell.colSpan = 7;
      cell.className = "error";
      cell.textContent = run.error;
      continue;
    }
    row.insertCell().textContent = values.model;
    for (const key of ["latent", "epochs"]) {
      const cell = row.insertCell();
      cell.textContent = values[key] == null ? "" : values[key];
      cell.className = "num";
    }
    for (const key of ["train_nelbo", "val_nelbo", "best_val_nelbo"]) {
      const cell = row.insertCell();
      cell.textContent = fixed(values[key]);
      cell.className = "num";
    }
    const weights = row.insertCell();
    weights.textContent = values.parameters == null ? "" : values.parameters.toLocaleString("en");
    weights.className = "num";
  }
  for (const th of document.querySelectorAll("#runs th[data-key]")) {
    th.classList.toggle("sorted-asc", th.dataset.key === state.sortKey && state.sortDir > 0);
    th.classList.toggle("sorted-desc", th.dataset.key === state.sortKey && state.sortDir < 0);
  }
}

/** Of the folders of one run name (a finished run and its restart, say), the one to show. */
function chosenEntry(name) {
  const entries = state.runs.filter((r) => r.name === name);
  entries.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return entries[0] || null;
}

async function refreshRuns() {
  let runs;
  try {
    runs = await api("api/runs");
    $("#connection").textContent = "";
  } catch (e) {
    $("#connection").textContent = "the server does not answer (" + e.message + "); retrying";
    return;
  }
  // Rows are rebuilt only when a run changed, so that a row is not replaced under the pointer.
  const listed = JSON.stringify(runs);
  if (listed === state.listed) return;
  state.listed = listed;
  state.runs = runs;
  const ids = new Set(state.runs.map((r) => r.id));
  for (const id of [...state.compared]) if (!ids.has(id)) state.compared.delete(id);
  renderRuns();
  if (state.selected == null && state.runs.length > 0) {
    const training = state.runs.find((r) => r.status === "training");
    selectRun((training || state.runs[state.runs.length - 1]).name);
  }
  refreshCompare();
}

// ---- charts -------------------------------------------------------------------------------------

function lineChart(target, xLabel, series, data) {
  const width = Math.max(320, Math.min(600, target.clientWidth || 600));
  return new uPlot({
    width, height: 280,
    scales: { x: { time: false } },
    // Epochs are whole numbers; steps may be thinned by uPlot as it likes.
    axes: [xLabel === "epoch" ? { label: xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : { label: xLabel },
      { label: "nats" }],
    series: [{ label: xLabel }, ...series.map((s, i) => ({ label: s, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true }))],
  }, data, target);
}

function replaceChart(name, target, xLabel, series, data) {
  const old = state.charts[name];
  if (old && old.series.length === series.length + 1 && old.series.every((s, i) => i === 0 || s.label === series[i - 1])) {
    old.setData(data);
    return old;
  }
  if (old) old.destroy();
  target.replaceChildren();
  state.charts[name] = lineChart(target, xLabel, series, data);
  return state.charts[name];
}

const historyCache = new Map();

async function historyOf(run) {
  const cached = historyCache.get(run.id);
  if (cached && cached.epochs === run.epochs) return cached;
  const history = await api("api/runs/" + encodeURIComponent(run.id) + "/history");
  historyCache.set(run.id, history);
  return history;
}

async function refreshCompare() {
  const runs = state.runs.filter((r) => state.compared.has(r.id) && !r.error);
  $("#compare").hidden = runs.length === 0;
  const target = $("#compare-chart");
  target.dataset.series = runs.map((r) => r.name).join(",");
  if (runs.length === 0) return;
  const metric = $("#compare-metric").value;
  let histories;
  try {
    histories = await Promise.all(runs.map(historyOf));
  } catch (e) {
    target.dataset.error = e.message;
    return;
  }
  const longest = Math.max(1, ...histories.map((h) => h.epochs));
  const x = Array.from({ length: longest }, (_, i) => i + 1);
  const ys = histories.map((h) => x.map((e) => {
    const at = h.columns.epoch.indexOf(e);
    return at < 0 ? null : h.columns[metric][at];
  }));
  replaceChart("compare", target, "epoch", runs.map((r) => r.name), [x, ...ys]);
}

// ---- one run ------------------------------------------------------------------------------------

function selectRun(name) {
  if (state.selected === name) return;
  state.selected = name;
  state.detail = null;
  state.batches = null;
  state.historyEpochs = -1;
  state.latent = null;
  state.shownEpoch = null;
  state.picked = null;
  state.lastZ = null;
  for (const key of ["batches", "epochs"]) {
    if (state.charts[key]) state.charts[key].destroy();
    delete state.charts[key];
  }
  $("#batch-chart").replaceChildren();
  $("#epoch-chart").replaceChildren();
  $("#decoded").replaceChildren();
  $("#picked").replaceChildren();
  $("#pick-caption").hidden = true;
  $("#follow").checked = true;
  history.replaceState(null, "", "#run=" + encodeURIComponent(name));
  renderRuns();
  pollRun();
}

function runPath(suffix) {
  return "api/runs/" + encodeURIComponent(state.detail.id) + suffix;
}

let polling = false;

async function pollRun() {
  if (state.selected == null || polling) return;
  const entry = chosenEntry(state.selected);
  if (entry == null) return;
  polling = true;
  try {
    const detail = await api("api/runs/" + encodeURIComponent(entry.id));
    if (detail.name !== state.selected) return;
    if (state.detail && state.detail.id !== detail.id) {
      state.batches = null; // the run moved from its staging folder to its own
    }
    state.detail = detail;
    renderDetail();
    await Promise.all([refreshBatches(), refreshHistory()]);
    await refreshLatent();
  } catch (e) {
    $("#run-error").hidden = false;
    $("#run-error").textContent = e.message;
  } finally {
    polling = false;
  }
}

function renderDetail() {
  const d = state.detail;
  $("#run").hidden = false;
  $("#run-name").textContent = d.name;
  const progress = d.progress || {};
  const status = d.status;
  const badge = $("#run-status");
  badge.textContent = status;
  badge.className = "badge " + status;
  const error = d.error || progress.error;
  $("#run-error").hidden = !error;
  $("#run-error").textContent = error || "";
  renderProgress(d, progress, status);
  renderConfig(d.config);
  renderSummary(d.summary);
}

function renderProgress(d, p, status) {
  const bar = $("#progress-bar");
  const text = $("#progress-text");
  if (p.epochs == null) {
    bar.hidden = true;
    text.textContent = d.epochs != null ? d.epochs + " epochs" : "";
    return;
  }
  const done = (p.epoch - 1) * p.examples_per_epoch + p.examples_done;
  bar.hidden = status === "complete";
  bar.max = p.epochs * p.examples_per_epoch;
  bar.value = done;
  const parts = [];
  if (status === "complete") {
    parts.push(`${d.epochs} epochs`);
    if (d.final && d.final.best_val_nelbo != null) {
      parts.push(`best validation NELBO ${fixed(d.final.best_val_nelbo)} at epoch ${d.final.best_epoch}`);
    }
  } else {
    parts.push(`epoch ${p.epoch}/${p.epochs}`, `${p.examples_done.toLocaleString("en")}/${p.examples_per_epoch.toLocaleString("en")} examples`);
    if (status === "training") {
      parts.push(p.examples_per_second == null ? "warming up" : `${Math.round(p.examples_per_second).toLocaleString("en")} samples/s`);
      if (p.eta_seconds != null) parts.push(clock(p.eta_seconds) + " left");
    } else if (status === "stopped") {
      parts.push("stopped; continue with vae train --resume");
    }
  }
  text.textContent = parts.join(" · ");
}

function renderConfig(config) {
  const table = $("#config");
  table.replaceChildren();
  if (config == null) return;
  const rows = [["command", config.command], ["data", config.data]];
  const flatten = (prefix, value) => {
    if (value != null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flatten(prefix ? prefix + "." + k : k, v);
    } else {
      rows.push([prefix, Array.isArray(value) ? value.join(",") : String(value)]);
    }
  };
  flatten("", config.config);
  if (config.options && Object.keys(config.options).length > 0) flatten("options", config.options);
  for (const [key, value] of rows) {
    if (value == null) continue;
    const row = table.insertRow();
    row.insertCell().textContent = key;
    row.insertCell().textContent = value;
  }
}

function renderSummary(summary) {
  const body = $("#summary tbody");
  body.replaceChildren();
  if (summary == null) return;
  for (const layer of summary.layers) {
    const row = body.insertRow();
    row.insertCell().textContent = layer.name;
    row.insertCell().textContent = layer.kind;
    const width = row.insertCell();
    width.textContent = layer.output_width;
    width.className = "num";
    const weights = row.insertCell();
    weights.textContent = layer.parameters.toLocaleString("en");
    weights.className = "num";
  }
  const total = body.insertRow();
  total.insertCell().textContent = "total";
  total.insertCell();
  total.insertCell();
  const cell = total.insertCell();
  cell.textContent = summary.total_parameters.toLocaleString("en");
  cell.className = "num";
}

async function refreshBatches() {
  const id = state.detail.id;
  if (state.batches == null || state.batches.id !== id) {
    state.batches = { id, last: 0, step: [], loss: [] };
  }
  const b = state.batches;
  const more = await api(runPath("/batches?after=" + b.last));
  $("#batch-note").hidden = b.step.length + more.step.length > 0 || state.detail.status === "training";
  if (more.step.length === 0 && state.charts.batches) return;
  b.step.push(...more.step);
  b.loss.push(...more.loss);
  b.last = more.last;
  const target = $("#batch-chart");
  replaceChart("batches", target, "step", ["loss"], [b.step, b.loss]);
  target.dataset.points = b.step.length;
}

async function refreshHistory() {
  const d = state.detail;
  if (d.epochs === state.historyEpochs && state.charts.epochs) return;
  const h = await api(runPath("/history"));
  state.historyEpochs = h.epochs;
  const divergence = component(d.config, "divergence") || "the divergence";
  const target = $("#epoch-chart");
  replaceChart("epochs", target, "epoch", [`train loss (−bound of ${divergence})`, "train NELBO", "validation NELBO"],
    [h.columns.epoch, h.columns.train_loss, h.columns.train_nelbo, h.columns.val_nelbo]);
  target.dataset.points = h.epochs;
}

// ---- the latent space ---------------------------------------------------------------------------

function latentNote(text) {
  $("#latent-note").hidden = !text;
  $("#latent-note").textContent = text || "";
}

async function refreshLatent() {
  const d = state.detail;
  const s = d.summary;
  const epochs = d.latent_epochs || [];
  $("#latent-section").hidden = s == null;
  if (s == null) return;
  if (s.code_categories > 0) {
    latentNote("The codes are relaxed categorical variables; the plane of codes is not drawn (latent.png shows them by category).");
    hideLatentViews(true);
    return;
  }
  if (s.latent_dims < 2) {
    latentNote("The latent has one dimension; the plane of codes needs two.");
    hideLatentViews(true);
    return;
  }
  hideLatentViews(false);
  latentNote(epochs.length === 0 ? "The codes appear when the first epoch ends." : "");
  setUpControls(s);
  const slider = $("#epoch-slider");
  if (epochs.length === 0) return;
  slider.min = epochs[0];
  slider.max = epochs[epochs.length - 1];
  const epoch = $("#follow").checked || state.shownEpoch == null ? epochs[epochs.length - 1] : state.shownEpoch;
  if (epoch !== state.shownEpoch || state.latent == null) {
    await showEpoch(epoch);
  }
}

function hideLatentViews(hidden) {
  for (const selector of [".latent", ".controls"]) $("#latent-section " + selector).hidden = hidden;
}

function setUpControls(s) {
  const dims = s.latent_dims;
  $("#dims-controls").hidden = dims <= 2;
  for (const [selector, initial] of [["#dim-x", 0], ["#dim-y", 1]]) {
    const select = $(selector);
    if (select.options.length !== dims) {
      select.replaceChildren(...Array.from({ length: dims }, (_, i) => {
        const option = el("option", "z" + (i + 1));
        option.value = i;
        return option;
      }));
      select.value = initial;
    }
  }
  const classes = s.condition && s.condition.kind === "labels" ? s.condition.classes : 0;
  $("#class-control").hidden = classes === 0;
  const select = $("#condition-class");
  if (select.options.length !== classes) {
    select.replaceChildren(...Array.from({ length: classes }, (_, i) => {
      const option = el("option", String(i));
      option.value = i;
      return option;
    }));
  }
}

async function showEpoch(epoch) {
  const latent = await api(runPath("/latent?epoch=" + epoch));
  state.latent = latent;
  state.shownEpoch = latent.epoch;
  $("#epoch-slider").value = latent.epoch;
  $("#epoch-label").textContent = `${latent.epoch} of ${(state.detail.latent_epochs || []).length}`;
  drawLatent();
  await drawManifold(latent.epoch);
}

function latentDims() {
  return [Number($("#dim-x").value || 0), Number($("#dim-y").value || 1)];
}

/** The plane's half width: the codes' extent, at least the prior's ±3. */
function latentRange() {
  const [dx, dy] = latentDims();
  let range = 3;
  for (const z of state.latent.z) {
    range = Math.max(range, Math.abs(z[dx]) * 1.05, Math.abs(z[dy]) * 1.05);
  }
  return range;
}

const plane = { margin: 36, canvas: null };

function toPixel(value, range, size, flip) {
  const inner = size - 2 * plane.margin;
  const fraction = (value + range) / (2 * range);
  return plane.margin + (flip ? 1 - fraction : fraction) * inner;
}

function fromPixel(pixel, range, size, flip) {
  const inner = size - 2 * plane.margin;
  const fraction = (pixel - plane.margin) / inner;
  return (flip ? 1 - fraction : fraction) * 2 * range - range;
}

function drawLatent() {
  const canvas = $("#latent-canvas");
  const base = document.createElement("canvas");
  base.width = canvas.width;
  base.height = canvas.height;
  const g = base.getContext("2d");
  const size = canvas.width;
  const range = latentRange();
  const [dx, dy] = latentDims();
  g.fillStyle = "#fff";
  g.fillRect(0, 0, size, size);
  drawAxes(g, size, range, "z" + (dx + 1), "z" + (dy + 1));
  const labels = new Set();
  state.latent.z.forEach((z, i) => {
    const label = state.latent.label[i];
    if (label != null) labels.add(label);
    g.fillStyle = label == null ? "#1f77b4" : PALETTE[label % PALETTE.length];
    g.globalAlpha = 0.6;
    g.beginPath();
    g.arc(toPixel(z[dx], range, size, false), toPixel(z[dy], range, size, true), 2.2, 0, 2 * Math.PI);
    g.fill();
  });
  g.globalAlpha = 1;
  plane.canvas = base;
  plane.range = range;
  canvas.dataset.epoch = state.latent.epoch;
  renderLegend([...labels].sort((a, b) => a - b));
  redrawPlane(null);
}

function drawAxes(g, size, range, xName, yName) {
  g.strokeStyle = "#999";
  g.fillStyle = "#555";
  g.font = "11px sans-serif";
  g.lineWidth = 1;
  g.strokeRect(plane.margin, plane.margin, size - 2 * plane.margin, size - 2 * plane.margin);
  const step = range > 6 ? 2 : 1;
  for (let t = -Math.floor(range / step) * step; t <= range; t += step) {
    const x = toPixel(t, range, size, false);
    const y = toPixel(t, range, size, true);
    g.beginPath();
    g.moveTo(x, size - plane.margin);
    g.lineTo(x, size - plane.margin + 4);
    g.moveTo(plane.margin - 4, y);
    g.lineTo(plane.margin, y);
    g.stroke();
    g.textAlign = "center";
    g.fillText(String(t), x, size - plane.margin + 15);
    g.textAlign = "right";
    g.fillText(String(t), plane.margin - 6, y + 4);
  }
  g.textAlign = "center";
  g.fillText(xName, size / 2, size - 6);
  g.save();
  g.translate(11, size / 2);
  g.rotate(-Math.PI / 2);
  g.fillText(yName, 0, 0);
  g.restore();
}

function renderLegend(labels) {
  const legend = $("#legend");
  legend.replaceChildren(...labels.map((label) => {
    const item = el("span", "label " + label);
    item.style.setProperty("--dot", PALETTE[label % PALETTE.length]);
    return item;
  }));
}

function redrawPlane(marker) {
  const canvas = $("#latent-canvas");
  const g = canvas.getContext("2d");
  g.drawImage(plane.canvas, 0, 0);
  if (state.picked != null) {
    const [dx, dy] = latentDims();
    const z = state.latent.z[state.latent.index.indexOf(state.picked)];
    if (z) ring(g, toPixel(z[dx], plane.range, canvas.width, false), toPixel(z[dy], plane.range, canvas.width, true), "#000");
  }
  if (marker) {
    g.strokeStyle = "#d00";
    g.beginPath();
    g.moveTo(marker.x - 7, marker.y);
    g.lineTo(marker.x + 7, marker.y);
    g.moveTo(marker.x, marker.y - 7);
    g.lineTo(marker.x, marker.y + 7);
    g.stroke();
  }
}

function ring(g, x, y, color) {
  g.strokeStyle = color;
  g.lineWidth = 2;
  g.beginPath();
  g.arc(x, y, 6, 0, 2 * Math.PI);
  g.stroke();
  g.lineWidth = 1;
}

function canvasPoint(event) {
  const canvas = $("#latent-canvas");
  const box = canvas.getBoundingClientRect();
  return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
}

function conditionQuery() {
  return $("#class-control").hidden ? "" : "&condition=" + $("#condition-class").value;
}

const decoding = { busy: false, pending: null };

/** Decodes the latest point asked for, one request at a time, so that a fast mouse never queues requests. */
async function decodeAt(z) {
  if (decoding.busy) {
    decoding.pending = z;
    return;
  }
  decoding.busy = true;
  try {
    const result = await api(runPath("/decode?z=" + z.map((v) => v.toFixed(4)).join(",") + conditionQuery()));
    $("#decode-at").textContent = "z = (" + z.map((v) => v.toFixed(2)).join(", ") + ")";
    const view = $("#decoded");
    view.replaceChildren(render(result, [result.values], ["decoded"]));
    view.dataset.z = z.map((v) => v.toFixed(4)).join(",");
  } catch (e) {
    $("#decode-at").textContent = e.message;
  } finally {
    decoding.busy = false;
    if (decoding.pending) {
      const next = decoding.pending;
      decoding.pending = null;
      decodeAt(next);
    }
  }
}

function onPlaneMove(event) {
  if (state.latent == null || !state.detail.model) return;
  const canvas = $("#latent-canvas");
  const point = canvasPoint(event);
  const [dx, dy] = latentDims();
  const s = state.detail.summary;
  const z = (s.prior_mean || new Array(s.latent_dims).fill(0)).slice();
  z[dx] = fromPixel(point.x, plane.range, canvas.width, false);
  z[dy] = fromPixel(point.y, plane.range, canvas.width, true);
  redrawPlane(point);
  state.lastZ = z;
  decodeAt(z);
}

async function onPlaneClick(event) {
  if (state.latent == null || !state.detail.model) return;
  const canvas = $("#latent-canvas");
  const point = canvasPoint(event);
  const [dx, dy] = latentDims();
  let best = -1, bestDistance = 8 * 8;
  state.latent.z.forEach((z, i) => {
    const ddx = toPixel(z[dx], plane.range, canvas.width, false) - point.x;
    const ddy = toPixel(z[dy], plane.range, canvas.width, true) - point.y;
    if (ddx * ddx + ddy * ddy < bestDistance) {
      bestDistance = ddx * ddx + ddy * ddy;
      best = i;
    }
  });
  if (best < 0) return;
  const index = state.latent.index[best];
  const label = state.latent.label[best];
  const condition = !$("#class-control").hidden && label != null ? "&condition=" + label : "";
  try {
    const result = await api(runPath("/reconstruct?index=" + index + condition));
    state.picked = index;
    $("#pick-caption").hidden = false;
    $("#pick-index").textContent = index + (result.label == null ? "" : " (label " + result.label + ")");
    const view = $("#picked");
    view.replaceChildren(render(result, [result.input, result.reconstruction], ["input", "reconstruction"]));
    view.dataset.index = index;
    redrawPlane(point);
  } catch (e) {
    $("#pick-caption").hidden = false;
    $("#pick-index").textContent = e.message;
  }
}

/** Images as pictures; the rows of a table as bars and numbers, column by column. */
function render(result, rows, names) {
  if (result.image) {
    const pair = el("div", null, "pair");
    rows.forEach((values, i) => {
      const figure = el("figure");
      figure.append(imageCanvas(values, result.image.rows, result.image.cols), el("figcaption", names[i]));
      pair.append(figure);
    });
    return pair;
  }
  return bars(rows, names, result.columns);
}

function imageCanvas(values, rows, cols) {
  const canvas = document.createElement("canvas");
  canvas.width = cols;
  canvas.height = rows;
  const scale = Math.max(1, Math.floor(168 / Math.max(rows, cols)));
  canvas.style.width = cols * scale + "px";
  canvas.style.height = rows * scale + "px";
  const g = canvas.getContext("2d");
  const pixels = g.createImageData(cols, rows);
  const low = Math.min(0, ...values), high = Math.max(1, ...values);
  values.forEach((v, i) => {
    const grey = Math.round(255 * (v - low) / (high - low));
    pixels.data.set([grey, grey, grey, 255], 4 * i);
  });
  g.putImageData(pixels, 0, 0);
  return canvas;
}

function bars(rows, names, columns) {
  const box = el("div");
  const legend = el("div", names.length > 1 ? "blue: " + names[0] + ", orange: " + names[1] : null, "muted");
  const grid = el("div", null, "bars");
  const extent = Math.max(1e-12, ...rows.flat().map(Math.abs));
  for (let c = 0; c < columns; c++) {
    grid.append(el("span", "column " + c));
    const cell = el("div");
    rows.forEach((values, i) => {
      const bar = el("div", null, i === 0 ? "bar" : "bar second");
      const width = 50 * Math.abs(values[c]) / extent;
      bar.style.width = width + "%";
      bar.style.marginLeft = (values[c] < 0 ? 50 - width : 50) + "%";
      cell.append(bar);
    });
    grid.append(cell, el("span", rows.map((values) => values[c].toPrecision(4)).join(" → ")));
  }
  box.append(legend, grid);
  return box;
}

// ---- the manifold -------------------------------------------------------------------------------

async function drawManifold(epoch) {
  const d = state.detail;
  const figure = $("#manifold-figure");
  const manifold = d.summary.manifold;
  const has = manifold && (d.manifold_epochs || []).includes(epoch);
  figure.hidden = !has;
  if (!has) return;
  const image = new Image();
  image.src = runPath("/manifold.png?epoch=" + epoch);
  await image.decode();
  const canvas = $("#manifold-canvas");
  const g = canvas.getContext("2d");
  const size = canvas.width;
  const inner = size - 2 * plane.margin;
  g.fillStyle = "#fff";
  g.fillRect(0, 0, size, size);
  g.imageSmoothingEnabled = false;
  g.drawImage(image, plane.margin, plane.margin, inner, inner);
  const axis = manifold.axis;
  const cell = inner / axis.length;
  g.fillStyle = "#555";
  g.font = "11px sans-serif";
  axis.forEach((value, i) => {
    if (i % 2 !== 0) return;
    g.textAlign = "center";
    g.fillText(value.toFixed(2), plane.margin + (i + 0.5) * cell, size - plane.margin + 15);
    g.textAlign = "right";
    g.fillText(value.toFixed(2), plane.margin - 4, plane.margin + (axis.length - i - 0.5) * cell + 4);
  });
  g.textAlign = "center";
  g.fillText("z1", size / 2, size - 6);
  g.save();
  g.translate(11, size / 2);
  g.rotate(-Math.PI / 2);
  g.fillText("z2", 0, 0);
  g.restore();
  $("#manifold-epoch").textContent = epoch;
  canvas.dataset.epoch = epoch;
}

// ---- wiring -------------------------------------------------------------------------------------

function wire() {
  for (const th of document.querySelectorAll("#runs th[data-key]")) {
    th.addEventListener("click", () => {
      state.sortDir = state.sortKey === th.dataset.key ? -state.sortDir : 1;
      state.sortKey = th.dataset.key;
      renderRuns();
    });
  }
  $("#compare-metric").addEventListener("change", refreshCompare);
  const canvas = $("#latent-canvas");
  canvas.addEventListener("mousemove", onPlaneMove);
  canvas.addEventListener("click", onPlaneClick);
  $("#epoch-slider").addEventListener("input", (event) => {
    $("#follow").checked = false;
    showEpoch(Number(event.target.value));
  });
  for (const selector of ["#dim-x", "#dim-y"]) $(selector).addEventListener("change", drawLatent);
  $("#condition-class").addEventListener("change", () => {
    if (state.lastZ) decodeAt(state.lastZ);
  });
  const wanted = new URLSearchParams(location.hash.slice(1)).get("run");
  if (wanted) state.selected = wanted;
  refreshRuns();
  setInterval(refreshRuns, 2000);
  setInterval(pollRun, 1000);
}

wire();
