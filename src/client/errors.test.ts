import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverMessageOf } from './errors.ts';

describe('server messages in errors', () => {
  it('reads the v1 message, the v2 title and detail, and plain text', () => {
    assert.equal(
      serverMessageOf('{"statusCode":404,"message":"No content found"}', 'application/json'),
      'No content found',
    );
    assert.equal(
      serverMessageOf(
        '{"errors":[{"status":400,"title":"Bad Request","detail":"limit must be a number"}]}',
        'application/json',
      ),
      'Bad Request: limit must be a number',
    );
    assert.equal(serverMessageOf('XSRF check failed', 'text/plain'), 'XSRF check failed');
  });

  it('leaves out HTML pages and empty bodies, and clips long text', () => {
    assert.equal(serverMessageOf('<!DOCTYPE html><html>…</html>', 'text/html'), undefined);
    assert.equal(serverMessageOf('  ', 'text/plain'), undefined);
    assert.equal(serverMessageOf('x'.repeat(1000), 'text/plain')?.length, 301);
  });
});
