// The browser mode at a desktop's load for the benches: held loopback connections and churn, a real
// `netwatch serve`, and headless Chromium with its page open on Live; one close() ends them all.
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { startServe, type ServeProcess } from '../e2e/support/serve-process';
import { holdLoopbackConnections } from './hold-loopback-connections';
import { childrenOf, commOf } from './process-tree-usage';
import { startChurn } from './start-loopback-churn';

export interface IdlePage {
  serve: ServeProcess;
  page: Page;
  /** Chromium's processes: the bench's own children named chrom* (each metered with its tree). */
  chromiumRoots(): number[];
  close(): Promise<void>;
}

/** Everything stops by itself after ttlSeconds whatever happens to the bench. */
export async function openIdlePage(
  held: number,
  churnPerSecond: number,
  ttlSeconds: number,
): Promise<IdlePage> {
  const connections = await holdLoopbackConnections(held, ttlSeconds);
  const churn = await startChurn(Math.max(20, churnPerSecond * 2), churnPerSecond, ttlSeconds);
  const serve = await startServe({ lifetimeMs: ttlSeconds * 1000 });
  const browser = await launchBrowser();
  const close = async (): Promise<void> => {
    await browser.close();
    await serve.close();
    churn.stdin?.end();
    if (churn.exitCode === null) churn.kill('SIGTERM');
    await connections.close();
  };
  try {
    const page = await browser.context.newPage();
    await page.goto(serve.url);
    await page
      .locator('[data-testid="live-table"] .vt-body [role="row"]')
      .first()
      .waitFor({ timeout: 30_000 });
    const chromiumRoots = (): number[] => childrenOf(process.pid).filter((pid) => /^chrom/.test(commOf(pid)));
    return { serve, page, chromiumRoots, close };
  } catch (error) {
    await close();
    throw error;
  }
}
