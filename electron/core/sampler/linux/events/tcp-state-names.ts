// The state a TCP socket ended in, from the kernel's state number (include/net/tcp_states.h) it
// left when it reached CLOSE.

/** From FIN_WAIT1/2 or CLOSING the kernel hands the connection to a TIME_WAIT remnant as it closes. */
export function endStateOf(old: number): string {
  if (old === 4 || old === 5 || old === 11) return 'TIME_WAIT';
  if (old === 2) return 'SYN_SENT'; // a connect that failed (refused, unreachable, timed out)
  if (old === 3) return 'SYN_RECV';
  return 'CLOSE';
}
