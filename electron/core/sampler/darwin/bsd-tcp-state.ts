// BSD's TCP state names (lsof TST=, macOS netstat) mapped to the netstat names every backend
// reports, the Linux ones: SYN_RCVD -> SYN_RECV, FIN_WAIT_1 -> FIN_WAIT1, CLOSED -> CLOSE.
const BSD_TO_NETSTAT: Record<string, string> = {
  CLOSED: 'CLOSE',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RCVD: 'SYN_RECV',
  SYN_RECEIVED: 'SYN_RECV',
  SYN_RECV: 'SYN_RECV',
  ESTABLISHED: 'ESTABLISHED',
  CLOSE_WAIT: 'CLOSE_WAIT',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT1: 'FIN_WAIT1',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  FIN_WAIT_2: 'FIN_WAIT2',
  FIN_WAIT2: 'FIN_WAIT2',
  TIME_WAIT: 'TIME_WAIT',
  CLOSE: 'CLOSE',
};

/** The netstat name, or null for a word this table does not know (reported as UNKNOWN, as net-tools does). */
export function netstatStateName(bsdName: string): string | null {
  return BSD_TO_NETSTAT[bsdName.trim().toUpperCase()] ?? null;
}

/** What a socket in a state nobody knows is shown as: net-tools' netstat word for it. */
export const UNKNOWN_STATE = 'UNKNOWN';
