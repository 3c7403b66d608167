/**
 * Benchmark workload: ml.js (ml-cart DecisionTreeClassifier), 20 train() calls in a loop.
 * Run by bench/run.mjs with and without the agent preloaded; prints one JSON line
 * {"ms": <ms of the 20 train calls>, "steps": 20}. With the agent each train() call starts a run
 * in the local store and logs the model in the background; only the synchronous train() calls are
 * timed here. The agent's remaining work happens when the process exits, which the runner
 * captures separately as the process's wall time (mljs.cart.process_wall).
 */
'use strict';
const { DecisionTreeClassifier } = require('ml-cart');

const CALLS = 20;
const ROWS = 500;
const FEATURES = 8;

const { prng } = require('./prng.cjs');
const { cpuSince } = require('./cpu.cjs');

// Three classes from a noisy linear score over 8 features.
const rand = prng(5);
const X = [];
const y = [];
for (let r = 0; r < ROWS; r++) {
  const row = [];
  let s = 0;
  for (let f = 0; f < FEATURES; f++) {
    const v = rand();
    row.push(v);
    s += (f + 1) * v;
  }
  X.push(row);
  const score = s / 36 + (rand() - 0.5) * 0.1;
  y.push(score < 0.45 ? 0 : score < 0.55 ? 1 : 2);
}

// The first training call of a process also pays for loading the agent's tracking code: timed
// apart (firstMs), so that the per-call figure is the agent's cost per training call.
const firstStart = process.hrtime.bigint();
new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: 8, minNumSamples: 3 }).train(X, y);
const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6;

const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < CALLS; i++) {
  const tree = new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: 8, minNumSamples: 3 });
  tree.train(X, y);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = cpuSince(cpuStart);

process.stdout.write(`${JSON.stringify({ ms, cpuMs, steps: CALLS, firstMs })}\n`);
