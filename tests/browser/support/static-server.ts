import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  /** Origin plus base, ending in `/`: `http://127.0.0.1:PORT/sub/path/`. */
  url: string;
  origin: string;
  base: string;
  /** Absolute URL of a site path given relative to the base (`articles/x/` or `/articles/x/`). */
  at(path: string): string;
  close(): Promise<void>;
}

/**
 * A tiny read-only static server for a built site, on 127.0.0.1 and a free port, serving `dir`
 * under `base` (anything outside the base is a plain 404, so a link that forgets the base fails
 * loudly). Directories serve their index.html; no listings; paths cannot leave `dir`.
 */
export async function serveStatic(dir: string, base = '/'): Promise<StaticSite> {
  const root = realpathSync(resolve(dir));
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    const inside = path === prefix.slice(0, -1) ? '' : path.startsWith(prefix) ? path.slice(prefix.length) : null;
    let file = inside === null || path.includes('\0') ? null : resolve(root, inside);
    if (file && file !== root && !file.startsWith(root + sep)) file = null;
    if (file && existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      if (inside !== null && existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('<!doctype html><title>404</title><p>not found</p>');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + prefix,
    origin,
    base: prefix,
    at: (p: string) => origin + prefix + p.replace(/^\/+/, ''),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
