// `netwatch -i`: the kernel interface table as netstat -i prints it (only interfaces that are up
// unless -a), and with -e one ifconfig-style block per interface.
import type { InterfaceStats } from '../../shared/model';
import { padLeft, padRight, terminalText } from '../../shared/terminal-text';

function isUp(entry: InterfaceStats): boolean {
  return entry.flags === null || entry.flags.includes('U');
}

export function formatInterfaceTable(stats: readonly InterfaceStats[], all: boolean): string {
  const out = ['Kernel Interface table'];
  out.push('Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg');
  for (const s of stats.filter((entry) => all || isUp(entry))) {
    out.push(
      padRight(terminalText(s.name), 16) +
        padLeft(s.mtu === null ? '-' : String(s.mtu), 5) +
        ' ' +
        padLeft(String(s.rxPackets), 8) +
        ' ' +
        padLeft(String(s.rxErrors), 6) +
        ' ' +
        padLeft(String(s.rxDropped), 6) +
        ' ' +
        padRight(String(s.rxOverruns), 6) +
        ' ' +
        padLeft(String(s.txPackets), 8) +
        ' ' +
        padLeft(String(s.txErrors), 6) +
        ' ' +
        padLeft(String(s.txDropped), 6) +
        ' ' +
        padLeft(String(s.txOverruns), 6) +
        ' ' +
        (s.flags ?? ''),
    );
  }
  return out.join('\n') + '\n';
}

function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function formatInterfaceBlocks(stats: readonly InterfaceStats[], all: boolean): string {
  const out = ['Kernel Interface table'];
  for (const s of stats.filter((entry) => all || isUp(entry))) {
    out.push(`${terminalText(s.name)}: flags=<${s.flags ?? ''}>  mtu ${s.mtu ?? '-'}`);
    out.push(`        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${humanBytes(s.rxBytes)})`);
    out.push(
      `        RX errors ${s.rxErrors}  dropped ${s.rxDropped}  overruns ${s.rxOverruns}  frame ${s.rxFrame}`,
    );
    out.push(`        TX packets ${s.txPackets}  bytes ${s.txBytes} (${humanBytes(s.txBytes)})`);
    out.push(
      `        TX errors ${s.txErrors}  dropped ${s.txDropped} overruns ${s.txOverruns}  carrier ${s.txCarrier}  collisions ${s.txCollisions}`,
    );
    out.push('');
  }
  return out.join('\n') + '\n';
}
