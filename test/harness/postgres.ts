/**
 * Starts a throwaway PostgreSQL 15 cluster from Debian's packages (`postgresql-15`): `initdb` in a
 * temporary folder, `postgres` on a free loopback port, one database for MLflow; stopped with
 * `pg_ctl stop -m fast` and the folder removed. PostgreSQL refuses to run as root, so under root
 * the cluster belongs to Debian's `postgres` system user (created by the package).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './mlflow-server';
import { notInUnitTier } from './python';

const run = promisify(execFile);
/** Where Debian's postgresql-15 package puts the server binaries (they are not on PATH). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';
const USER = 'mlflow';
const DATABASE = 'mlflow';

/** A running cluster. */
export interface Postgres {
  /** `postgresql://mlflow@127.0.0.1:PORT/mlflow`, as libpq (`psql`, psycopg2) takes it. */
  url: string;
  /**
   * `postgresql+psycopg2://mlflow@127.0.0.1:PORT/mlflow`, for `mlflow server --backend-store-uri`.
   * NB: SQLAlchemy 2.1 made psycopg 3 the driver of a bare `postgresql://`; the test set-up
   * installs psycopg2-binary, so the driver is named.
   */
  backendStoreUri: string;
  port: number;
  /** The temporary folder (data directory, socket, log); removed by {@link Postgres.stop}. */
  dir: string;
  /** The postmaster's process id. */
  readonly pid: number | undefined;
  /** Runs SQL with `psql` on the database and resolves to its unaligned output (`|` between columns). */
  psql(sql: string): Promise<string>;
  stop(): Promise<void>;
}

/** Options of {@link startPostgres}. */
export interface PostgresOptions {
  /**
   * The server's connection limit. @default 200: 4 MLflow workers each hold a SQLAlchemy pool of
   * up to 15 connections (5 + 10 overflow) per store (tracking, registry, jobs, workspaces), plus
   * the `mlflow server` parent that created the schema and the test's own `psql`.
   */
  maxConnections?: number;
  /** How long to wait for the server to accept connections, in ms. @default 60,000 */
  timeoutMs?: number;
}

/** The unprivileged user the cluster runs as: this one, or Debian's `postgres` under root. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      "PostgreSQL refuses to run as root, and there is no 'postgres' user to run it as: install Debian's postgresql package " +
        '(apt-get install postgresql, or scripts/install-system-deps.sh), which creates that user.',
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts a cluster and resolves once its database accepts connections. Call `stop()` when done;
 * the cluster is also killed (and its folder removed) if this process exits first.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres> {
  notInUnitTier('PostgreSQL');
  for (const binary of ['initdb', 'postgres', 'pg_ctl', 'psql']) {
    if (!existsSync(join(PG_BIN, binary))) {
      throw new Error(
        `${join(PG_BIN, binary)} is missing: the tests need PostgreSQL 15 from Debian's postgresql-15 package ` +
          '(apt-get install postgresql, which installs it on Debian 12; scripts/install-system-deps.sh does so).',
      );
    }
  }
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-pg-'));
  // NB: initdb and postgres check that the data directory's parent is theirs, and the socket goes here too.
  if (user) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  const asUser = { ...user, cwd: dir, env: { PATH: `${PG_BIN}:/usr/bin:/bin`, LANG: 'C', LC_ALL: 'C' } };
  const data = join(dir, 'data');
  let child: ChildProcess | undefined;
  const cleanUp = () => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  try {
    // NB: trust authentication is safe here only because the server listens on 127.0.0.1 and its
    // socket folder is private to the cluster's user. --no-sync: a throwaway cluster.
    await run(join(PG_BIN, 'initdb'), ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], asUser).catch(
      (error: { stderr?: string; message: string }) => {
        const as = user ? "as the 'postgres' user, who must be able to reach it" : 'as this user';
        throw new Error(`initdb of a cluster in ${data} (${as}) failed: ${error.stderr || error.message}`);
      },
    );
    const port = await freePort();
    const settings = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: dir,
      max_connections: String(options.maxConnections ?? 200),
      // NB: fsync=off is acceptable for a test cluster only: a crash of the machine could corrupt
      // it, and it is thrown away after the test anyway. "Durable" in the tests means committed.
      fsync: 'off',
    };
    child = spawn(join(PG_BIN, 'postgres'), ['-D', data, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])], {
      ...asUser,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await acceptsConnections(child, options.timeoutMs ?? 60_000);
    const psqlArgs = (db: string) => ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', db];
    const psql = async (sql: string, db = DATABASE): Promise<string> => {
      try {
        const { stdout } = await run(join(PG_BIN, 'psql'), [...psqlArgs(db), '-A', '-t', '-c', sql], { maxBuffer: 256 * 1024 * 1024 });
        return stdout;
      } catch (error) {
        const e = error as { stderr?: string; message: string };
        throw new Error(`psql failed on ${JSON.stringify(sql.slice(0, 200))}: ${e.stderr || e.message}`);
      }
    };
    await psql(`CREATE DATABASE ${DATABASE}`, 'postgres');
    const started = child;
    return {
      url: `postgresql://${USER}@127.0.0.1:${port}/${DATABASE}`,
      backendStoreUri: `postgresql+psycopg2://${USER}@127.0.0.1:${port}/${DATABASE}`,
      port,
      dir,
      get pid() {
        return started.pid;
      },
      psql: (sql) => psql(sql),
      async stop() {
        process.removeListener('exit', cleanUp);
        if (started.exitCode === null && started.signalCode === null) {
          const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
          await run(join(PG_BIN, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30'], asUser).catch(() => started.kill('SIGKILL'));
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', cleanUp);
    cleanUp();
    throw error;
  }
}

/** Resolves when the server logs that it accepts connections; rejects if it exits or the time runs out. */
function acceptsConnections(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      // NB: the postmaster's own message once recovery is done and backends may start (lc_messages is C).
      if (output.includes('database system is ready to accept connections')) finish();
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`postgres exited (${signal ?? code}) before accepting connections:\n${output}`));
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    function finish(error?: Error) {
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      // NB: keep reading: a full pipe would block the server's later log writes.
      child.stderr!.removeListener('data', onData);
      child.stderr!.resume();
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve();
    }
  });
}
