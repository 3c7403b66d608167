/**
 * The start-up peers (dd-trace, OpenTelemetry's auto-instrumentations), installed by the bench
 * itself from bench/peers/package-lock.json, and a stand-in for their collectors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { benchDir, fail } from './proc.mjs';

const peersDir = path.join(benchDir, 'peers');

/** Installs the peers when missing (`npm ci --prefix bench/peers`); resolves their preload files. */
export function ensurePeers() {
  if (!existsSync(path.join(peersDir, 'node_modules', '.package-lock.json'))) {
    process.stderr.write('installing the start-up peers (npm ci --prefix bench/peers)…\n');
    // NB: no install scripts: none of the peers needs one to load (protobufjs's only prints).
    const npm = spawnSync('npm', ['ci', '--prefix', peersDir, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (npm.status !== 0) fail('npm ci --prefix bench/peers failed: the start-up figure needs its peers.');
  }
  const require = createRequire(path.join(peersDir, 'package.json'));
  const version = (name) => require(path.join(peersDir, 'node_modules', name, 'package.json')).version;
  return {
    ddTrace: { init: require.resolve('dd-trace/init'), version: version('dd-trace') },
    otel: { register: require.resolve('@opentelemetry/auto-instrumentations-node/register'), version: version('@opentelemetry/auto-instrumentations-node') },
  };
}

/**
 * A stand-in collector: a loopback HTTP server that reads and discards whatever is sent and
 * answers 200 `{}`. The peers are measured as they run in production, with a collector that
 * answers (dd-trace's agent, an OTLP endpoint), not with one that refuses connections (which
 * would add retries and error paths) nor with their exporters turned off (which would skip work
 * they do in production). Resolves to { url, requests(), stop() }.
 */
export function startCollector() {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, requests: () => requests, stop: () => new Promise((done) => server.close(done)) });
    });
  });
}
