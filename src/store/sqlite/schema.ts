/**
 * MLflow's schema in a SQLite file: creating a new database at the head revision this package
 * knows (with the rows MLflow's store adds on first open), and deciding whether an existing one
 * can be written. MLflow names the revision in `alembic_version`; between the 3.7 and 3.18 heads
 * only 3.10's `1b5f0d9ad7c1` changed a table written here (the `workspace` columns, which have a
 * default and are therefore never named), so one writer serves every head from 3.7 on.
 */
import { MlflowAutologError } from '../../errors';
import type { SqliteDatabase } from './driver';
import { HEAD_DDL, HEAD_REVISION, REVISION_CHAIN } from './schema-ddl';

/** The head revision of each MLflow minor release from 3.7 to the pinned 3.18. */
export const KNOWN_HEADS: Readonly<Record<string, string>> = {
  bf29a5ff90ea: '3.7',
  '1bd49d398cd23': '3.8',
  d3e4f5a6b7c8: '3.9',
  '1b5f0d9ad7c1': '3.10',
  c3d6457b6d8a: '3.11',
  '7d34483879f0': '3.12',
  da6fb0208061: '3.13',
  b7e4c1a90f23: '3.14',
  '6f8d9c3b2a1e': '3.15',
  b7e2c1a4d9f3: '3.16',
  dc11669786a5: '3.17',
  [HEAD_REVISION]: '3.18',
};

/** Every table and column this store writes (or reads), as in MLflow's models. */
export const REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  experiments: ['experiment_id', 'name', 'artifact_location', 'lifecycle_stage', 'creation_time', 'last_update_time'],
  experiment_tags: ['key', 'value', 'experiment_id'],
  runs: [
    'run_uuid', 'name', 'source_type', 'source_name', 'entry_point_name', 'user_id', 'status', 'start_time', 'end_time',
    'deleted_time', 'source_version', 'lifecycle_stage', 'artifact_uri', 'experiment_id',
  ],
  tags: ['key', 'value', 'run_uuid'],
  params: ['key', 'value', 'run_uuid'],
  metrics: ['key', 'value', 'timestamp', 'run_uuid', 'step', 'is_nan'],
  latest_metrics: ['key', 'value', 'timestamp', 'step', 'is_nan', 'run_uuid'],
  datasets: ['dataset_uuid', 'experiment_id', 'name', 'digest', 'dataset_source_type', 'dataset_source', 'dataset_schema', 'dataset_profile'],
  inputs: ['input_uuid', 'source_type', 'source_id', 'destination_type', 'destination_id'],
  input_tags: ['input_uuid', 'name', 'value'],
};

/** What differs between the schemas this store accepts. */
export interface SchemaShape {
  revision: string;
  /** `experiments.workspace` exists (3.10 on): names are unique per workspace, ours is 'default'. */
  workspaces: boolean;
  /** `inputs.step` exists: run outputs (logged models) can be recorded. */
  outputs: boolean;
}

/** The database cannot be used as it is; the message says what to run. */
export class SqliteSchemaError extends MlflowAutologError {}

/** A row of `PRAGMA table_info`. */
export interface ColumnInfo {
  name: string;
  notnull: number;
  dflt_value: string | null;
}

/** The columns of `table` (none when there is no such table), by name. */
export type ColumnReader = (table: string) => Map<string, ColumnInfo>;

function columns(db: SqliteDatabase, table: string): Map<string, ColumnInfo> {
  const rows = db.prepare(`PRAGMA table_info("${table}")`).all() as unknown as ColumnInfo[];
  return new Map(rows.map((c) => [c.name, c]));
}

/** What the database lacks of `required` ({@link REQUIRED_COLUMNS}), or a column we would have to name. */
export function missingColumns(read: ColumnReader, required: Readonly<Record<string, readonly string[]>> = REQUIRED_COLUMNS): string[] {
  const missing: string[] = [];
  for (const [table, names] of Object.entries(required)) {
    const found = read(table);
    if (found.size === 0) {
      missing.push(`table ${table}`);
      continue;
    }
    for (const name of names) if (!found.has(name)) missing.push(`${table}.${name}`);
    // NB: a NOT NULL column with no default that we do not know would reject every insert.
    for (const column of found.values()) {
      if (column.notnull && column.dflt_value === null && !names.includes(column.name)) missing.push(`${table}.${column.name} (no default)`);
    }
  }
  return missing;
}

/**
 * Creates MLflow's head schema in an empty database, or checks an existing one; either way
 * inserts experiment 0 when it is missing. Runs inside one `BEGIN IMMEDIATE` transaction, so
 * processes opening a new file at once create it once.
 */
export function prepareSchema(db: SqliteDatabase, location: string, defaultArtifactLocation: string): SchemaShape {
  db.exec('BEGIN IMMEDIATE');
  try {
    const objects = Number(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get()!.n);
    if (objects === 0) createHeadSchema(db);
    const shape = checkSchema(db, location);
    const exists = db.prepare('SELECT 1 AS x FROM experiments WHERE experiment_id = 0').get();
    if (!exists) {
      // NB: MLflow's store inserts experiment 0 on first open (`_create_default_experiment`);
      // `mlflow db upgrade` alone does not, so a database it made has none yet.
      const now = Date.now();
      db.prepare(
        'INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) ' +
          "VALUES (0, 'Default', ?, 'active', ?, ?) ON CONFLICT DO NOTHING",
      ).run(defaultArtifactLocation, now, now);
    }
    db.exec('COMMIT');
    return shape;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

function createHeadSchema(db: SqliteDatabase): void {
  for (const statement of HEAD_DDL) db.exec(statement);
  db.prepare('INSERT INTO alembic_version (version_num) VALUES (?)').run(HEAD_REVISION);
  // NB: the row MLflow's workspace migration adds; MLflow's own create writes it with this text.
  db.prepare('INSERT INTO workspaces (name, description) VALUES (?, ?)').run('default', 'Default workspace for legacy resources');
}

/**
 * The shape of an existing database, or a {@link SqliteSchemaError}: a revision older than 3.7's
 * head needs `mlflow db upgrade`; an unknown (newer) one is used only when it has every table and
 * column written here.
 */
export function checkSchema(db: SqliteDatabase, location: string): SchemaShape {
  if (columns(db, 'alembic_version').size === 0) {
    throw new SqliteSchemaError(
      `${location} is not an MLflow tracking database (it has tables but no alembic_version): point MLFLOW_TRACKING_URI at another file.`,
    );
  }
  const revision = db.prepare('SELECT version_num FROM alembic_version').get()?.version_num;
  if (typeof revision !== 'string') {
    throw new SqliteSchemaError(`${location} has an empty alembic_version table: run \`mlflow db upgrade sqlite:///${location}\` to repair it.`);
  }
  const missing = missingColumns((table) => columns(db, table));
  const position = REVISION_CHAIN.indexOf(revision);
  const oldestSupported = REVISION_CHAIN.indexOf('bf29a5ff90ea');
  if (position !== -1 && (position < oldestSupported || missing.length > 0)) {
    throw new SqliteSchemaError(
      `${location} is an MLflow database at the old schema revision ${revision}: take a backup, then run ` +
        `\`mlflow db upgrade sqlite:///${location}\` (any MLflow from 3.7 to 3.18) and log again.`,
    );
  }
  if (position === -1 && missing.length > 0) {
    throw new SqliteSchemaError(
      `${location} is at the MLflow schema revision ${revision}, newer than mlflow-autolog knows (up to ${HEAD_REVISION}, MLflow 3.18), ` +
        `and it changed what mlflow-autolog writes (${missing.slice(0, 5).join(', ')}): upgrade mlflow-autolog.`,
    );
  }
  const workspace = columns(db, 'experiments').get('workspace');
  return { revision, workspaces: workspace !== undefined, outputs: columns(db, 'inputs').has('step') };
}
