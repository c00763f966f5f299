// Every migration, in order. Adding one is one line here plus its file (0002-alerts.ts, ...).
import { initial } from './0001-initial';
import { alerts } from './0002-alerts';
import { connectionGeo } from './0003-connection-geo';
import { traffic } from './0004-traffic';
import { namespaces } from './0005-namespaces';
import { hostSource } from './0006-host-source';
import type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  initial,
  alerts,
  connectionGeo,
  traffic,
  namespaces,
  hostSource,
];

export const latestVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);
