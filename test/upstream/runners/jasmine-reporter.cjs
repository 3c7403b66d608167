/**
 * A jasmine reporter that writes every spec's result as JSON (for scripts/test-upstream.ts) to
 * the file named by UPSTREAM_RESULTS, and a one-line summary to stdout.
 */
'use strict';
const { writeFileSync } = require('node:fs');

class JsonReporter {
  constructor() {
    this.specs = [];
    this.errors = [];
  }
  specDone(result) {
    this.specs.push({
      file: result.filename,
      name: result.fullName,
      status: result.status,
      message: result.failedExpectations.map((e) => e.message).join('\n').slice(0, 2000),
      duration: result.duration,
    });
  }
  suiteDone(result) {
    // NB: an afterAll failure or a spec file that throws on load is reported on its suite.
    for (const e of result.failedExpectations ?? []) this.errors.push(`${result.fullName}: ${e.message}`);
  }
  jasmineDone(result) {
    for (const e of result.failedExpectations ?? []) this.errors.push(e.message);
    writeFileSync(process.env.UPSTREAM_RESULTS, JSON.stringify({ specs: this.specs, errors: this.errors, overallStatus: result.overallStatus }));
    const count = (status) => this.specs.filter((s) => s.status === status).length;
    process.stdout.write(`jasmine: ${count('passed')} passed, ${count('failed')} failed, ${count('pending')} pending, ${this.errors.length} errors\n`);
  }
}

module.exports = JsonReporter;
