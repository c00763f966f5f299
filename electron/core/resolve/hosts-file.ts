// address -> first name from /etc/hosts, as netstat finds "localhost" for 127.0.0.1 without asking
// DNS (which often has no PTR for loopback). Read once per resolver; validated like DNS names.
import fs from 'node:fs';
import path from 'node:path';
import { validHostName } from './host-name';

export function parseHosts(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const [address, name] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (address === undefined || name === undefined) continue;
    const valid = validHostName(name);
    const key = address.toLowerCase();
    if (valid !== null && !names.has(key)) names.set(key, valid);
  }
  return names;
}

export function readHosts(etcRoot: string): Map<string, string> {
  try {
    return parseHosts(fs.readFileSync(path.join(etcRoot, 'hosts'), 'utf8'));
  } catch {
    return new Map();
  }
}
