/**
 * The CommonJS side of the hooks: one wrapper of `Module._load`, the function behind every
 * `require()` (cache hits included) and behind Node's ES module loader when it loads a CommonJS
 * module, which `require` hooks miss (node-internals 1.4). It does what require-in-the-middle's
 * hook does with `internals: false` — hands the main file of a watched package to a handler
 * once it has loaded, and returns what the handler returns — without its start-up cost (its
 * `debug` dependency alone costs more than this whole preload): a few string tests per
 * `require`, and file resolution only for requests that name a file of a watched package.
 */
import Module = require('node:module');
import { isAbsolute, sep } from 'node:path';
import { autologState } from './state';

/** What the handler is given: a watched package's name and folder. */
export interface PackageFolder {
  name: string;
  baseDir: string;
}

/** Called with the exports of a watched package's main file; returns what the requirer gets instead, if anything. */
export type LoadHandler = (name: string, moduleExports: unknown, baseDir: string) => unknown;

interface ModuleLike {
  filename?: string | null;
}
type Load = (request: string, parent: ModuleLike | null | undefined, isMain: boolean) => unknown;
type ResolveFilename = (request: string, parent: ModuleLike | null | undefined, isMain: boolean) => string;

const NODE_MODULES = `${sep}node_modules${sep}`;

/** The package a file belongs to: the one under its last `node_modules` folder. */
export function packageOf(filename: string): PackageFolder | undefined {
  const at = filename.lastIndexOf(NODE_MODULES);
  if (at < 0) return undefined;
  const start = at + NODE_MODULES.length;
  let end = filename.indexOf(sep, start);
  if (end >= 0 && filename.charCodeAt(start) === 64 /* @ */) end = filename.indexOf(sep, end + 1);
  if (end < 0) return undefined;
  const name = filename.slice(start, end);
  return { name: sep === '/' ? name : name.split(sep).join('/'), baseDir: filename.slice(0, end) };
}

/**
 * True when `filename` is what `require(name)` loads from `baseDir`: the package's `exports`
 * entry for `require`, or its legacy `main` (what an ES module's import of a CommonJS package
 * without `exports` loads).
 */
export function isMainFile(pkg: PackageFolder, filename: string): boolean {
  for (const resolve of [() => require.resolve(pkg.name, { paths: [pkg.baseDir] }), () => require.resolve(pkg.baseDir)]) {
    try {
      if (resolve() === filename) return true;
    } catch {
      // NB: a package Node cannot resolve this way has no such entry.
    }
  }
  return false;
}

/** `@scope/name/file` → `@scope/name`, `name/file` → `name`. */
function requestedPackage(request: string): string {
  const first = request.indexOf('/');
  if (first < 0) return request;
  if (request.charCodeAt(0) !== 64 /* @ */) return request.slice(0, first);
  const second = request.indexOf('/', first + 1);
  return second < 0 ? request : request.slice(0, second);
}

/**
 * Whether the request can load a file of a watched package, from the request alone: a bare
 * name of a watched package (or a file in it), an absolute path into one (Node's ES module
 * loader passes those, with no parent), or a relative path from a file of one.
 */
function mayLoadWatched(request: string, parent: ModuleLike | null | undefined, names: ReadonlySet<string>): boolean {
  if (request.charCodeAt(0) === 46 /* . */) {
    const from = parent?.filename;
    if (!from?.includes(NODE_MODULES)) return false;
    const pkg = packageOf(from);
    return pkg !== undefined && names.has(pkg.name);
  }
  if (isAbsolute(request)) {
    const pkg = packageOf(request);
    return pkg !== undefined && names.has(pkg.name);
  }
  return names.has(requestedPackage(request));
}

/** Per resolved file of a watched package: its package when it is the main file, else null. */
const mainFiles = new Map<string, PackageFolder | null>();
/**
 * The file each (requiring file, request) pair resolved to, while that file stays loaded. NB: as
 * Node's own cache in `Module._load`, which a second resolution here would bypass: a library's
 * `require()` of a watched package inside a function would pay a full resolution every call.
 */
const resolvedFiles = new Map<string, string>();
/** Files being loaded: a circular `require` of one gets exports that are not complete yet. */
const loading = new Set<string>();
let namesOf: readonly string[] | undefined;
let names: ReadonlySet<string> = new Set();

/** The watched package whose main file `filename` is, if any. */
function watchedEntry(request: string, filename: string, watched: ReadonlySet<string>): PackageFolder | undefined {
  const pkg = packageOf(filename);
  if (!pkg) return undefined;
  // NB: as require-in-the-middle: a request of the bare name loads the package's entry, whichever
  // file its `exports` map names.
  if (watched.has(request)) return { name: request, baseDir: pkg.baseDir };
  if (!watched.has(pkg.name)) return undefined;
  let main = mainFiles.get(filename);
  if (main === undefined) {
    main = isMainFile(pkg, filename) ? pkg : null;
    mainFiles.set(filename, main);
  }
  return main ?? undefined;
}

/**
 * Wraps `Module._load` once per process (the state is shared by every copy of this package).
 * The modules watched are `autologState.requireHook.modules`, read at each call: none, when it
 * is unset. Never removed: other wrappers may have been installed over it since.
 */
export function installLoadHook(handler: LoadHandler): void {
  if (autologState.loadHook) return;
  autologState.loadHook = true;
  const loader = Module as unknown as { _load: Load; _resolveFilename: ResolveFilename; _cache: Record<string, unknown> };
  const original = loader._load;
  loader._load = function _load(this: unknown, request: string, parent: ModuleLike | null | undefined, isMain: boolean): unknown {
    const modules = autologState.requireHook?.modules;
    if (modules === undefined || typeof request !== 'string') return original.call(this, request, parent, isMain);
    if (modules !== namesOf) {
      namesOf = modules;
      names = new Set(modules);
      mainFiles.clear();
    }
    if (!mayLoadWatched(request, parent, names)) return original.call(this, request, parent, isMain);
    const resolvedKey = `${parent?.filename ?? ''}\u0000${request}`;
    let filename = resolvedFiles.get(resolvedKey);
    try {
      if (filename === undefined || !Object.hasOwn(loader._cache, filename)) {
        filename = loader._resolveFilename(request, parent, isMain);
        resolvedFiles.set(resolvedKey, filename);
      }
    } catch {
      // NB: Node's own load reports the error (or another hook resolves what Node cannot).
      return original.call(this, request, parent, isMain);
    }
    if (loading.has(filename)) return original.call(this, request, parent, isMain);
    loading.add(filename);
    let moduleExports: unknown;
    try {
      moduleExports = original.call(this, request, parent, isMain);
    } finally {
      loading.delete(filename);
    }
    const entry = watchedEntry(request, filename, names);
    return entry ? (handler(entry.name, moduleExports, entry.baseDir) ?? moduleExports) : moduleExports;
  };
}
