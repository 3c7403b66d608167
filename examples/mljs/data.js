// Synthetic, deterministic data shared by the ml.js examples (no download needed).
function lcg(seed) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** 150 rows of 4 features and 3 classes decided by a fixed linear rule. */
function classification() {
  const random = lcg(42);
  const x = [];
  const y = [];
  for (let i = 0; i < 150; i++) {
    const row = [random(), random(), random(), random()];
    const score = row[0] + 2 * row[1] - row[2];
    x.push(row);
    y.push(score < 0.6 ? 0 : score < 1.4 ? 1 : 2);
  }
  return { x, y };
}

/** 60 points of a noisy quadratic. */
function curve() {
  const random = lcg(7);
  const x = Array.from({ length: 60 }, (_, i) => i / 6);
  const y = x.map((v) => 0.5 * v * v - 2 * v + 1 + (random() - 0.5));
  return { x, y };
}

/** Three blobs of 2-D points. */
function blobs() {
  const random = lcg(3);
  const centers = [[0, 0], [5, 5], [0, 6]];
  return Array.from({ length: 90 }, (_, i) => {
    const [cx, cy] = centers[i % 3];
    return [cx + random() - 0.5, cy + random() - 0.5];
  });
}

module.exports = { classification, curve, blobs };
