/**
 * System metrics with MLflow's names (`mlflow/system_metrics/*`): CPU, memory, disk and network
 * use sampled every `MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL` seconds (10 by default) into
 * `system/*` metrics with a step counter from 0. Reads /proc where it exists, the `os` module
 * otherwise. The timer is unref'd: sampling never keeps a process alive.
 */
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { sep } from 'node:path';
import { ConfigError } from '../errors';

/** MLflow's metric names, without the `system/` prefix. */
export const SYSTEM_METRIC_NAMES = [
  'cpu_utilization_percentage',
  'system_memory_usage_megabytes',
  'system_memory_usage_percentage',
  'disk_usage_percentage',
  'disk_usage_megabytes',
  'disk_available_megabytes',
  'network_receive_megabytes',
  'network_transmit_megabytes',
] as const;

const MB = 1e6;

/** The sampling interval in ms, from `MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL` (seconds). */
export function samplingIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL;
  if (raw === undefined || raw === '') return 10_000;
  const seconds = Number(raw.trim());
  if (!(Number.isFinite(seconds) && seconds > 0)) {
    throw new ConfigError(
      `MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL=${JSON.stringify(raw)} is not valid: a positive number of seconds, e.g. 10 or 0.5.`,
      'MLFLOW_SYSTEM_METRICS_SAMPLING_INTERVAL',
    );
  }
  return Math.max(1, Math.round(seconds * 1000));
}

/** The metric name prefix: `system/`, or `system/<node id>/` with MLFLOW_SYSTEM_METRICS_NODE_ID. */
export function metricPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const node = env.MLFLOW_SYSTEM_METRICS_NODE_ID;
  return node ? `system/${node}/` : 'system/';
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

interface CpuTimes {
  total: number;
  idle: number;
}

function cpuTimes(): CpuTimes {
  const line = readProc('/proc/stat')?.split('\n', 1)[0];
  if (line?.startsWith('cpu ')) {
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // NB: user nice system idle iowait irq softirq steal; guest time is already inside user.
    const total = fields.slice(0, 8).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
    return { total, idle: (fields[3] ?? 0) + (fields[4] ?? 0) };
  }
  let total = 0;
  let idle = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
    idle += t.idle;
  }
  return { total, idle };
}

function memory(): { used: number; total: number } {
  const info = readProc('/proc/meminfo');
  if (info) {
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info)?.[1] ?? NaN) * 1024;
    const total = kb('MemTotal');
    const available = kb('MemAvailable');
    if (Number.isFinite(total) && Number.isFinite(available)) return { used: total - available, total };
  }
  return { used: totalmem() - freemem(), total: totalmem() };
}

function network(): { rx: number; tx: number } | undefined {
  const dev = readProc('/proc/net/dev');
  if (!dev) return undefined;
  let rx = 0;
  let tx = 0;
  for (const line of dev.split('\n').slice(2)) {
    const [, counters] = line.split(':');
    if (!counters) continue;
    const fields = counters.trim().split(/\s+/).map(Number);
    rx += fields[0] ?? 0;
    tx += fields[8] ?? 0;
  }
  return { rx, tx };
}

/** Takes samples; CPU and network are measured against the previous sample and the start. */
export class SystemMetricsSampler {
  private lastCpu = cpuTimes();
  private readonly startNetwork = network();

  /** One sample: every metric MLflow logs that this machine can measure, unprefixed. */
  sample(): Record<string, number> {
    const metrics: Record<string, number> = {};
    const cpu = cpuTimes();
    const dTotal = cpu.total - this.lastCpu.total;
    const dIdle = cpu.idle - this.lastCpu.idle;
    this.lastCpu = cpu;
    metrics.cpu_utilization_percentage = dTotal > 0 ? Math.min(100, Math.max(0, 100 * (1 - dIdle / dTotal))) : 0;
    const mem = memory();
    metrics.system_memory_usage_megabytes = mem.used / MB;
    metrics.system_memory_usage_percentage = mem.total > 0 ? (100 * mem.used) / mem.total : 0;
    try {
      // NB: psutil.disk_usage's arithmetic: used from free blocks, available from the unprivileged count.
      const fs = statfsSync(sep);
      const used = (fs.blocks - fs.bfree) * fs.bsize;
      const available = fs.bavail * fs.bsize;
      metrics.disk_usage_megabytes = used / MB;
      metrics.disk_available_megabytes = available / MB;
      metrics.disk_usage_percentage = used + available > 0 ? (100 * used) / (used + available) : 0;
    } catch {
      // no statfs on this platform
    }
    const net = network();
    if (net && this.startNetwork) {
      metrics.network_receive_megabytes = (net.rx - this.startNetwork.rx) / MB;
      metrics.network_transmit_megabytes = (net.tx - this.startNetwork.tx) / MB;
    }
    return metrics;
  }
}

/** Something that receives prefixed metrics with their step. */
export type SystemMetricsSink = (metrics: Record<string, number>, step: number) => void;

/** A running monitor; `stop()` takes a last sample (so short runs get one) and stops the timer. */
export interface SystemMetricsMonitor {
  stop(): void;
}

/**
 * Starts sampling every `intervalMs` into `sink`, with steps 0, 1, 2, … An error while sampling
 * or logging goes to `onError` (the timer runs outside any caller that could catch it).
 */
export function startSystemMetrics(
  sink: SystemMetricsSink,
  options: { intervalMs?: number; onError: (error: unknown) => void },
): SystemMetricsMonitor {
  const intervalMs = options.intervalMs ?? samplingIntervalMs();
  const sampler = new SystemMetricsSampler();
  const prefix = metricPrefix();
  let step = 0;
  let stopped = false;
  const tick = () => {
    try {
      const sample = sampler.sample();
      const metrics: Record<string, number> = {};
      for (const [key, value] of Object.entries(sample)) metrics[prefix + key] = value;
      sink(metrics, step++);
    } catch (error) {
      options.onError(error);
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      tick();
    },
  };
}
