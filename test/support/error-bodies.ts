import assert from 'node:assert/strict';
import { assertMatchesSpec } from './spec-contract.ts';
import type { TestResponse } from './test-server.ts';

export interface RestErrorBody {
  statusCode: number;
  message: string;
  reason: string;
}

export interface V2ErrorBody {
  errors: { status: number; code: string; title: string; detail: string }[];
}

/**
 * A v1/DC error: the status, JSON, and Data Center's `RestError` schema. Many operations document only
 * some of their error statuses, so the schema is taken from one that documents it (`GET /space/{key}`'s
 * 404); it is the same `RestError` whatever the status.
 */
export function assertRestError(response: TestResponse, status: number, message?: RegExp): RestErrorBody {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assertMatchesSpec('dc', 'GET', '/rest/api/space/{spaceKey}', 404, response.body);
  const body = response.body as RestErrorBody;
  assert.equal(body.statusCode, status);
  if (message) assert.match(body.message, message);
  return body;
}

/** A Cloud v2 error: `{"errors": [{status, code, title, detail}]}` (the v2 spec gives no schema for errors). */
export function assertV2Error(response: TestResponse, status: number, code: string): V2ErrorBody {
  assert.equal(response.status, status, response.text);
  const body = response.body as V2ErrorBody;
  assert.deepEqual(Object.keys(body), ['errors']);
  assert.equal(body.errors.length, 1);
  assert.equal(body.errors[0]?.status, status);
  assert.equal(body.errors[0]?.code, code);
  assert.equal(typeof body.errors[0]?.detail, 'string');
  return body;
}
