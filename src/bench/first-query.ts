import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { serveSite } from '../site/serve.ts';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * What a first search really downloads, measured in Debian's Chromium: open the built site's
 * search page in a fresh browser (empty cache), type the query, wait for the results, and add up
 * the bytes of every Pagefind file fetched (loader, WASM, metadata, filters, index chunks,
 * result fragments of every merged bundle), as served (`raw`) and as a compressing host sends it
 * (`gzip`). The page's own HTML, CSS and scripts are not counted: they load before anyone types.
 * Null when Chromium is not installed.
 */
export async function measureFirstQuery(siteDir: string, queries: readonly string[]): Promise<Record<string, { raw: number; gzip: number }> | null> {
  if (!existsSync(CHROMIUM)) return null;
  // playwright-core is a dev dependency: loaded only here, when the bench asks for it.
  const { chromium } = await import('playwright-core');
  const server = await serveSite({ dir: siteDir, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search/`;
  const out: Record<string, { raw: number; gzip: number }> = {};
  try {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let raw = 0;
      let wire = 0;
      page.on('response', (res) => {
        if (!/\/pagefind(-\d+)?\/(?!pagefind-ui\.)/.test(new URL(res.url()).pathname)) return;
        res.body().then(
          (b) => {
            raw += b.length;
            // What a host that compresses (GitHub Pages, Netlify, Cloudflare all do) sends:
            // Pagefind's own .pf_* files are gzip already and do not shrink further.
            wire += Math.min(b.length, gzipSync(b).length);
          },
          () => {},
        );
      });
      await page.goto(url);
      const input = page.locator('#search input').first();
      await input.waitFor({ state: 'visible' });
      await input.fill(query);
      await page.waitForFunction(
        (q) => {
          // The UI names the query with a count once done (or says it found nothing), then fills
          // in the first five results as their fragments arrive.
          const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
          if (!message.includes(q)) return false;
          const count = /\d+/.exec(message);
          if (!count) return message.includes('没有找到');
          return document.querySelectorAll('.pagefind-ui__result-link').length >= Math.min(Number(count[0]), 5);
        },
        query,
        { timeout: 60_000 },
      );
      await page.waitForLoadState('networkidle');
      out[query] = { raw: Math.round(raw / 102.4) / 10, gzip: Math.round(wire / 102.4) / 10 };
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
  return out;
}
