// Small DOM helpers: KaTeX rendering, elements, numbers.
import katex from "katex";

const OPTIONS = {
  throwOnError: false,
  strict: "ignore",
  // the engine marks rewritten parts and offending terms with \htmlClass; nothing else is trusted
  trust: (context) => context.command === "\\htmlClass",
  maxSize: 50,
  maxExpand: 200,
};

export function tex(latex, displayMode = false) {
  const span = document.createElement("span");
  span.className = "math";
  katex.render(latex, span, { ...OPTIONS, displayMode });
  return span;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

export function number(value) {
  if (typeof value !== "number") return String(value);
  if (value === 0) return "0";
  const abs = Math.abs(value);
  return abs >= 1e-4 && abs < 1e6 ? String(Number(value.toPrecision(6))) : value.toExponential(4);
}

// The error line, with the column the parser named marked in an excerpt of the input.
export function showError(box, reply, text) {
  box.replaceChildren(el("span", { class: "error-text", text: reply.error }));
  if (reply.column && text && reply.column <= text.length + 1) {
    const at = reply.column - 1;
    const from = Math.max(0, at - 30);
    const excerpt = el("code", { class: "excerpt" }, (from > 0 ? "…" : "") + text.slice(from, at),
      el("mark", { text: text.slice(at, at + 1) || " " }), text.slice(at + 1, at + 31) + (at + 31 < text.length ? "…" : ""));
    box.append(excerpt);
  }
  box.hidden = false;
}

export function copyText(text, button) {
  const done = () => {
    const old = button.textContent;
    button.textContent = "copied";
    setTimeout(() => { button.textContent = old; }, 1200);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => {});
    return;
  }
  // plain http from a course server: the old way, through a selected textarea
  const area = el("textarea", { class: "offscreen", readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  if (document.execCommand("copy")) done();
  area.remove();
}

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-tex" }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
