// Addresses and ports as people read them: IPv6 in brackets, port 0 as "*", service or host names
// in place of numbers unless numeric output (netstat -n) is asked; and sort keys that order
// addresses numerically rather than as text.

export function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** "127.0.0.1:8080", "[::1]:53", "0.0.0.0:*", or with names "localhost:http". */
export function endpointText(
  address: string,
  port: number,
  host?: string | null,
  service?: string | null,
): string {
  const shownHost = host ? bracketed(host) : bracketed(address);
  const shownPort = port === 0 ? '*' : (service ?? String(port));
  return `${shownHost}:${shownPort}`;
}

/** "tcp", "tcp6", "udp6": netstat's Proto column. */
export function protoText(proto: string, family: number): string {
  return family === 6 ? `${proto}6` : proto;
}

function ipv4Key(address: string): string | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  return parts.map((p) => p.padStart(3, '0')).join('.');
}

function ipv6Key(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `4${ipv4Key(mapped[1]!) ?? mapped[1]}`;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const zeros = address.includes('::') ? Array(Math.max(0, 8 - h.length - t.length)).fill('0') : [];
  return `6${[...h, ...zeros, ...t].map((g) => g.padStart(4, '0')).join(':')}`;
}

/** Orders IPv4 before IPv6, each numerically, then by port. */
export function endpointSortKey(address: string, port: number): string {
  const v4 = ipv4Key(address);
  const key = v4 !== null ? `4${v4}` : ipv6Key(address);
  return `${key}#${String(port).padStart(5, '0')}`;
}
