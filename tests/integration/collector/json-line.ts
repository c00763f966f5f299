// Reads the first JSON line a child prints (bounded wait): how the test children report themselves.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export async function firstJsonLine<T>(child: ChildProcess, what: string, timeoutMs = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const line = await Promise.race([
      (async () => {
        for await (const l of createInterface({ input: child.stdout! })) return l;
        throw new Error(`${what} exited before it reported`);
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} did not report within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    return JSON.parse(line) as T;
  } finally {
    clearTimeout(timer);
  }
}
