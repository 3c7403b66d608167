/** The preload stays lean: the tracking client loads at the first autologged call, not before. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { BUILTIN_INSTRUMENTATIONS } from '../../src/autolog/builtin';
import { manifestsOf } from '../../src/autolog/engine';
import { REPO_ROOT } from '../harness/python';

test('the register entry installs the hooks without loading the HTTP client, the stores, axios or the test-runner hooks', () => {
  const script = [
    "require('./src/register');",
    "const { autologState } = require('./src/autolog/state');",
    'const loaded = Object.keys(require.cache);',
    'console.log(JSON.stringify({',
    "  hook: autologState.requireHook?.modules,",
    "  heavy: loaded.filter((f) => /tracking[\\\\/]client|rest[\\\\/]|[\\\\/]axios[\\\\/]|autolog[\\\\/](session|jest-runtime|settle)/.test(f)),",
    '}));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as { hook: string[]; heavy: string[] };
  // NB: one shared hook for every module of every built-in instrumentation (ml.js has several),
  // and for jest's module loader (its hook loads only when jest does).
  const modules = [...new Set(BUILTIN_INSTRUMENTATIONS.flatMap((i) => manifestsOf(i).map((m) => m.module)))].sort();
  assert.ok(modules.includes('@tensorflow/tfjs-layers') && modules.includes('ml-kmeans'));
  assert.deepEqual(report.hook, [...modules, 'jest-runtime'].sort());
  assert.deepEqual(report.heavy, []);
});
