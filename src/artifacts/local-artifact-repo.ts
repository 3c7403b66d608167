/**
 * Artifacts as plain files under a local folder, laid out as MLflow's `LocalArtifactRepository`
 * lays them out, so that MLflow lists and downloads what we wrote.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, realpath, rename, rm, stat, utimes } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MlflowRestError, ValidationError } from '../errors';
import { localPath, pathToFileUri } from '../store/file-store-format';
import { errorCode } from '../store/file-store-io';
import { checkArtifactPath } from './artifact-path';
import type { ArtifactFile, ArtifactRepository, DownloadOptions } from './types';

// NB: MLflow's own prefix for files being uploaded; its listings skip them, and so do ours.
const UPLOADING_PREFIX = '.artifact.uploading.';

/**
 * An {@link ArtifactRepository} over a local folder, given as a `file://` URI or a plain path.
 * Each file is copied (streamed by the OS, never read whole into memory) to a hidden temp file
 * beside its destination and renamed into place, so readers never see a partial artifact.
 */
export class LocalArtifactRepository implements ArtifactRepository {
  readonly rootUri: string;
  /** The absolute local path of the root. */
  readonly rootDir: string;

  constructor(rootUri: string) {
    this.rootDir = localPath(rootUri);
    this.rootUri = /^file:/i.test(rootUri) ? rootUri : pathToFileUri(this.rootDir);
  }

  async logArtifact(localFile: string, artifactPath?: string): Promise<void> {
    const name = basename(localFile);
    if (name.startsWith(UPLOADING_PREFIX)) {
      throw new ValidationError(`Artifact names starting with '${UPLOADING_PREFIX}' are reserved: ${localFile}`);
    }
    const dir = this.resolveInside(artifactPath);
    await mkdir(dir, { recursive: true });
    const destination = join(dir, name);
    if (await isSameFile(localFile, destination)) return;
    await copyAtomically(localFile, destination);
  }

  async logArtifacts(localDir: string, artifactPath?: string): Promise<void> {
    const target = this.resolveInside(artifactPath);
    await mkdir(target, { recursive: true });
    await copyTree(localDir, target);
  }

  async listArtifacts(path?: string): Promise<ArtifactFile[]> {
    const relativeDir = normalize(path);
    const dir = this.resolveInside(path);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    }
    const files: ArtifactFile[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(UPLOADING_PREFIX)) continue;
      const info = await stat(join(dir, entry.name)).catch(() => undefined);
      if (!info) continue;
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      files.push(info.isDirectory() ? { path, isDir: true } : { path, isDir: false, fileSize: info.size });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async downloadArtifacts(path: string | undefined, destDir: string, { onProgress }: DownloadOptions = {}): Promise<string> {
    const relativePath = normalize(path);
    const source = this.resolveInside(path);
    const info = await stat(source).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') {
        throw new MlflowRestError(`No such artifact: '${relativePath}'`, 'RESOURCE_DOES_NOT_EXIST', 404);
      }
      throw error;
    });
    const destination = resolve(destDir, ...relativePath.split('/').filter(Boolean));
    // NB: a copied file is reported once, whole: the OS copies it, there is nothing to count.
    const report = onProgress && ((file: string, bytes: number) => onProgress({ path: file, bytes, done: true }));
    if (info.isDirectory()) {
      await mkdir(destination, { recursive: true });
      await copyTree(source, destination, report && { report, prefix: relativePath });
    } else {
      await mkdir(dirname(destination), { recursive: true });
      await copyAtomically(source, destination);
      report?.(relativePath, info.size);
    }
    return destination;
  }

  /** The absolute path of an artifact path, refusing any that would leave the root. */
  private resolveInside(artifactPath: string | undefined): string {
    const relativePath = normalize(artifactPath);
    return relativePath ? join(this.rootDir, ...relativePath.split('/')) : this.rootDir;
  }
}

/** An artifact path checked as MLflow checks it, in canonical form; '' for the root. */
function normalize(artifactPath: string | undefined): string {
  return checkArtifactPath(artifactPath);
}

async function isSameFile(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

/** Copies `source` over `destination` by way of a temp file beside it, keeping its times; resolves to its size. */
async function copyAtomically(source: string, destination: string): Promise<number> {
  const temp = join(dirname(destination), `${UPLOADING_PREFIX}${randomBytes(6).toString('hex')}`);
  try {
    await copyFile(source, temp);
    const info = await stat(source);
    await utimes(temp, info.atime, info.mtime);
    await rename(temp, destination);
    return info.size;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Where {@link copyTree} reports each copied file: its artifact path is `prefix/<path below the tree>`. */
interface TreeReport {
  report: (path: string, bytes: number) => void;
  prefix: string;
}

/** Copies a folder's contents into `target` (which exists), merging with what is there. */
async function copyTree(sourceDir: string, target: string, progress?: TreeReport): Promise<void> {
  for (const entry of await readdir(sourceDir, { withFileTypes: true })) {
    const from = join(sourceDir, entry.name);
    const to = join(target, entry.name);
    const path = progress?.prefix ? `${progress.prefix}/${entry.name}` : entry.name;
    // NB: follow symbolic links, as shutil.copytree does by default.
    const isDir = entry.isSymbolicLink() ? (await stat(from)).isDirectory() : entry.isDirectory();
    if (isDir) {
      await mkdir(to, { recursive: true });
      await copyTree(from, to, progress && { ...progress, prefix: path });
    } else if (!entry.name.startsWith(UPLOADING_PREFIX)) {
      const size = await copyAtomically(from, to);
      progress?.report(path, size);
    }
  }
}
