import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertMatchesSpec } from './spec-contract.ts';

describe('the spec contract helper', () => {
  it('accepts a body that has the documented shape', () => {
    assertMatchesSpec('dc', 'GET', '/rest/api/user/current', 403, {
      statusCode: 403,
      data: { authorized: false, valid: true, errors: [], successful: false },
      message: 'no',
      reason: 'Forbidden',
    });
  });

  it('rejects a body whose field has the wrong type', () => {
    assert.throws(
      () => assertMatchesSpec('dc', 'GET', '/rest/api/user/current', 403, { statusCode: '403', message: 1 }),
      /statusCode must be integer/,
    );
  });

  it('fails loudly for an operation the spec does not have', () => {
    assert.throws(() => assertMatchesSpec('dc', 'GET', '/rest/api/nothing', 200, {}), /has no GET/);
  });
});
