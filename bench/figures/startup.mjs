/**
 * Start-up: what preloading the agent (`node --require dist/src/register.js`) adds to a script,
 * against bare Node, dd-trace (`--require dd-trace/init`) and OpenTelemetry's auto-instrumentations
 * (`--require @opentelemetry/auto-instrumentations-node/register`), the peers installed from
 * bench/peers. Two scripts: an empty one (CPU time and peak RSS added) and one that only
 * `require`s @tensorflow/tfjs (CPU time added, as a share of bare Node's).
 *
 * Each run is one process measured by wait4 (lib/rusage.py): user + system CPU and peak RSS from
 * start to exit, exit handlers included. "Added" is the variant minus bare Node of the same round;
 * the figure is the median over rounds. Collectors: a loopback stand-in that answers 200 (see
 * peers.mjs); the agent's tracking URI points at it too (an empty script must not contact it).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { ensurePeers, startCollector } from '../lib/peers.mjs';
import { benchDir, cleanEnv, register, runProcess, tempDir, workloads } from '../lib/proc.mjs';
import { atMost, overheadAtMost } from '../lib/report.mjs';
import { interleave, median, pairedDiff, runsFor } from '../lib/stats.mjs';

const probe = path.join(benchDir, 'lib', 'probe.cjs');
// NB: short processes are noisy on a shared machine, and cheap: more rounds than the default 5.
const runs = runsFor('startup', 10);

/** The package a module file belongs to ("dist" for the agent's own files). */
function packageOf(file) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.slice(file.lastIndexOf('node_modules/')));
  if (match) return match[1];
  return file.includes(`${path.sep}dist${path.sep}`) ? 'mlflow-autolog (dist)' : path.basename(file);
}

/** What the agent loaded beyond bare Node, by package: "212 modules: zod 60, dist 80, …". */
function loadedNote(agentModules, bareModules) {
  const bare = new Set(bareModules);
  const extra = agentModules.filter((file) => !bare.has(file));
  const byPackage = new Map();
  for (const file of extra) byPackage.set(packageOf(file), (byPackage.get(packageOf(file)) ?? 0) + 1);
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, count]) => `${name} ${count}`);
  return `preload loads ${extra.length} CommonJS modules: ${top.join(', ')}`;
}

async function run() {
  const peers = ensurePeers();
  const collector = await startCollector();
  const work = tempDir('startup');
  const variants = {
    bare: { preload: [], env: {} },
    agent: { preload: [register], env: { MLFLOW_TRACKING_URI: collector.url, MLFLOW_AUTOLOG_JOURNAL_DIR: path.join(work, 'journal') } },
    'dd-trace': { preload: [peers.ddTrace.init], env: { DD_TRACE_AGENT_URL: collector.url } },
    OTel: { preload: [peers.otel.register], env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'bench' } },
  };
  const measure = async (script, name) => {
    const out = path.join(work, `probe-${name}.json`);
    const { preload, env } = variants[name];
    const result = await runProcess(process.execPath, ['--require', probe, ...preload.flatMap((file) => ['--require', file]), path.join(workloads, script)], {
      cwd: work,
      env: cleanEnv({ ...env, BENCH_PROBE_OUT: out }),
      rusage: true,
      label: `${script} (${name})`,
    });
    const { modules } = JSON.parse(readFileSync(out, 'utf8'));
    return { cpuMs: result.cpuMs, rssMiB: result.maxRssKiB / 1024, modules };
  };
  try {
    const results = {};
    for (const script of ['startup-empty.cjs', 'startup-tfjs.cjs']) {
      results[script] = await interleave({
        label: `startup ${script}`,
        runs,
        variants: Object.keys(variants).map((name) => ({ name, run: () => measure(script, name) })),
      });
    }
    const empty = results['startup-empty.cjs'];
    const tfjs = results['startup-tfjs.cjs'];
    const of = (rounds, key) => rounds.map((r) => r[key]);
    const added = (set, name, key) => pairedDiff(of(set[name], key), of(set.bare, key));
    const share = (set, name) => median(set[name].map((r, i) => r.cpuMs / set.bare[i].cpuMs));
    const peerLines = (set, key, unit) =>
      ['dd-trace', 'OTel'].map((name) => ({ name: `${name} ${name === 'OTel' ? peers.otel.version : peers.ddTrace.version}`, value: added(set, name, key), unit, ratio: added(set, 'agent', key) / added(set, name, key) }));
    const why = loadedNote(empty.agent[0].modules, empty.bare[0].modules);

    const emptyCpu = added(empty, 'agent', 'cpuMs');
    const emptyRss = added(empty, 'agent', 'rssMiB');
    const tfjsShare = share(tfjs, 'agent');
    const tfjsMs = added(tfjs, 'agent', 'cpuMs');
    const tfjsPeers = ['dd-trace', 'OTel'].map((name) => ({ name, value: (share(tfjs, name) - 1) * 100, unit: '%', ratio: (tfjsShare - 1) / (share(tfjs, name) - 1) }));
    return [
      {
        name: 'startup.empty.cpu_added',
        value: emptyCpu,
        unit: 'ms',
        peers: peerLines(empty, 'cpuMs', 'ms'),
        note: `bare Node ${median(of(empty.bare, 'cpuMs')).toFixed(0)} ms; user + system CPU, start to exit`,
        target: atMost(emptyCpu, 10, 'ms', why),
      },
      {
        name: 'startup.empty.rss_added',
        value: emptyRss,
        unit: 'MiB',
        peers: peerLines(empty, 'rssMiB', 'MiB'),
        note: `bare Node ${median(of(empty.bare, 'rssMiB')).toFixed(0)} MiB peak RSS`,
        target: atMost(emptyRss, 5, 'MiB', why),
      },
      {
        name: 'startup.tfjs.cpu_added',
        value: (tfjsShare - 1) * 100,
        unit: '%',
        peers: tfjsPeers,
        note: `+${tfjsMs.toFixed(0)} ms to bare Node's ${median(of(tfjs.bare, 'cpuMs')).toFixed(0)} ms for require('@tensorflow/tfjs')`,
        target: overheadAtMost(tfjsShare, 5, loadedNote(tfjs.agent[0].modules, tfjs.bare[0].modules)),
      },
    ];
  } finally {
    await collector.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const figure = { name: 'startup', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
