/**
 * Path containment: where a path that came from a model, a server, a journal or a user becomes a
 * file path, it is checked here, so that it cannot leave the folder it belongs to.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ValidationError } from '../errors';

/**
 * Why `path` (relative, `/`-separated, as MLflow writes paths) is not a safe path inside a
 * folder, or undefined when it is: absolute, with a `..` component, a NUL or a backslash.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path.includes('\0')) return 'it contains a NUL character';
  if (path.includes('\\')) return 'it contains a backslash';
  if (path.startsWith('/') || isAbsolute(path) || /^[A-Za-z]:/.test(path)) return 'it is absolute';
  if (path.split('/').includes('..')) return "it has a '..' component";
  return undefined;
}

/**
 * `path` resolved inside `root`; a {@link ValidationError} naming `what` (e.g. "the MLmodel
 * field flavors.tfjs.data") and the path when it would leave `root`.
 */
export function containedPath(root: string, path: string, what = 'the path'): string {
  const reason = unsafePathReason(path);
  if (reason) throw new ValidationError(`Refusing ${what} ${JSON.stringify(path)}: ${reason}; it must be a relative path inside ${root}.`);
  const target = resolve(root, path);
  if (!isInside(resolve(root), target)) throw new ValidationError(`Refusing ${what} ${JSON.stringify(path)}: it leaves ${root}.`);
  return target;
}

/**
 * Like {@link containedPath}, and the file's real path (symlinks followed) must stay inside the
 * real path of `root` too: a symlink that points out of the folder is refused. The file must exist.
 */
export async function containedRealPath(root: string, path: string, what = 'the path'): Promise<string> {
  const target = containedPath(root, path, what);
  const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
  if (!isInside(realRoot, realTarget)) {
    throw new ValidationError(`Refusing ${what} ${JSON.stringify(path)}: it is a symbolic link (or goes through one) to ${realTarget}, outside ${root}.`);
  }
  return realTarget;
}

/** True when `target` is `root` or inside it (both absolute, already resolved). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
