/**
 * Interleaved rounds and the statistics the figures are made of: medians, paired differences and
 * paired ratios. Every figure runs its variants (the agent, the peers, bare Node) round by round,
 * each round in a rotated order, so that drift on the machine (other processes, page cache,
 * thermal throttling) hits every variant alike; the first round is a warm-up and is not counted.
 */

export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of the per-round ratios a[i] / b[i] (rounds paired, not medians divided). */
export function pairedRatio(a, b) {
  return median(a.map((value, i) => value / b[i]));
}

/** The median of the per-round differences a[i] - b[i]. */
export function pairedDiff(a, b) {
  return median(a.map((value, i) => value - b[i]));
}

/**
 * Runs `variants` ({ name, run(round) }) for one warm-up round and then `runs` counted rounds.
 * Round r runs the variants rotated by r, so none always goes first (or always follows the same
 * one). `run` gets { round, warmup } and resolves to that run's result. Resolves to an object
 * mapping each variant's name to its counted results, in round order (so results pair by index).
 */
export async function interleave({ label, runs, variants }) {
  const results = Object.fromEntries(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round <= runs; round++) {
    process.stderr.write(round === 0 ? `${label}: warm-up` : ` ${round}`);
    const offset = round % variants.length;
    const order = [...variants.slice(offset), ...variants.slice(0, offset)];
    for (const variant of order) {
      const result = await variant.run({ round, warmup: round === 0 });
      if (round > 0) results[variant.name].push(result);
    }
  }
  process.stderr.write('\n');
  return results;
}

/** A whole number from the environment, at least `min`; exits the bench on a bad value. */
export function envInt(name, fallback, min = 1) {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be a whole number, at least ${min} (got ${raw}).`);
    process.exit(1);
  }
  return value;
}

/** Counted rounds of a figure: its own variable (BENCH_<FIGURE>_RUNS), else BENCH_RUNS, else `fallback`. */
export function runsFor(figure, fallback = 5) {
  const own = `BENCH_${figure.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_RUNS`;
  if (process.env[own] !== undefined) return envInt(own, fallback);
  return envInt('BENCH_RUNS', fallback);
}
