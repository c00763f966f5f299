// The exporter's own process metrics (process_cpu_seconds_total, resident memory, start time, heap),
// read when Prometheus scrapes and never between. prom-client's collectDefaultMetrics is not used:
// its event-loop lag monitor wakes every 10 ms and its GC observer runs at every collection, a
// steady cost on an idle recorder for figures nobody asked for.
import { Counter, Gauge, type Registry } from 'prom-client';

export function registerProcessMetrics(registry: Registry): void {
  const registers = [registry];
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());
  const cpu = (name: string, help: string, pick: (u: NodeJS.CpuUsage) => number): void => {
    const metric: Counter<string> = new Counter({
      name,
      help,
      registers,
      collect: () => {
        metric.reset();
        metric.inc(pick(process.cpuUsage()) / 1e6);
      },
    });
  };
  cpu('process_cpu_user_seconds_total', 'User CPU time spent, seconds.', (u) => u.user);
  cpu('process_cpu_system_seconds_total', 'System CPU time spent, seconds.', (u) => u.system);
  cpu('process_cpu_seconds_total', 'User and system CPU time spent, seconds.', (u) => u.user + u.system);
  const gauge = (name: string, help: string, read: () => number): void => {
    const metric: Gauge<string> = new Gauge({
      name,
      help,
      registers,
      collect: () => metric.set(read()),
    });
  };
  gauge('process_resident_memory_bytes', 'Resident memory size, bytes.', () => process.memoryUsage.rss());
  gauge(
    'process_start_time_seconds',
    'Start time of the process since the Unix epoch, seconds.',
    () => startSeconds,
  );
  gauge('nodejs_heap_size_used_bytes', 'V8 heap in use, bytes.', () => process.memoryUsage().heapUsed);
}
