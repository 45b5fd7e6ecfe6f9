import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../src/io/serve.ts';

/** `newsarchive serve`: read-only, and a request that goes wrong ends that request only. */
let dir: string;
let origin: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'na-serve-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><link rel="stylesheet" href="/assets/style.css"><p>home</p>');
  writeFileSync(join(dir, '404.html'), '<p>missing</p>');
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'index.html'), '<p>article</p>');
  writeFileSync(join(dir, 'locked.html'), 'secret');
  chmodSync(join(dir, 'locked.html'), 0o000);
  const server = await serveSite({ dir, port: 0, log: () => {} });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve', () => {
  it.each([['POST'], ['PUT'], ['DELETE'], ['PATCH']])('%s is 405 with Allow: GET, HEAD', async (method) => {
    const r = await fetch(`${origin}/`, { method });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    ['/', 200, 'home'],
    ['/a/', 200, 'article'],
    ['/nope/', 404, 'missing'],
  ])('GET %s → %i', async (path, status, text) => {
    const r = await fetch(origin + path);
    expect(r.status).toBe(status);
    expect(await r.text()).toContain(text);
  });

  it('HEAD answers without a body', async () => {
    const r = await fetch(`${origin}/a/`, { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('');
  });

  it('a request for something that cannot be read does not stop the server', async () => {
    if (process.getuid?.() === 0) {
      // root reads any file: make the read fail another way (a folder where a file was).
      rmSync(join(dir, 'locked.html'), { force: true });
      mkdirSync(join(dir, 'locked.html'));
    }
    await fetch(`${origin}/locked.html`)
      .then((r) => r.text())
      .catch(() => 'failed');
    const r = await fetch(`${origin}/`);
    expect(r.status).toBe(200);
  });
});
