/**
 * `mlflow-autolog runs list` and `runs show <run id>`: the runs of a tracking server or a local
 * store, as a table on a terminal or, with `--json`, as MLflow's own client gives them
 * (`Run.to_dictionary()`, what `mlflow runs describe` prints: snake_case keys, params, metrics and
 * tags as maps), so that scripts read the same fields from either tool.
 */
import type { Command } from 'commander';
import { MlflowAutologError } from '../../errors';
import type { LoggedModel, ModelVersion } from '../../store/model-store';
import type { Experiment, Metric, Run } from '../../store/types';
import type { MlflowClient } from '../../tracking/client';
import { openStore, orNotFound, TRACKING_URI_FLAGS, TRACKING_URI_HELP } from '../store';
import { formatDuration, formatTable, formatTime, printable } from '../table';
import { UsageError } from '../usage';

/** MLflow's `SEARCH_MAX_RESULTS_DEFAULT`: what `mlflow runs list` shows at most. */
const DEFAULT_MAX_RESULTS = 1000;
/** MLflow's `SEARCH_MAX_RESULTS_THRESHOLD`: the most one search request may ask for. */
const MAX_PAGE = 50_000;

interface ListFlags {
  experimentName?: string;
  experimentId?: string;
  maxResults: number;
  json?: boolean;
  trackingUri?: string;
}

interface ShowFlags {
  json?: boolean;
  trackingUri?: string;
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--max-results must be a whole number of at least 1; got "${value}".`);
  return Number(value);
}

export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .summary('list and show the runs of a tracking server or a local store')
    .description(
      'list and show runs, their params, metrics, tags and logged models, from a tracking server (MLFLOW_TRACKING_URI or ' +
        '--tracking-uri) or a local store (./mlflow.db by default, as MLflow); a table on a terminal, MLflow\'s JSON with --json',
    );
  runs
    .command('list')
    .description('list the runs of an experiment, newest first')
    .option('--experiment-name <name>', 'the experiment (default: MLFLOW_EXPERIMENT_NAME or MLFLOW_EXPERIMENT_ID, else Default)')
    .option('--experiment-id <id>', 'the experiment, by id')
    .option('--max-results <n>', `show at most n runs (default ${DEFAULT_MAX_RESULTS}, as MLflow)`, positiveInteger, DEFAULT_MAX_RESULTS)
    .option('--json', 'print a JSON array of runs as MLflow\'s Run.to_dictionary() gives them')
    .option(TRACKING_URI_FLAGS, TRACKING_URI_HELP)
    .action(async (flags: ListFlags) => {
      await list(flags);
    });
  runs
    .command('show')
    .description('show one run: its info, params, latest metrics, tags, datasets and the logged models it output')
    .argument('<run id>', 'the run')
    .option('--json', 'print the run as MLflow\'s Run.to_dictionary() (what `mlflow runs describe` prints), with its logged models')
    .option(TRACKING_URI_FLAGS, TRACKING_URI_HELP)
    .action(async (runId: string, flags: ShowFlags) => {
      await show(runId, flags);
    });
}

// ---- list ----

async function list(flags: ListFlags): Promise<void> {
  if (flags.experimentName !== undefined && flags.experimentId !== undefined) {
    throw new UsageError('Give --experiment-name or --experiment-id, not both.');
  }
  const client = openStore(flags.trackingUri);
  const experiment = await findExperiment(client, flags);
  const search = (maxResults: number, pageToken?: string) => client.searchRuns({ experimentIds: [experiment.experimentId], maxResults, pageToken });
  const found: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = await search(Math.min(MAX_PAGE, flags.maxResults - found.length), pageToken);
    found.push(...page.runs);
    pageToken = page.runs.length > 0 ? page.nextPageToken : undefined;
  } while (pageToken !== undefined && found.length < flags.maxResults);
  // NB: MLflow's stores give a page token only when more runs follow (they read one past the page).
  const more = pageToken !== undefined;

  if (flags.json) {
    process.stdout.write(`${JSON.stringify(found.map(runDictionary), null, 2)}\n`);
    return;
  }
  const where = `experiment ${JSON.stringify(experiment.name)} (id ${experiment.experimentId}) in ${client.trackingUri}`;
  if (found.length === 0) {
    const chosen = flags.experimentId ?? flags.experimentName ?? client.config.experimentId ?? client.config.experimentName;
    process.stdout.write(`No runs in ${where}.${chosen === undefined ? ' Give --experiment-name to list another experiment.' : ''}\n`);
    return;
  }
  const rows = found.map((run) => [
    formatTime(run.info.startTime),
    run.info.runName,
    run.info.runId,
    run.info.status,
    formatDuration(run.info.endTime !== undefined ? run.info.endTime - run.info.startTime : undefined),
  ]);
  process.stdout.write(`${formatTable(['Date', 'Name', 'ID', 'Status', 'Duration'], rows, { maxWidth: terminalWidth(), keep: [2] })}\n`);
  const shown = `${found.length} run(s) of ${where}`;
  process.stdout.write(more ? `\n${shown}, the newest; --max-results shows more.\n` : `\n${shown}.\n`);
}

/** The experiment the flags name; else MLFLOW_EXPERIMENT_ID or _NAME, as the agent picks them; else MLflow's Default. */
async function findExperiment(client: MlflowClient, flags: ListFlags): Promise<Experiment> {
  const { experimentId, experimentName } = client.config;
  if (flags.experimentId !== undefined) return experimentById(client, flags.experimentId);
  if (flags.experimentName !== undefined) return experimentByName(client, flags.experimentName);
  if (experimentId !== undefined) return experimentById(client, experimentId);
  if (experimentName !== undefined) return experimentByName(client, experimentName);
  return experimentById(client, '0');
}

function experimentById(client: MlflowClient, id: string): Promise<Experiment> {
  return orNotFound(client, `The experiment with id ${JSON.stringify(id)}`, 'check the id and the tracking URI, or give --experiment-name', () =>
    client.getExperiment(id),
  );
}

async function experimentByName(client: MlflowClient, name: string): Promise<Experiment> {
  const experiment = await client.getExperimentByName(name);
  if (!experiment) {
    throw new MlflowAutologError(`No experiment is named ${JSON.stringify(name)} in ${client.trackingUri}; check the name and the tracking URI, or give --experiment-id.`);
  }
  return experiment;
}

// ---- show ----

/** A logged model the run output, with the registered versions made from it. */
interface OutputModel {
  model: LoggedModel;
  step: number;
  registrations: { name: string; version: string }[];
}

async function show(runId: string, flags: ShowFlags): Promise<void> {
  const client = openStore(flags.trackingUri);
  const run = await orNotFound(client, `The run ${JSON.stringify(runId)}`, 'check the id (`mlflow-autolog runs list` shows them) and the tracking URI', () =>
    client.getRun(runId),
  );
  const models = await outputModels(client, run);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...runDictionary(run), logged_models: models.map(loggedModelDictionary) }, null, 2)}\n`);
    return;
  }
  const experiment = await client.getExperiment(run.info.experimentId).catch(() => undefined);
  process.stdout.write(describeRun(run, experiment, models, terminalWidth()));
}

/** The run's output models, read from the model store (none in a file store, which keeps none). */
async function outputModels(client: MlflowClient, run: Run): Promise<OutputModel[]> {
  if (!client.hasModelStore || run.outputs.modelOutputs.length === 0) return [];
  const out: OutputModel[] = [];
  for (const { modelId, step } of run.outputs.modelOutputs) {
    const model = await client.getLoggedModel(modelId);
    const versions: ModelVersion[] = await client.findModelVersionsOf(modelId);
    const registrations = versions
      .map((v) => ({ name: v.name, version: String(v.version) }))
      .sort((a, b) => a.name.localeCompare(b.name) || Number(a.version) - Number(b.version));
    out.push({ model, step: step ?? 0, registrations });
  }
  return out;
}

function describeRun(run: Run, experiment: Experiment | undefined, models: OutputModel[], maxWidth: number | undefined): string {
  const { info, data } = run;
  const sections: string[] = [];
  const fields: [string, string][] = [
    ['Run', info.runId],
    ['Name', info.runName],
    ['Experiment', experiment ? `${experiment.name} (id ${info.experimentId})` : info.experimentId],
    ['Status', info.status],
    ['Start', formatTime(info.startTime)],
    ['End', info.endTime !== undefined ? `${formatTime(info.endTime)} (${formatDuration(info.endTime - info.startTime)})` : ''],
    ['User', info.userId],
    ['Artifacts', info.artifactUri],
  ];
  if (info.lifecycleStage !== 'active') fields.push(['Lifecycle', info.lifecycleStage]);
  const label = Math.max(...fields.map(([k]) => k.length));
  sections.push(fields.map(([k, v]) => `${`${k}:`.padEnd(label + 2)}${printable(v)}`.trimEnd()).join('\n'));

  const byKey = <T extends { key: string }>(items: T[]) => [...items].sort((a, b) => a.key.localeCompare(b.key));
  const table = (title: string, headers: string[], rows: unknown[][]) =>
    rows.length > 0 ? `${title} (${rows.length})\n${formatTable(headers, rows, { maxWidth, keep: [0] })}` : `${title}: none`;
  sections.push(table('Params', ['Key', 'Value'], byKey(data.params).map((p) => [p.key, p.value])));
  sections.push(
    table('Metrics', ['Key', 'Value', 'Step', 'Time'], byKey(data.metrics).map((m) => [m.key, metricValue(m.value), m.step, formatTime(m.timestamp)])),
  );
  sections.push(table('Tags', ['Key', 'Value'], byKey(data.tags).map((t) => [t.key, t.value])));
  if (run.inputs.datasetInputs.length > 0) {
    sections.push(
      table(
        'Datasets',
        ['Name', 'Digest', 'Context', 'Source type'],
        run.inputs.datasetInputs.map((d) => [d.dataset.name, d.dataset.digest, d.tags.find((t) => t.key === 'mlflow.data.context')?.value ?? '', d.dataset.sourceType]),
      ),
    );
  }
  sections.push(
    table(
      'Logged models',
      ['ID', 'Name', 'Status', 'Step', 'Registered as'],
      models.map(({ model, step, registrations }) => [
        model.info.model_id,
        model.info.name,
        model.info.status.replace(/^LOGGED_MODEL_/, ''),
        step,
        registrations.map((r) => `${r.name} v${r.version}`).join(', '),
      ]),
    ),
  );
  return `${sections.join('\n\n')}\n`;
}

function metricValue(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
}

/** The terminal's width when stdout is one; tables are not cut for a pipe or a file. */
function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
}

// ---- JSON, in MLflow's shapes ----

/** NaN and ±Infinity as MLflow's REST JSON writes them: JSON has no literal for them. */
function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : metricValue(value);
}

const toMap = (items: { key: string; value: string }[]) => Object.fromEntries(items.map((t) => [t.key, t.value]));

/**
 * A run as MLflow's `Run.to_dictionary()` gives it (`mlflow/entities/run.py`): `info` with
 * snake_case keys, `data` with the latest value of each metric and params and tags as maps,
 * `inputs` and `outputs`.
 */
export function runDictionary(run: Run): Record<string, unknown> {
  const { info, data } = run;
  return {
    info: {
      artifact_uri: info.artifactUri,
      end_time: info.endTime ?? null,
      experiment_id: info.experimentId,
      lifecycle_stage: info.lifecycleStage,
      run_id: info.runId,
      run_name: info.runName,
      start_time: info.startTime,
      status: info.status,
      user_id: info.userId,
    },
    data: {
      metrics: Object.fromEntries(data.metrics.map((m: Metric) => [m.key, jsonNumber(m.value)])),
      params: toMap(data.params),
      tags: toMap(data.tags),
    },
    inputs: {
      // NB: MLflow's to_dictionary() puts LoggedModelInput objects here (json.dumps fails on them); their one field is the id.
      model_inputs: run.inputs.modelInputs.map((m) => ({ model_id: m.modelId })),
      dataset_inputs: run.inputs.datasetInputs.map((d) => ({
        dataset: {
          name: d.dataset.name,
          digest: d.dataset.digest,
          source_type: d.dataset.sourceType,
          source: d.dataset.source,
          schema: d.dataset.schema ?? null,
          profile: d.dataset.profile ?? null,
        },
        tags: toMap(d.tags),
      })),
    },
    outputs: { model_outputs: run.outputs.modelOutputs.map((m) => ({ model_id: m.modelId, step: m.step ?? 0 })) },
  };
}

/**
 * A logged model with the fields of MLflow's `LoggedModel.to_dictionary()`
 * (`mlflow/entities/logged_model.py`), its status spelled as in the REST JSON
 * (`LOGGED_MODEL_READY`, where to_dictionary() gives the enum's number), plus the run output's
 * step and the registered versions made from it.
 */
function loggedModelDictionary({ model, step, registrations }: OutputModel): Record<string, unknown> {
  const { info, data } = model;
  return {
    model_id: info.model_id,
    name: info.name,
    experiment_id: info.experiment_id,
    source_run_id: info.source_run_id ?? null,
    status: info.status,
    status_message: info.status_message ?? null,
    model_type: info.model_type ?? null,
    artifact_location: info.artifact_uri,
    creation_timestamp: info.creation_timestamp_ms ?? null,
    last_updated_timestamp: info.last_updated_timestamp_ms ?? null,
    tags: toMap(info.tags ?? []),
    params: toMap(data?.params ?? []),
    step,
    registrations,
  };
}
