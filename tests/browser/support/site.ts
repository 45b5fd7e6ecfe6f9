import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unpackArticle } from '../../../src/packed-article.ts';
import type { Corpus } from '../../../src/article.ts';
import { buildSite } from '../../../src/build/index.ts';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, watchedContext, type PageProblems } from './browser.ts';
import { serveStatic, type StaticSite } from './static-server.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../../seeds/', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../artifacts/', import.meta.url));

export interface BuiltSite extends StaticSite {
  /** The folder the site was built into. */
  dir: string;
  /** What the build ingested, unpacked (to compare pages with the data they show). */
  corpus: Corpus;
  /** Stops the server and removes the temporary folder. */
  dispose(): Promise<void>;
}

/**
 * Builds a site from `input` (the seeds by default) into a fresh temporary folder with the
 * project's own build (as `newsarchive build --input … --output … --base …` does) and serves it
 * over http on 127.0.0.1 under the same base.
 */
export async function buildAndServe(options: { input?: string; base?: string } = {}): Promise<BuiltSite> {
  const work = mkdtempSync(join(tmpdir(), 'na-browser-'));
  const dir = join(work, 'site');
  const base = options.base ?? '/';
  let corpus: Corpus;
  try {
    const built = (await buildSite({ input: options.input ?? SEEDS_DIR, output: dir, base })).corpus;
    corpus = { ...built, articles: built.articles.map(unpackArticle) };
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
  const server = await serveStatic(dir, base);
  return {
    ...server,
    dir,
    corpus,
    dispose: async () => {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The seeds' site, served, with Chromium and a watched context on it (see `seedSiteSession`). */
export interface SeedSiteSession {
  site: BuiltSite;
  browser: Browser;
  context: BrowserContext;
  problems: PageProblems;
}

/**
 * Builds and serves the seeds' site and opens Chromium with a watched context on it before the
 * file's tests, and closes both after them. Its fields are set once the tests run.
 */
export function seedSiteSession(): SeedSiteSession {
  const session = {} as SeedSiteSession;
  beforeAll(async () => {
    [session.site, session.browser] = await Promise.all([buildAndServe(), launchChromium()]);
    ({ context: session.context, problems: session.problems } = await watchedContext(session.browser, session.site.origin));
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.dispose();
  });
  return session;
}
