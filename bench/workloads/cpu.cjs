/**
 * CPU time (user + system, every thread) of this process since `start`, a process.cpuUsage(), in
 * ms. The per-step workloads report it beside wall time: other processes on a shared machine move
 * it less than they move wall time.
 */
'use strict';

function cpuSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

module.exports = { cpuSince };
