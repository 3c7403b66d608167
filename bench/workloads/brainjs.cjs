/**
 * Benchmark workload: brain.js 1.6.1 NeuralNetwork training.
 * Run by bench/run.mjs with and without the agent preloaded; prints one JSON line
 * {"short": {"ms", "cpuMs", "steps"}, "long": {…}, "firstMs"}: two timed train() calls (after an untimed one) on fresh
 * networks, SHORT and LONG iterations, so the runner can split per-iteration time (the slope)
 * from what a call costs once (its run's start and end). Only the train() calls are timed (not
 * start-up or module loading). Data is synthetic and seeded, so every run does the same work.
 */
'use strict';
const brain = require('brain.js');

const SHORT = 1000;
const LONG = 4000;
const ROWS = 64;
// NB: brain.js 1.6.1 rejects errorThresh 0 ("out of normal training range"); a threshold this
// small is never reached, so every call runs all its iterations (checked in timed()).
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

/** One timed train() of a fresh network for `iterations`. */
function timed(iterations) {
  const net = new brain.NeuralNetwork({ hiddenLayers: [8] });
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = net.train(data, { iterations, errorThresh: ERROR_THRESH, log: false });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = cpuSince(cpuStart);
  if (result.iterations !== iterations) {
    throw new Error(`expected ${iterations} iterations, brain.js ran ${result.iterations}`);
  }
  return { ms, cpuMs, steps: iterations };
}

// NB: one untimed call first: the JIT warms up on the timed architecture, so the short call
// is not slower per step than the long one for that reason alone.
timed(SHORT);
const short = timed(SHORT);
const long = timed(LONG);
process.stdout.write(`${JSON.stringify({ short, long, firstMs })}\n`);
