/**
 * JSON written the way Python's `json.dumps` writes it (MLflow writes signatures and input
 * examples with it): `", "` / `": "` separators, ASCII escapes, Python's float spelling, and
 * floats kept apart from ints (`1.0` stays `1.0`).
 */
import { types } from 'node:util';

/** Marks a number that Python holds as a float, so it is written `1.0` rather than `1`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A value {@link pyJsonDumps} can write. */
export type PyJsonValue =
  | string | number | bigint | boolean | null | undefined | Date | PyFloat | Uint8Array
  | readonly PyJsonValue[] | { readonly [key: string]: PyJsonValue };

/** Python's `repr(float)`: shortest round-trip digits, exponent outside [1e-4, 1e16). */
export function pyFloatRepr(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    const fixed = String(x);
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  const sign = e < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Python's `datetime.isoformat()` of a naive UTC datetime, e.g. `2024-01-02T03:04:05.500000`. */
export function pyIsoformat(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const body =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? body : `${body}.${pad(ms, 3)}000`;
}

/** Python's `base64.encodebytes`: lines of 76 characters, each ending with a newline. */
export function pyEncodeBytes(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\n`;
  return out;
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function pyString(s: string): string {
  // NB: json.dumps defaults to ensure_ascii=True: everything outside ' '..'~' becomes \uXXXX.
  return `"${s.replace(/[^ -~]|["\\]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function pyNumber(x: number, float: boolean): string {
  // NB: NaN has no JSON form (Python writes a bare NaN); ±1e999 parses to ±Infinity in Python and JS.
  if (Number.isNaN(x)) return 'null';
  if (!Number.isFinite(x)) return x > 0 ? '1e999' : '-1e999';
  if (!float && Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(0);
  return pyFloatRepr(x);
}

/**
 * Writes `value` as Python's `json.dumps` does (`", "` and `": "` separators, ASCII only, floats in
 * Python's repr), or as `json.dumps(value, indent=n)`. Dates become ISO strings and bytes base64,
 * as MLflow's `NumpyEncoder` does; NaN becomes null.
 */
export function pyJsonDumps(value: PyJsonValue, indent?: number): string {
  const write = (v: PyJsonValue, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return pyString(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return pyNumber(v, false);
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof PyFloat) return pyNumber(v.value, true);
    if (types.isDate(v)) return pyString(pyIsoformat(v));
    if (types.isUint8Array(v)) return pyString(pyEncodeBytes(v));
    const open = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
    const close = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
    const sep = indent === undefined ? ', ' : `,${open}`;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${open}${v.map((item: PyJsonValue) => write(item, depth + 1)).join(sep)}${close}]`;
    }
    const entries = Object.entries(v as { readonly [key: string]: PyJsonValue }).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    return `{${open}${entries.map(([k, item]) => `${pyString(k)}: ${write(item, depth + 1)}`).join(sep)}${close}}`;
  };
  return write(value, 0);
}

// ---------------------------------------------------------------------------------------------
// Serialisation
// ---------------------------------------------------------------------------------------------

