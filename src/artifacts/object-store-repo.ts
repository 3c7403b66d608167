/**
 * What the S3 and Azure Blob repositories share, laid out as MLflow's Python repositories lay
 * them out: an artifact path is a key below the root's prefix ('/'-separated), a listing is one
 * level deep (delimiter '/'), and directory markers (keys ending in '/') are not files. Every key a
 * store lists is checked before it names a file, and every local file stays inside the folder it
 * is downloaded to: a store's listing is input like any other.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MlflowAutologError } from '../errors';
import { containedPath } from '../util/paths';
import { checkArtifactPath } from './artifact-path';
import type { ArtifactFile, ArtifactRepository, DownloadOptions } from './types';

/** One page of a one-level listing: sub-prefixes (ending in '/') and objects. */
export interface ObjectListing {
  prefixes: string[];
  objects: { key: string; size: number }[];
}

export interface CloudRepositoryOptions {
  /** Where the settings are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * A file larger than this goes up in parts (S3) or blocks (Azure) of this size.
   * @default 8 MiB (boto3's multipart threshold and chunk size)
   */
  partSize?: number;
  /** Parts in flight at once: memory holds at most `partSize * queueSize` of a file. @default 4 */
  queueSize?: number;
  /** How the SDK is loaded (tests pass one that finds nothing). @default requireInstalled */
  requireModule?: (name: string) => unknown;
}

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.html': 'text/html',
  '.png': 'image/png',
  '.csv': 'text/csv',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
};

/** The Content-Type an upload of `file` gets, guessed from its extension (MLflow's guess_type); undefined when unknown. */
export function contentTypeOf(file: string): string | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : MIME[file.slice(dot).toLowerCase()];
}

/**
 * Node's code when `error` (or its cause) is a TLS certificate the store presented and this
 * process does not trust: an error that does not pass with time (the sender does not retry it).
 */
export function certificateErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|INVALID_CA/.test(e.code)) return e.code;
  }
  return undefined;
}

export abstract class ObjectStoreArtifactRepository implements ArtifactRepository {
  /**
   * @param rootUri the URI as the server gave it
   * @param rootKey the key prefix of the root, without leading or trailing '/' ('' for a bucket's root)
   */
  protected constructor(
    readonly rootUri: string,
    protected readonly rootKey: string,
  ) {}

  /** Uploads a local file, streamed from disk, to `key`. */
  protected abstract putObject(localFile: string, key: string, size: number): Promise<void>;
  /** The keys one level below `prefix` ('' or ending in '/'), page by page. */
  protected abstract listObjects(prefix: string): AsyncIterable<ObjectListing>;
  /** The object's bytes as a stream; a 404 {@link MlflowRestError} when there is no such object. */
  protected abstract getObject(key: string): Promise<Readable>;

  /** The key of an artifact path (already checked). */
  protected keyOf(path: string): string {
    return [this.rootKey, path].filter(Boolean).join('/');
  }

  async logArtifact(localFile: string, artifactPath = ''): Promise<void> {
    // NB: checked before joining: a '..' would otherwise climb out of the run's prefix.
    const folder = checkArtifactPath(artifactPath);
    const { size } = await stat(localFile);
    await this.putObject(localFile, this.keyOf([folder, basename(localFile)].filter(Boolean).join('/')), size);
  }

  async logArtifacts(localDir: string, artifactPath = ''): Promise<void> {
    const folder = checkArtifactPath(artifactPath);
    for (const entry of await readdir(localDir, { withFileTypes: true })) {
      const local = join(localDir, entry.name);
      // NB: symbolic links are followed, as the local repository's copy follows them.
      const info = await stat(local);
      const path = [folder, entry.name].filter(Boolean).join('/');
      if (info.isDirectory()) await this.logArtifacts(local, path);
      else await this.putObject(local, this.keyOf(path), info.size);
    }
  }

  async listArtifacts(path = ''): Promise<ArtifactFile[]> {
    const folder = checkArtifactPath(path);
    const dirKey = this.keyOf(folder);
    const prefix = dirKey === '' ? '' : `${dirKey}/`;
    const rootPrefix = this.rootKey === '' ? '' : `${this.rootKey}/`;
    const from = `the store's listing of ${JSON.stringify(prefix)} under ${this.rootUri}`;
    const relative = (key: string): string => {
      if (!key.startsWith(prefix)) {
        throw new MlflowAutologError(`The store listed ${JSON.stringify(key)} under ${JSON.stringify(prefix)}, which does not begin with it (${this.rootUri}).`);
      }
      return checkArtifactPath(key.slice(rootPrefix.length).replace(/\/+$/, ''), from);
    };
    const files: ArtifactFile[] = [];
    for await (const page of this.listObjects(prefix)) {
      for (const sub of page.prefixes) files.push({ path: relative(sub), isDir: true });
      for (const object of page.objects) {
        // NB: a key ending in '/' is a folder marker (the S3 console's "Create folder"), not a file.
        if (object.key.endsWith('/')) continue;
        files.push({ path: relative(object.key), isDir: false, fileSize: object.size });
      }
    }
    // NB: a canonical path of '' or the folder itself came from a key such as 'prefix/./'; it names nothing below.
    return files.filter((f) => f.path !== '' && f.path !== folder).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async downloadArtifacts(path: string | undefined, destDir: string, options: DownloadOptions = {}): Promise<string> {
    const relative = checkArtifactPath((path ?? '').replace(/^\/+/, ''));
    const children = await this.listArtifacts(relative);
    const local = containedPath(destDir, relative || '.', 'the artifact path');
    if (children.length === 0 && relative !== '') {
      await this.downloadFile(relative, local, options);
      return local;
    }
    await mkdir(local, { recursive: true });
    for (const child of children) {
      if (child.isDir) await this.downloadArtifacts(child.path, destDir, options);
      else await this.downloadFile(child.path, containedPath(destDir, child.path, 'the artifact path'), options);
    }
    return local;
  }

  private async downloadFile(path: string, localFile: string, { onProgress }: DownloadOptions): Promise<void> {
    const body = await this.getObject(this.keyOf(path));
    await mkdir(dirname(localFile), { recursive: true });
    if (!onProgress) {
      await pipeline(body, createWriteStream(localFile));
      return;
    }
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        onProgress({ path, bytes: chunk.length, done: false });
        callback(null, chunk);
      },
    });
    await pipeline(body, counter, createWriteStream(localFile));
    onProgress({ path, bytes: 0, done: true });
  }
}
