/**
 * The durable journal behind a tracking server: one append-only file of JSON lines per process,
 * in a folder per tracking URI. Everything the agent is asked to send is appended before it is
 * sent, and an `ack` line follows once the server has it; a journal whose records are all
 * acknowledged is deleted when the process ends. What a process leaves behind is replayed by the
 * next agent start or by `mlflow-autolog sync` (replay.ts).
 *
 * Form, chosen by measuring on this project's CI machines: an fdatasync per record costs about
 * 700 µs, far too much inside a training loop; lines buffered and written with one write (page
 * cache: survives the process being killed, SIGKILL included) cost about 7-13 µs a record. So a
 * record is buffered; the buffer is written when it is 50 ms old or 64 KiB large, checked at each
 * append (so a synchronous training loop that blocks the event loop still writes), and by a
 * timer that also fdatasyncs (surviving a machine crash) off the hot path, on libuv's thread pool:
 * the training's thread never waits for the disk (a millisecond here, more on a network disk, every
 * 200 ms). The exit hooks write what is left synchronously and fdatasync before closing.
 *
 * A journal that cannot be written gives one warning and logging goes on in memory.
 */
import { closeSync, fdatasync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { warn } from '../util/logger';
import { safeUri } from '../util/uri';
import { parseRecord, recordSize, type ArtifactRecord, type JournalRecord, type ModelRecord, type NewWork, type WorkRecord } from './records';

const WRITE_AFTER_MS = 50;
const WRITE_AFTER_BYTES = 64 * 1024;
const SYNC_EVERY_MS = 200;

/** The folder journals live in: `MLFLOW_AUTOLOG_JOURNAL_DIR`, else `~/.local/state/mlflow-autolog/journal`. */
export function journalRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLFLOW_AUTOLOG_JOURNAL_DIR) return env.MLFLOW_AUTOLOG_JOURNAL_DIR;
  const home = homedir();
  return home ? join(home, '.local', 'state', 'mlflow-autolog', 'journal') : join(tmpdir(), 'mlflow-autolog-journal');
}

/** The folder of one tracking URI's journals. */
export function journalDir(trackingUri: string, root = journalRoot()): string {
  const uri = safeUri(trackingUri);
  return join(root, createHash('sha256').update(uri).digest('hex').slice(0, 16));
}

/** True when a journal file (live or left behind) exists for `trackingUri`. */
export function hasJournals(trackingUri: string, root = journalRoot()): boolean {
  try {
    return readdirSync(journalDir(trackingUri, root)).some((name) => /\.jsonl(\.replay-\d+)?$/.test(name));
  } catch {
    return false;
  }
}

/** The name of a live journal: the writer's pid first, so replay can tell a dead writer. */
export function journalFileName(pid = process.pid): string {
  return `${pid}-${Date.now()}-${randomUUID().slice(0, 8)}.jsonl`;
}

export class Journal {
  /** The file, once opened; undefined in memory-only mode. */
  private fd: number | undefined;
  private buffer = '';
  private lastWrite = Date.now();
  private dirty = false;
  /** Set while an fdatasync runs on the thread pool (one at a time). */
  private syncing = false;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private failed = false;
  /** How many records are appended and not yet acknowledged (their bodies are in the file). */
  private unacked = 0;
  /** Unacknowledged records with staged files, removed once acknowledged. */
  private readonly staged = new Map<number, ArtifactRecord | ModelRecord>();

  private constructor(
    /** The journal file, or undefined when journaling is off (a local store) or failed. */
    readonly path: string | undefined,
    private readonly header: { trackingUri: string } | undefined,
  ) {}

  /** A journal in memory only (a local store needs none: it is written synchronously). */
  static memory(): Journal {
    return new Journal(undefined, undefined);
  }

  /** A journal file for `trackingUri` in its folder (created when the first record comes). */
  static forUri(trackingUri: string, root = journalRoot()): Journal {
    const dir = journalDir(trackingUri, root);
    return new Journal(join(dir, journalFileName()), { trackingUri: safeUri(trackingUri) });
  }

  /**
   * Takes over a journal an earlier process left (already claimed by renaming it): its records
   * not yet acknowledged are pending, and new acknowledgements are appended to the same file.
   */
  static adopt(path: string, records: JournalRecord[]): Journal {
    const journal = new Journal(path, undefined);
    const acked = ackedIds(records);
    for (const r of records) {
      if (r.t === 'ack' || r.t === 'rid') continue;
      journal.nextId = Math.max(journal.nextId, r.id + 1);
      if (acked.has(r.id)) continue;
      journal.unacked++;
      if (r.t === 'model' || r.t === 'artifact') journal.staged.set(r.id, r);
    }
    return journal;
  }

  /** The id the last appended record got (0 before any). */
  get lastId(): number {
    return this.nextId - 1;
  }

  /** Records appended and not yet acknowledged. */
  get pendingCount(): number {
    return this.unacked;
  }

  /**
   * Reads back the unacknowledged records from id `fromId` on, in order, up to `maxValues`
   * values (at least one record): how a sender that keeps only part of its queue in memory gets
   * the rest. `next` is the id to read from next time, undefined when nothing is left.
   */
  readUnacked(fromId: number, maxValues: number): { records: WorkRecord[]; next: number | undefined } {
    if (this.path === undefined) return { records: [], next: undefined };
    this.writeNow();
    const all = readFileSync(this.path, 'utf8').split('\n').map(parseRecord).filter((r): r is JournalRecord => r !== undefined);
    const acked = ackedIds(all);
    const records: WorkRecord[] = [];
    let values = 0;
    for (const r of all) {
      if (r.t === 'ack' || r.t === 'rid' || r.id < fromId || acked.has(r.id)) continue;
      if (records.length > 0 && values + recordSize(r) > maxValues) return { records, next: r.id };
      records.push(r);
      values += recordSize(r);
    }
    return { records, next: undefined };
  }

  /** Appends a record to send and returns it with its id. Never throws. */
  append(work: NewWork): WorkRecord {
    const record = { ...work, id: this.nextId++ } as WorkRecord;
    this.unacked++;
    if (record.t === 'model' || record.t === 'artifact') this.staged.set(record.id, record);
    this.write(record);
    return record;
  }

  /** Appends a record that is not work (the run id learned for a key). */
  note(record: JournalRecord): void {
    this.write(record);
  }

  /** Marks records as done: the server has them, or refused them for good. Their staged files go. */
  ack(ids: number[]): void {
    if (ids.length === 0) return;
    this.unacked -= ids.length;
    for (const id of ids) {
      const record = this.staged.get(id);
      if (!record) continue;
      this.staged.delete(id);
      removeQuietly(record.t === 'model' ? record.dir : record.file);
    }
    this.write({ t: 'ack', ids });
  }

  /**
   * A new empty folder to stage files in until they are sent (a model's folder, an artifact):
   * beside the journal file, so that replay finds them; in the temporary folder without a file.
   */
  stagingDir(): string {
    const parent = this.path ? `${this.path.replace(/\.replay-\d+$/, '')}.files` : join(tmpdir(), 'mlflow-autolog-staging');
    mkdirSync(parent, { recursive: true });
    return mkdtempSync(join(parent, 'f-'));
  }

  /** Writes what is buffered now, synchronously (the exit hooks call this). */
  writeNow(): void {
    if (this.buffer === '' || this.path === undefined || this.failed) return;
    const data = this.buffer;
    this.buffer = '';
    this.lastWrite = Date.now();
    try {
      if (this.fd === undefined) this.open();
      writeSync(this.fd!, data);
      this.dirty = true;
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Ends the journal: writes what is left and closes the file; deletes it when nothing is
   * pending. Resolves to the file left behind, if any.
   */
  close(): string | undefined {
    this.writeNow();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.fd !== undefined) {
      try {
        // NB: also when the timer's fdatasync is still queued: once the file is closed it would not run.
        if (this.dirty || this.syncing) fdatasyncSync(this.fd);
        closeSync(this.fd);
      } catch {
        // NB: the data is in the file already; a failed sync at exit changes nothing we can mend.
      }
      this.fd = undefined;
    }
    if (this.path === undefined || this.failed) return undefined;
    if (this.unacked <= 0) {
      try {
        unlinkSync(this.path);
      } catch {
        // never opened, or already gone
      }
      removeQuietly(`${this.path.replace(/\.replay-\d+$/, '')}.files`);
      return undefined;
    }
    return this.path;
  }

  private write(record: JournalRecord): void {
    if (this.path === undefined || this.failed) return;
    this.buffer += `${JSON.stringify(record)}\n`;
    if (this.buffer.length >= WRITE_AFTER_BYTES || Date.now() - this.lastWrite >= WRITE_AFTER_MS) this.writeNow();
    else this.startTimer();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.writeNow();
      if (!this.dirty || this.fd === undefined || this.syncing) return;
      this.dirty = false;
      this.syncing = true;
      // NB: an error leaves the lines in the page cache, written: only a machine crash could lose them now.
      fdatasync(this.fd, () => {
        this.syncing = false;
      });
    }, SYNC_EVERY_MS);
    // NB: the journal never keeps the process alive: the timer is unref'd, and an fdatasync in
    // flight holds the event loop only for its own duration (the exit's close would sync anyway).
    this.timer.unref();
  }

  private open(): void {
    const dir = this.path!.slice(0, this.path!.lastIndexOf('/'));
    mkdirSync(dir, { recursive: true });
    const target = join(dir, 'target.json');
    if (this.header && !readdirSync(dir).includes('target.json')) writeFileSync(target, `${JSON.stringify(this.header)}\n`);
    this.fd = openSync(this.path!, 'a', 0o600);
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.buffer = '';
    warn(`cannot write the journal ${this.path}; logging goes on in memory only (set MLFLOW_AUTOLOG_JOURNAL_DIR to a writable folder)`, error);
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // NB: a staged file left behind costs disk, not data.
  }
}

function ackedIds(records: JournalRecord[]): Set<number> {
  const acked = new Set<number>();
  for (const r of records) if (r.t === 'ack') for (const id of r.ids) acked.add(id);
  return acked;
}
