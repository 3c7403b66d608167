/**
 * The `meta.yaml` files of MLflow's file store: written so that PyYAML's `safe_load` (YAML 1.1,
 * which MLflow reads them with) gives back exactly the values we meant, and read with the `yaml`
 * package in YAML 1.1 mode so that files MLflow wrote read the same way here.
 */
import { parse } from 'yaml';

/** The scalar values a meta file holds. */
export type YamlScalar = string | number | boolean | null;
/** One field of a meta file: a scalar, a flat string map (input tags) or an empty list. */
export type YamlValue = YamlScalar | readonly never[] | Readonly<Record<string, string>>;

// NB: words YAML 1.1 resolves to booleans or null; a plain scalar spelled like one is no string.
const RESERVED_WORDS = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;
// NB: a conservative plain-scalar shape (the style PyYAML picks for names and URIs): starts with a
// letter, '_' or '/', so it can be neither a number nor a timestamp, and never holds ': ' or ' #'.
const PLAIN_SHAPE = /^[A-Za-z_/][\w./@+=,:~%-]*(?: [\w./@+=,~%-][\w./@+=,:~%-]*)*$/;
// NB: lowercase hex ids (run ids) with a letter other than 'e' and no '0b' prefix cannot read as
// an int, float or timestamp in YAML 1.1; PyYAML writes them plain too.
const PLAIN_HEX = /^(?!0b)[0-9][0-9a-f]*[a-df][0-9a-f]*$/;

/**
 * Characters PyYAML accepts inside a single-quoted scalar on one line: its printable set minus
 * line breaks (\x85, \u2028, \u2029) and the byte-order mark. Anything else is escaped.
 */
function isSingleQuotable(codePoint: number): boolean {
  return (
    codePoint === 0x09 ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xd7ff && codePoint !== 0x2028 && codePoint !== 0x2029) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd && codePoint !== 0xfeff) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '\\0',
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).toUpperCase().padStart(width, '0');
}

/** Formats a string as a YAML scalar that YAML 1.1 reads back as that very string. */
export function yamlString(value: string): string {
  if (PLAIN_HEX.test(value)) return value;
  if (PLAIN_SHAPE.test(value) && !RESERVED_WORDS.test(value) && !/:(?: |$)/.test(value)) return value;
  const codePoints = Array.from(value, (c) => c.codePointAt(0)!);
  // NB: a lone surrogate has no UTF-8 form; Array.from keeps it as one code point in that range.
  const lone = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
  if (codePoints.every((cp) => isSingleQuotable(cp) && !lone(cp))) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  let out = '"';
  for (const cp of codePoints) {
    const short = SHORT_ESCAPES[cp];
    if (short !== undefined) out += short;
    else if (isSingleQuotable(cp) && !lone(cp)) out += String.fromCodePoint(cp);
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

function yamlScalar(value: YamlScalar): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`meta files hold integers only; got ${value}`);
    return String(value);
  }
  return yamlString(value);
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Serializes one meta file the way MLflow's `write_yaml` lays it out: block style, keys sorted,
 * nested maps indented by two spaces, empty collections as `{}` / `[]`.
 */
export function dumpYaml(data: Readonly<Record<string, YamlValue>>): string {
  const lines: string[] = [];
  for (const key of Object.keys(data).sort(byKey)) {
    const value = data[key]!;
    if (Array.isArray(value)) {
      lines.push(`${yamlString(key)}: []`);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, string>).sort(([a], [b]) => byKey(a, b));
      if (entries.length === 0) {
        lines.push(`${yamlString(key)}: {}`);
      } else {
        lines.push(`${yamlString(key)}:`);
        for (const [k, v] of entries) lines.push(`  ${yamlString(k)}: ${yamlString(v)}`);
      }
    } else {
      lines.push(`${yamlString(key)}: ${yamlScalar(value as YamlScalar)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Parses a meta file as YAML 1.1 (MLflow's reading); an empty file gives `undefined`. */
export function parseYaml(text: string): Record<string, unknown> | undefined {
  const value: unknown = parse(text, { version: '1.1' });
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError('a meta.yaml file must hold a mapping');
  }
  return value as Record<string, unknown>;
}
