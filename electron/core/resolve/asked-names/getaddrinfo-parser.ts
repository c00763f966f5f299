// Reads the getaddrinfo probe's lines back into answers: the name one process asked for and the
// addresses the C library gave it. Lines come per thread and may interleave between threads; a
// malformed line is counted and skipped, never guessed at.
import net from 'node:net';
import { ipv4FromWord, ipv6Groups, ipv6Text } from '../../sampler/linux/proc-address';
import { validHostName } from '../host-name';
import { MAX_NAME_BYTES, READY_LINE } from './getaddrinfo-probe';

/** One successful getaddrinfo call. */
export interface AskedAnswer {
  pid: number;
  /** Start of the process in clock ticks after boot (field 22 of /proc/<pid>/stat). */
  startTicks: number;
  /** When it was asked, CLOCK_MONOTONIC in ms (the clock of process.hrtime and bpftrace's nsecs). */
  atMs: number;
  /** Validated, lowercased name. */
  name: string;
  /** Distinct addresses of the answer, as inet_ntop writes them. */
  addresses: string[];
}

interface Pending {
  pid: number;
  startTicks: number;
  atMs: number;
  name: string | null;
  ok: boolean;
  addresses: Set<string>;
}

/** Threads waiting for their E line; more than this means lost lines, and the oldest goes. */
const MAX_PENDING = 1024;

const QUERY = /^Q (\d{1,10}) (\d{1,10}) (\d{1,20}) (\d{1,20}) (-?\d{1,10}) (.*)$/;
const ADDRESS4 = /^A4 (\d{1,10}) ([0-9a-f]{1,8})$/;
const ADDRESS6 = /^A6 (\d{1,10}) ([0-9a-f]{1,8}) ([0-9a-f]{1,8}) ([0-9a-f]{1,8}) ([0-9a-f]{1,8})$/;
const END = /^E (\d{1,10})$/;

/** The name as %r printed it: printable ASCII without a backslash, then NUL padding only. */
const PRINTED_NAME = /^([^\\]*)(?:\\x00)+$/;

/**
 * A host name worth showing, from the name field as the probe printed it. Not one: any escaped
 * byte (control, bidi, non-ASCII) or backslash, text after the first NUL, a name long enough to
 * have been cut at the probe's limit, a malformed name, an address literal (getaddrinfo("1.2.3.4"))
 * or a name that reads as one.
 */
export function askedName(field: string): string | null {
  const text = PRINTED_NAME.exec(field)?.[1];
  if (text === undefined || text.length >= MAX_NAME_BYTES - 1) return null;
  const name = validHostName(text);
  return name === null || net.isIP(name) !== 0 ? null : name;
}

export class GetaddrinfoParser {
  private readonly pending = new Map<number, Pending>();
  /** Lines that matched no known shape (bpftrace's own notices included). */
  malformed = 0;
  /** Answers whose name was not a well-formed host name (kept out of the index). */
  badNames = 0;

  /** One line of bpftrace output; returns the answer it completes, if any. */
  line(text: string): AskedAnswer | null {
    let m = QUERY.exec(text);
    if (m) {
      this.begin(Number(m[1]), {
        pid: Number(m[2]),
        startTicks: Number(m[3]),
        atMs: Number(m[4]) / 1e6,
        name: askedName(m[6] ?? ''),
        ok: Number(m[5]) === 0,
        addresses: new Set(),
      });
      return null;
    }
    m = ADDRESS4.exec(text);
    if (m) {
      this.pending.get(Number(m[1]))?.addresses.add(ipv4FromWord(Number.parseInt(m[2] ?? '', 16)));
      return null;
    }
    m = ADDRESS6.exec(text);
    if (m) {
      const words = [m[2], m[3], m[4], m[5]].map((w) => Number.parseInt(w ?? '', 16));
      this.pending.get(Number(m[1]))?.addresses.add(ipv6Text(ipv6Groups(words)));
      return null;
    }
    m = END.exec(text);
    if (m) return this.end(Number(m[1]));
    if (text.trim() !== '' && text !== READY_LINE) this.malformed++;
    return null;
  }

  private begin(tid: number, entry: Pending): void {
    this.pending.delete(tid);
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.pending.delete(oldest.value);
    }
    this.pending.set(tid, entry);
  }

  private end(tid: number): AskedAnswer | null {
    const entry = this.pending.get(tid);
    this.pending.delete(tid);
    if (!entry || !entry.ok || entry.addresses.size === 0) return null;
    if (entry.name === null) {
      this.badNames++;
      return null;
    }
    return {
      pid: entry.pid,
      startTicks: entry.startTicks,
      atMs: entry.atMs,
      name: entry.name,
      addresses: [...entry.addresses],
    };
  }
}
