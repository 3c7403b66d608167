/**
 * What every figure script shares: a figure is { name, run() } where run resolves to the lines it
 * prints (see report.mjs). bench/run.mjs runs several; each figure script also runs alone
 * (`node bench/figures/startup.mjs`) through runStandalone.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFigure, machineNote } from './report.mjs';
import { checkPrerequisites } from './proc.mjs';

/** Whether the module at `url` is the script node was started with. */
export function isMain(url) {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(url);
}

export function printHeader() {
  console.log(`mlflow-autolog bench: ${machineNote()}`);
}

/** Runs one figure and prints its lines; the time it took goes to stderr. */
export async function runFigure(figure) {
  const start = Date.now();
  const lines = await figure.run();
  for (const line of lines) console.log(formatFigure(line));
  process.stderr.write(`${figure.name}: ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
  return lines;
}

export async function runStandalone(figure) {
  checkPrerequisites();
  printHeader();
  await runFigure(figure);
}
