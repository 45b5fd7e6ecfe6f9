import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { serveSite } from '../io/serve.ts';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * What a first search really downloads, measured in Debian's Chromium: open the built site's
 * search page in a fresh browser (empty cache), type the query, wait for the status line and the
 * first results, then for the network to go quiet, and add up the bytes of every file the page
 * loaded from the site: its HTML and CSS, its scripts (search, engine, the script converter),
 * and the index files fetched (meta.json, the buckets of the query's tokens, the document chunks
 * of the results shown, any filter group), as served (`raw`) and as a compressing host sends it
 * (`gzip`). Null when Chromium is not installed.
 */
export async function measureFirstQuery(siteDir: string, queries: readonly string[]): Promise<Record<string, { raw: number; gzip: number }> | null> {
  if (!existsSync(CHROMIUM)) return null;
  // playwright-core is a dev dependency: loaded only here, when the bench asks for it.
  const { chromium } = await import('playwright-core');
  const server = await serveSite({ dir: siteDir, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/search/`;
  const out: Record<string, { raw: number; gzip: number }> = {};
  try {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let raw = 0;
      let wire = 0;
      // Each file once: typing and then pressing Enter may ask for the same bucket twice.
      const seen = new Set<string>();
      const bodies: Promise<void>[] = [];
      page.on('response', (res) => {
        const path = new URL(res.url()).pathname;
        // Every file of the site the page loads (its HTML, CSS, scripts, the script converter,
        // the index), until the first results show.
        if (!res.url().startsWith(origin)) return;
        if (seen.has(path) || !res.ok()) return;
        seen.add(path);
        bodies.push(
          res.body().then(
            (b) => {
              raw += b.length;
              // What a host that compresses (GitHub Pages, Netlify, Cloudflare all do) sends; a
              // file gzip cannot shrink is sent as it is.
              wire += Math.min(b.length, gzipSync(b).length);
            },
            () => {},
          ),
        );
      });
      await page.goto(url);
      const input = page.locator('#search-input');
      await input.waitFor({ state: 'visible' });
      // Type, then Enter, as a reader does: the page may search as one types or on submit.
      await input.fill(query);
      await input.press('Enter');
      await page.waitForFunction(
        (q) => {
          // The status names the query once done: `找到 N 篇 N results for “q”` or `没有找到“q” …`;
          // then the first 10 results must be on the page.
          const status = document.querySelector('.search-status')?.textContent ?? '';
          if (!status.includes(q)) return false;
          if (status.includes('没有找到')) return true;
          const count = /找到\s*(\d+)/.exec(status);
          if (!count) return false;
          return document.querySelectorAll('.search-result-link').length >= Math.min(Number(count[1]), 10);
        },
        query,
        { timeout: 60_000 },
      );
      await page.waitForLoadState('networkidle');
      await Promise.all(bodies);
      out[query] = { raw: Math.round(raw / 102.4) / 10, gzip: Math.round(wire / 102.4) / 10 };
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
  return out;
}
