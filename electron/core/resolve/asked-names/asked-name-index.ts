// "Which name did this process ask for before it connected to this address?": the answers of
// getaddrinfo per process (pid + start time), so a connection can show the service the program
// wanted rather than the reverse DNS of a CDN's machine. Bounded: memory follows the caps, not time.
import type { AskedAnswer } from './getaddrinfo-parser';

export interface AskedName {
  name: string;
  atMs: number;
}

export interface AskedNameIndexOptions {
  /** Processes remembered; the one written to longest ago is forgotten first. */
  maxProcesses?: number;
  /** Addresses remembered per process. */
  maxAddressesPerProcess?: number;
  /** Names asked per process, kept in time order for its detail view. */
  maxNamesPerProcess?: number;
}

interface ProcessNames {
  /** address -> names that answered with it, oldest first (a few: CDNs share addresses). */
  byAddress: Map<string, AskedName[]>;
  asked: AskedName[];
}

const NAMES_PER_ADDRESS = 4;

export class AskedNameIndex {
  private readonly processes = new Map<string, ProcessNames>();
  private readonly maxProcesses: number;
  private readonly maxAddresses: number;
  private readonly maxNames: number;

  constructor(options: AskedNameIndexOptions = {}) {
    this.maxProcesses = options.maxProcesses ?? 2048;
    this.maxAddresses = options.maxAddressesPerProcess ?? 512;
    this.maxNames = options.maxNamesPerProcess ?? 256;
  }

  add(answer: AskedAnswer): void {
    const key = processKey(answer.pid, answer.startTicks);
    let entry = this.processes.get(key);
    if (entry) this.processes.delete(key);
    else entry = { byAddress: new Map(), asked: [] };
    this.processes.set(key, entry);
    if (this.processes.size > this.maxProcesses) this.dropOldestProcess();

    const asked = { name: answer.name, atMs: answer.atMs };
    entry.asked.push(asked);
    if (entry.asked.length > this.maxNames) entry.asked.shift();
    for (const address of answer.addresses) {
      const names = entry.byAddress.get(address) ?? [];
      entry.byAddress.delete(address);
      entry.byAddress.set(
        address,
        [...names.filter((n) => n.name !== asked.name), asked].slice(-NAMES_PER_ADDRESS),
      );
      if (entry.byAddress.size > this.maxAddresses) {
        const oldest = entry.byAddress.keys().next();
        if (!oldest.done) entry.byAddress.delete(oldest.value);
      }
    }
  }

  /**
   * The name this process last asked for, at or before `atMs`, whose answer held `address`;
   * null when it asked for none (then reverse DNS is the fallback).
   */
  nameFor(pid: number, startTicks: number, address: string, atMs = Number.POSITIVE_INFINITY): string | null {
    const names = this.processes.get(processKey(pid, startTicks))?.byAddress.get(address);
    if (!names) return null;
    for (let i = names.length - 1; i >= 0; i--) {
      const n = names[i];
      if (n && n.atMs <= atMs) return n.name;
    }
    return null;
  }

  /** The names a process asked for, in time order. */
  namesOf(pid: number, startTicks: number): readonly AskedName[] {
    return this.processes.get(processKey(pid, startTicks))?.asked ?? [];
  }

  /** A process that exited: its names go with it. */
  forget(pid: number, startTicks: number): void {
    this.processes.delete(processKey(pid, startTicks));
  }

  get size(): number {
    return this.processes.size;
  }

  private dropOldestProcess(): void {
    const oldest = this.processes.keys().next();
    if (!oldest.done) this.processes.delete(oldest.value);
  }
}

function processKey(pid: number, startTicks: number): string {
  return `${pid}:${startTicks}`;
}
