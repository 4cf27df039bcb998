import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Content } from '../../domain/content.ts';
import { renderedBodyOf } from './content-body.ts';

const pageWithBody = (value: string): Content => ({
  id: 7,
  type: 'page',
  status: 'current',
  title: 'T',
  spaceId: 1,
  parentId: null,
  parentType: null,
  containerId: null,
  customType: null,
  embedUrl: null,
  position: null,
  commentLocation: null,
  creatorId: null,
  createdAtMs: 0,
  version: {
    contentId: 7,
    number: 1,
    title: 'T',
    authorId: null,
    createdAtMs: 0,
    message: '',
    minorEdit: false,
    body: { representation: 'storage', value },
    file: null,
  },
});

const shown = (value: string) => renderedBodyOf({ root: '/wiki' }, pageWithBody(value)).markup;

describe('a page body on a screen', () => {
  it('drops what could act as our origin, send the visitor away, or pose as our forms', () => {
    const markup = shown(
      '<p>kept</p><script>alert(1)</script><meta http-equiv="refresh" content="0;url=https://evil.example">' +
        '<img src="x.png" onerror="alert(1)"><a href="javascript:alert(1)">j</a><iframe src="https://evil.example"></iframe>' +
        '<form action="/login.action"><input name="os_password"></form><style>body{display:none}</style><base href="https://evil.example/">',
    );
    assert.equal(markup, '<p>kept</p><img src="x.png" /><a rel="noopener noreferrer">j</a>');
  });

  it('keeps content markup: headings, tables, lists, code, links and images from attachments', () => {
    const markup = shown(
      '<h2>Plan</h2><table><tbody><tr><td colspan="2">a</td></tr></tbody></table><ul><li>x</li></ul>' +
        '<pre>code</pre><p><a href="https://example.com/x">out</a></p>' +
        '<ac:image><ri:attachment ri:filename="chart.png" /></ac:image>',
    );
    assert.match(markup, /<h2>Plan<\/h2>/);
    assert.match(markup, /<td colspan="2">a<\/td>/);
    assert.match(markup, /<a href="https:\/\/example.com\/x" rel="noopener noreferrer">out<\/a>/);
    assert.match(markup, /<img [^>]*src="\/wiki\/download\/attachments\/7\/chart.png[^"]*"/);
  });
});
