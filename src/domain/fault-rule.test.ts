import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from './errors.ts';
import { faultPathMatcher, parseFaultRule } from './fault-rule.ts';

describe('fault rules', () => {
  it('match * to exactly one segment', () => {
    const matches = faultPathMatcher('/wiki/api/v2/pages/*');
    assert.ok(matches('/wiki/api/v2/pages/123'));
    assert.ok(matches('/wiki/api/v2/pages/123/'), 'a trailing slash is ignored, as the router ignores it');
    assert.ok(!matches('/wiki/api/v2/pages'));
    assert.ok(!matches('/wiki/api/v2/pages/123/children'));
  });

  it('match ** to any rest of the path, none included, in the middle too', () => {
    const rest = faultPathMatcher('/rest/api/**');
    for (const path of ['/rest/api', '/rest/api/space', '/rest/api/content/1/child/attachment']) {
      assert.ok(rest(path), path);
    }
    assert.ok(!rest('/rest/apis'));
    const middle = faultPathMatcher('/rest/api/**/download');
    assert.ok(middle('/rest/api/content/1/child/attachment/att2/download'));
    assert.ok(!middle('/rest/api/content/1'));
    assert.ok(faultPathMatcher('/**')('/'));
  });

  it('match other segments literally, regular-expression characters included', () => {
    const matches = faultPathMatcher('/download/attachments/1/a.b+c.txt');
    assert.ok(matches('/download/attachments/1/a.b+c.txt'));
    assert.ok(!matches('/download/attachments/1/aXbbc.txt'));
  });

  it('are normalised: the method in upper case, unknown combinations refused', () => {
    assert.deepEqual(parseFaultRule({ method: 'post', path: '/rest/api/content', status: 500 }), {
      method: 'POST',
      path: '/rest/api/content',
      status: 500,
    });
    const refused = (rule: unknown) =>
      assert.throws(
        () => parseFaultRule(rule),
        (error) => isDomainError(error, 'invalid_request'),
      );
    refused({ path: '/x', cutAfterBytes: 1, reset: true });
    refused({ path: '/x', status: 503, cutAfterBytes: 1 });
    refused({ path: '/x', failUpload: false });
    refused({ path: '/x', status: 503, times: 0 });
    refused({ path: '/x', status: 503, method: 'GET /x' });
    refused(null);
  });

  it('let a failed upload name its status and a delay go with any action', () => {
    assert.deepEqual(parseFaultRule({ path: '/x', failUpload: true, status: 429, retryAfter: 3 }), {
      path: '/x',
      failUpload: true,
      status: 429,
      retryAfter: 3,
    });
    assert.deepEqual(parseFaultRule({ path: '/x', delayMs: 50, reset: true }), {
      path: '/x',
      delayMs: 50,
      reset: true,
    });
  });
});
