import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './site.ts';

/** Debian's chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** What went wrong while a page was open: console errors, uncaught errors, dialogs, failed loads. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  failedRequests: string[];
}

export const noProblems = (): PageProblems => ({ consoleErrors: [], pageErrors: [], dialogs: [], failedRequests: [] });

/**
 * A fresh context whose pages record every console error, page error, dialog (dismissed at once)
 * and failed or 4xx/5xx request, into `problems`. Only requests to `origin` count as failures
 * of the site; the browser's own `/favicon.ico` probe is ignored (the site links no favicon).
 */
export async function watchedContext(browser: Browser, origin: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', ...options });
  const problems = noProblems();
  const onPage = (page: Page) => {
    const where = () => page.url();
    page.on('console', (msg: ConsoleMessage) => {
      // Chromium probes /favicon.ico on its own; the site links no icon, so that 404 is not the site's.
      if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico')) problems.consoleErrors.push(`${where()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.pageErrors.push(`${where()}: ${err.message}`));
    page.on('dialog', (dialog) => {
      problems.dialogs.push(`${where()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('requestfailed', (req) => {
      if (req.url().startsWith(origin)) problems.failedRequests.push(`${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
    });
    page.on('response', (res) => {
      const url = res.url();
      if (url.startsWith(origin) && res.status() >= 400 && !url.endsWith('/favicon.ico')) problems.failedRequests.push(`${url}: HTTP ${res.status()}`);
    });
  };
  context.on('page', onPage);
  return { context, problems };
}

/** Clears the lists (between pages, so each assertion names the page it is about). */
export function takeProblems(problems: PageProblems): PageProblems {
  const copy = { consoleErrors: [...problems.consoleErrors], pageErrors: [...problems.pageErrors], dialogs: [...problems.dialogs], failedRequests: [...problems.failedRequests] };
  problems.consoleErrors.length = problems.pageErrors.length = problems.dialogs.length = problems.failedRequests.length = 0;
  return copy;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const require = createRequire(import.meta.url);
const AXE_PATH = join(require.resolve('axe-core'), '..', 'axe.min.js');

/** axe-core's violations of impact `serious` or `critical` on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx?: unknown, opts?: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Full-page PNG in tests/artifacts/ (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
