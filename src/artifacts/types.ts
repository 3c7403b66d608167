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
  downloadArtifacts(path: string | undefined, destDir: string): Promise<string>;
}
