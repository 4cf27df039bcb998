import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { DomainError, duplicateFilename, fileTooLarge } from '../../domain/errors.ts';
import { toFailure } from './error-handler.ts';
import type { ApiKind } from './surface.ts';

function fakeRequest(logged: unknown[], api: ApiKind = 'v1'): FastifyRequest {
  return {
    id: 'req-42',
    surface: { api, cloud: false, base: '', context: '' },
    log: { error: (entry: unknown) => logged.push(entry) },
  } as unknown as FastifyRequest;
}

describe('turning errors into failures', () => {
  it('keeps the status and message of a domain error', () => {
    const failure = toFailure(
      new DomainError('state_conflict', { detail: 'Version is stale' }),
      fakeRequest([]),
    );
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

  it('derives the status from the code and words it as the surface does', () => {
    const v1 = toFailure(duplicateFilename('a.txt'), fakeRequest([], 'v1'));
    assert.deepEqual(v1, {
      status: 400,
      message: 'Cannot add a new attachment with same file name as an existing attachment: a.txt',
    });
    assert.deepEqual(toFailure(fileTooLarge(5 * 1024 * 1024), fakeRequest([], 'v2')), {
      status: 413,
      message: 'File size exceeds maximum allowed size of 5MB',
    });
  });

  it('keeps the domain wording of a code no surface words its own way', () => {
    const failure = toFailure(
      new DomainError('not_found', { detail: 'No webhook 7' }),
      fakeRequest([], 'v2'),
    );
    assert.deepEqual(failure, { status: 404, message: 'No webhook 7' });
  });

  it('renders a framework refusal of a known status as the general code of that status', () => {
    const error = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    assert.deepEqual(toFailure(error, fakeRequest([])), {
      status: 413,
      message: 'Request body is too large',
    });
  });
});
