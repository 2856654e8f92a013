// The page's state in the URL (after #), so a link restores a problem; back and forward walk the history.

export const FIELDS = ["loss", "shapes", "wrt", "model", "activation", "loss_name", "reg", "answer", "chain", "at", "seed"];

export function readState(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const state = {};
  for (const key of FIELDS) if (params.has(key)) state[key] = params.get(key);
  return state;
}

export function stateUrl(state) {
  const params = new URLSearchParams();
  for (const key of FIELDS) if (state[key]) params.set(key, state[key]);
  return `${location.pathname}${location.search}#${params.toString()}`;
}

// A new history entry when the state changed (not for the entry we are already on).
export function pushState(state) {
  const url = stateUrl(state);
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.pushState(null, "", url);
  return url;
}

export function pointText(point) {
  return Object.entries(point).map(([k, v]) => `${k}=${v}`).join(",");
}

export function parsePoint(text) {
  const point = {};
  for (const item of (text || "").split(",")) {
    const [name, value] = item.split("=");
    if (name && value !== undefined && Number.isFinite(Number(value))) point[name.trim()] = Number(value);
  }
  return point;
}
