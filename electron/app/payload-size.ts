// Estimates how big an IPC payload is (as JSON would be) without building the JSON, and stops
// counting as soon as it passes the limit: a hostile page cannot make the check itself costly.

/** Bytes (roughly, as JSON) of `value`, or Infinity once past `limit` or deeper than `maxDepth`. */
export function payloadSize(value: unknown, limit: number, maxDepth = 32): number {
  let total = 0;
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > maxDepth) return Infinity;
    if (v === null || v === undefined || typeof v === 'boolean') total += 5;
    else if (typeof v === 'number' || typeof v === 'bigint') total += 24;
    else if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'object') {
      // Structured clone keeps cycles; JSON cannot, and no input of the contract has one.
      if (seen.has(v)) return Infinity;
      seen.add(v);
      if (ArrayBuffer.isView(v)) total += v.byteLength;
      else if (v instanceof ArrayBuffer) total += v.byteLength;
      else if (v instanceof Map || v instanceof Set) {
        total += 2;
        for (const entry of v) stack.push([entry, depth + 1]);
      } else {
        total += 2;
        for (const key of Object.keys(v)) {
          total += key.length + 3;
          if (total > limit) return Infinity;
          stack.push([(v as Record<string, unknown>)[key], depth + 1]);
        }
      }
    } else total += 8;
    if (total > limit) return Infinity;
  }
  return total;
}
