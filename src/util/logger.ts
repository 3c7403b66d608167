/**
 * The agent's one voice. Warnings go to stderr prefixed `mlflow-autolog:` unless silenced; when
 * `MLFLOW_AUTOLOG_TESTING=true` agent errors are thrown instead of warned, so tests see them.
 *
 * It also owns what must never be said: {@link redact} masks the credentials the configuration
 * read (registered with {@link addSecrets}), user info in URLs and `Authorization` values, in
 * every warning and in every HTTP error message.
 */
import { inspect } from 'node:util';

const state = globalThis as typeof globalThis & { [key: symbol]: { silent: boolean; secrets: Set<string> } | undefined };
const KEY = Symbol.for('mlflow-autolog.logger');
const settings = (state[KEY] ??= { silent: false, secrets: new Set<string>() });
// NB: the state may come from an older copy of this module (two installs in one process).
settings.secrets ??= new Set<string>();

/** What a masked value becomes. */
export const MASK = '***';
/** Shorter values are not masked in free text: masking "ab" everywhere would garble messages. */
const MIN_SECRET_LENGTH = 4;

/** Silences (or restores) the agent's warnings. */
export function setSilent(silent: boolean): void {
  settings.silent = silent;
}

/**
 * Registers credentials (a password, a token) that {@link redact} masks from now on, with the
 * encodings they travel in (percent-encoded in a URI, base64 in a Basic header).
 */
export function addSecrets(...values: (string | undefined)[]): void {
  for (const value of values) {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    settings.secrets.add(value);
    settings.secrets.add(encodeURIComponent(value));
  }
}

/** `scheme://user:password@host…` → `scheme://***@host…` in free text. */
const URL_USERINFO = /\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^\s/?#@'"]+@/g;
/**
 * `Basic …`/`Bearer …` credentials, as an `Authorization` header shows them: 8 or more token
 * characters with a digit, a symbol or an inner capital, so that prose ("Basic authentication")
 * stays as it is.
 */
const AUTH_VALUE = /\b(Basic|Bearer)\s+(?=[A-Za-z0-9+/=._~-]*?(?:[0-9+/=_.~-]|[a-z][A-Z]))[A-Za-z0-9+/=._~-]{8,}/g;

/** `text` with every registered secret, URL user info and `Authorization` value masked. */
export function redact(text: string): string {
  let out = text.replace(URL_USERINFO, `$1${MASK}@`).replace(AUTH_VALUE, `$1 ${MASK}`);
  for (const secret of settings.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

/**
 * One URI-like value as a message may show it: its user info masked, even when the value does
 * not parse as a URL (then everything between `://` and the last `@` is masked).
 */
export function redactUri(value: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)(.*)$/s.exec(value);
  if (!match) return redact(value);
  try {
    const url = new URL(value);
    if (url.username === '' && url.password === '') return redact(value);
    url.username = MASK;
    url.password = '';
    return redact(url.href);
  } catch {
    const at = match[2]!.lastIndexOf('@');
    return redact(at < 0 ? value : `${match[1]}${MASK}${match[2]!.slice(at)}`);
  }
}

export function warn(message: string, error?: unknown): void {
  if (settings.silent) return;
  const detail = error === undefined ? '' : `: ${error instanceof Error ? error.message : inspect(error)}`;
  process.stderr.write(`mlflow-autolog: ${redact(`${message}${detail}`)}\n`);
}

/** True when agent errors must be thrown rather than warned (`MLFLOW_AUTOLOG_TESTING=true`). */
export function isTestingMode(): boolean {
  return /^(true|1)$/i.test(process.env.MLFLOW_AUTOLOG_TESTING ?? '');
}

/** Reports an error inside the agent: a warning, or a throw in testing mode. */
export function reportAgentError(context: string, error: unknown): void {
  if (isTestingMode()) throw error;
  warn(context, error);
}
