/**
 * Peak memory of this process around one operation, from /proc/self/status: writing 5 to
 * /proc/self/clear_refs resets the peak (VmHWM) to the current RSS, so the peak read afterwards
 * is the operation's own, not one left from start-up. Linux only. bench/workloads/memory.py is
 * the same for the Python side.
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');

function statusKiB(field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match[1]);
}

/** Resets the peak and returns the current RSS in MiB. */
function resetPeak() {
  writeFileSync('/proc/self/clear_refs', '5');
  return statusKiB('VmRSS') / 1024;
}

/** The peak RSS since the last reset, in MiB. */
function peak() {
  return statusKiB('VmHWM') / 1024;
}

module.exports = { resetPeak, peak };
