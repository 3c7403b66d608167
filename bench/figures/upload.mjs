/**
 * A 1 GiB upload (BENCH_UPLOAD_MIB) to a real MLflow server's proxied artifact store (sqlite
 * backend, loopback): the agent's `logArtifact(file)` against MLflow's Python
 * `MlflowClient.log_artifact(run_id, file)`, each in its own process, interleaved. Figures: speed
 * (MiB/s over the awaited call) and peak memory growth (the process's peak RSS during the call over
 * its RSS before it; see workloads/memory.cjs). The file is written once in a temp folder from a
 * seeded generator and deleted afterwards; each upload is checked on the server (size) and then
 * deleted from the server's folder, so the disk holds one copy at a time.
 */
import { createWriteStream, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { isMain, runStandalone } from '../lib/figure.mjs';
import { api, createExperiment, startMlflowServer } from '../lib/mlflow-server.mjs';
import { cleanEnv, fail, runNode, runPython, tempDir, workloads } from '../lib/proc.mjs';
import { atMost, ratioAtLeast } from '../lib/report.mjs';
import { envInt, interleave, median, pairedRatio, runsFor } from '../lib/stats.mjs';

const runs = runsFor('upload');
const sizeMiB = envInt('BENCH_UPLOAD_MIB', 1024);

/** Writes `mib` MiB of seeded pseudo-random bytes (xorshift32; each MiB differs). */
async function writeFile(file, mib) {
  const out = createWriteStream(file);
  let state = 0x9e3779b9;
  for (let i = 0; i < mib; i++) {
    const block = new Uint32Array(2 ** 18);
    for (let j = 0; j < block.length; j++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      block[j] = state >>> 0;
    }
    if (!out.write(Buffer.from(block.buffer))) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
  await finished(out);
}

/** Checks that the run's artifact has the file's size, then deletes the server's copy. */
async function checkAndDelete(server, runId, name, bytes) {
  const { files = [] } = await api(server.url, 'artifacts/list', { query: { run_id: runId } });
  const uploaded = files.find((entry) => entry.path === name);
  if (Number(uploaded?.file_size) !== bytes) fail(`run ${runId}: the server holds ${JSON.stringify(uploaded)}, not ${bytes} bytes of ${name}`);
  for (const entry of readdirSync(server.artifactsDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === name && (entry.parentPath ?? entry.path).includes(runId)) rmSync(path.join(entry.parentPath ?? entry.path, entry.name));
  }
}

/**
 * The measured clue to a speed short of Python's: the CPU time each client's call took. The
 * server, one process on the same cores, receives and writes the file for both.
 */
function speedClue(results) {
  const cpu = (side) => median(results[side].map((r) => r.cpuMs));
  const [agent, python] = [cpu('agent'), cpu('python')];
  const who = agent < python ? 'less than' : 'more than';
  return `the agent's process took ${(agent / 1000).toFixed(2)} s of CPU for the call, ${who} Python's ${(python / 1000).toFixed(2)} s${agent < python ? ': the client is not what holds the speed back' : ': the client\'s own work is the cost'}`;
}

async function run() {
  const work = tempDir('upload');
  const server = await startMlflowServer();
  try {
    const name = `upload-${sizeMiB}MiB.bin`;
    const file = path.join(work, name);
    process.stderr.write(`upload: writing ${sizeMiB} MiB…\n`);
    await writeFile(file, sizeMiB);
    const bytes = sizeMiB * 2 ** 20;
    const experimentId = await createExperiment(server.url, 'bench-upload');
    const env = cleanEnv({ MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_ID: experimentId, MLFLOW_AUTOLOG_JOURNAL_DIR: path.join(work, 'journal') });
    const measured = (start) => async () => {
      const result = await start();
      await checkAndDelete(server, result.runId, name, bytes);
      return { mibPerS: sizeMiB / (result.ms / 1000), growthMiB: result.peakMiB - result.baseMiB, cpuMs: result.cpuMs };
    };
    const results = await interleave({
      label: `upload ${sizeMiB} MiB`,
      runs,
      variants: [
        { name: 'agent', run: measured(() => runNode(path.join(workloads, 'upload.cjs'), { args: [file], env })) },
        { name: 'python', run: measured(() => runPython(path.join(workloads, 'upload_py.py'), [file], { env })) },
      ],
    });
    const speed = (side) => results[side].map((r) => r.mibPerS);
    const growth = (side) => results[side].map((r) => r.growthMiB);
    const speedRatio = pairedRatio(speed('agent'), speed('python'));
    const agentGrowth = median(growth('agent'));
    return [
      {
        name: 'upload.speed',
        value: median(speed('agent')),
        unit: 'MiB/s',
        peers: [{ name: 'python log_artifact', value: median(speed('python')), ratio: speedRatio }],
        note: `${sizeMiB} MiB, one logArtifact call, proxied artifacts on loopback`,
        target: ratioAtLeast(speedRatio, 1.0, 'python', speedClue(results)),
      },
      {
        name: 'upload.peak_memory_growth',
        value: agentGrowth,
        unit: 'MiB',
        peers: [{ name: 'python log_artifact', value: median(growth('python')), ratio: pairedRatio(growth('agent'), growth('python')) }],
        note: 'peak RSS during the call over RSS before it',
        target: atMost(agentGrowth, 64, 'MiB', agentGrowth > sizeMiB / 2 ? `the growth is ${(agentGrowth / sizeMiB).toFixed(2)}× the file: it is held in memory, not streamed` : undefined),
      },
    ];
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const figure = { name: 'upload', run };
export default figure;
if (isMain(import.meta.url)) await runStandalone(figure);
