/**
 * Where a run's (or a logged model's) files go. One implementation per URI scheme: the tracking
 * server's artifact proxy for `mlflow-artifacts:` and plain files for `file:` URIs and paths.
 */

/** One entry of an artifact listing; `path` is relative to the repository's root. */
export interface ArtifactFile {
  path: string;
  isDir: boolean;
  /** Bytes, for files. */
  fileSize?: number;
}

/**
 * What a download reports as it goes, for a progress display: `bytes` more of the file at
 * `path` (relative to the repository's root) are on disk; `done` once the whole file is.
 */
export interface DownloadProgress {
  path: string;
  bytes: number;
  done: boolean;
}

export interface DownloadOptions {
  /** Called as bytes arrive (a copied local file reports once, whole). Must not throw. */
  onProgress?: (progress: DownloadProgress) => void;
}

export interface ArtifactRepository {
  /** The URI this repository writes under, e.g. `mlflow-artifacts:/1/<run_id>/artifacts`. */
  readonly rootUri: string;
  /**
   * Copies one local file to `<artifactPath>/<basename>` (or to the root when `artifactPath` is
   * empty), streaming it: large files are never read whole into memory.
   */
  logArtifact(localFile: string, artifactPath?: string): Promise<void>;
  /** Copies a local folder's contents, recursively, under `artifactPath`. */
  logArtifacts(localDir: string, artifactPath?: string): Promise<void>;
  /** Lists the direct children of `path` (the root when omitted); a file or missing path gives []. */
  listArtifacts(path?: string): Promise<ArtifactFile[]>;
  /**
   * Downloads the file or folder at `path` (the whole root when omitted) into the local folder
   * `destDir`, keeping relative paths, and resolves to the local path of what was downloaded.
   */
  downloadArtifacts(path: string | undefined, destDir: string, options?: DownloadOptions): Promise<string>;
}
