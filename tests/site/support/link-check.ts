import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/**
 * A small hand-written link checker: every `href`/`src` in the HTML pages, every `<link href>`
 * in the Atom feed and every `<loc>` in the sitemap that points inside the site must resolve to
 * a file of the built folder, given the base path the site was built for.
 */
export function brokenLinks(dir: string, base: string): Array<{ page: string; link: string }> {
  const broken: Array<{ page: string; link: string }> = [];
  for (const page of listFiles(dir)) {
    if (!/\.(html|xml)$/.test(page)) continue;
    const text = readFileSync(join(dir, page), 'utf8');
    const links = [...text.matchAll(/\s(?:href|src)="([^"]*)"/g), ...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => decode(m[1]!));
    for (const link of links) {
      if (/^(?:[a-z]+:|#|\/\/)/i.test(link)) continue; // external, mailto:, fragment-only
      const path = link.split(/[?#]/)[0]!;
      let file: string | null = null;
      if (path.startsWith('/')) {
        if (!path.startsWith(base)) file = null;
        else file = decodeURIComponent(path.slice(base.length));
      } else {
        const from = page.split('/').slice(0, -1).join('/');
        file = decodeURIComponent(join(from, path));
      }
      const target = file === null ? null : join(dir, file);
      const ok = target !== null && existsSync(target) && (statSync(target).isFile() || existsSync(join(target, 'index.html')));
      if (!ok) broken.push({ page, link });
    }
  }
  return broken;
}
