import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { html, trustedHtml } from './html.ts';

describe('html', () => {
  it('escapes every interpolated text, so a title can never become markup', () => {
    const title = `<img src=x onerror="alert('x')">&`;
    assert.equal(
      html`<h1 title="${title}">${title}</h1>`.markup,
      '<h1 title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</h1>',
    );
  });

  it('nests markup it built, joins lists, and renders false, null and undefined as nothing', () => {
    const items = ['a<', 'b'].map((item) => html`<li>${item}</li>`);
    assert.equal(
      html`<ul>${items}${false}${null}${undefined}${0}</ul>`.markup,
      '<ul><li>a&lt;</li><li>b</li>0</ul>',
    );
  });

  it('leaves trusted markup as it is', () => {
    assert.equal(html`<div>${trustedHtml('<p>x</p>')}</div>`.markup, '<div><p>x</p></div>');
  });
});
