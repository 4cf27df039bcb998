import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultBook, type FaultTarget } from './fault-book.ts';

const aGet = (path: string, username?: string): FaultTarget => ({
  method: 'GET',
  path,
  username,
  multipart: false,
});

describe('the fault book', () => {
  it('applies the first matching rule with hits left, and counts them', () => {
    const book = new FaultBook();
    const once = book.add({ path: '/a', status: 503, times: 1 });
    const always = book.add({ path: '/**', status: 500 });
    assert.equal(book.take(aGet('/a'))?.id, once.id);
    assert.equal(book.take(aGet('/a'))?.id, always.id);
    assert.deepEqual(
      book.list().map((rule) => [rule.id, rule.remaining, rule.injected]),
      [
        [once.id, 0, 1],
        [always.id, null, 1],
      ],
    );
  });

  it('keeps a failUpload rule for multipart requests', () => {
    const book = new FaultBook();
    book.add({ path: '/**', failUpload: true });
    assert.equal(book.take(aGet('/upload')), undefined);
    assert.ok(book.take({ ...aGet('/upload'), method: 'POST', multipart: true }));
  });

  it('draws the same hits from the same seed, and others from another seed', () => {
    const hits = (seed: number) => {
      const book = new FaultBook();
      book.add({ path: '/**', status: 503, probability: 0.3, seed });
      return Array.from({ length: 40 }, () => (book.take(aGet('/x')) ? 1 : 0)).join('');
    };
    assert.equal(hits(7), hits(7));
    assert.notEqual(hits(7), hits(8));
    const count = [...hits(7)].filter((hit) => hit === '1').length;
    assert.ok(count > 3 && count < 25, `${count} hits of 40 at 0.3`);
  });

  it('gives ids that removing or clearing rules never reuses', () => {
    const book = new FaultBook();
    const first = book.add({ path: '/a', status: 503 });
    assert.ok(book.remove(first.id));
    assert.ok(!book.remove(first.id));
    book.clear();
    assert.ok(book.isEmpty);
    assert.equal(book.add({ path: '/a', status: 503 }).id, first.id + 1);
  });
});
