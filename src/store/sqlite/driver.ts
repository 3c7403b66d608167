/**
 * The SQLite driver: Node's built-in `node:sqlite` (Node ≥ 22.13), else the optional dependency
 * `@photostructure/sqlite` (the same `DatabaseSync` API, with N-API binaries inside its npm
 * package, so nothing compiles on install). Loaded on first use of a `sqlite:` store only: the
 * preload and every other store never load it.
 */
import { MlflowAutologError } from '../../errors';

/** A value SQLite binds or returns. */
export type SqlValue = null | number | bigint | string | Uint8Array;

/** A row as the driver returns it: column name → value. */
export type SqlRow = Record<string, SqlValue>;

/** The part of `StatementSync` this store uses (same in both drivers). */
export interface SqliteStatement {
  run(...params: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
}

/** The part of `DatabaseSync` this store uses (same in both drivers). */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

export interface DatabaseOptions {
  /** The busy timeout in milliseconds: how long a write waits for another connection's lock. */
  timeout?: number;
  enableForeignKeyConstraints?: boolean;
}

/** A driver module: `node:sqlite` or `@photostructure/sqlite`. */
export interface SqliteDriver {
  DatabaseSync: new (path: string, options?: DatabaseOptions) => SqliteDatabase;
}

/** Which driver was loaded, for messages and tests. */
export interface LoadedDriver {
  name: 'node:sqlite' | '@photostructure/sqlite';
  module: SqliteDriver;
}

const FALLBACK_PACKAGE = '@photostructure/sqlite';
let loaded: LoadedDriver | undefined;

/** Thrown when neither driver can be loaded; the message says what to install. */
export class SqliteDriverError extends MlflowAutologError {}

/**
 * The driver to use, loaded once: `node:sqlite` when this Node has it, else the fallback package.
 * Throws a {@link SqliteDriverError} naming what to install when neither is there.
 */
export function loadDriver(): LoadedDriver {
  loaded ??= loadBuiltin() ?? loadFallback();
  return loaded;
}

/** `node:sqlite`, or undefined on a Node without it (before 22.13 it needs a flag). */
export function loadBuiltin(): LoadedDriver | undefined {
  const emitWarning = process.emitWarning;
  // NB: Node 22 prints "ExperimentalWarning: SQLite is an experimental feature" when the module
  // loads; that one warning is dropped while it loads, every other passes through unchanged.
  process.emitWarning = function emitWarningExceptSqlite(this: unknown, warning: string | Error, ...rest: unknown[]) {
    const message = typeof warning === 'string' ? warning : warning?.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type ?? (warning as Error)?.name;
    if (type === 'ExperimentalWarning' && /\bSQLite\b/.test(String(message))) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return { name: 'node:sqlite', module: require('node:sqlite') as SqliteDriver };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_UNKNOWN_BUILTIN_MODULE' || code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `@photostructure/sqlite`, or a {@link SqliteDriverError} saying how to get a driver. */
export function loadFallback(): LoadedDriver {
  try {
    return { name: FALLBACK_PACKAGE, module: require(FALLBACK_PACKAGE) as SqliteDriver };
  } catch (error) {
    throw new SqliteDriverError(
      `A sqlite: tracking URI needs a SQLite driver: Node.js ${process.versions.node} has no node:sqlite ` +
        `(built in from Node.js 22.13), and the optional package ${FALLBACK_PACKAGE} could not be loaded ` +
        `(${(error as Error).message.split('\n')[0]}). Run \`npm install ${FALLBACK_PACKAGE}@1\`, or use Node.js 22.13 or later.`,
      { cause: error },
    );
  }
}
