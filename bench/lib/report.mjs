/**
 * The bench's output: one line per figure,
 *   name value unit (peer value unit, ratio×; …) target: … met | missed by … (why)
 * and the header that says on what machine it was measured.
 *
 * A figure is { name, value, unit, peers: [{ name, value, unit?, ratio? }], target?, note? }.
 * A target is { text, met, by?, why? } from one of the helpers below; `note` is measured context
 * printed after the peers (e.g. what the agent loaded), never a hard-coded claim.
 */
import os from 'node:os';

/** Three significant figures, at most: 0.123, 1.23, 12.3, 123, 1234. */
export function num(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3).replace(/0+$/, '').replace(/\.$/, '');
}

export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function formatFigure(figure) {
  const peers = (figure.peers ?? [])
    .map((peer) => `${peer.name} ${num(peer.value)} ${peer.unit ?? figure.unit}${peer.ratio === undefined ? '' : `, ${ratio(peer.ratio)}`}`)
    .join('; ');
  let line = `${figure.name} ${num(figure.value)} ${figure.unit}`;
  if (peers) line += ` (${peers})`;
  if (figure.note) line += ` [${figure.note}]`;
  if (figure.target) {
    const { text, met, by, why, caveat } = figure.target;
    line += ` target: ${text} ${met ? 'met' : `missed by ${by}`}`;
    if (!met && why) line += ` (${why})`;
    if (caveat) line += ` (${caveat})`;
  }
  return line;
}

/** value ≤ limit (in `unit`). */
export function atMost(value, limit, unit, why) {
  return { text: `≤ ${num(limit)} ${unit}`, met: value <= limit, by: `${num(value - limit)} ${unit}`, why };
}

/** value ≥ limit (in `unit`). */
export function atLeast(value, limit, unit, why) {
  return { text: `≥ ${num(limit)} ${unit}`, met: value >= limit, by: `${num(limit - value)} ${unit}`, why };
}

/** A ratio to a peer ≥ `min` (e.g. 0.9× the 4-client ceiling). */
export function ratioAtLeast(value, min, peerName, why) {
  const short = min - value;
  return { text: `≥ ${min.toFixed(2)}× ${peerName}`, met: value >= min, by: `${short.toFixed(2)}× (${((short / min) * 100).toFixed(0)} % short)`, why };
}

/**
 * A relative overhead (ratio - 1, as a percentage) ≤ `maxPercent`. With the per-round ratios,
 * says when their spread is wider than the target: then the verdict is within the noise.
 */
export function overheadAtMost(ratioValue, maxPercent, why, roundRatios) {
  const percent = (ratioValue - 1) * 100;
  const halfSpread = roundRatios ? ((Math.max(...roundRatios) - Math.min(...roundRatios)) / 2) * 100 : 0;
  const caveat = Number(halfSpread.toFixed(2)) > maxPercent ? `not resolved: the per-round ratios spread ±${num(halfSpread)} %, wider than the target` : undefined;
  return { text: `≤ +${maxPercent} %`, met: percent <= maxPercent, by: `${num(percent - maxPercent)} points (+${num(percent)} %)`, why, caveat };
}

/** The machine note printed once at the top: Node, cores, memory, load. */
export function machineNote() {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
  return `Node ${process.version} on ${os.platform()} ${os.arch()}, ${cpus.length} cores (${model}), ${gib} GiB, load average ${load}`;
}
