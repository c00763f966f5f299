// Worker-thread entry that hosts the service, so sampling and SQLite never run on the Electron main
// thread or the CLI's. Answers calls from service-host.ts and forwards events, notices and
// notifications. Bundled to dist/electron/service-worker.cjs.
import { parentPort, workerData } from 'node:worker_threads';
import { listMethods } from '../../shared/contract';
import { createService, type Service } from './service';
import { parseHostMessage, type WorkerMessage, type WorkerStartData } from './service-protocol';

type Handler = (input: unknown) => Promise<unknown>;

function isStartData(value: unknown): value is WorkerStartData {
  return typeof value === 'object' && value !== null && 'options' in value && 'notify' in value;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('service-worker.ts runs as a worker thread only');
  const post = (message: WorkerMessage): void => port.postMessage(message);
  if (!isStartData(workerData)) {
    post({ type: 'failed', message: 'the service worker was started without its options' });
    return;
  }
  const start = workerData;
  let service: Service;
  try {
    service = await createService({
      ...start.options,
      notify: start.notify ? (message) => post({ type: 'notify', message }) : undefined,
      onNotice: (message) => post({ type: 'notice', message }),
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  const specs = new Map(listMethods().map(([s, m, spec]) => [`${s}.${m}`, spec]));
  const handlers = service.handlers as unknown as Record<string, Record<string, Handler>>;
  service.subscribe((name, payload) => post({ type: 'event', name, payload }));

  port.on('message', (raw: unknown) => {
    const message = parseHostMessage(raw);
    if (!message) return;
    if (message.type === 'close') {
      void service.close().finally(() => {
        post({ type: 'closed' });
        port.close();
      });
      return;
    }
    const { id, service: name, method } = message;
    void (async () => {
      try {
        const spec = specs.get(`${name}.${method}`);
        const handler = handlers[name]?.[method];
        if (!spec || !handler) throw new Error(`no such method: ${name}.${method}`);
        // Transports validated already; the worker checks again rather than trusting its port.
        const value = await handler(spec.input.parse(message.input));
        post({ type: 'result', id, ok: true, value });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        post({ type: 'result', id, ok: false, error: { name: e.name, message: e.message } });
      }
    })();
  });
  post({ type: 'ready' });
}

void main();
