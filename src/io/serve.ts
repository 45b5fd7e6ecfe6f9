import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

/** The base path the site was built for, read from the build's own data (Eleventy pathPrefix). */
function builtBase(dir: string): string {
  try {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const m = /<link rel="stylesheet" href="([^"]*)assets\/style\.css">/.exec(html);
    return m?.[1] || '/';
  } catch {
    return '/';
  }
}

/**
 * Serves a built site on 127.0.0.1 under the base path it was built for (`--base /a/` is served
 * at http://127.0.0.1:PORT/a/), with the site's 404 page. Read-only; no directory listings.
 */
export async function serveSite(options: { dir: string; port: number; host?: string; log?: (m: string) => void }): Promise<Server> {
  const root = normalize(options.dir);
  const base = builtBase(root);
  const server = createServer((req, res) => {
    // A static site answers reads only.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const send = (status: number, type: string, file: string) => {
      res.writeHead(status, { 'content-type': type });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      // A file that cannot be read (removed mid-request, no permission) ends this response, not the server.
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    };
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(302, { location: base }).end();
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    } catch {
      res.writeHead(500).end();
      return;
    }
    if (!existsSync(file)) {
      const notFound = join(root, '404.html');
      if (existsSync(notFound)) send(404, TYPES['.html']!, notFound);
      else res.writeHead(404, { 'content-type': TYPES['.html']! }).end('not found');
      return;
    }
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', file);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(options.port, host, () => ok()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  (options.log ?? (() => {}))(`serving ${root} at http://${host}:${port}${base}`);
  return server;
}
