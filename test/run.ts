/**
 * The test command's driver: starts one real MLflow server for the whole run, runs every test
 * file with node's test runner (files may be given as arguments), stops the server, and exits
 * with the runner's code. Under MLFLOW_TEST_TFJS=node (scripts/test-tfjs-node.sh) the TAP file is
 * test-output/results-tfjs-node.tap.
 *
 * `--unit` is the fast tier (`npm run test:unit`): test/unit only, no server, and
 * MLFLOW_TEST_TIER=unit, under which the harness refuses to start Python or a server (so a unit
 * test that needs either fails at once); TAP in test-output/results-unit.tap.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startMlflowServer } from './harness/mlflow-server';
import { REPO_ROOT } from './harness/python';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // NB: test/upstream holds the libraries' own suites (their files named *.test.ts too), which
    // scripts/test-upstream.ts runs with their own runners.
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'upstream' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(REPO_ROOT, path)] : [];
  });
}

function tapName(unit: boolean): string {
  if (unit) return 'results-unit.tap';
  return process.env.MLFLOW_TEST_TFJS === 'node' ? 'results-tfjs-node.tap' : 'results.tap';
}

/** Test files that load the whole machine (32 training processes and a 4-worker server). */
const SOLO = new Set(['test/integration/load-postgres.test.ts']);

/** Runs `files` with node's test runner, `concurrency` files at a time; resolves to its exit code. */
async function runFiles(files: string[], concurrency: number, tapFile: string, env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { cwd: REPO_ROOT, stdio: 'inherit', env },
  );
  return new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
}

async function main(): Promise<number> {
  // NB: arguments may name files or folders; no argument means every test.
  const unit = process.argv.includes('--unit');
  const args = unit ? ['test/unit'] : process.argv.slice(2);
  const files = (args.length > 0 ? args : ['test'])
    .flatMap((arg) => (statSync(join(REPO_ROOT, arg)).isDirectory() ? testFiles(join(REPO_ROOT, arg)) : [arg]))
    .sort();
  mkdirSync(join(REPO_ROOT, 'test-output'), { recursive: true });
  // NB: this run's own files (runs may overlap), copied to test-output/results.tap at the end.
  const tapDir = mkdtempSync(join(tmpdir(), 'mlflow-autolog-tap-'));
  const started = Date.now();
  const server = unit ? undefined : await startMlflowServer();
  if (server) process.stderr.write(`MLflow server up at ${server.url} in ${Date.now() - started} ms\n`);
  const tier = unit ? { MLFLOW_TEST_TIER: 'unit' } : { MLFLOW_TEST_SERVER_URL: server!.url };
  // NB: the tests' journals in a folder of this run, not the user's home; and no exit's
  // background sender unless a test asks for one (and waits for it to end): none outlives the run.
  const env = {
    ...process.env,
    ...tier,
    MLFLOW_AUTOLOG_JOURNAL_DIR: process.env.MLFLOW_AUTOLOG_JOURNAL_DIR ?? mkdtempSync(join(tmpdir(), 'mlflow-autolog-journal-')),
    MLFLOW_AUTOLOG_EXIT_HANDOFF: process.env.MLFLOW_AUTOLOG_EXIT_HANDOFF ?? 'false',
  };
  try {
    // NB: files that load the whole machine run after the others, alone: beside them, the timing
    // bounds of other files (an exit's 10 s write) were overrun.
    const shared = files.filter((file) => !SOLO.has(file));
    const solo = files.filter((file) => SOLO.has(file));
    let code = 0;
    const taps: string[] = [];
    for (const [group, concurrency] of [[shared, 2], [solo, 1]] as const) {
      if (group.length === 0) continue;
      const tapFile = join(tapDir, `results-${taps.length}.tap`);
      code = Math.max(code, await runFiles(group, concurrency, tapFile, env));
      taps.push(existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '');
    }
    const tap = taps.join('\n');
    // NB: the tfjs-node pass (scripts/test-tfjs-node.sh) keeps the full run's results.tap.
    writeFileSync(join(REPO_ROOT, 'test-output', tapName(unit)), tap);
    // NB: one plain closing line, whatever the reporter above printed.
    const count = (name: string) => [...tap.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
    process.stdout.write(`\ntests: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed\n`);
    return code;
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
