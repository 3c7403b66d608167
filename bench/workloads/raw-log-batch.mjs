/**
 * Metrics workload, the raw ceiling: `node raw-log-batch.mjs <url> <runId> <points> <clients>`.
 * POSTs /api/2.0/mlflow/runs/log-batch with 1,000 metrics each (100 steps x 10 keys, as the
 * other sides log), from <clients> concurrent loops of Node's fetch, each sending its share one
 * request after another. The bodies are built before the clock starts: what is measured is how
 * fast the server takes them. Prints {"runId", "startMs", "doneMs"} (epoch ms).
 */
const [url, runId, pointsArg, clientsArg] = process.argv.slice(2);
const points = Number(pointsArg);
const clients = Number(clientsArg);
const KEYS = 10;
const PER_REQUEST = 1000;

const bodies = [];
const now = Date.now();
for (let first = 0; first < points / KEYS; first += PER_REQUEST / KEYS) {
  const metrics = [];
  for (let step = first; step < first + PER_REQUEST / KEYS; step++) {
    for (let k = 0; k < KEYS; k++) metrics.push({ key: `m${k}`, value: Math.sin(step + k), timestamp: now, step });
  }
  bodies.push(JSON.stringify({ run_id: runId, metrics }));
}

async function client() {
  for (let body = bodies.shift(); body !== undefined; body = bodies.shift()) {
    const response = await fetch(`${url}/api/2.0/mlflow/runs/log-batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (!response.ok) throw new Error(`log-batch answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
}

const startMs = Date.now();
await Promise.all(Array.from({ length: clients }, client));
const doneMs = Date.now();
process.stdout.write(`${JSON.stringify({ runId, startMs, doneMs })}\n`);
