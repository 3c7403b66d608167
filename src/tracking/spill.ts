/**
 * The sender's memory bound: past a limit of values queued (a server silent for long), new
 * records live only in the journal file — in order: once one is there, every later one is too —
 * and are read back from it as the queue drains. Without a journal file nothing spills.
 */
import type { Journal } from '../journal/journal';
import { recordSize, type WorkRecord } from '../journal/records';

/** MLFLOW_AUTOLOG_MAX_QUEUED_VALUES, else 100,000. */
function limitFromEnv(): number {
  const value = Number(process.env.MLFLOW_AUTOLOG_MAX_QUEUED_VALUES);
  return Number.isInteger(value) && value > 0 ? value : 100_000;
}

/** What the sender's queue left in the journal file, and reading it back. */
export class JournalSpill {
  /** Values kept in memory at most. */
  private readonly limit: number;
  /** While set: records from this id on are only in the journal file. */
  private from: number | undefined;
  private inFile = 0;

  constructor(
    private readonly journal: Journal,
    limit?: number,
  ) {
    this.limit = limit ?? limitFromEnv();
  }

  /** Values only in the file (an estimate while reading back: records are sized as they are read). */
  get values(): number {
    return this.inFile;
  }

  /** True while records up to `id` may be only in the file. */
  holdsUpTo(id: number): boolean {
    return this.from !== undefined && this.from <= id;
  }

  /** Whether a record of `size` values stays in the file only, with `queued` values in memory. */
  keep(record: WorkRecord, size: number, queued: number): boolean {
    if (this.journal.path === undefined || (this.from === undefined && queued + size <= this.limit)) return false;
    this.from ??= record.id;
    this.inFile += size;
    return true;
  }

  /** Replay: every record of the journal not acknowledged is to be read back. */
  readAll(): void {
    this.from = 0;
    this.inFile = 0;
  }

  /** The records that fit in memory again, with `queued` values there, in journal order. */
  readBack(queued: number): WorkRecord[] {
    if (this.from === undefined || queued > this.limit / 2) return [];
    const { records, next } = this.journal.readUnacked(this.from, this.limit - queued);
    this.from = next;
    for (const record of records) this.inFile = Math.max(0, this.inFile - recordSize(record));
    if (next === undefined) this.inFile = 0;
    return records;
  }
}
