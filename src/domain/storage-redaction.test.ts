import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RedactionRequest, redactStorage, redactTitle } from './storage-redaction.ts';

const ids = () => {
  let next = 0;
  return () => `id-${++next}`;
};
const redaction = (pointer: string, from: number, to: number): RedactionRequest => ({
  pointer,
  from,
  to,
  reason: undefined,
});
const mark = (id: string) => `<span class="redacted" data-redaction-id="${id}">[redacted]</span>`;

describe('redacting storage bodies', () => {
  it('replaces a range of the text a pointer names with a mark carrying its id', () => {
    const body = '<p>Call <strong>555-0100</strong> now</p><p>secret: hunter2</p>';
    const result = redactStorage(
      body,
      [redaction('/content/0/content/1/content/0/text', 0, 8), redaction('/content/1/content/0/text', 8, 15)],
      ids(),
    );
    assert.equal(
      result.value,
      `<p>Call <strong>${mark('id-1')}</strong> now</p><p>secret: ${mark('id-2')}</p>`,
    );
    assert.deepEqual(
      result.applied.map((item) => item.redactionId),
      ['id-1', 'id-2'],
    );
    assert.deepEqual(result.removed.sort(), ['555-0100', 'hunter2']);
  });

  it('counts characters with entities decoded and merges overlapping ranges into one id', () => {
    const result = redactStorage(
      '<p>a &amp; b &amp; c</p>',
      [redaction('/content/0/content/0/text', 2, 5), redaction('/content/0/content/0/text', 4, 7)],
      ids(),
    );
    assert.equal(result.value, `<p>a ${mark('id-1')} c</p>`);
    assert.deepEqual(
      result.applied.map((item) => item.redactionId),
      ['id-1', 'id-1'],
    );
  });

  it('blanks code block text character by character, with no id', () => {
    const body =
      '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[key=abc123]]></ac:plain-text-body></ac:structured-macro>';
    const result = redactStorage(body, [redaction('/content/0/content/0/content/0/text', 4, 10)], ids());
    assert.equal(result.value, body.replace('abc123', '\u2588'.repeat(6)));
    assert.equal(result.applied[0]?.redactionId, undefined);
  });

  it('refuses pointers that name no text and ranges outside it', () => {
    const body = '<p>short</p><br/><p>x</p>';
    for (const request of [
      redaction('/content/0/text', 0, 1),
      redaction('/content/5/content/0/text', 0, 1),
      redaction('/content/1/content/0/text', 0, 1),
      redaction('content/0/content/0/text', 0, 1),
      redaction('/content/0/content/0/text', 0, 6),
      redaction('/content/0/content/0/text', 3, 3),
    ]) {
      assert.throws(() => redactStorage(body, [request], ids()), /pointer|from/);
    }
    assert.equal(
      redactStorage(body, [redaction('/content/2/content/0/text', 0, 1)], ids()).value,
      `<p>short</p><br/><p>${mark('id-1')}</p>`,
    );
  });

  it('redacts a title through /text', () => {
    const result = redactTitle('Project Falcon plan', [redaction('/text', 8, 14)], ids());
    assert.equal(result.value, 'Project [redacted] plan');
    assert.throws(() => redactTitle('x', [redaction('/content/0/text', 0, 1)], ids()), /title/);
  });
});
