// Kernel socket state codes (include/net/tcp_states.h) as net-tools netstat names them.
// UDP and raw follow netstat too: 01 is ESTABLISHED (a connected socket), 07 is blank (null)
// where ss would say UNCONN, anything else UNKNOWN.
import type { Proto } from '../../../../shared/model';

const TCP_STATES = [
  'UNKNOWN',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  // TCP_NEW_SYN_RECV: the kernel prints request sockets as SYN_RECV, but a newer /proc may not.
  'SYN_RECV',
] as const;

export const TCP_LISTEN = 0x0a;
const ESTABLISHED = 0x01;
const CLOSE = 0x07;

export function stateName(proto: Proto, code: number): string | null {
  if (proto === 'tcp') return TCP_STATES[code] ?? 'UNKNOWN';
  if (code === ESTABLISHED) return 'ESTABLISHED';
  if (code === CLOSE) return null;
  return 'UNKNOWN';
}
