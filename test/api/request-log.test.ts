import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildHttpApp } from '../../src/http/app.ts';
import { createAuthenticator } from '../../src/services/auth/authenticate.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Line = Record<string, unknown>;

/** At `info`, each request is one log line once answered, rather than Fastify's two. */
describe('the request log', () => {
  let site: TestServer;
  let app: FastifyInstance;
  let origin: string;
  const lines: Line[] = [];

  before(async () => {
    site = await startTestServer();
    const services = site.server.site.services;
    app = buildHttpApp({
      services,
      authenticator: createAuthenticator(services, { anonymousAccess: false, sessionIdleMs: 3_600_000 }),
      config: { contextPath: '', logLevel: 'info', trustedProxies: [], sessionIdleMs: 3_600_000 },
      publicBaseUrl: () => origin,
      logStream: { write: (line) => lines.push(JSON.parse(line) as Line) },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await site.dispose();
  });

  it('logs one line per request with its method, url, status, time and request id', async () => {
    lines.length = 0;
    const answered = await fetch(`${origin}/rest/api/space?limit=1`);
    await answered.text();
    const refused = await fetch(`${origin}/wiki/api/v2/pages/1`);
    await refused.text();
    const requestLines = lines.filter((line) => line.reqId !== undefined);
    assert.equal(requestLines.length, 2, JSON.stringify(lines));
    const [first, second] = requestLines;
    assert.equal(first?.method, 'GET');
    assert.equal(first?.url, '/rest/api/space?limit=1');
    assert.equal(first?.statusCode, 401);
    assert.equal(typeof first?.responseTimeMs, 'number');
    assert.equal(first?.reqId, answered.headers.get('x-request-id'));
    assert.equal(second?.url, '/wiki/api/v2/pages/1');
    assert.equal(second?.reqId, refused.headers.get('x-request-id'));
    assert.ok(!lines.some((line) => line.msg === 'incoming request' || line.msg === 'request completed'));
  });
});
