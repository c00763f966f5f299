// Finds a group's id in /etc/group (the collector chowns its socket to it). Local groups only:
// the collector's group is created by its installer with groupadd, never by a directory service.
import { readFileSync } from 'node:fs';

export function parseGroupFile(text: string, name: string): number | null {
  for (const line of text.split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return null;
}

export function groupId(name: string, file = '/etc/group'): number | null {
  try {
    return parseGroupFile(readFileSync(file, 'utf8'), name);
  } catch {
    return null;
  }
}
