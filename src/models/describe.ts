/**
 * Describing values in error messages, and telling plain objects apart, for signatures and their
 * enforcement.
 */
import { types } from 'node:util';


/** A short description of a value for error messages: `1.5 (number)`. Never throws. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (types.isDate(value)) return `${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()} (Date)`;
  if (types.isUint8Array(value)) return `${value.constructor.name}(${value.length})`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 4).map(safeString).join(', ');
    return `[${value.length > 4 ? `${shown}, …` : shown}] (array)`;
  }
  if (typeof value === 'object') return `${safeJson(value).slice(0, 60)} (object)`;
  if (typeof value === 'string') return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (string)`;
  return `${safeString(value)}${typeof value === 'bigint' ? 'n' : ''} (${typeof value})`;
}

// NB: a message must not fail on what it describes: objects without a prototype cannot become
// strings, and JSON.stringify throws on bigints, cycles and deep nesting.
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? safeString(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** True for `{…}` objects (not arrays, dates, buffers or class instances), of any realm. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype || isForeignObjectPrototype(proto);
}

const OBJECT_SOURCE = Function.prototype.toString.call(Object);

/**
 * True for another realm's `Object.prototype` (a jest test file's objects come from the vm
 * context of the file): the end of the chain, whose own `constructor` is a native `Object`.
 */
function isForeignObjectPrototype(proto: object): boolean {
  if (Object.getPrototypeOf(proto) !== null) return false;
  const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  return typeof ctor === 'function' && (ctor as { prototype?: unknown }).prototype === proto && Function.prototype.toString.call(ctor) === OBJECT_SOURCE;
}

/**
 * Sets `target[key]` as an own property, so that a key named `__proto__` (which JSON, YAML and
 * user data may hold) is stored like any other instead of replacing the prototype.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
