// Development only: serves the built renderer with the demo core over the real web transport and
// prints the URL.   node --import tsx tests/e2e/support/serve-demo.ts [connections] [churn]
import path from 'node:path';
import { startWebServer } from '../../../electron/web/web-server';
import { createDemoCore } from './demo-core';

const connections = Number(process.argv[2] ?? 2000);
const churn = Number(process.argv[3] ?? 20);
const core = createDemoCore({ connections, churn, intervalMs: 1000 });
void startWebServer({
  core,
  port: Number(process.env.PORT ?? 0),
  rendererDir: process.env.RENDERER_DIR ?? path.resolve(__dirname, '../../../dist/renderer'),
  log: (m) => console.error(m),
}).then((server) => {
  console.log(server.url);
  const stop = () =>
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Development aid: never runs forever.
  setTimeout(stop, Number(process.env.DEMO_TTL_S ?? 1800) * 1000).unref();
});
