import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { toFailure } from './error-handler.ts';

function fakeRequest(logged: unknown[]): FastifyRequest {
  return {
    id: 'req-42',
    log: { error: (entry: unknown) => logged.push(entry) },
  } as unknown as FastifyRequest;
}

describe('turning errors into failures', () => {
  it('keeps the status and message of a domain error', () => {
    const failure = toFailure(new DomainError('conflict', 'Version is stale'), fakeRequest([]));
    assert.deepEqual(failure, { status: 409, message: 'Version is stale' });
  });

  it('hides an unexpected error behind a 500 that quotes the request id, and logs it', () => {
    const logged: unknown[] = [];
    const failure = toFailure(new TypeError('secret internals at /srv/x.ts:12'), fakeRequest(logged));
    assert.equal(failure.status, 500);
    assert.match(failure.message, /req-42/);
    assert.doesNotMatch(failure.message, /secret internals/);
    assert.equal(logged.length, 1);
  });

  it('keeps the status of a framework client error', () => {
    const error = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
    assert.deepEqual(toFailure(error, fakeRequest([])), { status: 400, message: 'Body is not valid JSON' });
  });
});
