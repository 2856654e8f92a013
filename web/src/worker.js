// The engine's Web Worker: boots Pyodide, loads symgrad's `symbolic` package and answers requests
// with symbolic.explorer.handle. The page terminates and restarts it when a request overruns its budget.
import { loadPyodide } from "./pyodide/pyodide.mjs";

let handle = null;

const ready = (async () => {
  const started = performance.now();
  const pyodide = await loadPyodide({
    indexURL: new URL("./pyodide/", import.meta.url).href,
    packages: ["symgrad-symbolic"],
    stdout: () => {},
    stderr: () => {},
  });
  handle = pyodide.runPython(`
import json
from symbolic.explorer import handle as _handle

def _reply(text):
    return json.dumps(_handle(json.loads(text)), ensure_ascii=False)
_reply
`);
  postMessage({ type: "ready", seconds: (performance.now() - started) / 1000 });
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
