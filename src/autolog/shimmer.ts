/**
 * Shimmer-style wrapping (the semantics of the `shimmer` package and OpenTelemetry's vendored
 * copy): a wrapper carries `__original`, `__unwrap` and `__wrapped` markers, wrapping twice
 * unwraps first, and unwrapping restores the original only if our wrapper is still in place.
 */

/** A function with shimmer's markers. */
export interface WrappedFunction extends Function {
  __original: Function;
  __unwrap: () => void;
  __wrapped: true;
}

/** True when `fn` is a wrapper made by {@link wrap} (or by shimmer itself). */
export function isWrapped(fn: unknown): fn is WrappedFunction {
  return (
    typeof fn === 'function' &&
    typeof (fn as Partial<WrappedFunction>).__original === 'function' &&
    typeof (fn as Partial<WrappedFunction>).__unwrap === 'function' &&
    (fn as Partial<WrappedFunction>).__wrapped === true
  );
}

function defineMarker(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { configurable: true, enumerable: false, writable: true, value });
}

/**
 * Replaces `target[name]` with `wrapper(original)`. If `target[name]` is already one of our
 * wrappers it is unwrapped first, so wrapping twice leaves one layer.
 */
export function wrap<T extends object>(target: T, name: string, wrapper: (original: Function) => Function): void {
  const record = target as Record<string, unknown>;
  let current = record[name];
  // NB: an inherited wrapper belongs to a parent prototype; wrap over it rather than unwrap it.
  if (isWrapped(current) && Object.hasOwn(target, name)) {
    current.__unwrap();
    current = record[name];
  }
  if (typeof current !== 'function') {
    throw new TypeError(`cannot wrap ${name}: it is ${typeof current}, not a function`);
  }
  const original = current;
  const wrapped = wrapper(original);
  const descriptor = Object.getOwnPropertyDescriptor(target, name);
  const hadOwn = descriptor !== undefined;
  defineMarker(wrapped, '__original', original);
  defineMarker(wrapped, '__wrapped', true);
  defineMarker(wrapped, '__unwrap', () => {
    // NB: only restore if nobody replaced our wrapper since (the "soft unwrap" of shimmer).
    if (record[name] !== wrapped) return;
    if (hadOwn) Object.defineProperty(target, name, descriptor);
    else delete record[name];
  });
  Object.defineProperty(target, name, {
    configurable: true,
    // NB: keep enumerability: class methods are non-enumerable and must stay so.
    enumerable: descriptor?.enumerable ?? false,
    writable: true,
    value: wrapped,
  });
}

/** Restores `target[name]` if it holds one of our wrappers; otherwise does nothing. */
export function unwrap<T extends object>(target: T, name: string): void {
  const current = (target as Record<string, unknown>)[name];
  if (isWrapped(current) && Object.hasOwn(target, name)) current.__unwrap();
}
