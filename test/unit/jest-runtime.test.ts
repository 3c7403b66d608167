/**
 * The jest-runtime hook on stand-ins of jest's two loader shapes (29 – 30.3: Runtime's own
 * `_loadModule`; 30.4+: `CjsLoader.prototype.loadModule` behind `runtime.cjsLoader`): hooked once
 * however often it is installed, a watched package's main file reaches the engine, and the test
 * file's teardown waits for its runs, forgets its module copies and is given back.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hookJestRuntime } from '../../src/autolog/jest-runtime';
import { autologState } from '../../src/autolog/state';
import { registerBuiltins } from '../../src/autolog/builtin';

interface FakeModule {
  exports: unknown;
  loaded: boolean;
}

/** Jest's environment: a teardown jest awaits. */
class Environment {
  tornDown = 0;
  async teardown(): Promise<void> {
    this.tornDown++;
  }
}

function load(this: unknown, localModule: FakeModule): void {
  localModule.exports = { loadedBy: 'jest' };
  localModule.loaded = true;
}

/** jest 29 – 30.3. */
function runtime29() {
  class Runtime {
    _environment = new Environment();
    requireModule(): unknown {
      return undefined;
    }
    _loadModule(localModule: FakeModule, _from: string, _name: string | undefined, _path: string, _options?: object): void {
      load.call(this, localModule);
    }
  }
  return Runtime;
}

/** jest 30.4+. */
function runtime30() {
  class CjsLoader {
    constructor(readonly environment: Environment) {}
    loadModule(localModule: FakeModule, _from: string, _name: string | undefined, _path: string, _options?: object): void {
      load.call(this, localModule);
    }
  }
  class Runtime {
    _environment = new Environment();
    cjsLoader = new CjsLoader(this._environment);
    requireModule(): unknown {
      return undefined;
    }
  }
  return { Runtime, CjsLoader };
}

const BRAIN_MAIN = require.resolve('brain.js');

describe('the jest-runtime hook', () => {
  registerBuiltins();

  test('jest 29 – 30.3: installed twice, _loadModule is wrapped once, and a watched main file reaches the engine', async () => {
    const Runtime = runtime29();
    const original = Runtime.prototype._loadModule;
    hookJestRuntime({ default: Runtime });
    const wrapped = Runtime.prototype._loadModule;
    hookJestRuntime({ default: Runtime });
    assert.notEqual(wrapped, original);
    assert.equal(Runtime.prototype._loadModule, wrapped, 'a second install stacks nothing');

    const runtime = new Runtime();
    const brain: FakeModule = { exports: undefined, loaded: false };
    runtime._loadModule(brain, '/t.test.js', 'brain.js', BRAIN_MAIN);
    assert.ok(autologState.loaded.some((r) => r.exports === brain.exports), 'the engine knows the copy');
    const other: FakeModule = { exports: undefined, loaded: false };
    runtime._loadModule(other, '/t.test.js', './helper', '/project/helper.js');
    assert.ok(!autologState.loaded.some((r) => r.exports === other.exports), 'a file of the project is not looked at');

    assert.ok(Object.hasOwn(runtime._environment, 'teardown'), "the environment's teardown waits for the runs");
    await runtime._environment.teardown();
    assert.equal(runtime._environment.tornDown, 1, "jest's teardown still runs");
    assert.ok(!Object.hasOwn(runtime._environment, 'teardown'), 'and is given back');
    assert.ok(!autologState.loaded.some((r) => r.exports === brain.exports), 'the copy is forgotten with its sandbox');
  });

  test("jest 30.4+: the CjsLoader's loadModule is wrapped through the first requireModule, once", () => {
    const { Runtime, CjsLoader } = runtime30();
    const original = CjsLoader.prototype.loadModule;
    hookJestRuntime({ default: Runtime });
    hookJestRuntime({ default: Runtime });
    assert.equal(CjsLoader.prototype.loadModule, original, 'CjsLoader is not exported: nothing to wrap yet');
    const runtime = new Runtime();
    runtime.requireModule();
    const wrapped = CjsLoader.prototype.loadModule;
    assert.notEqual(wrapped, original);
    new Runtime().requireModule();
    assert.equal(CjsLoader.prototype.loadModule, wrapped, 'wrapped once');

    const brain: FakeModule = { exports: undefined, loaded: false };
    runtime.cjsLoader.loadModule(brain, '/t.test.js', 'brain.js', BRAIN_MAIN);
    assert.ok(autologState.loaded.some((r) => r.exports === brain.exports));
    const internal: FakeModule = { exports: undefined, loaded: false };
    runtime.cjsLoader.loadModule(internal, '/t.test.js', 'brain.js', BRAIN_MAIN, { isInternalModule: true });
    assert.ok(!autologState.loaded.some((r) => r.exports === internal.exports), "jest's own (internal) loads are not looked at");
  });

  test('a jest-runtime without requireModule is refused with a message', () => {
    assert.throws(() => hookJestRuntime({ default: class {} }), /no Runtime\.prototype\.requireModule/);
  });
});
