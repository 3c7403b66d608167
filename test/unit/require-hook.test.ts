/**
 * The require hook (a wrapper of Module._load): which loads it hands to the engine, as
 * require-in-the-middle did with `internals: false`, in a child process with packages of its own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { REPO_ROOT } from '../harness/python';

let project: string;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/**
 * A project with `watched` (main file index.js, which requires a file of its own that requires
 * the main file back), `@scope/watched` (main in lib/), `other` and `watched-esm` (an ES module).
 */
function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'require-hook-'));
  const nm = join(root, 'node_modules');
  write(join(nm, 'watched/package.json'), JSON.stringify({ name: 'watched', version: '1.0.0' }));
  write(join(nm, 'watched/index.js'), "exports.partial = true; require('./cycle.js'); exports.train = () => 'trained'; exports.partial = false;");
  write(join(nm, 'watched/cycle.js'), "const main = require('./index.js'); module.exports = { sawPartial: main.partial };");
  write(join(nm, 'watched/other.js'), "module.exports = { other: true };");
  write(join(nm, '@scope/watched/package.json'), JSON.stringify({ name: '@scope/watched', version: '2.0.0', main: 'lib/main.js' }));
  write(join(nm, '@scope/watched/lib/main.js'), "module.exports = { scoped: true };");
  write(join(nm, 'other/package.json'), JSON.stringify({ name: 'other', version: '1.0.0' }));
  write(join(nm, 'other/index.js'), "module.exports = require('watched');");
  return root;
}

/**
 * Runs `body` in `project` with the hook installed for `watched` and `@scope/watched`; each call
 * the handler gets is printed as `name baseDir-relative-to-project`, and it replaces
 * `watched`'s exports with `{ replaced: true }`.
 */
function run(body: string): { calls: string[]; out: unknown } {
  const script = `
    const path = require('node:path');
    const { autologState } = require(${JSON.stringify(join(REPO_ROOT, 'src/autolog/state'))});
    const { installLoadHook } = require(${JSON.stringify(join(REPO_ROOT, 'src/autolog/require-hook'))});
    const calls = [];
    autologState.requireHook = { modules: ['@scope/watched', 'watched'], unhook() {} };
    installLoadHook((name, exports, baseDir) => {
      calls.push(name + ' ' + path.relative(process.cwd(), baseDir) + (exports.partial ? ' partial' : ''));
      return name === 'watched' ? { replaced: true, original: exports } : undefined;
    });
    (async () => {
      const out = await (async () => { ${body} })();
      console.log(JSON.stringify({ calls, out }));
    })();`;
  // NB: the project has no tsx of its own: the loader is given by path.
  const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawnSync(process.execPath, ['--import', tsx, '-e', script], { cwd: project, encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as { calls: string[]; out: unknown };
}

describe('the require hook', () => {
  before(() => {
    project = makeProject();
  });

  test("a require of a watched package's name is handed over once loaded, and the requirer gets what the handler returned", () => {
    const { calls, out } = run("const w = require('watched'); return { replaced: w.replaced, train: w.original.train(), again: require('watched').replaced };");
    assert.deepEqual(out, { replaced: true, train: 'trained', again: true });
    // NB: the circular require of the main file from inside it is not handed over half-loaded.
    assert.deepEqual(calls, ['watched node_modules/watched', 'watched node_modules/watched']);
  });

  test('its main file by absolute path, or from another package, is the package too; its other files are not', () => {
    const body = `
      const abs = require(path.resolve('node_modules/watched/index.js'));
      const fromOther = require('other');
      const inner = require('watched/other.js');
      return { abs: abs.replaced, fromOther: fromOther.replaced, inner: inner.other };`;
    const { calls, out } = run(body);
    assert.deepEqual(out, { abs: true, fromOther: true, inner: true });
    assert.deepEqual(calls, ['watched node_modules/watched', 'watched node_modules/watched']);
  });

  test("a scoped package's main file from its package.json is handed over with the scoped name", () => {
    const { calls, out } = run("return require('@scope/watched').scoped;");
    assert.equal(out, true);
    assert.deepEqual(calls, ['@scope/watched node_modules/@scope/watched']);
  });

  test('an ES module importing the CommonJS package is seen too', () => {
    const { calls, out } = run("const ns = await import('watched'); return ns.default.replaced ? 'replaced' : typeof ns.default.train;");
    // NB: Node 20 and 22 build the namespace from module.exports, Node 24 from what Module._load
    // returned (the handler's replacement): the engine knows both (engine.ts, onModuleLoaded).
    assert.equal(out, Number(process.versions.node.split('.')[0]) >= 24 ? 'replaced' : 'function');
    assert.deepEqual(calls, ['watched node_modules/watched']);
  });

  test('a watched package deleted from require.cache and required again is loaded and handed over anew', () => {
    const body = `
      const first = require('watched').original;
      delete require.cache[require.resolve('watched')];
      const second = require('watched').original;
      return { fresh: first !== second, trains: second.train() };`;
    const { calls, out } = run(body);
    assert.deepEqual(out, { fresh: true, trains: 'trained' });
    assert.deepEqual(calls, ['watched node_modules/watched', 'watched node_modules/watched']);
  });

  test('with no modules watched the hook hands nothing over, and a failed require fails as without it', () => {
    const body = `
      autologState.requireHook = undefined;
      const plain = require('watched');
      let error;
      try { require('missing-package'); } catch (e) { error = e.code; }
      return { plain: typeof plain.train, error };`;
    const { calls, out } = run(body);
    assert.deepEqual(out, { plain: 'function', error: 'MODULE_NOT_FOUND' });
    assert.deepEqual(calls, []);
  });
});
