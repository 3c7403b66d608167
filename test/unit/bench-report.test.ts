/**
 * The bench's verdicts (bench/lib/report.mjs, bench/lib/stats.mjs, the per-step slope): what a
 * line says about a target — met, or missed by how much and why, or not resolved — is computed,
 * not written by hand. The bench itself never runs in `npm test`; these check its arithmetic on
 * made-up rounds.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const BENCH = join(__dirname, '..', '..', 'bench');

interface Target {
  text: string;
  met: boolean;
  by?: string;
  why?: string;
  caveat?: string;
}
interface Figure {
  name: string;
  value: number;
  unit: string;
  peers?: { name: string; value: number; unit?: string; ratio?: number }[];
  note?: string;
  target?: Target;
}
interface Report {
  formatFigure(figure: Figure): string;
  atMost(value: number, limit: number, unit: string, why?: string): Target;
  ratioAtLeast(value: number, min: number, peerName: string, why?: string): Target;
  overheadAtMost(ratio: number, maxPercent: number, why?: string, roundRatios?: number[]): Target;
}
interface Stats {
  median(values: number[]): number;
  pairedRatio(a: number[], b: number[]): number;
  interleave(options: { label: string; runs: number; variants: { name: string; run(round: { round: number; warmup: boolean }): Promise<unknown> }[] }): Promise<Record<string, unknown[]>>;
}
interface Call {
  ms: number;
  cpuMs: number;
  steps: number;
}
interface PerStep {
  slope(result: { short?: Call; long?: Call } & Partial<Call>, key: 'ms' | 'cpuMs'): number;
  oncePerCall(result: { short: Call; long: Call }): number;
}

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(BENCH, file)).href)) as T;

test('a line names the figure, its peers with ratios, the context and the verdict with its clue', async () => {
  const { formatFigure, atMost } = await load<Report>('lib/report.mjs');
  const missed = formatFigure({
    name: 'startup.empty.cpu_added',
    value: 10.9,
    unit: 'ms',
    peers: [{ name: 'dd-trace', value: 506, ratio: 0.0215 }],
    note: 'bare Node 136 ms',
    target: atMost(10.9, 10, 'ms', 'preload loads 10 CommonJS modules'),
  });
  assert.equal(missed, 'startup.empty.cpu_added 10.9 ms (dd-trace 506 ms, 0.02×) [bare Node 136 ms] target: ≤ 10 ms missed by 0.9 ms (preload loads 10 CommonJS modules)');
  const met = formatFigure({ name: 'x', value: 4, unit: 'MiB', target: atMost(4, 5, 'MiB', 'never printed when met') });
  assert.equal(met, 'x 4 MiB target: ≤ 5 MiB met');
});

test('a speed short of its peer is missed by the ratio and the share', async () => {
  const { ratioAtLeast } = await load<Report>('lib/report.mjs');
  assert.deepEqual(ratioAtLeast(0.97, 1, 'python'), { text: '≥ 1.00× python', met: false, by: '0.03× (3 % short)', why: undefined });
  assert.equal(ratioAtLeast(1.02, 1, 'python').met, true);
});

test('a per-step overhead whose rounds spread wider than the target is not resolved, met or not', async () => {
  const { overheadAtMost } = await load<Report>('lib/report.mjs');
  const tight = overheadAtMost(1.005, 1, undefined, [1.0, 1.004, 1.01]);
  assert.equal(tight.met, true);
  assert.equal(tight.caveat, undefined);
  const noisy = overheadAtMost(1.005, 1, undefined, [0.95, 1.0, 1.07]);
  assert.equal(noisy.met, true);
  assert.match(noisy.caveat ?? '', /^not resolved: the per-round ratios spread ±6\.00 %/);
  const over = overheadAtMost(1.0684, 1, 'the clue');
  assert.deepEqual([over.met, over.by, over.why], [false, '5.84 points (+6.84 %)', 'the clue']);
});

test('ratios pair rounds: the median of per-round ratios, not a ratio of medians', async () => {
  const { median, pairedRatio } = await load<Stats>('lib/stats.mjs');
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.ok(Number.isNaN(median([])));
  // Medians 20 / 20 would say 1.00×; each round the first side took 1.5× as long as the second.
  assert.equal(pairedRatio([15, 30, 60], [10, 20, 40]), 1.5);
});

test('interleaved rounds rotate the order, and the warm-up round is not counted', async () => {
  const { interleave } = await load<Stats>('lib/stats.mjs');
  const order: string[] = [];
  const variant = (name: string) => ({
    name,
    run: async ({ round }: { round: number }) => {
      order.push(`${round}${name}`);
      return round;
    },
  });
  const write = process.stderr.write;
  process.stderr.write = () => true;
  let results: Record<string, unknown[]>;
  try {
    results = await interleave({ label: 't', runs: 3, variants: [variant('a'), variant('b'), variant('c')] });
  } finally {
    process.stderr.write = write;
  }
  assert.deepEqual(order, ['0a', '0b', '0c', '1b', '1c', '1a', '2c', '2a', '2b', '3a', '3b', '3c']);
  assert.deepEqual(results, { a: [1, 2, 3], b: [1, 2, 3], c: [1, 2, 3] });
});

test('per step is the slope between a short and a long call; the rest of the short call is paid once per call', async () => {
  const { slope, oncePerCall } = await load<PerStep>('figures/per-step.mjs');
  // 10 ms a step and 40 ms once per call, on both calls.
  const result = { short: { ms: 10 * 10 + 40, cpuMs: 12 * 10, steps: 10 }, long: { ms: 10 * 40 + 40, cpuMs: 12 * 40, steps: 40 } };
  assert.equal(slope(result, 'ms'), 10);
  assert.equal(slope(result, 'cpuMs'), 12);
  assert.equal(oncePerCall(result), 40);
  // ml-cart's workload reports calls, not a short and a long one: time per call.
  assert.equal(slope({ ms: 200, cpuMs: 100, steps: 20 }, 'ms'), 10);
});
