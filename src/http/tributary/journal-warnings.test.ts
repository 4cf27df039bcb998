import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { surfaceOf } from '../common/surface.ts';
import { warningsOf } from './journal-warnings.ts';

/** The parts of a request the warnings read: the path the client sent, and the router's pattern. */
const aRequest = (method: string, url: string, pattern: string, contextPath = '') =>
  ({
    method,
    url,
    headers: {},
    routeOptions: { url: pattern },
    surface: surfaceOf(url, 'http://h', contextPath),
  }) as unknown as FastifyRequest;

const codesOf = (request: FastifyRequest, contextPath = '') =>
  warningsOf(request, request.url.split('?')[0] ?? '', contextPath).map((warning) => warning.code);

describe('warningsOf', () => {
  it('tells Cloud from Data Center by the path the client sent, whichever prefix the router’s pattern has', () => {
    for (const pattern of ['/wiki/rest/api/content/:id', '/rest/api/content/:id']) {
      assert.deepEqual(codesOf(aRequest('GET', '/wiki/rest/api/content/7', pattern)), ['cloud_v1_removed']);
      assert.deepEqual(codesOf(aRequest('GET', '/rest/api/content/7', pattern)), []);
    }
  });

  it('reads the path under the context path', () => {
    const request = aRequest(
      'GET',
      '/confluence/wiki/rest/api/content/7',
      '/confluence/rest/api/content/:id',
      '/confluence',
    );
    assert.deepEqual(codesOf(request, '/confluence'), ['cloud_v1_removed']);
    const put = aRequest(
      'PUT',
      '/confluence/rest/api/content/7/child/attachment',
      '/confluence/wiki/rest/api/content/:id/child/attachment',
      '/confluence',
    );
    assert.deepEqual(codesOf(put, '/confluence'), ['put_upload']);
  });
});
