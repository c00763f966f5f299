// Imported first by main.tsx, before the shared contract builds its schemas: zod must not probe
// for `new Function`, which the page's CSP forbids (and reports as a violation) in any case.
import { config } from 'zod';

config({ jitless: true });
