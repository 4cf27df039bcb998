import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { signalWhenClientGoes } from './client-gone.ts';
import { toFailure } from './error-handler.ts';

function aRequest(raw: EventEmitter & { complete: boolean }, logged: unknown[]): FastifyRequest {
  return {
    id: 'req-7',
    raw,
    log: { error: (entry: unknown) => logged.push(entry) },
  } as unknown as FastifyRequest;
}

describe('a client that goes away', () => {
  it('aborts the upload with a client error, which is not logged as a fault of ours', () => {
    const logged: unknown[] = [];
    const request = aRequest(Object.assign(new EventEmitter(), { complete: false }), logged);
    const signal = signalWhenClientGoes(request);
    request.raw.emit('close');
    assert.equal(signal.aborted, true);
    assert.equal(toFailure(signal.reason, request).status, 400);
    assert.deepEqual(logged, []);
  });

  it('leaves the signal alone when the connection closes after the whole body arrived', () => {
    const request = aRequest(Object.assign(new EventEmitter(), { complete: true }), []);
    const signal = signalWhenClientGoes(request);
    request.raw.emit('close');
    assert.equal(signal.aborted, false);
  });
});
