/**
 * The way out of a jest sandbox. Jest runs a test file's modules in a vm context of its own, with
 * its own `require` and a copy of `process`; an agent loaded there would be one more copy per
 * test file, with exit hooks on that copy (never called) and gone at the file's end. The agent
 * lives in the host realm instead, loaded by Node's own loader: one agent per jest process.
 */
import nodeModule = require('node:module');

/**
 * Node's own `require`, relative to `filename`, from any realm: inside a jest sandbox,
 * `node:module` is jest's subclass of Node's `Module` whose `createRequire` loads into the
 * sandbox again; its parent class is Node's own `Module`.
 */
export function hostRequire(filename: string): NodeJS.Require {
  // NB: jest-runtime builds that subclass in CoreModuleProvider.getMockedModuleClass (30.4+) or
  // Runtime._getMockedNativeModule (29 – 30.3): `class Module extends nativeModule.Module {}`,
  // https://github.com/jestjs/jest/blob/v29.7.0/packages/jest-runtime/src/index.ts#L1812
  return hostModule().createRequire(filename);
}

/** True inside a jest sandbox (where `node:module` is jest's). */
export function inJestSandbox(): boolean {
  return hostModule() !== nodeModule;
}

function hostModule(): typeof nodeModule {
  const parent = Object.getPrototypeOf(nodeModule) as Partial<typeof nodeModule> | null;
  return typeof parent?.createRequire === 'function' ? (parent as typeof nodeModule) : nodeModule;
}
