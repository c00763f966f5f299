// MSFT_NetTCPConnection.State (Get-NetTCPConnection) to the netstat names every backend reports.
// The numbers are MIB_TCP_STATE's (1 = CLOSED ... 12 = DELETE_TCB) plus 100 = Bound.
const NETSTAT_NAMES: Record<number, string> = {
  1: 'CLOSE',
  2: 'LISTEN',
  3: 'SYN_SENT',
  4: 'SYN_RECV',
  5: 'ESTABLISHED',
  6: 'FIN_WAIT1',
  7: 'FIN_WAIT2',
  8: 'CLOSE_WAIT',
  9: 'CLOSING',
  10: 'LAST_ACK',
  11: 'TIME_WAIT',
  // The TCB is being deleted: the connection is gone, as Linux's CLOSE.
  12: 'CLOSE',
  // Bound, neither listening nor connected: Linux lists such a socket as CLOSE too.
  100: 'CLOSE',
};

/** The netstat name, or null for a number this table does not know (shown as UNKNOWN). */
export function tcpStateName(value: number): string | null {
  return NETSTAT_NAMES[value] ?? null;
}
