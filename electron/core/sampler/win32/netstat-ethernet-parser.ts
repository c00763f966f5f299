// Parses Windows `netstat -e`: machine-wide Ethernet counters in Received/Sent columns. Row titles
// are translated on localized Windows but their order is fixed (Bytes, Unicast packets,
// Non-unicast packets, Discards, Errors, Unknown protocols), so rows are read by position.
import type { InterfaceStats } from '../../../../shared/model';

/** netstat -e sums every adapter: the one entry it gives is named so. */
export const ETHERNET_TOTAL_NAME = 'Ethernet (all adapters)';

export function parseNetstatEthernet(text: string): InterfaceStats | null {
  const rows: number[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const numbers = /^\D*?((?:\s+\d+){1,2})\s*$/.exec(line);
    if (!numbers?.[1] || !/\S/.test(line.slice(0, line.indexOf(numbers[1])))) continue;
    rows.push(numbers[1].trim().split(/\s+/).map(Number));
  }
  const pair = (index: number): [number, number] | null => {
    const row = rows[index];
    return row && row.length === 2 ? [row[0] ?? 0, row[1] ?? 0] : null;
  };
  const [bytes, unicast, nonUnicast, discards, errors] = [0, 1, 2, 3, 4].map(pair);
  if (!bytes || !unicast || !nonUnicast || !discards || !errors) return null;
  const [rxBytes, txBytes] = bytes;
  const [rxUnicast, txUnicast] = unicast;
  const [rxMulti, txMulti] = nonUnicast;
  const [rxDrop, txDrop] = discards;
  const [rxErr, txErr] = errors;
  return {
    name: ETHERNET_TOTAL_NAME,
    mtu: null,
    flags: null,
    rxBytes,
    rxPackets: rxUnicast + rxMulti,
    rxErrors: rxErr,
    rxDropped: rxDrop,
    rxOverruns: 0,
    rxFrame: 0,
    rxMulticast: rxMulti,
    txBytes,
    txPackets: txUnicast + txMulti,
    txErrors: txErr,
    txDropped: txDrop,
    txOverruns: 0,
    txCarrier: 0,
    txCollisions: 0,
  };
}
