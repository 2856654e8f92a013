// The engine's Web Worker: boots Pyodide, loads symgrad's `symbolic` package and answers requests
// with symbolic.explorer.handle. The page terminates and restarts it when a request overruns its budget.
import { loadPyodide } from "./pyodide/pyodide.mjs";

let handle = null;

const INDEX = new URL("./pyodide/", import.meta.url).href;
const PACKAGES = ["symgrad-symbolic", "sympy", "mpmath", "lark"];

// The wheels download while Pyodide boots (loadPackage then reads them from the browser's cache).
function prefetch() {
  return fetch(`${INDEX}pyodide-lock.json`).then((r) => r.json()).then((lock) => Promise.all(
    PACKAGES.map((name) => fetch(INDEX + lock.packages[name].file_name).then((r) => r.arrayBuffer())),
  )).catch(() => null);
}

const ready = (async () => {
  const started = performance.now();
  const fetched = prefetch();
  const pyodide = await loadPyodide({
    indexURL: INDEX,
    stdout: () => {},
    stderr: () => {},
  });
  const booted = performance.now();
  await fetched;
  await pyodide.loadPackage(PACKAGES.slice(0, 1), { messageCallback: () => {} });
  const loaded = performance.now();
  handle = pyodide.runPython(`
import json
from symbolic.explorer import handle as _handle

def _reply(text):
    return json.dumps(_handle(json.loads(text)), ensure_ascii=False)
_reply
`);
  const now = performance.now();
  postMessage({
    type: "ready", seconds: (now - started) / 1000,
    // where the boot went: Pyodide itself, the wheels, importing sympy and symbolic
    phases: { pyodide: (booted - started) / 1000, packages: (loaded - booted) / 1000, imports: (now - loaded) / 1000 },
  });
})().catch((err) => {
  postMessage({ type: "fatal", error: String(err && err.message ? err.message : err) });
});

onmessage = async (event) => {
  await ready;
  const { id, request } = event.data;
  const started = performance.now();
  let reply;
  try {
    reply = JSON.parse(handle(JSON.stringify(request)));
  } catch (err) {
    const last = String(err && err.message ? err.message : err).trim().split("\n").pop();
    reply = { error: `internal error: ${last}`, column: null };
  }
  postMessage({ type: "reply", id, reply, seconds: (performance.now() - started) / 1000 });
};
