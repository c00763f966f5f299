// Full interface names for the link rows of `netstat -i`, which macOS cuts to the column width.
// `ifconfig -l` lists every full name; a printed name that starts exactly one of them is that one.
// When several start with it (vmnet -> vmnet1, vmnet8; utun1 -> utun1, utun10), `netstat -I NAME`
// says which <Link#N> each candidate is, as other tools do. Interfaces change rarely, so the answer
// is kept until the set of link rows changes (an answer without ifconfig is not kept: the next
// call asks again). A name that cannot be settled keeps what netstat printed, made unique by its
// link index, and is reported once.
import { runChecked } from '../checked-command';
import type { CommandRunner } from '../seams';
import type { WarnOnce } from '../warn-once';
import { type LinkRow, linkIndexOf } from './netstat-interface-parser';

export const IFCONFIG_LIST_ARGS = ['-l'] as const;
export const netstatInterfaceArgs = (name: string): string[] => ['-I', name];

export interface InterfaceNames {
  /** Link index -> the name to show. */
  resolve(links: readonly LinkRow[]): Promise<Map<number, string>>;
}

export function createInterfaceNames(run: CommandRunner, timeoutMs: number, warn: WarnOnce): InterfaceNames {
  let cachedKey: string | null = null;
  let cached = new Map<number, string>();

  const fullNames = async (): Promise<string[] | null> => {
    try {
      const out = await runChecked(run, 'ifconfig', IFCONFIG_LIST_ARGS, { timeoutMs });
      return out
        .trim()
        .split(/\s+/)
        .filter((n) => n !== '');
    } catch (error) {
      warn(
        'ifconfig-l',
        `${error instanceof Error ? error.message : String(error)}; interface names as netstat cut them`,
      );
      return null;
    }
  };

  const indexOf = async (name: string): Promise<number | null> => {
    try {
      return linkIndexOf(await runChecked(run, 'netstat', netstatInterfaceArgs(name), { timeoutMs }));
    } catch (error) {
      warn(
        `netstat-I:${name}`,
        `${error instanceof Error ? error.message : String(error)}; ${name} keeps the name netstat -i printed`,
      );
      return null;
    }
  };

  const settle = async (
    links: readonly LinkRow[],
    list: readonly string[] | null,
  ): Promise<Map<number, string>> => {
    const names = new Map<number, string>();
    const groups = new Map<string, LinkRow[]>();
    for (const link of links) groups.set(link.printedName, [...(groups.get(link.printedName) ?? []), link]);
    for (const [printed, group] of groups) {
      const candidates = (list ?? []).filter((n) => n.startsWith(printed));
      const [link] = group;
      const [only] = candidates;
      if (group.length === 1 && candidates.length === 1 && link && only !== undefined) {
        names.set(link.index, only);
        continue;
      }
      if (candidates.length < 2) continue;
      const wanted = new Set(group.map((l) => l.index));
      for (const candidate of candidates) {
        const index = await indexOf(candidate);
        if (index !== null && wanted.has(index)) names.set(index, candidate);
      }
    }
    // What is still unsettled keeps its printed name; two alike are told apart by link index.
    const counts = new Map<string, number>();
    for (const link of links) counts.set(link.printedName, (counts.get(link.printedName) ?? 0) + 1);
    for (const link of links) {
      if (names.has(link.index)) continue;
      const ambiguous = (counts.get(link.printedName) ?? 0) > 1;
      if (ambiguous)
        warn(
          `interface-name:${link.printedName}`,
          `netstat -i: several interfaces print as ${JSON.stringify(link.printedName)} and their full names could not be found; shown with their link index`,
        );
      names.set(link.index, ambiguous ? `${link.printedName} (Link#${link.index})` : link.printedName);
    }
    return names;
  };

  return {
    async resolve(links) {
      const key = links.map((l) => `${l.index}:${l.printedName}`).join(' ');
      if (key === cachedKey) return cached;
      const list = await fullNames();
      const names = await settle(links, list);
      if (list !== null) {
        cached = names;
        cachedKey = key;
      }
      return names;
    },
  };
}
