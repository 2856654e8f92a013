// symgrad's explorer: the page's wiring. The engine (symbolic.explorer in Pyodide) runs in a worker;
// this file reads the inputs, asks the engine, and renders its replies with KaTeX and viz-js.
import { instance as vizInstance } from "@viz-js/viz";
import { BudgetExceeded, Engine } from "./engine.js";
import { copyText, download, el, number, showError, tex } from "./render.js";
import { parsePoint, pointText, pushState, readState, stateUrl } from "./state.js";

const $ = (id) => document.getElementById(id);
const ui = {
  status: $("status"), model: $("model"), activation: $("activation"), lossName: $("loss-name"), reg: $("reg"),
  modelOptions: document.querySelector(".model-options"), loss: $("loss"), lossPreview: $("loss-preview"),
  lossError: $("loss-error"), shapes: $("shapes"), wrt: $("wrt"), deriveButton: $("derive-button"), permalink: $("permalink"),
  copyPermalink: $("copy-permalink"), derivation: $("derivation"), copyAlign: $("copy-align"),
  downloadTex: $("download-tex"), answer: $("answer"), answerPreview: $("answer-preview"),
  answerError: $("answer-error"), checkButton: $("check-button"), verdict: $("verdict"), chain: $("chain"),
  chainButton: $("chain-button"), chainResult: $("chain-result"), point: $("point"), graph: $("graph"),
  graphTable: $("graph-table"), graphSums: $("graph-sums"),
};

const DEFAULT = { loss: "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2", wrt: "omega" };
const MAX_INPUT = 65536;
let point = {};
let tensorPoint = {}; // a vector/matrix loss's dims and the scalars the user set (others are drawn with the seed)
let seed = 0;
let lastDerivation = null;
let catalog = null;

const engine = new Engine({ onStatus: status });
window.symgrad = { engine, timings: {} }; // for automation: the tests and benchmarks/web.py read it

function status(event) {
  document.body.dataset.engine = event.state;
  if (event.state === "ready") {
    const again = ui.status.dataset.restarted ? `${ui.status.dataset.restarted}; ` : "";
    ui.status.textContent = `${again}engine ready (${event.seconds.toFixed(1)} s)`;
    window.symgrad.readySeconds = event.seconds;
    window.symgrad.readyAt = performance.now() / 1000; // seconds since the navigation started
    window.symgrad.bootPhases = event.phases;
    if (!catalog) start();
  } else {
    if (event.state === "restarting") ui.status.dataset.restarted = event.text.replace(/; restarting.*/, "");
    ui.status.textContent = event.text;
  }
}

// ---- objective -------------------------------------------------------------------------------------

function objective() {
  if (ui.model.value) {
    return { model: ui.model.value, activation: ui.activation.value, loss_name: ui.lossName.value, reg: ui.reg.value,
      wrt: ui.wrt.value.trim() };
  }
  const typed = { loss: ui.loss.value, wrt: ui.wrt.value.trim() };
  if (ui.shapes.value.trim()) typed.shapes = ui.shapes.value.trim();
  return typed;
}

function state() {
  const tensor = Boolean(objective().shapes); // a vector/matrix loss: its own point (dims, scalars) and seed
  const s = { ...objective(), answer: ui.answer.value, chain: ui.chain.value,
    at: pointText(tensor ? tensorPoint : point), seed: tensor && seed ? String(seed) : "" };
  if (!s.model) { delete s.activation; delete s.loss_name; delete s.reg; }
  return s;
}

function applyState(s) {
  ui.model.value = s.model || "";
  showModelOptions();
  if (s.model) {
    ui.activation.value = s.activation || "";
    ui.lossName.value = s.loss_name || "";
    ui.reg.value = s.reg || "";
  }
  ui.loss.value = s.loss ?? (s.model ? "" : DEFAULT.loss);
  ui.wrt.value = s.wrt ?? (s.model ? "" : DEFAULT.wrt);
  ui.shapes.value = s.shapes || "";
  ui.answer.value = s.answer || "";
  ui.chain.value = s.chain || "";
  point = s.shapes ? {} : parsePoint(s.at);
  tensorPoint = s.shapes ? parsePoint(s.at) : {};
  seed = wholeSeed(s.seed);
}

function wholeSeed(text) {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 2147483647 ? n : 0;
}

function fill(select, names, blank) {
  select.replaceChildren(...(blank ? [el("option", { value: "", text: blank })] : []),
    ...names.map((name) => el("option", { value: name, text: name.replaceAll("_", " ") })));
}

function showModelOptions() {
  const picked = Boolean(ui.model.value);
  ui.modelOptions.hidden = !picked;
  ui.loss.disabled = picked;
  ui.shapes.disabled = picked;
  const record = catalog?.models.find((m) => m.name === ui.model.value);
  ui.activation.disabled = !record || !record.options.includes("activation");
}

function tooLong(text, box) {
  if (text.length <= MAX_INPUT) return false;
  showError(box, { error: `the text is longer than ${MAX_INPUT / 1024} KB (${text.length} characters)` });
  return true;
}

async function ask(payload, slot) {
  try {
    return await engine.request(payload, slot);
  } catch (err) {
    if (err instanceof BudgetExceeded) return { error: `gave up after ${err.seconds} s (the engine was restarted)`, budget: true };
    throw err;
  }
}

// ---- live previews ---------------------------------------------------------------------------------

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

async function previewLoss() {
  const text = ui.loss.value;
  ui.lossError.hidden = true;
  if (ui.model.value) return;
  if (!text.trim()) { ui.lossPreview.replaceChildren(); return; }
  if (tooLong(text, ui.lossError)) return;
  const shapes = ui.shapes.value.trim();
  const reply = await ask({ kind: "preview", text, ...(shapes ? { shapes } : {}) }, "preview-loss");
  if (reply.superseded || text !== ui.loss.value) return;
  if (reply.error) { showError(ui.lossError, reply, text); ui.lossPreview.classList.add("stale"); return; }
  ui.lossPreview.classList.remove("stale");
  ui.lossPreview.replaceChildren(tex(`L = ${reply.latex}`, true));
}

async function previewAnswer() {
  const text = ui.answer.value;
  ui.answerError.hidden = true;
  if (!text.trim()) { ui.answerPreview.replaceChildren(); return; }
  if (tooLong(text, ui.answerError)) return;
  const reply = await ask({ kind: "preview", as: "answer", text, ...objective() }, "preview-answer");
  if (reply.superseded || text !== ui.answer.value) return;
  if (reply.error) { showError(ui.answerError, reply, text); ui.answerPreview.classList.add("stale"); return; }
  ui.answerPreview.classList.remove("stale");
  ui.answerPreview.replaceChildren(tex(reply.latex, true));
}

// ---- derivation ------------------------------------------------------------------------------------

async function derive() {
  ui.lossError.hidden = true;
  if (!ui.model.value && tooLong(ui.loss.value, ui.lossError)) return;
  ui.derivation.setAttribute("aria-busy", "true");
  const started = performance.now();
  const reply = await ask({ kind: "derive", ...objective() });
  window.symgrad.timings.derive = (performance.now() - started) / 1000;
  ui.derivation.removeAttribute("aria-busy");
  if (reply.error) {
    showError(ui.lossError, reply, ui.model.value ? "" : ui.loss.value);
    ui.derivation.replaceChildren(el("p", { class: "empty", text: "no derivation: fix the loss above" }));
    lastDerivation = null;
    ui.copyAlign.disabled = ui.downloadTex.disabled = true;
    return false;
  }
  lastDerivation = reply;
  if (ui.status.dataset.restarted) { // the restart was told; the engine answers again
    delete ui.status.dataset.restarted;
    ui.status.textContent = `engine ready (${engine.readySeconds.toFixed(1)} s)`;
  }
  if (ui.model.value) ui.lossPreview.replaceChildren(tex(`L = ${reply.loss.latex}`, true));
  const names = Object.keys(reply.gradients);
  if (!ui.wrt.value.trim()) ui.wrt.placeholder = names.join(",");
  document.querySelectorAll(".wrt-name").forEach((n) => n.replaceChildren(tex(reply.gradients[names[0]].parameter_latex)));
  ui.derivation.replaceChildren(...names.map((name) => gradientBlock(name, reply.gradients[name])));
  ui.derivation.dataset.ready = "true";
  ui.copyAlign.disabled = ui.downloadTex.disabled = false;
  return true;
}

function gradientBlock(name, g) {
  const lhs = `\\frac{\\partial \\mathcal{L}}{\\partial ${g.parameter_latex}}`;
  // a scalar derivation rewrites one line (= …); a vector/matrix one lists equations (step.full)
  const lines = g.steps.map((step, k) => el("li", { class: "step", "data-rule": step.rule },
    el("span", { class: "eq", text: k === 0 || step.full ? "" : "=" }),
    el("span", { class: "line" }, tex(step.full ? step.latex : (k === 0 ? `${lhs} = ` : "") + (step.marked_latex || step.latex))),
    el("span", { class: "rule" }, step.rule, step.definitions?.length ? [", where ", tex(whereLatex(step.definitions))] : null),
    el("button", { type: "button", class: "quiet copy", title: "copy this line's LaTeX", "aria-label": `copy line ${k + 1} as LaTeX`,
      onclick: (e) => copyText(step.latex, e.currentTarget), text: "copy" })));
  if (g.compact_latex && g.steps.length && !g.steps[0].full) { // the CLI's last line: simplified, in z's terms
    lines.push(el("li", { class: "step simplified", "data-rule": "simplify" }, el("span", { class: "eq", text: "=" }),
      el("span", { class: "line" }, tex(g.compact_latex)),
      el("span", { class: "rule", text: "simplify" }),
      el("button", { type: "button", class: "quiet copy", title: "copy this line's LaTeX", "aria-label": "copy the simplified line as LaTeX",
        onclick: (e) => copyText(g.compact_latex, e.currentTarget), text: "copy" })));
  }
  const final = el("div", { class: "final", "data-parameter": name, "data-text": g.text }, tex(`${lhs} = ${g.latex}`, true));
  return el("article", { class: "gradient", "data-parameter": name },
    lines.length ? el("ol", { class: "steps" }, lines) : null,
    final,
    g.note ? el("p", { class: "note", text: g.note }) : null);
}

function whereLatex(definitions) {
  return definitions.map((d) => `${d.name} = ${d.latex}`).join(",\\; ");
}

function alignBlock() {
  return Object.values(lastDerivation.gradients).map((g) => g.align).join("\n\n");
}

// ---- checking --------------------------------------------------------------------------------------

async function checkAnswer() {
  const text = ui.answer.value;
  if (!text.trim()) { ui.verdict.replaceChildren(el("p", { class: "empty", text: "type an answer first" })); return; }
  ui.verdict.setAttribute("aria-busy", "true");
  const started = performance.now();
  const reply = text.length > MAX_INPUT
    ? { error: `the answer is longer than ${MAX_INPUT / 1024} KB (${text.length} characters)` }
    : await ask({ kind: "check", answer: text, ...objective(), wrt: checkWrt() });
  window.symgrad.timings.check = (performance.now() - started) / 1000;
  ui.verdict.removeAttribute("aria-busy");
  if (reply.error) {
    ui.verdict.replaceChildren(el("p", { class: "error-text", role: "alert", text: reply.error }));
    ui.verdict.dataset.verdict = "error";
    return;
  }
  ui.verdict.dataset.verdict = reply.verdict;
  const parts = [el("p", { class: `badge ${reply.verdict}` }, el("strong", { class: "word", text: reply.verdict }),
    el("span", { class: "evidence", text: ` (${reply.evidence})` }))];
  if (reply.diagnosis) {
    const d = reply.diagnosis;
    parts.push(el("p", { class: "diagnosis", "data-kind": d.kind }, el("strong", { text: `${d.kind}: ` }), d.detail));
    const marked = d.term_latex && reply.answer.latex.includes(d.term_latex)
      ? reply.answer.latex.replace(d.term_latex, `\\htmlClass{offending}{${d.term_latex}}`) : reply.answer.latex;
    parts.push(el("div", { class: "row-math" }, el("span", { class: "label", text: "your answer" }), tex(marked, true)));
  }
  if (reply.verdict !== "correct") {
    parts.push(el("div", { class: "row-math" }, el("span", { class: "label", text: "expected" }), tex(reply.expected.latex, true)));
  }
  if (reply.counterexample) {
    const c = reply.counterexample;
    const shown = (v) => (v !== "" && Number.isFinite(Number(v)) ? Number(v).toPrecision(4) : String(v));
    const at = Object.entries(c.point).map(([k, v]) => `${k} = ${shown(v)}`).join(", ");
    parts.push(el("p", { class: "counterexample" }, el("strong", { text: "counterexample: " }),
      `at ${at}: expected ${shown(c.expected)}, your answer ${shown(c.answer)}`));
  }
  ui.verdict.replaceChildren(...parts);
}

function checkWrt() {
  const given = ui.wrt.value.trim();
  if (given && !given.includes(",")) return given;
  if (lastDerivation) return Object.keys(lastDerivation.gradients)[0];
  return given.split(",")[0];
}

async function checkChain() {
  const text = ui.chain.value;
  if (!text.trim()) { ui.chainResult.replaceChildren(el("p", { class: "empty", text: "paste a derivation first" })); return; }
  if (tooLong(text, ui.chainResult)) return;
  ui.chainResult.setAttribute("aria-busy", "true");
  const reply = await ask({ kind: "chain", derivation: text, ...objective(), wrt: checkWrt() });
  ui.chainResult.removeAttribute("aria-busy");
  if (reply.error) {
    ui.chainResult.replaceChildren(el("p", { class: "error-text", role: "alert", text: reply.error }));
    return;
  }
  const mark = { ok: "✓", wrong: "✗", undecided: "?" };
  const rows = reply.steps.map((s, k) => el("li", {
    class: `chain-step ${s.verdict}${k === reply.first_wrong_step ? " first-wrong" : ""}`,
    "data-step": k, "data-verdict": s.verdict },
  el("span", { class: "mark", "aria-label": s.verdict, text: mark[s.verdict] || s.verdict }),
  tex(s.latex), s.note ? el("span", { class: "note", text: s.note }) : null,
  s.diagnosis ? el("span", { class: "diagnosis", text: `${s.diagnosis.kind}: ${s.diagnosis.detail}` }) : null));
  const summary = reply.first_wrong_step === null
    ? `every line follows; final: ${reply.final_verdict}`
    : `first wrong line: ${reply.first_wrong_step} (the left-hand side is line 0); final: ${reply.final_verdict}`;
  ui.chainResult.dataset.firstWrong = reply.first_wrong_step ?? "";
  ui.chainResult.replaceChildren(el("p", { class: "summary", text: summary }), el("ol", { class: "chain-steps", start: 0 }, rows));
}

// ---- graph -----------------------------------------------------------------------------------------

let viz = null;

async function drawGraph() {
  const tensor = Boolean(objective().shapes);
  const started = performance.now();
  const reply = await ask(tensor ? { kind: "graph", ...objective(), point: tensorPoint, seed }
    : { kind: "graph", ...objective(), point }, "graph");
  if (reply.superseded) return;
  window.symgrad.timings.graph = (performance.now() - started) / 1000;
  if (reply.error) {
    ui.graph.replaceChildren(el("p", { class: "error-text", role: "alert", text: reply.error }));
    ui.graph.dataset.form = "error";
    ui.graphTable.replaceChildren();
    ui.graphSums.replaceChildren();
    return;
  }
  if (reply.form === "tensor") {
    tensorPoint = reply.point;
    seed = reply.seed;
    tensorInputs(reply);
    await picture(reply.dot, "computation graph with shapes, symbolic adjoints and values", "tensor");
    tensorTable(reply);
    ui.graphSums.replaceChildren(el("p", { class: "label", text: reply.backward_title }),
      el("ul", {}, reply.backward.map((line) => el("li", { text: line }))),
      el("p", { class: "label", text: "gradients (in the inputs' terms):" }),
      el("ul", {}, reply.gradients.map((line) => el("li", { class: "gradient-line", text: line }))));
    ui.graph.dataset.form = "tensor";
    updatePermalink();
    return;
  }
  point = reply.point;
  pointInputs(reply.passes.nodes);
  await picture(reply.dot, "computation graph with values and adjoints", "scalar");
  passesTable(reply.passes);
  ui.graphSums.replaceChildren(el("p", { class: "label", text: reply.backward_title }),
    el("ul", {}, reply.backward.map((line) => el("li", { text: line }))));
  ui.graph.dataset.form = "scalar";
  updatePermalink();
}

async function picture(dot, label, form) {
  viz = viz || await vizInstance();
  const svg = viz.renderSVGElement(dot);
  svg.dataset.form = form;
  if (form === "tensor") { // a wide matrix graph scrolls rather than shrink its labels below 65 %
    const natural = parseFloat(svg.getAttribute("width")) * (4 / 3); // Graphviz gives points
    if (Number.isFinite(natural)) svg.style.minWidth = `${Math.round(0.65 * natural)}px`;
  }
  ui.graphTable.classList.toggle("tensor", form === "tensor");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  ui.graph.replaceChildren(svg);
  ui.graph.dataset.ready = "true";
}

function pointInputs(nodes) {
  const leaves = nodes.filter((n) => n.kind !== "operation");
  const have = [...ui.point.querySelectorAll("input[type=number]")].map((i) => i.dataset.name).join(",");
  if (!ui.point.dataset.inputs && have === leaves.map((n) => n.name).join(",")) {
    for (const input of ui.point.querySelectorAll("input")) {
      if (document.activeElement !== input) input.value = point[input.dataset.name];
    }
    return;
  }
  delete ui.point.dataset.inputs;
  ui.point.replaceChildren(...leaves.map((n) => {
    const id = `at-${n.name}`;
    const sync = (source, other) => () => {
      other.value = source.value;
      if (Number.isFinite(Number(source.value)) && source.value !== "") {
        point[n.name] = Number(source.value);
        redraw();
      }
    };
    const box = el("input", { type: "number", id, step: "0.1", value: point[n.name], "data-name": n.name });
    const slider = el("input", { type: "range", min: "-3", max: "3", step: "0.05", value: point[n.name],
      "data-name": n.name, "aria-label": `${n.name} slider` });
    box.addEventListener("input", sync(box, slider));
    slider.addEventListener("input", sync(slider, box));
    return el("div", { class: `leaf ${n.kind}` }, el("label", { for: id }, tex(n.latex), el("small", { text: n.kind })), box, slider);
  }));
}

const redraw = debounce(drawGraph, 120);

// A vector/matrix loss: a whole-number input per dimension (1 … the CLI's cap), one per scalar (set, or
// drawn with the seed), and the seed of the random tensors with "new random tensors".
function tensorInputs(reply) {
  const names = [...reply.dims.map((d) => `dim:${d.name}`), ...reply.scalars.map((v) => `scalar:${v.name}`)].join(",");
  if (ui.point.dataset.inputs === names) {
    for (const d of reply.dims) keep($(`at-${d.name}`), d.value);
    for (const v of reply.scalars) {
      keep($(`at-${v.name}`), v.value);
      keep(ui.point.querySelector(`input[type=range][data-name="${v.name}"]`), v.value);
      ui.point.querySelector(`.leaf[data-name="${v.name}"] small`).textContent = v.drawn ? "scalar, drawn" : "scalar";
    }
    keep($("graph-seed"), reply.seed);
    return;
  }
  ui.point.dataset.inputs = names;
  const dims = reply.dims.map((d) => {
    const box = el("input", { type: "number", id: `at-${d.name}`, min: "1", max: String(reply.max_size), step: "1",
      value: d.value, "data-name": d.name, inputmode: "numeric" });
    box.addEventListener("input", () => {
      const ok = box.value !== "" && box.checkValidity();
      box.setAttribute("aria-invalid", ok ? "false" : "true");
      if (ok) { tensorPoint[d.name] = Number(box.value); redraw(); }
    });
    return el("div", { class: "leaf dimension", "data-name": d.name },
      el("label", { for: box.id }, tex(d.name), el("small", { text: `dimension, 1 to ${reply.max_size}` })), box);
  });
  const scalars = reply.scalars.map((v) => {
    const box = el("input", { type: "number", id: `at-${v.name}`, step: "0.1", value: v.value, "data-name": v.name });
    const slider = el("input", { type: "range", min: "-3", max: "3", step: "0.05", value: v.value,
      "data-name": v.name, "aria-label": `${v.name} slider` });
    const sync = (source, other) => () => {
      other.value = source.value;
      if (source.value !== "" && Number.isFinite(Number(source.value))) { tensorPoint[v.name] = Number(source.value); redraw(); }
    };
    box.addEventListener("input", sync(box, slider));
    slider.addEventListener("input", sync(slider, box));
    return el("div", { class: "leaf data", "data-name": v.name },
      el("label", { for: box.id }, tex(v.latex), el("small", { text: v.drawn ? "scalar, drawn" : "scalar" })), box, slider);
  });
  const seedBox = el("input", { type: "number", id: "graph-seed", min: "0", max: "2147483647", step: "1", value: reply.seed, inputmode: "numeric" });
  seedBox.addEventListener("input", () => {
    const ok = seedBox.value !== "" && seedBox.checkValidity();
    seedBox.setAttribute("aria-invalid", ok ? "false" : "true");
    if (ok) { seed = wholeSeed(seedBox.value); redraw(); }
  });
  const again = el("button", { type: "button", id: "new-tensors", class: "quiet",
    onclick: () => { seed = (seed + 1) % 2147483648; seedBox.value = seed; drawGraph().then(remember); },
    text: "new random tensors" });
  ui.point.replaceChildren(...dims, ...scalars, el("div", { class: "leaf seed" },
    el("label", { for: "graph-seed" }, "seed", el("small", { text: "of the random tensors" })), seedBox, again));
}

function keep(input, value) {
  if (input && document.activeElement !== input) input.value = value;
}

function tensorTable(reply) {
  const head = el("tr", {}, ["node", "expression", "shape", "value", "adjoint v̄ = ∂L/∂v"].map((t) => el("th", { scope: "col", text: t })));
  const byName = Object.fromEntries(reply.graph.nodes.map((n) => [n.name, n]));
  const rows = reply.table.map((r) => el("tr", { "data-node": r.name, "data-kind": r.kind, "data-shape": r.shape,
    "data-value": JSON.stringify(byName[r.name].value), "data-adjoint": JSON.stringify(byName[r.name].adjoint_value ?? null) },
  el("th", { scope: "row" }, tex(r.label_latex)),
  el("td", {}, r.expression_latex === null ? el("span", { class: "kind", text: r.kind }) : tex(r.expression_latex)),
  el("td", { class: "shape", text: r.shape }),
  el("td", { class: "num tensor-value", text: r.value }),
  el("td", { class: "adjoint" }, r.adjoint_latex === null ? null
    : [tex(`${barLatex(r.label_latex)} = ${r.adjoint_latex}`), // "L̄ = 1", not "L̄ = 1 = 1"
      r.adjoint_value === r.adjoint_latex ? null : el("span", { class: "num value", text: ` = ${r.adjoint_value}` })])));
  ui.graphTable.replaceChildren(el("thead", {}, head), el("tbody", {}, rows));
}

function barLatex(label) {
  return `\\bar{${label}}`;
}

function passesTable(passes) {
  const head = el("tr", {}, ["node", "expression", "value", "local derivatives", "adjoint"].map((t) => el("th", { scope: "col", text: t })));
  const byId = Object.fromEntries(passes.nodes.map((n) => [n.id, n]));
  const rows = passes.nodes.map((n) => el("tr", { "data-node": n.name, "data-adjoint": n.adjoint, "data-value": n.value },
    el("th", { scope: "row" }, tex(byName(n))),
    el("td", {}, n.kind === "operation" ? tex(n.latex) : el("span", { class: "kind", text: n.kind })),
    el("td", { class: "num", text: number(n.value) }),
    el("td", { class: "locals" }, n.local_derivatives.map((d) => tex(`\\frac{\\partial ${byName(n)}}{\\partial ${byName(byId[d.parent])}} = ${d.latex}`))),
    el("td", { class: "num adjoint" }, tex(`${n.adjoint_latex} =`), el("span", { class: "value", text: number(n.adjoint) }))));
  ui.graphTable.replaceChildren(el("thead", {}, head), el("tbody", {}, rows));
}

function byName(node) {
  return node.adjoint_latex.replace(/^\\bar\{(.*)\}$/, "$1");
}

// ---- permalink and history -------------------------------------------------------------------------

function updatePermalink() {
  ui.permalink.href = stateUrl(state());
}

function remember() {
  pushState(state());
  updatePermalink();
}

async function runAll() {
  const ok = await derive();
  remember();
  if (!ok) return;
  const jobs = [drawGraph()];
  if (ui.answer.value.trim()) { previewAnswer(); jobs.push(checkAnswer()); }
  if (ui.chain.value.trim()) jobs.push(checkChain());
  await Promise.all(jobs);
}

async function start() {
  catalog = await ask({ kind: "catalog" });
  fill(ui.model, catalog.models.map((m) => m.name), "typed loss");
  fill(ui.activation, catalog.activations, "the model's own"); // blank: the library's default (sigmoid)
  fill(ui.lossName, catalog.losses, "the model's own");
  fill(ui.reg, catalog.regularizers.filter((name) => name !== "none"), "none");
  applyState(readState());
  previewLoss();
  await runAll();
  document.body.dataset.loaded = "true";
}

window.addEventListener("popstate", async () => {
  applyState(readState());
  previewLoss();
  await runAll();
});

ui.loss.addEventListener("input", debounce(previewLoss, 120));
ui.shapes.addEventListener("input", debounce(previewLoss, 200));
ui.answer.addEventListener("input", debounce(previewAnswer, 150));
ui.model.addEventListener("change", () => { showModelOptions(); runAll(); });
for (const select of [ui.activation, ui.lossName, ui.reg]) select.addEventListener("change", runAll);
ui.deriveButton.addEventListener("click", runAll);
for (const input of [ui.loss, ui.shapes, ui.wrt]) {
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); runAll(); } });
}
ui.answer.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); checkAnswer().then(remember); } });
ui.checkButton.addEventListener("click", () => checkAnswer().then(remember));
ui.chainButton.addEventListener("click", () => checkChain().then(remember));
ui.chain.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); checkChain().then(remember); }
});
ui.copyAlign.addEventListener("click", (e) => lastDerivation && copyText(alignBlock(), e.currentTarget));
ui.downloadTex.addEventListener("click", () => lastDerivation && download("derivation.tex",
  `\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n${alignBlock()}\n\\end{document}\n`));
ui.copyPermalink.addEventListener("click", (e) => copyText(new URL(stateUrl(state()), location.href).href, e.currentTarget));
