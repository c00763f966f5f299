// An alerts row as SQLite returns it (migrations/0002-alerts.ts), and the AlertRecord it stands
// for: one mapping for the alert engine's repository and the reports that list alerts.
import type { AlertRecord } from '../../../shared/model';
import { hostSourceOf } from '../store/history-query';

export interface AlertRow {
  id: number;
  kind: AlertRecord['kind'];
  subject: string;
  severity: AlertRecord['severity'];
  created_at: number;
  last_at: number;
  count: number;
  acknowledged_at: number | null;
  program_id: number | null;
  exe: string | null;
  process: string | null;
  user: string | null;
  cmdline: string | null;
  remote_address: string | null;
  remote_port: number | null;
  remote_host: string | null;
  remote_host_source: string | null;
  local_address: string | null;
  local_port: number | null;
  service: string | null;
  proto: AlertRecord['proto'];
  message: string;
}

export function toAlertRecord(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    createdAt: r.created_at,
    lastAt: r.last_at,
    count: r.count,
    acknowledged: r.acknowledged_at !== null,
    programId: r.program_id,
    exe: r.exe,
    process: r.process,
    user: r.user,
    cmdline: r.cmdline,
    remoteAddress: r.remote_address,
    remotePort: r.remote_port,
    remoteHost: r.remote_host,
    remoteHostSource: hostSourceOf(r.remote_host_source),
    localAddress: r.local_address,
    localPort: r.local_port,
    service: r.service,
    proto: r.proto,
    message: r.message,
  };
}
