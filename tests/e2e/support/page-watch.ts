// Watches a page for what must never happen: a dialog (alert/confirm/prompt), a request to
// anywhere but the netwatch server, an uncaught error, a Content-Security-Policy violation.
import type { Page } from 'playwright-core';

export interface PageWatch {
  dialogs: string[];
  /** Every URL the page asked for. */
  requests: string[];
  foreignRequests: string[];
  pageErrors: string[];
  cspViolations(): Promise<string[]>;
}

export async function watchPage(page: Page, origin: string): Promise<PageWatch> {
  const watch: Omit<PageWatch, 'cspViolations'> = {
    dialogs: [],
    requests: [],
    foreignRequests: [],
    pageErrors: [],
  };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('request', (request) => {
    const url = request.url();
    watch.requests.push(url);
    const sameOrigin = url.startsWith(`${origin}/`) || url.startsWith(origin.replace(/^http/, 'ws') + '/');
    if (!sameOrigin) watch.foreignRequests.push(url);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  // Strings, not functions: the test runner's transpiler adds helpers the page does not have.
  await page.addInitScript(`window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`);
  return {
    ...watch,
    cspViolations: async () => (await page.evaluate('window.__cspViolations || []')) as string[],
  };
}
