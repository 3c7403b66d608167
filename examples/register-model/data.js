// Synthetic, deterministic data (no download): 150 rows of 4 features in [0, 1) and 3 classes
// decided by a fixed linear rule. The last 10 rows are held out: training never sees them.
function lcg(seed) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const random = lcg(42);
const x = [];
const y = [];
for (let i = 0; i < 150; i++) {
  const row = [random(), random(), random(), random()];
  const score = row[0] + 2 * row[1] - row[2];
  x.push(row);
  y.push(score < 0.6 ? 0 : score < 1.4 ? 1 : 2);
}

module.exports = {
  train: { x: x.slice(0, 140), y: y.slice(0, 140) },
  heldOut: { x: x.slice(140), y: y.slice(140) },
};
