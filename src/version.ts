import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// NB: compiled to dist/src/version.js, two levels below the package root, as in the sources.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

/** This package's name and version, as its package.json says. */
export const PACKAGE_NAME = manifest.name;
export const PACKAGE_VERSION = manifest.version;
