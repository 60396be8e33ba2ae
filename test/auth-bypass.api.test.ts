// Authentication is decided from the matched route and its declared policy, whatever the spelling
// of the path: percent-encoding, case, duplicate or dot segments, trailing characters. Every
// spelling of a protected route answers 401 (route matched, no actor) or 404 (no route), or the web
// app's HTML shell for a non-API GET — never data, and no handler runs without an actor.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { SIGNED_IN } from '../src/server/http/policy.ts';
import { openTestApp, type TestApp } from './api-harness.ts';
import { describeEachEngine } from './db-harness.ts';

/** Protected routes and many spellings of each (the first of each list is the canonical path). */
function spellings(path: string): string[] {
  const [, first, ...rest] = path.split('/');
  const tail = rest.join('/');
  const enc = (s: string) => [...s].map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return [
    `/%61pi/${tail}`,
    `/%41PI/${tail}`,
    `/${enc(first!)}/${tail}`,
    `/%2561pi/${tail}`,
    `/api/${enc(tail.slice(0, 1))}${tail.slice(1)}`,
    `/API/${tail}`,
    `/Api/${tail}`,
    `//api/${tail}`,
    `/api//${tail}`,
    `/./api/${tail}`,
    `/api/./${tail}`,
    `/x/../api/${tail}`,
    `/api/x/../${tail}`,
    `/%2e/api/${tail}`,
    `/api/%2e%2e/api/${tail}`,
    `/api%2f${tail}`,
    `/%2fapi/${tail}`,
    `/api/${tail}/`,
    `/api/${tail};x=1`,
    `/api/${tail}%00`,
    `/api/${tail}%20`,
    `/api/${tail}%09`,
    `/api/${tail}.json`,
    `/api/${tail}?`,
    `/api/${tail}?limit=200&before=999999`,
    `/api/${tail}#frag`,
    `\\api\\${tail}`,
    `/api\\${tail}`,
  ];
}

const PROTECTED = ['/api/audit', '/api/me', '/api/users', '/api/orgs'];

function expectNoData(status: number, contentType: string | undefined, body: string, url: string) {
  const ok =
    status === 401 ||
    status === 404 ||
    status === 400 ||
    (status === 200 && (contentType ?? '').startsWith('text/html'));
  expect(ok, `${url} answered ${status} ${contentType} ${body.slice(0, 120)}`).toBe(true);
  expect(body.includes('"data"'), `${url} leaked data`).toBe(false);
}

describeEachEngine('authentication cannot be bypassed by the spelling of a path', (use) => {
  let t: TestApp;
  let web: FastifyInstance;
  const ran: string[] = [];

  afterAll(async () => {
    await web?.close();
  });

  it('answers 401 for each protected route in its canonical spelling', async () => {
    t = await openTestApp(use());
    for (const path of PROTECTED) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(401);
    }
  });

  it('never answers data to any other spelling (API only, through inject)', async () => {
    for (const path of PROTECTED) {
      for (const url of spellings(path)) {
        const res = await t.app.inject({ method: 'GET', url });
        expectNoData(res.statusCode, res.headers['content-type'] as string | undefined, res.body, url);
        expect(res.statusCode, url).not.toBe(500);
      }
    }
  });

  it('with the web app served, no spelling reaches a handler without an actor (raw HTTP, no client normalisation)', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'dj-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>党建</title>');
    web = await buildApp(
      { ...t.ctx, config: { ...t.ctx.config, webDist: dist } },
      {
        serveWeb: true,
        // A probe route declared SIGNED_IN: its handler records every call.
        onRoute: () => undefined,
      },
    );
    web.get('/api/probe-handler', { config: { policy: SIGNED_IN } }, async (request) => {
      ran.push(request.url);
      return { data: 'secret' };
    });
    await web.listen({ port: 0, host: '127.0.0.1' });
    const port = (web.server.address() as { port: number }).port;
    for (const path of [...PROTECTED, '/api/probe-handler']) {
      for (const url of spellings(path)) {
        const { status, contentType, body } = await rawGet(port, url);
        expectNoData(status, contentType, body, url);
        expect(status, url).not.toBe(500);
      }
    }
    expect(ran).toEqual([]);
    // The shell itself is still served publicly, and a signed-out API call is a plain 401.
    expect((await rawGet(port, '/')).status).toBe(200);
    expect((await rawGet(port, '/orgs/1')).body).toContain('党建');
    expect((await rawGet(port, '/api/probe-handler')).status).toBe(401);
  });
});

/** One HTTP/1.1 GET written byte for byte, so that no client library rewrites the path. */
function rawGet(port: number, url: string): Promise<{ status: number; contentType?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('connect', () =>
      socket.write(`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    );
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: ([^\r]+)/i.exec(head)?.[1];
      resolve({ status, contentType, body: rest.join('\r\n\r\n') });
    });
  });
}
