import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markSelection, selectionOccurrences } from './inline-comment.ts';

describe('anchoring an inline comment in a storage body', () => {
  it('counts occurrences in prose only, not in CDATA, macro parameters or task ids', () => {
    const body =
      '<p>one two one</p><ac:structured-macro ac:name="x"><ac:parameter ac:name="t">one</ac:parameter><ac:plain-text-body><![CDATA[one]]></ac:plain-text-body></ac:structured-macro><ac:task><ac:task-id>one</ac:task-id></ac:task><p>one</p>';
    assert.equal(selectionOccurrences(body, 'one').length, 3);
  });

  it('matches text as it is written in markup, entities and all', () => {
    const body = '<p>salt &amp; pepper</p>';
    const marked = markSelection(body, 'salt & pepper', 0, 'r1');
    assert.equal(
      marked,
      '<p><ac:inline-comment-marker ac:ref="r1">salt &amp; pepper</ac:inline-comment-marker></p>',
    );
  });

  it('wraps the occurrence asked for and leaves the rest of the body as it was', () => {
    const body = '<p>a b a</p><p>a</p>';
    assert.equal(
      markSelection(body, 'a', 2, 'r'),
      '<p>a b a</p><p><ac:inline-comment-marker ac:ref="r">a</ac:inline-comment-marker></p>',
    );
    assert.equal(markSelection(body, 'a', 3, 'r'), undefined);
    assert.equal(markSelection(body, '', 0, 'r'), undefined);
  });

  it('reads a crafted body of unclosed tags in time linear in its length', () => {
    const crafted = '<ac:parameter <p>'.repeat(50_000);
    const started = performance.now();
    selectionOccurrences(crafted, 'p');
    assert.ok(performance.now() - started < 2000);
  });
});
