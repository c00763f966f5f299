// The sentence the export dialog shows about what will be exported: the format and every filter
// in words, so a person can check the choice before a large file is written. Plain text (program
// names and hosts come from others; the dialog shows it as text).
import { presets, type HistoryForm } from './history-filter';
import type { ExportFormat } from './export-run';

const formatText: Record<ExportFormat, string> = {
  csv: 'CSV, one row per connection,',
  jsonl: 'JSON Lines, one line per connection,',
  html: 'An HTML report (summary, top programs, remotes and ports, a graph, the newest 5,000 connections)',
};

const directionText: Record<Exclude<HistoryForm['direction'], ''>, string> = {
  listen: 'listening sockets',
  inbound: 'inbound',
  outbound: 'outbound',
};

/** A datetime-local value as a person writes it: "2025-01-31 10:00". */
const localText = (value: string) => value.replace('T', ' ');

function rangeText(form: HistoryForm): string {
  if (form.preset !== 'custom') {
    const preset = presets.find((p) => p.id === form.preset)!;
    return `started in the last ${preset.label}`;
  }
  if (form.from && form.to) return `started between ${localText(form.from)} and ${localText(form.to)}`;
  if (form.from) return `started since ${localText(form.from)}`;
  if (form.to) return `started until ${localText(form.to)}`;
  return 'started at any time';
}

/** The filters other than time, in words; empty when there are none. */
function filterTexts(form: HistoryForm, programName: string | null): string[] {
  const out: string[] = [];
  if (form.programId !== null) out.push(`program ${programName ?? `#${form.programId}`}`);
  else if (form.program.trim()) out.push(`program or path containing “${form.program.trim()}”`);
  if (form.remote.trim()) out.push(`remote “${form.remote.trim()}”`);
  if (form.port.trim()) out.push(`port ${form.port.trim()} at either end`);
  if (form.proto) out.push(form.proto.toUpperCase());
  if (form.state.trim()) out.push(`last state ${form.state.trim().toUpperCase()}`);
  if (form.direction) out.push(directionText[form.direction]);
  return out;
}

export function exportSummary(form: HistoryForm, format: ExportFormat, programName: string | null): string {
  const filters = filterTexts(form, programName);
  const which = filters.length ? `, filtered to ${filters.join(', ')}` : '';
  return `${formatText[format]} of the connections that ${rangeText(form)}${which}.`;
}
