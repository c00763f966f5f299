// The History view's filter as the form holds it (a time preset or a custom range, text fields),
// and its translation into the contract's HistoryFilter at query time.
import type { HistoryFilter } from '../../../../shared/contract';

export const presets = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 hour', ms: 3_600_000 },
  { id: '24h', label: '24 hours', ms: 86_400_000 },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { id: 'custom', label: 'Custom', ms: 0 },
] as const;
export type PresetId = (typeof presets)[number]['id'];

export interface HistoryForm {
  preset: PresetId;
  /** datetime-local values, used when preset is 'custom'. */
  from: string;
  to: string;
  programId: number | null;
  program: string;
  remote: string;
  port: string;
  proto: '' | 'tcp' | 'udp' | 'raw';
  state: string;
  direction: '' | 'listen' | 'inbound' | 'outbound';
  /** The collector's tags: a network namespace (exact) and a container or unit (part of it). */
  netns: string;
  unit: string;
}

export const defaultHistoryForm: HistoryForm = {
  preset: '24h',
  from: '',
  to: '',
  programId: null,
  program: '',
  remote: '',
  port: '',
  proto: '',
  state: '',
  direction: '',
  netns: '',
  unit: '',
};

function parseLocal(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** A problem with the form a person can fix, or null. */
export function formProblem(form: HistoryForm): string | null {
  if (form.port.trim() && !/^\d{1,5}$/.test(form.port.trim())) return 'The port is a number from 0 to 65535.';
  if (form.port.trim() && Number(form.port) > 65535) return 'The port is a number from 0 to 65535.';
  if (form.preset === 'custom') {
    const from = parseLocal(form.from);
    const to = parseLocal(form.to);
    if (from !== undefined && to !== undefined && from > to)
      return 'The start of the range is after its end.';
  }
  return null;
}

export function toHistoryFilter(form: HistoryForm, now: number): HistoryFilter {
  const filter: HistoryFilter = {};
  if (form.preset === 'custom') {
    const from = parseLocal(form.from);
    const to = parseLocal(form.to);
    if (from !== undefined) filter.from = from;
    if (to !== undefined) filter.to = to;
  } else {
    const preset = presets.find((p) => p.id === form.preset)!;
    filter.from = now - preset.ms;
  }
  if (form.programId !== null) filter.programId = form.programId;
  else if (form.program.trim()) filter.program = form.program.trim().slice(0, 4096);
  if (form.remote.trim()) filter.remote = form.remote.trim().slice(0, 255);
  if (form.port.trim()) filter.port = Number(form.port.trim());
  if (form.proto) filter.proto = form.proto;
  if (form.state.trim()) filter.state = form.state.trim().toUpperCase().slice(0, 20);
  if (form.direction) filter.direction = form.direction;
  if (form.netns.trim()) filter.netns = form.netns.trim().slice(0, 255);
  if (form.unit.trim()) filter.unit = form.unit.trim().slice(0, 255);
  return filter;
}
