/**
 * `mlflow-autolog artifacts download -u <artifact uri> | -r <run id> [-a <path>] [-d <dir>]`, as
 * MLflow's `mlflow artifacts download` (`mlflow/store/artifact/cli.py`): `runs:/`, `models:/`,
 * `mlflow-artifacts:/`, `file:` URIs and local paths, from a tracking server or a local store.
 * Prints the local path of what was downloaded (and nothing else) on stdout; a progress bar on a
 * terminal, one line per file otherwise, on stderr. Every file lands inside the destination folder.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MlflowAutologError } from '../../errors';
import { checkArtifactPath } from '../../artifacts/artifact-path';
import type { ArtifactRepository, DownloadProgress } from '../../artifacts/types';
import type { MlflowClient } from '../../tracking/client';
import { containedPath, isInside } from '../../util/paths';
import { openStore, orNotFound, TRACKING_URI_FLAGS, TRACKING_URI_HELP } from '../store';
import { formatBytes } from '../table';
import { UsageError } from '../usage';

interface DownloadFlags {
  artifactUri?: string;
  runId?: string;
  artifactPath?: string;
  path?: string;
  dstPath?: string;
  trackingUri?: string;
}

const URI_FORMS =
  'runs:/<run_id>/<path>, models:/<name>/<version>[/<path>], models:/<name>/latest, models:/<name>@<alias>[/<path>], models:/<model_id>, ' +
  'mlflow-artifacts:/<path>, file:///<path> or a local path';

export function registerArtifacts(program: Command): void {
  const artifacts = program
    .command('artifacts')
    .summary('download the artifacts of runs and models')
    .description('download artifacts from a tracking server (MLFLOW_TRACKING_URI or --tracking-uri) or a local store, as `mlflow artifacts` does');
  artifacts
    .command('download')
    .description(
      'download an artifact file or folder into a local folder and print its local path; give --artifact-uri, or --run-id ' +
        '(with --artifact-path for part of the run\'s artifacts). A runs:/ path that is not among the run\'s artifacts names a ' +
        'logged model of the run, as in MLflow 3',
    )
    .option('-u, --artifact-uri <uri>', `what to download: ${URI_FORMS}`)
    .option('-r, --run-id <run id>', 'the run whose artifacts to download')
    .option('-a, --artifact-path <path>', 'with --run-id: a file or folder inside the run\'s artifacts')
    .option('-p, --path <path>', 'the same as --artifact-path')
    .option('-d, --dst-path <dir>', 'the local folder to download into, created if missing (default: a new temporary folder)')
    .option(TRACKING_URI_FLAGS, TRACKING_URI_HELP)
    .action(async (flags: DownloadFlags) => {
      await download(flags);
    });
}

/** What to download: a path (the root when undefined) of a repository, into a local folder. */
interface Source {
  repository: ArtifactRepository;
  path?: string;
  /** The folder given to the repository: `path` lands at `<dest>/<path>`. */
  dest: string;
}

/** What a download holds, from a walk of the listing: the bar's total. */
interface Plan {
  files: number;
  /** Undefined when a listing gave no sizes. */
  bytes?: number;
  /** The path is an empty folder: there is nothing to fetch, only a folder to make. */
  emptyDir?: boolean;
}

async function download(flags: DownloadFlags): Promise<void> {
  const artifactPath = checkFlags(flags);
  const client = openStore(flags.trackingUri);
  // NB: the folder is made once the source is found: a wrong URI leaves nothing behind.
  const dst = flags.dstPath !== undefined ? resolve(flags.dstPath) : join(tmpdir(), `mlflow-autolog-artifacts-${randomUUID()}`);
  const uri = flags.artifactUri ?? (artifactPath !== undefined ? `runs:/${flags.runId}/${artifactPath}` : undefined);
  const { source, plan } = uri === undefined ? await wholeRun(client, flags.runId!, dst) : await resolveUri(client, uri, dst);
  // NB: a folder of our own in the temp dir is private, as tempfile.mkdtemp makes MLflow's.
  mkdirSync(dst, { recursive: true, mode: flags.dstPath === undefined ? 0o700 : undefined });
  mkdirSync(source.dest, { recursive: true });

  let local: string;
  if (plan.emptyDir) {
    local = containedPath(source.dest, source.path ?? '.', 'the artifact path');
    mkdirSync(local, { recursive: true });
  } else {
    const progress = progressDisplay(process.stderr, plan);
    let finished = false;
    try {
      local = await source.repository.downloadArtifacts(source.path, source.dest, { onProgress: (p) => progress.update(p) });
      finished = true;
    } finally {
      progress.stop(finished);
    }
    if (plan.files === 0) process.stderr.write(`mlflow-autolog: there are no artifacts at ${uri ?? `run ${flags.runId}`}; ${local} is empty.\n`);
  }
  // NB: the repositories contain every path they write; this is the last word on it.
  if (!isInside(dst, resolve(local))) throw new MlflowAutologError(`Refusing the download: it resolved to ${local}, outside ${dst}.`);
  process.stdout.write(`${local}\n`);
}

/** The flags' combination, checked as MLflow's download_artifacts() checks it; resolves to the run's artifact path, if any. */
function checkFlags(flags: DownloadFlags): string | undefined {
  if (flags.artifactPath !== undefined && flags.path !== undefined && flags.artifactPath !== flags.path) {
    throw new UsageError('--artifact-path and --path are the same option; give one.');
  }
  const artifactPath = flags.artifactPath ?? flags.path;
  if (flags.artifactUri !== undefined && (flags.runId !== undefined || artifactPath !== undefined)) {
    // NB: MLflow's CLI silently drops --run-id and --artifact-path here; its Python API refuses, and so do we.
    throw new UsageError('Give --artifact-uri, or --run-id (with --artifact-path), not both.');
  }
  if (artifactPath !== undefined && flags.runId === undefined) {
    throw new UsageError('--artifact-path is a path inside a run\'s artifacts: give --run-id too (or a runs:/<run_id>/<path> --artifact-uri).');
  }
  if (flags.artifactUri === undefined && flags.runId === undefined) {
    throw new UsageError(`Give what to download: --artifact-uri (${URI_FORMS}) or --run-id.`);
  }
  if (flags.artifactUri !== undefined && flags.artifactUri.trim() === '') throw new UsageError('--artifact-uri is empty.');
  return artifactPath === undefined ? undefined : checkArtifactPath(artifactPath) || undefined;
}

async function resolveUri(client: MlflowClient, uri: string, dst: string): Promise<{ source: Source; plan: Plan }> {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme.length === 1 || scheme === 'file') return localPath(uri, dst);
  if (scheme === 'runs') {
    const match = /^runs:\/+([^/]+)\/?(.*)$/i.exec(uri);
    if (!match) throw new UsageError(`Cannot read the artifact URI "${uri}": expected runs:/<run_id>/<path>.`);
    const path = checkArtifactPath(match[2]!);
    return path === '' ? wholeRun(client, match[1]!, dst) : runPath(client, match[1]!, path, uri, dst);
  }
  if (scheme === 'models') return modelPath(client, uri, dst);
  if (scheme === 'mlflow-artifacts') return proxiedPath(client, uri, dst);
  throw new UsageError(
    `Cannot download "${uri}": mlflow-autolog reads ${URI_FORMS}. For a "${scheme}:" store, download through the tracking server ` +
      '(runs:/ or models:/ with MLFLOW_TRACKING_URI set), which proxies it.',
  );
}

// ---- the kinds of URI ----

/** Every artifact of a run, into `dst` itself (as MLflow's download of a run without a path). */
async function wholeRun(client: MlflowClient, runId: string, dst: string): Promise<{ source: Source; plan: Plan }> {
  const run = await getRun(client, runId);
  const repository = client.artifactRepositoryForUri(run.info.artifactUri);
  return { source: { repository, dest: dst }, plan: (await plan(repository, undefined))! };
}

/**
 * `runs:/<run_id>/<path>`: the last part of `path` lands in `dst` (MLflow splits the URI at its
 * last `/`, `_get_root_uri_and_artifact_path`); a path that is not among the run's artifacts
 * names a logged model of the run whose files land in `dst/<model name>` (MLflow 3's
 * `RunsArtifactRepository._download_model_artifacts`).
 */
async function runPath(client: MlflowClient, runId: string, path: string, uri: string, dst: string): Promise<{ source: Source; plan: Plan }> {
  const run = await getRun(client, runId);
  const repository = client.artifactRepositoryForUri(joinUri(run.info.artifactUri, dirname(path) === '.' ? '' : dirname(path)));
  const found = await plan(repository, basename(path));
  if (found) return { source: { repository, path: basename(path), dest: dst }, plan: found };

  const [name, ...rest] = path.split('/') as [string, ...string[]];
  if (client.hasModelStore) {
    // NB: as MLflow finds it: the experiment's logged model of that name whose source run is this one.
    const model = (await client.listLoggedModels([run.info.experimentId])).find((m) => m.info.name === name && m.info.source_run_id === runId);
    if (model) {
      const modelRepository = client.artifactRepositoryForUri(model.info.artifact_uri);
      const inside = rest.join('/') || undefined;
      const modelPlan = await plan(modelRepository, inside);
      if (!modelPlan) throw new MlflowAutologError(`The logged model "${name}" (${model.info.model_id}) of run ${runId} has no "${inside}".`);
      const dest = containedPath(dst, name, 'the logged model name');
      return { source: { repository: modelRepository, path: inside, dest }, plan: modelPlan };
    }
  }
  throw new MlflowAutologError(
    `Nothing at ${uri}: run ${runId} has no artifact "${path}"${client.hasModelStore ? ` and output no logged model named "${name}"` : ''}. ` +
      `\`mlflow-autolog runs show ${runId}\` shows its logged models.`,
  );
}

/** `models:/<name>/<version>[/<path>]`, `models:/<name>@<alias>[/<path>]`, `models:/<model_id>`: into `dst` (MLflow's `split_models_uri`). */
async function modelPath(client: MlflowClient, uri: string, dst: string): Promise<{ source: Source; plan: Plan }> {
  if (/^models:\/\//i.test(uri)) throw new UsageError(`Cannot download "${uri}": models:// with a host is Databricks' form; use models:/<name>/<version>.`);
  const parts = uri.replace(/\/+$/, '').slice('models:'.length).split('/');
  const cut = parts.length >= 3 && !parts[1]!.includes('@') ? 3 : 2;
  const base = `models:${parts.slice(0, cut).join('/')}`;
  const inside = checkArtifactPath(parts.slice(cut).join('/')) || undefined;
  if (!/^models:\/([^/@]+@[^/@]+|[^/@]+\/(\d+|latest)|m-[0-9a-f]{32})$/i.test(base)) {
    throw new UsageError(
      `Cannot read the model URI "${uri}": use models:/<name>/<version>, models:/<name>/latest, models:/<name>@<alias> (each may be followed by /<path>) ` +
        'or models:/<model_id> (stages are deprecated in MLflow: use an alias).',
    );
  }
  const { modelsUriToArtifactUri } = require('../../models/model-uri') as typeof import('../../models/model-uri');
  const artifactUri = await orNotFound(client, `The model ${base}`, 'check the name, version or alias (and the tracking URI)', () => modelsUriToArtifactUri(base, client));
  const repository = client.artifactRepositoryForUri(artifactUri);
  const found = await plan(repository, inside);
  if (!found) throw new MlflowAutologError(`Nothing at ${uri}: the model ${base} has no "${inside}".`);
  return { source: { repository, path: inside, dest: dst }, plan: found };
}

/** `mlflow-artifacts:/<path>`: through the tracking server's proxy; the last part of the path lands in `dst`. */
async function proxiedPath(client: MlflowClient, uri: string, dst: string): Promise<{ source: Source; plan: Plan }> {
  if (!client.hasServer) {
    throw new UsageError(`${uri} is on a tracking server's artifact proxy, but the tracking URI is the local store ${client.trackingUri}; set MLFLOW_TRACKING_URI or pass --tracking-uri http(s)://….`);
  }
  const match = /^(mlflow-artifacts:(?:\/\/[^/]*)?)\/+(.*?)\/*$/i.exec(uri);
  const segments = (match?.[2] ?? '').split('/').filter(Boolean);
  if (!match || segments.length === 0) throw new UsageError(`Cannot download "${uri}": name a file or folder, mlflow-artifacts:/<path>.`);
  const name = checkArtifactPath(decode(segments.pop()!, uri));
  const repository = client.artifactRepositoryForUri(`${match[1]}/${segments.join('/')}`);
  const found = await plan(repository, name);
  if (!found) throw new MlflowAutologError(`Nothing at ${uri} on ${client.trackingUri}.`);
  return { source: { repository, path: name, dest: dst }, plan: found };
}

/** A local file or folder (`file:` URI or path): copied into `dst`, under its own name. */
async function localPath(uri: string, dst: string): Promise<{ source: Source; plan: Plan }> {
  let path: string;
  try {
    path = uri.startsWith('file://') ? fileURLToPath(uri) : resolve(/^file:/i.test(uri) ? uri.slice(5) : uri);
  } catch {
    throw new UsageError(`Cannot read the file URI "${uri}": use file:///absolute/path or a plain path.`);
  }
  if (!existsSync(path)) throw new MlflowAutologError(`Nothing at ${uri}: ${path} does not exist.`);
  const { LocalArtifactRepository } = require('../../artifacts/local-artifact-repo') as typeof import('../../artifacts/local-artifact-repo');
  const repository = new LocalArtifactRepository(dirname(path));
  return { source: { repository, path: basename(path), dest: dst }, plan: (await plan(repository, basename(path)))! };
}

// ---- helpers ----

function getRun(client: MlflowClient, runId: string) {
  return orNotFound(client, `The run ${JSON.stringify(runId)}`, 'check the id (`mlflow-autolog runs list` shows them) and the tracking URI', () => client.getRun(runId));
}

/** `root` with the folder `path` under it: percent-encoded for a URI, as it is for a plain path. */
function joinUri(root: string, path: string): string {
  if (path === '') return root;
  // NB: s3:// and wasbs:// paths are object keys, taken as written (as MLflow's Python repositories
  // take them); the other URIs are URLs, whose repositories decode their paths.
  const isUrl = /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(root) && !/^(s3|wasbs):/i.test(root);
  return `${root.replace(/\/+$/, '')}/${isUrl ? path.split('/').map(encodeURIComponent).join('/') : path}`;
}

function decode(segment: string, uri: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UsageError(`Cannot read "${uri}": it has a malformed percent-escape.`);
  }
}

/**
 * What `path` of the repository holds (the whole root when undefined), or undefined when there is
 * nothing there. The listing is walked before the download so that the bar knows its total.
 */
async function plan(repository: ArtifactRepository, path: string | undefined): Promise<Plan | undefined> {
  if (path !== undefined) {
    const children = await repository.listArtifacts(path);
    if (children.length === 0) {
      // NB: a file, an empty folder or nothing: the parent's listing tells which.
      const parent = dirname(path) === '.' ? '' : dirname(path);
      const entry = (await repository.listArtifacts(parent)).find((f) => f.path === path);
      if (!entry) return undefined;
      return entry.isDir ? { files: 0, bytes: 0, emptyDir: true } : { files: 1, bytes: entry.fileSize };
    }
  }
  const total: Plan = { files: 0, bytes: 0 };
  const walk = async (dir: string | undefined): Promise<void> => {
    for (const entry of await repository.listArtifacts(dir)) {
      if (entry.isDir) {
        await walk(entry.path);
      } else {
        total.files++;
        total.bytes = entry.fileSize === undefined || total.bytes === undefined ? undefined : total.bytes + entry.fileSize;
      }
    }
  };
  await walk(path);
  return total;
}

// ---- progress ----

interface Progress {
  update(progress: DownloadProgress): void;
  /** `finished`: the download is complete (a bar is filled), else it failed (the bar stays where it stopped). */
  stop(finished: boolean): void;
}

/** A bar on a terminal (by bytes when the listing gave sizes, else by files), one line per file otherwise. */
function progressDisplay(stream: NodeJS.WriteStream, plan: Plan): Progress {
  const sizes = new Map<string, number>();
  let done = 0;
  if (!stream.isTTY) {
    return {
      update(p) {
        sizes.set(p.path, (sizes.get(p.path) ?? 0) + p.bytes);
        if (p.done) stream.write(`downloaded ${p.path} (${formatBytes(sizes.get(p.path)!)}) (${++done}/${plan.files})\n`);
      },
      stop: () => undefined,
    };
  }
  // NB: loaded here: only a terminal shows a bar.
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const byBytes = plan.bytes !== undefined;
  const bar = new SingleBar(
    { format: `download [{bar}] {percentage}% | {amount} | {file}`, stream, hideCursor: true, etaBuffer: 20 },
    Presets.shades_classic,
  );
  const total = byBytes ? plan.bytes! : plan.files;
  const amount = () => (byBytes ? `${formatBytes(bytes)} of ${formatBytes(plan.bytes!)}` : `${done}/${plan.files} files`);
  let bytes = 0;
  bar.start(Math.max(total, 1), 0, { amount: amount(), file: '' });
  return {
    update(p) {
      bytes += p.bytes;
      if (p.done) done++;
      bar.update(byBytes ? Math.min(bytes, total) : done, { amount: amount(), file: p.path });
    },
    stop(finished) {
      if (finished) bar.update(Math.max(total, 1), { amount: amount(), file: '' });
      bar.stop();
    },
  };
}
