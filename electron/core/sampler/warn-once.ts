// Tells SamplerOptions.onWarning about each distinct problem with the OS's text once, never per
// tick, and stops after a bounded number of distinct problems so a broken source cannot flood it.

const DEFAULT_LIMIT = 64;

export type WarnOnce = (key: string, message: string) => void;

export function createWarnOnce(
  onWarning: ((message: string) => void) | undefined,
  limit = DEFAULT_LIMIT,
): WarnOnce {
  const seen = new Set<string>();
  return (key, message) => {
    if (!onWarning || seen.has(key) || seen.size >= limit) return;
    seen.add(key);
    onWarning(message);
  };
}
