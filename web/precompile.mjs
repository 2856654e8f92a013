// Compile the site's wheels to bytecode with the page's own Python: node precompile.mjs PYODIDE_DIR WHEELS_DIR
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const runtime = resolve(process.argv[2]);
const folder = resolve(process.argv[3]);
const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, stdout: () => {}, stderr: (line) => {
  if (!line.includes("SyntaxWarning") && !line.trim().startsWith("return")) console.error(line);
} });
pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, "/wheels");
pyodide.runPython(await readFile(new URL("./precompile.py", import.meta.url), "utf8"));
