// Parses the JSON replies of powershell-scripts.ts: parse, don't cast. A reply whose shape is
// wrong is refused with a message naming the field; a single row that is wrong is skipped and
// counted, so one odd socket never loses the others. ConvertTo-Json writes one object where an
// array of one was meant and null for an empty list: both are read as lists.
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);
const pid = z.number().int().min(0);

export const TcpConnectionRow = z.object({
  LocalAddress: z.string(),
  LocalPort: port,
  RemoteAddress: z.string(),
  RemotePort: port,
  State: z.number().int(),
  OwningProcess: pid,
});
export type TcpConnectionRow = z.infer<typeof TcpConnectionRow>;

export const UdpEndpointRow = z.object({ LocalAddress: z.string(), LocalPort: port, OwningProcess: pid });
export type UdpEndpointRow = z.infer<typeof UdpEndpointRow>;

export const ProcessIdentityRow = z.object({
  Id: pid,
  Name: z.string().nullable(),
  Start: z.number().nullable(),
});
export type ProcessIdentityRow = z.infer<typeof ProcessIdentityRow>;

export const OwnerRow = z.object({
  ProcessId: pid,
  Name: z.string().nullable(),
  ExecutablePath: z.string().nullable(),
  CommandLine: z.string().nullable(),
  CreationDate: z.number().nullable(),
  User: z.string().nullable(),
});
export type OwnerRow = z.infer<typeof OwnerRow>;

const list = z.union([z.array(z.unknown()), z.null(), z.record(z.string(), z.unknown())]);

const SocketsReply = z.object({ tcp: list, udp: list, processes: list, admin: z.boolean() });

export interface Rows<T> {
  rows: T[];
  skipped: number;
}

export interface SocketsReply {
  tcp: Rows<TcpConnectionRow>;
  udp: Rows<UdpEndpointRow>;
  processes: Rows<ProcessIdentityRow>;
  admin: boolean;
}

export class ReplyNotUnderstoodError extends Error {
  constructor(what: string, detail: string) {
    super(`PowerShell ${what} reply not understood: ${detail}`);
    this.name = 'ReplyNotUnderstoodError';
  }
}

function asList(value: z.infer<typeof list>): unknown[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function rowsOf<T>(schema: z.ZodType<T>, values: unknown[]): Rows<T> {
  const rows: T[] = [];
  let skipped = 0;
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (parsed.success) rows.push(parsed.data);
    else skipped++;
  }
  return { rows, skipped };
}

function parseJson(what: string, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ReplyNotUnderstoodError(what, `not JSON (${why}), ${trimmed.length} characters`);
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'wrong shape';
}

export function parseSocketsReply(text: string): SocketsReply {
  const parsed = SocketsReply.safeParse(parseJson('sockets', text));
  if (!parsed.success) throw new ReplyNotUnderstoodError('sockets', describe(parsed.error));
  return {
    tcp: rowsOf(TcpConnectionRow, asList(parsed.data.tcp)),
    udp: rowsOf(UdpEndpointRow, asList(parsed.data.udp)),
    processes: rowsOf(ProcessIdentityRow, asList(parsed.data.processes)),
    admin: parsed.data.admin,
  };
}

export function parseOwnersReply(text: string): Rows<OwnerRow> {
  const parsed = list.safeParse(parseJson('owners', text));
  if (!parsed.success) throw new ReplyNotUnderstoodError('owners', describe(parsed.error));
  return rowsOf(OwnerRow, asList(parsed.data));
}
