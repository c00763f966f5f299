// Port -> service name ("ssh", "https") as netstat prints without -n: /etc/services when there is
// one, a built-in table of the common ports when there is not. Read once; the file rarely changes.
import fs from 'node:fs';
import path from 'node:path';
import { builtInServices } from './well-known-services';

const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/;

/** "name port/proto [aliases] [# comment]" lines -> "port/proto" -> the first name given for it. */
export function parseServices(text: string): Map<string, string> {
  const services = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [name, where] = line.split(/\s+/);
    const match = where === undefined ? null : /^(\d{1,5})\/([a-z]+)$/.exec(where);
    if (name === undefined || !SERVICE_NAME.test(name) || match === null) continue;
    const port = Number(match[1]);
    const key = `${port}/${match[2]}`;
    if (port <= 65535 && !services.has(key)) services.set(key, name);
  }
  return services;
}

export class ServiceNames {
  private services: Map<string, string> | null = null;

  constructor(private readonly etcRoot = '/etc') {}

  /** The service name of a port for tcp or udp; null when none is known. */
  nameOf(port: number, proto: string): string | null {
    this.services ??= this.load();
    return this.services.get(`${port}/${proto}`) ?? null;
  }

  private load(): Map<string, string> {
    try {
      const parsed = parseServices(fs.readFileSync(path.join(this.etcRoot, 'services'), 'utf8'));
      if (parsed.size > 0) return parsed;
    } catch {
      // missing or unreadable: the built-in table below
    }
    return builtInServices();
  }
}
