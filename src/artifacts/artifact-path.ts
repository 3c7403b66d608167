/**
 * Artifact paths checked as MLflow checks them (`validate_path_is_safe`): relative, no `..`
 * component, no NUL; and, everywhere, no backslash (a separator on Windows). Used on upload and on
 * download, for paths from users and from servers alike.
 */
import { ValidationError } from '../errors';
import { unsafePathReason } from '../util/paths';

/**
 * `path` in its canonical form ('' for the root; no `.` or empty segments, no trailing slash),
 * or a {@link ValidationError} "Invalid artifact path" naming it and the reason. `from` says
 * where it came from ("the server's listing of …") when it is not the caller's.
 */
export function checkArtifactPath(path: string | undefined, from?: string): string {
  if (path === undefined || path === '') return '';
  const reason = unsafePathReason(path);
  if (reason) {
    throw new ValidationError(`Invalid artifact path ${JSON.stringify(path)}${from ? ` in ${from}` : ''}: ${reason}. An artifact path is relative to the run's (or model's) artifact root, '/'-separated, without '..'.`);
  }
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}
