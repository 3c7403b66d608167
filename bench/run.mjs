/**
 * The benchmark: `npm run bench` (builds, then runs this), or `node bench/run.mjs [figure …]`
 * for some of the figures (names below). Prints a note on the machine, then one line per figure:
 *   name value unit (peer value unit, ratio×; …) [context] target: … met | missed by … (why)
 * Progress goes to stderr. A benchmark, not a test: `npm test` never runs it, nothing asserts a
 * timing; a figure's run that fails (a crash, data missing on the server) stops the bench.
 * See bench/README.md for what each figure measures, against which peer, and its target.
 */
import endOfTraining from './figures/end-of-training.mjs';
import loadPredict from './figures/load-predict.mjs';
import manyTrainings from './figures/many-trainings.mjs';
import metrics from './figures/metrics.mjs';
import perStep from './figures/per-step.mjs';
import serve from './figures/serve.mjs';
import startup from './figures/startup.mjs';
import upload from './figures/upload.mjs';
import { printHeader, runFigure } from './lib/figure.mjs';
import { checkPrerequisites } from './lib/proc.mjs';

const figures = [startup, perStep, metrics, upload, endOfTraining, manyTrainings, loadPredict, serve];

const names = process.argv.slice(2);
const unknown = names.filter((name) => !figures.some((figure) => figure.name === name));
if (unknown.length > 0) {
  console.error(`Unknown figure ${unknown.join(', ')}: choose from ${figures.map((figure) => figure.name).join(', ')}.`);
  process.exit(1);
}
const chosen = names.length > 0 ? figures.filter((figure) => names.includes(figure.name)) : figures;

checkPrerequisites();
const start = Date.now();
printHeader();
for (const figure of chosen) await runFigure(figure);
console.log(`bench wall time ${((Date.now() - start) / 60_000).toFixed(1)} min (${chosen.map((figure) => figure.name).join(', ')})`);
