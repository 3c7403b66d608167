/**
 * Artifacts through the tracking server's proxy (`mlflow server --serve-artifacts`, the default):
 * `mlflow-artifacts:/<path>` maps to `/api/2.0/mlflow-artifacts/artifacts/<path>`. Files are
 * streamed from disk in constant memory (a redirect reads the file again rather than keep it);
 * large ones use multipart upload where the server offers it. A folder's files, and a large
 * file's parts, go a few at a time.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TrackingConfig } from '../config/config';
import { MlflowRestError } from '../errors';
import type { HttpClient } from '../rest/http';
import { forEachLimit } from '../util/concurrency';
import { containedPath } from '../util/paths';
import { checkArtifactPath } from './artifact-path';
import type { ArtifactFile, ArtifactRepository, DownloadOptions } from './types';

const PROXY_PREFIX = '/api/2.0/mlflow-artifacts';
/**
 * Uploads in flight at once for one folder, or for one file's parts. NB: a constant, not a
 * setting: enough to overlap the server's per-request latency on small model files, few enough
 * that a folder upload never takes the HTTP client's whole socket pool (10) from other requests.
 */
const UPLOADS_IN_FLIGHT = 4;
/**
 * Read size of an upload's file stream. NB: 64 KiB (Node's default) made a 1 GiB upload 10 %
 * slower than MLflow's Python client on loopback (bench/figures/upload.mjs): four times the
 * reads and socket writes. 1 MiB costs at most a few MiB in flight per upload.
 */
const UPLOAD_READ_BYTES = 1 << 20;

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.yaml': 'text/yaml',
  '.yml': 'text/yaml',
  '.html': 'text/html',
  '.png': 'image/png',
  '.csv': 'text/csv',
};

export class HttpArtifactRepository implements ArtifactRepository {
  /** The path below the proxy root, without leading or trailing slashes. */
  private readonly base: string;

  constructor(
    readonly rootUri: string,
    private readonly http: HttpClient,
    private readonly multipart: TrackingConfig['multipart'],
  ) {
    const url = new URL(rootUri);
    if (url.protocol !== 'mlflow-artifacts:') throw new Error(`not an mlflow-artifacts: URI: ${rootUri}`);
    this.base = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  }

  async logArtifact(localFile: string, artifactPath = ''): Promise<void> {
    // NB: checked before joining: posix.join would resolve a '..' here, where the server never sees it.
    const folder = checkArtifactPath(artifactPath);
    const target = [this.base, folder, basename(localFile)].filter(Boolean).join('/');
    const { size } = await stat(localFile);
    if (this.multipart.enabled && size >= this.multipart.minimumFileSize) {
      if (await this.multipartUpload(localFile, target, size)) return;
    }
    await this.http.send({
      method: 'PUT',
      path: proxyPath('artifacts', target),
      data: () => createReadStream(localFile, { highWaterMark: UPLOAD_READ_BYTES }),
      headers: { 'Content-Type': MIME[extname(localFile)] ?? 'application/octet-stream', 'Content-Length': String(size) },
    });
  }

  async logArtifacts(localDir: string, artifactPath = ''): Promise<void> {
    const files = await filesOf(localDir, checkArtifactPath(artifactPath));
    await forEachLimit(files, UPLOADS_IN_FLIGHT, ({ local, folder }) => this.logArtifact(local, folder));
  }

  async listArtifacts(path = ''): Promise<ArtifactFile[]> {
    const folder = checkArtifactPath(path);
    const dir = [this.base, folder].filter(Boolean).join('/');
    const response = await this.http.json<{ files?: { path: string; is_dir?: boolean; file_size?: number | string }[] }>(
      'GET',
      `${PROXY_PREFIX}/artifacts`,
      { path: dir },
    );
    return (response.files ?? []).map((f) => ({
      // NB: a server's listing is input like any other: a '..' in it would write outside the download folder.
      path: [folder, checkArtifactPath(String(f.path), `the server's listing of ${JSON.stringify(dir)}`)].filter(Boolean).join('/'),
      isDir: Boolean(f.is_dir),
      fileSize: f.file_size === undefined ? undefined : Number(f.file_size),
    }));
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
      const childLocal = containedPath(destDir, child.path, 'the artifact path');
      if (child.isDir) await this.downloadArtifacts(child.path, destDir, options);
      else await this.downloadFile(child.path, childLocal, options);
    }
    return local;
  }

  private async downloadFile(path: string, localFile: string, { onProgress }: DownloadOptions): Promise<void> {
    await mkdir(dirname(localFile), { recursive: true });
    const response = await this.http.send({
      method: 'GET',
      path: proxyPath('artifacts', [this.base, path].filter(Boolean).join('/')),
      responseType: 'stream',
    });
    const body = response.data as NodeJS.ReadableStream;
    if (!onProgress) {
      await pipeline(body, createWriteStream(localFile));
      return;
    }
    // NB: counted between the response and the file, so the bar moves with what is written.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        onProgress({ path, bytes: chunk.length, done: false });
        callback(null, chunk);
      },
    });
    await pipeline(body, counter, createWriteStream(localFile));
    onProgress({ path, bytes: 0, done: true });
  }

  /** Resolves to false when the server does not do multipart (501), so the caller PUTs. */
  private async multipartUpload(localFile: string, target: string, size: number): Promise<boolean> {
    const numParts = Math.ceil(size / this.multipart.chunkSize);
    const created = await this.http.send({
      method: 'POST',
      path: proxyPath('mpu/create', target),
      data: () => JSON.stringify({ path: localFile, num_parts: numParts }),
      headers: { 'Content-Type': 'application/json' },
      acceptStatuses: [501],
    });
    if (created.status === 501) return false;
    const { upload_id: uploadId, credentials } = JSON.parse(String(created.data)) as {
      upload_id: string;
      credentials: { url: string; part_number: number; headers?: Record<string, string> }[];
    };
    try {
      const parts: { part_number: number; etag: string }[] = [];
      await forEachLimit(credentials, UPLOADS_IN_FLIGHT, async (credential) => {
        const start = (credential.part_number - 1) * this.multipart.chunkSize;
        const end = Math.min(size, start + this.multipart.chunkSize) - 1;
        // NB: parts go straight to the storage's presigned URLs (an absolute URL gets no server
        // credentials), each read from disk as it is sent: a retry or a redirect reads it again.
        const response = await this.http
          .send({
            method: 'PUT',
            path: credential.url,
            data: () => createReadStream(localFile, { start, end, highWaterMark: UPLOAD_READ_BYTES }),
            headers: { ...credential.headers, 'Content-Length': String(end - start + 1) },
          })
          .catch((error: unknown) => {
            const rest = error instanceof MlflowRestError ? error : undefined;
            throw new MlflowRestError(`uploading part ${credential.part_number} of ${localFile} failed: ${(error as Error).message}`, rest?.errorCode ?? 'UPLOAD_FAILED', rest?.httpStatus ?? 0, { cause: error });
          });
        parts.push({ part_number: credential.part_number, etag: String(response.headers.etag ?? '') });
      });
      parts.sort((a, b) => a.part_number - b.part_number);
      await this.http.send({
        method: 'POST',
        path: proxyPath('mpu/complete', target),
        data: () => JSON.stringify({ path: localFile, upload_id: uploadId, parts }),
        headers: { 'Content-Type': 'application/json' },
      });
      return true;
    } catch (error) {
      await this.http
        .send({
          method: 'POST',
          path: proxyPath('mpu/abort', target),
          data: () => JSON.stringify({ path: localFile, upload_id: uploadId }),
          headers: { 'Content-Type': 'application/json' },
        })
        .catch(() => undefined);
      throw error;
    }
  }
}

/** The regular files under `dir`, each with the artifact folder it goes to (below `folder`). */
async function filesOf(dir: string, folder: string): Promise<{ local: string; folder: string }[]> {
  const files: { local: string; folder: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const local = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesOf(local, [folder, entry.name].filter(Boolean).join('/'))));
    else files.push({ local, folder });
  }
  return files;
}

function proxyPath(route: string, path: string): string {
  return `${PROXY_PREFIX}/${route}/${path.split('/').filter(Boolean).map(encodeURIComponent).join('/')}`;
}

function extname(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? '' : file.slice(dot).toLowerCase();
}
