// What each export format is called on disk and on the wire.
import type { z } from 'zod';
import type { exportFormatSchema } from '../../../shared/contract';

export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/jsonl; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** "netwatch-2025-01-31T08-00-00.csv": a name with nothing a shell or a file system minds. */
export function exportFileName(format: ExportFormat, at: number): string {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/:/g, '-');
  return `netwatch-${stamp}.${format}`;
}
