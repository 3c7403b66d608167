/**
 * Math.random from a fixed seed (mulberry32), preloaded in both runs of a suite whose tests
 * train from random initial weights (brain.js): each run then draws the same numbers in the same
 * order, and a test that needs lucky weights passes or fails alike with and without the agent,
 * which draws none of them on the way of training.
 */
'use strict';

let state = Number(process.env.UPSTREAM_RANDOM_SEED ?? 20181224) >>> 0;

Math.random = function seededRandom() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
