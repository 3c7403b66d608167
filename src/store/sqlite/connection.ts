/**
 * One connection to an MLflow SQLite database: opened with WAL and a long busy timeout (several
 * processes log into one file, and MLflow's UI may read it meanwhile), writes in `BEGIN IMMEDIATE`
 * transactions (so a writer waits for the lock up front instead of failing on a read-to-write
 * upgrade), and prepared statements kept for reuse.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadDriver, type LoadedDriver, type SqlRow, type SqliteDatabase, type SqliteStatement, type SqlValue } from './driver';
import { prepareSchema, type SchemaShape } from './schema';

/** How long a write waits for another process's lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 30_000;

/** The connections not yet closed; one exit listener closes them all, however many there are. */
const openConnections = new Set<Connection>();

/**
 * Closes every open connection at process exit: the last connection to a database folds its WAL
 * back into the file (else `mlflow.db-wal` outlives the process, and a copy of `mlflow.db` alone
 * misses the newest commits).
 */
function closeAllAtExit(): void {
  for (const connection of [...openConnections]) connection.close();
}

function isBusy(error: unknown): boolean {
  const { errcode, code, message } = error as { errcode?: number; code?: string; message?: string };
  return (errcode !== undefined && (errcode & 0xff) === 5) || code === 'SQLITE_BUSY' || /database is locked/.test(message ?? '');
}

/** Runs `step` until it passes without SQLITE_BUSY, waiting (blocking, as every call here does) up to the busy timeout. */
function whileBusy(step: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      step();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

export class Connection {
  private readonly statements = new Map<string, SqliteStatement>();
  private inTransaction = false;

  private constructor(
    private readonly db: SqliteDatabase,
    readonly shape: SchemaShape,
    readonly driver: LoadedDriver['name'],
  ) {
    if (openConnections.size === 0) process.once('exit', closeAllAtExit);
    openConnections.add(this);
  }

  /**
   * Opens (creating if needed) the database at `path`, makes sure it holds MLflow's schema and
   * experiment 0 (with `defaultArtifactLocation`), and returns the connection.
   */
  static open(path: string, defaultArtifactLocation: string, driver: LoadedDriver = loadDriver()): Connection {
    mkdirSync(dirname(path), { recursive: true });
    const db = new driver.module.DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
    try {
      // NB: MLflow itself leaves the journal mode alone, but reads WAL databases (its own
      // `migrate-filestore` writes them); WAL lets readers and one writer work at the same time.
      // NB: SQLite does not call the busy handler for the lock switching to WAL takes (nor while
      // another connection recovers the WAL), so several processes opening one new file at once
      // could get SQLITE_BUSY here despite the timeout: wait and try again until it passes.
      whileBusy(() => {
        if (String(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toLowerCase() !== 'wal') db.exec('PRAGMA journal_mode = WAL');
      });
      db.exec('PRAGMA foreign_keys = ON');
      const shape = prepareSchema(db, path, defaultArtifactLocation);
      return new Connection(db, shape, driver.name);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private statement(sql: string): SqliteStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get(sql: string, ...params: SqlValue[]): SqlRow | undefined {
    return this.statement(sql).get(...params);
  }

  all(sql: string, ...params: SqlValue[]): SqlRow[] {
    return this.statement(sql).all(...params);
  }

  run(sql: string, ...params: SqlValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  /** The rowid `sql` (an INSERT) gave its row. */
  insert(sql: string, ...params: SqlValue[]): number {
    return Number(this.statement(sql).run(...params).lastInsertRowid);
  }

  /**
   * Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back
   * when it throws (so a refused batch leaves nothing behind). `body` must be synchronous.
   */
  write<T>(body: () => T): T {
    if (this.inTransaction) return body();
    this.db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    try {
      const result = body();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      // NB: SQLite may have rolled back already (on SQLITE_FULL, say); the first error is the one to see.
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // nothing was left open
      }
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  close(): void {
    openConnections.delete(this);
    if (openConnections.size === 0) process.removeListener('exit', closeAllAtExit);
    this.statements.clear();
    try {
      this.db.close();
    } catch {
      // already closed
    }
  }
}
