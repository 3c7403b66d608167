/**
 * Benchmark workload: brain.js 1.6.1 NeuralNetwork training.
 * Run by bench/run.mjs with and without the agent preloaded; prints one JSON line
 * {"ms": <training ms>, "steps": <iterations>} so the runner can compute per-iteration time.
 * Only the train() call is timed (not start-up or module loading). Data is synthetic and
 * seeded, so every run does exactly the same work.
 */
'use strict';
const brain = require('brain.js');

const ITERATIONS = 3000;
const ROWS = 64;
// NB: brain.js 1.6.1 rejects errorThresh 0 ("out of normal training range"); a threshold this
// small is never reached, so training always runs all ITERATIONS (checked below).
const ERROR_THRESH = 1e-12;

const { prng } = require('./prng.cjs');
const { cpuSince } = require('./cpu.cjs');

// XOR-like rows: two noisy inputs, output 1 when exactly one of them is "high".
const rand = prng(1);
const data = [];
for (let i = 0; i < ROWS; i++) {
  const a = rand() < 0.5 ? 0 : 1;
  const b = rand() < 0.5 ? 0 : 1;
  data.push({ input: [a * 0.9 + rand() * 0.1, b * 0.9 + rand() * 0.1], output: [a ^ b] });
}

// The first training call of a process also pays for loading the agent's tracking code: timed
// apart (firstMs), so that the per-iteration figure is the agent's cost per training step.
const firstStart = process.hrtime.bigint();
new brain.NeuralNetwork({ hiddenLayers: [8] }).train(data, { iterations: 1, errorThresh: ERROR_THRESH, log: false });
const firstMs = Number(process.hrtime.bigint() - firstStart) / 1e6;

const net = new brain.NeuralNetwork({ hiddenLayers: [8] });
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const result = net.train(data, { iterations: ITERATIONS, errorThresh: ERROR_THRESH, log: false });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = cpuSince(cpuStart);

if (result.iterations !== ITERATIONS) {
  throw new Error(`expected ${ITERATIONS} iterations, brain.js ran ${result.iterations}`);
}
process.stdout.write(`${JSON.stringify({ ms, cpuMs, steps: ITERATIONS, firstMs })}\n`);
