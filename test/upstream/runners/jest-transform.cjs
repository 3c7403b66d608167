/**
 * The jest transform of the libraries' own suites: ES module syntax and TypeScript to CommonJS
 * with esbuild (tsx's copy, so the repository needs no other transpiler), as the suites' own
 * babel and ts-jest setups did. `import` becomes `require`, so the published packages load
 * through jest's module registry as a user's CommonJS tests load them.
 */
'use strict';
const { createHash } = require('node:crypto');
const { dirname } = require('node:path');

const esbuild = require(require.resolve('esbuild', { paths: [dirname(require.resolve('tsx/package.json'))] }));

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: /\.[cm]?tsx?$/.test(filename) ? 'ts' : 'js',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(esbuild.version).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
