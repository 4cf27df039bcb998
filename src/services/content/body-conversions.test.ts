import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BodyConversion, BodyConversions } from './body-conversions.ts';

const conversion = (id: string, expiresAtMs: number): BodyConversion => ({
  id,
  ownerKey: 'user:1',
  outcome: { body: { representation: 'view', value: id } },
  expiresAtMs,
});

describe('BodyConversions', () => {
  it('finds a result until it expires, and not after', () => {
    const results = new BodyConversions();
    results.keep(conversion('a', 1000), 0);
    assert.equal(results.find('a', 999)?.id, 'a');
    assert.equal(results.find('a', 1000), undefined);
  });

  it('drops the oldest result when full', () => {
    const results = new BodyConversions(2);
    results.keep(conversion('a', 1000), 0);
    results.keep(conversion('b', 1000), 0);
    results.keep(conversion('c', 1000), 0);
    assert.equal(results.find('a', 0), undefined);
    assert.deepEqual(
      ['b', 'c'].map((id) => results.find(id, 0)?.id),
      ['b', 'c'],
    );
  });
});
