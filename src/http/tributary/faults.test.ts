import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import '../common/request-context.ts';
import { registerFaults } from './faults.ts';

describe('registerFaults', () => {
  it('tells onInjected of every fault it injects, and of nothing else (the request journal)', async () => {
    const app = Fastify();
    app.decorateRequest('principal', null as never);
    app.decorateRequest('surface', null as never);
    const seen: Array<[string, number]> = [];
    registerFaults(app, {
      rules: [{ path: '/x', status: 503, times: 2 }],
      contextPath: '',
      ownMount: '/rest/tributary/1.0',
      rateLimitRule: { fillRate: 10, intervalSeconds: 1, max: 100 },
      onInjected: (request, rule) => seen.push([request.url, rule.id]),
    });
    app.get('/x', async () => 'served');
    app.get('/y', async () => 'served');
    const statuses = [];
    for (const url of ['/x', '/y', '/x?q=1', '/x']) statuses.push((await app.inject(url)).statusCode);
    assert.deepEqual(statuses, [503, 200, 503, 200]);
    assert.deepEqual(seen, [
      ['/x', 1],
      ['/x?q=1', 1],
    ]);
    await app.close();
  });
});
