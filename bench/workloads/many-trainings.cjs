/**
 * Many-trainings workload: `node many-trainings.cjs <count>`, <count> small ml-cart
 * DecisionTreeClassifier trainings in a loop (100 seeded rows, 4 features, 3 classes), as a
 * hyper-parameter sweep or a test suite would run them. bench/figures/many-trainings.mjs runs it
 * with the agent preloaded against a server (each train() call a run with its model) and without.
 * Prints {"loopStartMs", "loopEndMs"} (epoch ms) when the loop ends; the bench times the exit.
 */
'use strict';
const { DecisionTreeClassifier } = require('ml-cart');
const { prng } = require('./prng.cjs');

const count = Number(process.argv[2]);
const rand = prng(7);
const X = [];
const y = [];
for (let r = 0; r < 100; r++) {
  const row = [rand(), rand(), rand(), rand()];
  const score = row[0] + 2 * row[1] - row[2];
  X.push(row);
  y.push(score < 0.6 ? 0 : score < 1.4 ? 1 : 2);
}

const loopStartMs = Date.now();
for (let i = 0; i < count; i++) new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: 4, minNumSamples: 3 }).train(X, y);
const loopEndMs = Date.now();
// NB: pipes are synchronous on Linux, so this line is out before the agent's exit work begins.
process.stdout.write(`${JSON.stringify({ loopStartMs, loopEndMs })}\n`);
