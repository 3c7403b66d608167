/**
 * Preloaded first (`--require`) into every start-up run, whatever else is preloaded: at exit it
 * writes the files of the CommonJS modules the process loaded to BENCH_PROBE_OUT, so the start-up
 * figure can say what a preload brought in. The same probe runs in every variant, bare Node too.
 */
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.BENCH_PROBE_OUT;
if (out) {
  process.once('exit', () => {
    writeFileSync(out, JSON.stringify({ modules: Object.keys(require.cache) }));
  });
}
