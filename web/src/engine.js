// The client side of the engine's Web Worker: one request at a time, each under a budget; a request
// past its budget terminates the worker (the only way to stop Python mid-simplify) and starts a new one.

export const BUDGETS = { catalog: 10, preview: 4, derive: 12, check: 15, chain: 25, graph: 12 };

export class BudgetExceeded extends Error {
  constructor(kind, seconds) {
    super(`gave up after ${seconds} s`);
    this.kind = kind;
    this.seconds = seconds;
  }
}

export class Engine {
  constructor({ onStatus }) {
    this.onStatus = onStatus;
    this.queue = [];
    this.busy = null;
    this.nextId = 1;
    this.budgetOverride = null; // seconds for every kind (automation and slow machines)
    this.start();
  }

  start() {
    this.ready = false;
    this.bootStarted = performance.now();
    this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    this.worker.onmessage = (event) => this.message(event.data);
    this.worker.onerror = (event) => {
      this.onStatus({ state: "fatal", text: `the engine failed to start: ${event.message || "worker error"}` });
    };
  }

  message(data) {
    if (data.type === "ready") {
      this.ready = true;
      this.readySeconds = data.seconds;
      this.onStatus({ state: "ready", seconds: data.seconds, phases: data.phases });
      this.pump();
    } else if (data.type === "fatal") {
      this.onStatus({ state: "fatal", text: `the engine failed to start: ${data.error}` });
    } else if (data.type === "reply" && this.busy && this.busy.id === data.id) {
      const job = this.busy;
      clearTimeout(job.timer);
      this.busy = null;
      job.resolve({ ...data.reply, seconds: data.seconds });
      this.pump();
    }
  }

  budget(kind) {
    return this.budgetOverride ?? BUDGETS[kind] ?? 10;
  }

  // Resolves with the engine's reply (a dict; an "error" key for bad input), rejects with BudgetExceeded.
  // A request with a `slot` replaces a queued one with the same slot (only the newest preview matters).
  request(payload, slot = null) {
    return new Promise((resolve, reject) => {
      if (slot) {
        const old = this.queue.findIndex((job) => job.slot === slot);
        if (old >= 0) this.queue.splice(old, 1)[0].resolve({ superseded: true });
      }
      this.queue.push({ id: this.nextId++, payload, slot, resolve, reject });
      this.pump();
    });
  }

  pump() {
    if (!this.ready || this.busy || !this.queue.length) return;
    const job = this.queue.shift();
    const seconds = this.budget(job.payload.kind);
    this.busy = job;
    job.timer = setTimeout(() => this.overrun(job, seconds), seconds * 1000);
    this.worker.postMessage({ id: job.id, request: job.payload });
  }

  overrun(job, seconds) {
    if (this.busy !== job) return;
    this.busy = null;
    this.worker.terminate();
    this.onStatus({ state: "restarting", text: `gave up after ${seconds} s on the ${job.payload.kind} request; restarting the engine…` });
    job.reject(new BudgetExceeded(job.payload.kind, seconds));
    this.start();
  }
}
