import { get, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, startTestApp, type TestApp } from '../testing/test-app';

/** A built web app as Angular and the precompress step leave it: a hashed bundle with its .br and .gz, and index.html. */
function builtWebApp(): { root: string; bundle: string } {
  const root = mkdtempSync(join(tmpdir(), 'glucodiary-web-'));
  const bundle = `console.log(${JSON.stringify('GlucoDiary '.repeat(500))});`;
  writeFileSync(join(root, 'main-OXME6QIK.js'), bundle);
  writeFileSync(join(root, 'main-OXME6QIK.js.br'), brotliCompressSync(bundle));
  writeFileSync(join(root, 'main-OXME6QIK.js.gz'), gzipSync(bundle));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><app-root></app-root><script src="main-OXME6QIK.js"></script></body></html>');
  return { root, bundle };
}

describe('serving the web app', () => {
  let testApp: TestApp;
  let web: ReturnType<typeof builtWebApp>;

  beforeAll(async () => {
    web = builtWebApp();
    testApp = await startTestApp({}, { webRoot: web.root });
  });
  afterAll(async () => {
    await testApp.close();
    rmSync(web.root, { recursive: true, force: true });
  });

  it('sends a hashed bundle compressed with Brotli where the browser accepts it, cached for a year as immutable', async () => {
    const answer = await testApp.app.inject({ method: 'GET', url: '/main-OXME6QIK.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(answer.headers['vary'])).toMatch(/accept-encoding/i);
    expect(answer.rawPayload.length).toBeLessThan(web.bundle.length / 10);
    expect(brotliDecompressSync(answer.rawPayload).toString()).toBe(web.bundle);
  });

  it('sends gzip to a browser without Brotli, and the plain file to one that accepts neither', async () => {
    const gzipped = await testApp.app.inject({ method: 'GET', url: '/main-OXME6QIK.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const plain = await testApp.app.inject({ method: 'GET', url: '/main-OXME6QIK.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(web.bundle);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html, also as the answer to a deep link, checked again on every load (no-cache)', async () => {
    for (const url of ['/', '/index.html', '/dashboard', '/day/2026-12-01']) {
      const answer = await testApp.app.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(200);
      expect(answer.headers['cache-control'], url).toBe('no-cache');
      expect(answer.body, url).toContain('<app-root>');
    }
  });

  it("compresses a signed-in user's JSON answers, but never the live stream", async () => {
    const { headers } = await signedInUser(testApp.app);
    const now = Date.now();
    const readings = Array.from({ length: 60 }, (_, i) => ({ value: 100 + i, unit: 'mg/dL', takenAt: new Date(now - i * 5 * 60_000).toISOString(), context: 'other' }));
    for (const reading of readings) {
      const created = await testApp.app.inject({ method: 'POST', url: '/api/readings', headers, payload: reading });
      expect(created.statusCode).toBe(201);
    }
    const list = await testApp.app.inject({ method: 'GET', url: '/api/readings?limit=60', headers: { ...headers, 'accept-encoding': 'br' } });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-encoding']).toBe('br');
    const items = (JSON.parse(brotliDecompressSync(list.rawPayload).toString()) as { items: unknown[] }).items;
    expect(items).toHaveLength(60);

    // A small answer is not worth it.
    const profile = await testApp.app.inject({ method: 'GET', url: '/api/profile', headers: { ...headers, 'accept-encoding': 'br' } });
    expect(profile.headers['content-encoding']).toBeUndefined();

    // The stream's events must leave at once: its answer is sent as is.
    const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const live = await new Promise<IncomingMessage>((resolve, reject) => {
      get(`${address}/api/live`, { headers: { ...headers, 'accept-encoding': 'br, gzip' } }, resolve).on('error', reject);
    });
    try {
      expect(live.statusCode).toBe(200);
      expect(live.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(live.headers['content-encoding']).toBeUndefined();
    } finally {
      live.destroy();
    }
  });
});
