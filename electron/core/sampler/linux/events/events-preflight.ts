// Why the event feed cannot run here, before anything is started: privileges, bpftrace, tracefs,
// BTF. null when all are there. Each reason says what to do about it.
import fs from 'node:fs';
import path from 'node:path';

const CAP_PERFMON = 38n;
const CAP_BPF = 39n;

function hasCapabilities(procRoot: string): boolean {
  const status = fs.readFileSync(path.join(procRoot, 'self/status'), 'latin1');
  const match = /^CapEff:\s*([0-9a-f]{1,16})$/m.exec(status);
  if (!match?.[1]) return false;
  const caps = BigInt(`0x${match[1]}`);
  return ((caps >> CAP_BPF) & 1n) === 1n && ((caps >> CAP_PERFMON) & 1n) === 1n;
}

/** The bpftrace on PATH (or the usual places), or null. */
export function findBpftrace(envPath = process.env.PATH ?? ''): string | null {
  const dirs = [...envPath.split(':').filter((d) => d !== ''), '/usr/bin', '/usr/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'bpftrace');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export const TRACEFS_EVENT = '/sys/kernel/tracing/events/sock/inet_sock_set_state';

export function preflightReason(procRoot = '/proc', euid = process.geteuid?.() ?? -1): string | null {
  let privileged = euid === 0;
  try {
    privileged ||= hasCapabilities(procRoot);
  } catch {
    // no status file: not privileged as far as we can tell
  }
  if (!privileged) return 'netwatch is not root (kernel events need root, or CAP_BPF and CAP_PERFMON)';
  if (findBpftrace() === null) return 'bpftrace is not installed (apt-get install bpftrace)';
  if (
    !fs.existsSync(TRACEFS_EVENT) &&
    !fs.existsSync('/sys/kernel/debug/tracing/events/sock/inet_sock_set_state')
  )
    return 'tracefs is not mounted at /sys/kernel/tracing (mount -t tracefs nodev /sys/kernel/tracing)';
  if (!fs.existsSync('/sys/kernel/btf/vmlinux')) return 'the kernel has no BTF (/sys/kernel/btf/vmlinux)';
  return null;
}
