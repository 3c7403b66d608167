/**
 * Caps on what a model folder can make the agent read, parse or walk: a model may come from a
 * shared registry or a compromised server, and its metadata is read before anything else.
 * Every cap gives a typed error that names the file (or the input), what was found and the cap.
 */
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigError, MlflowAutologError, ValidationError } from '../errors';
import { isPlainObject } from './describe';

const MIB = 1024 * 1024;

/**
 * Largest `MLmodel` file read. MLflow's own are a few KB (the largest real ones, wide-table
 * signatures, stay under 1 MiB); YAML nodes cost about 20 times their text in memory, so 10 MiB
 * stays near 200 MB of heap, where the 200 MB file of issue 11 exhausted a 4 GB one.
 * Overridden by `MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES`.
 */
export const DEFAULT_MAX_MLMODEL_BYTES = 10 * MIB;

/**
 * Largest input example read. Autolog saves 5 rows, but a user's example may be a batch of
 * images in base64; JSON costs up to about 10 times its text in memory, so 50 MiB stays near
 * 500 MB. Overridden by `MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES`.
 */
export const DEFAULT_MAX_INPUT_EXAMPLE_BYTES = 50 * MIB;

/**
 * Deepest nesting (arrays and objects inside each other) accepted in `predict()` input and params,
 * in signature JSON and in `MLmodel`. numpy 2 allows 64 dimensions, and a record or a named
 * tensor wraps them once more, so 100 leaves room for any real model input; recursive walkers
 * (enforcement, `JSON.stringify`, the YAML composer) overflow Node's default stack only at
 * several hundred to thousands of levels, so 100 is far from that on every supported Node.
 */
export const MAX_NESTING_DEPTH = 100;

/** The size-cap variables, what they cap and their defaults. */
const SIZE_CAPS = {
  MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES: DEFAULT_MAX_MLMODEL_BYTES,
  MLFLOW_AUTOLOG_MAX_INPUT_EXAMPLE_BYTES: DEFAULT_MAX_INPUT_EXAMPLE_BYTES,
} as const;

/** The variable that sets a size cap. */
export type SizeCapVariable = keyof typeof SIZE_CAPS;

// NB: 1 GiB is above any metadata file and below V8's longest string (about 2^29 characters).
const MAX_OVERRIDE_BYTES = 1024 * MIB;
const byteCount = z
  .string()
  .regex(/^\s*\d+\s*$/)
  .transform(Number)
  .pipe(z.number().int().min(1024).max(MAX_OVERRIDE_BYTES));

/** The size cap set by `variable`, or its default; a {@link ConfigError} for a bad value. */
export function sizeCap(variable: SizeCapVariable, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return SIZE_CAPS[variable];
  const parsed = byteCount.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `${variable}=${JSON.stringify(raw)} is not valid: a whole number of bytes from 1024 to ${MAX_OVERRIDE_BYTES} (default ${SIZE_CAPS[variable]}).`,
      variable,
    );
  }
  return parsed.data;
}

/**
 * Reads a UTF-8 file of at most `cap` bytes: its size is checked before it is read, and no more
 * than `cap` bytes are read should it grow meanwhile. A missing file is a plain
 * {@link MlflowAutologError} saying `missing`; one over the cap a {@link ValidationError}.
 */
export async function readCappedFile(file: string, variable: SizeCapVariable, what: string, missing: string): Promise<string> {
  const cap = sizeCap(variable);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new MlflowAutologError(missing, { cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ValidationError(`${file} should be ${what} but is not a regular file.`);
    const tooBig = (size: string) =>
      new ValidationError(`${file} (${what}) is ${size}, over the cap of ${cap} bytes; raise ${variable} if the file is trusted and meant to be this large.`);
    if (info.size > cap) throw tooBig(`${info.size} bytes`);
    // NB: one byte more than the cap, to notice a file that grew after the size check.
    const buffer = Buffer.alloc(Math.min(info.size, cap) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > cap) throw tooBig('larger than its size said when read');
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * The path to the first place `value` nests more than `max` arrays or plain objects deep (`[0].a`),
 * or undefined. Iterative, so it is safe on input that would overflow a recursive walk; a cycle
 * counts as too deep. Typed arrays and other objects are leaves.
 */
export function tooDeepAt(value: unknown, max = MAX_NESTING_DEPTH): string | undefined {
  type Entry = { value: object; depth: number; key: string | number; parent?: Entry };
  // NB: a shared object is walked again only when reached deeper, so a DAG cannot make it exponential.
  const seenAt = new WeakMap<object, number>();
  const stack: Entry[] = [];
  const push = (child: unknown, depth: number, key: string | number, parent?: Entry) => {
    if (!Array.isArray(child) && !isPlainObject(child)) return;
    if ((seenAt.get(child) ?? 0) >= depth) return;
    seenAt.set(child, depth);
    stack.push({ value: child, depth, key, parent });
  };
  push(value, 1, '');
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.depth > max) return pathOf(entry);
    if (Array.isArray(entry.value)) {
      // NB: only objects nest; a row of numbers costs a type check per value, nothing more.
      for (let i = 0; i < entry.value.length; i++) {
        const child: unknown = entry.value[i];
        if (child !== null && typeof child === 'object') push(child, entry.depth + 1, i, entry);
      }
    } else {
      for (const key of Object.keys(entry.value)) push((entry.value as Record<string, unknown>)[key], entry.depth + 1, `.${key}`, entry);
    }
  }
  return undefined;
}

/**
 * {@link tooDeepAt} for tensor data: the path to where its first row (`value[0][0]…`) nests more
 * than `max` arrays deep, or undefined. Enough for tensor data, which is walked no deeper than its
 * first row (see `tensorLayout`); a cycle on that row counts as too deep.
 */
export function firstRowTooDeepAt(value: unknown, max = MAX_NESTING_DEPTH): string | undefined {
  let row = value;
  for (let depth = 1; Array.isArray(row); depth++) {
    if (depth > max) return pathOf({ key: '[0]'.repeat(depth - 1) });
    if (row.length === 0) return undefined;
    row = row[0];
  }
  return undefined;
}

function pathOf(entry: { key: string | number; parent?: { key: string | number; parent?: unknown } }): string {
  const keys: string[] = [];
  for (let e: typeof entry | undefined = entry; e; e = e.parent as typeof entry | undefined) keys.push(typeof e.key === 'number' ? `[${e.key}]` : e.key);
  const path = keys.reverse().join('');
  return path.length > 80 ? `${path.slice(0, 80)}…` : path;
}
