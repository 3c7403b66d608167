/**
 * Reading a model's own files. Every path that comes from the model (a flavor's `data`, a weights
 * manifest, `env`) is checked to stay inside the model's folder, symbolic links included; a file
 * that does not parse is named with the field that pointed to it, and its contents never appear
 * in the error (it may be a file the model was not meant to read).
 */
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../errors';
import { containedRealPath } from '../util/paths';

/** The bytes of `path` inside the model folder `dir`; `field` names where the path came from. */
export async function readModelFile(dir: string, path: unknown, field: string): Promise<Buffer> {
  if (typeof path !== 'string' || path === '') {
    throw new ValidationError(`The model at ${dir} has no usable ${field}: expected a relative path inside the model's folder, got ${JSON.stringify(path) ?? 'nothing'}.`);
  }
  return readFile(await containedRealPath(dir, path, `${field} of the model at ${dir}`));
}

/** `path` inside the model folder `dir` parsed as JSON (see {@link readModelFile}). */
export async function readModelJson<T = unknown>(dir: string, path: unknown, field: string): Promise<T> {
  const bytes = await readModelFile(dir, path, field);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (error) {
    // NB: the parser's message quotes the text; say where instead.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new ValidationError(`${field} of the model at ${dir} (${String(path)}) is not valid JSON${at ? ` (at byte ${at})` : ''}; the file may be damaged or not the model's.`);
  }
}
