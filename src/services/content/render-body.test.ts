import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderBody } from './render-body.ts';

const view = (value: string) =>
  renderBody({ representation: 'storage', value }, 'view', { context: '/wiki', contentId: 7 }).value;

describe('renderBody from storage to view', () => {
  it('renders code blocks, images and links, and unwraps other macros keeping their text', () => {
    assert.equal(
      view(
        '<p>Code:</p><ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter>' +
          '<ac:plain-text-body><![CDATA[a < b]]></ac:plain-text-body></ac:structured-macro>',
      ),
      '<p>Code:</p><pre class="code">a &lt; b</pre>',
    );
    assert.equal(
      view('<ac:image ac:width="200"><ri:attachment ri:filename="chart 1.png" /></ac:image>'),
      '<img class="confluence-embedded-image" src="/wiki/download/attachments/7/chart%201.png" alt="chart 1.png" />',
    );
    assert.equal(
      view(
        '<ac:link><ri:page ri:content-title="Home" /><ac:plain-text-link-body><![CDATA[go <home>]]></ac:plain-text-link-body></ac:link>' +
          '<ac:link><ri:attachment ri:filename="a.pdf" /></ac:link>',
      ),
      '<a href="#Home">go &lt;home&gt;</a><a href="#a.pdf">a.pdf</a>',
    );
    assert.equal(
      view(
        '<p>x<ac:emoticon ac:name="smile"/><br/></p><ac:structured-macro ac:name="info"><ac:rich-text-body><p>note</p></ac:rich-text-body></ac:structured-macro>',
      ),
      '<p>x<br/></p><p>note</p>',
    );
  });

  it('links to the first reference of a link or image, not to one nested in it', () => {
    assert.equal(
      view(
        '<ac:link><ri:attachment ri:filename="doc.pdf"><ri:page ri:content-title="Other" /></ri:attachment></ac:link>',
      ),
      '<a href="#doc.pdf">doc.pdf</a>',
    );
    assert.equal(
      view(
        '<ac:link><ri:page ri:content-title="Page" /><ac:link-body><ac:image><ri:attachment ri:filename="x.png" /></ac:image></ac:link-body></ac:link>',
      ),
      '<a href="#Page">Page</a>',
    );
  });

  it('keeps what follows an image or link never closed, and code written as escaped text', () => {
    assert.equal(view('<ac:image><ri:attachment ri:filename="a.png" /><p>rest</p>'), '<p>rest</p>');
    assert.equal(view('<ac:link><ri:page ri:content-title="A" /><p>more</p>'), '<p>more</p>');
    assert.equal(
      view(
        '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter><ac:plain-text-body>a &lt; b</ac:plain-text-body></ac:structured-macro>',
      ),
      '<pre class="code">a &lt; b</pre>',
    );
  });

  it('renders crafted markup in time proportional to its length', { timeout: 10_000 }, () => {
    // Patterns that searched on from every `<` took over a second for 20 KB of the first of these.
    const units = [
      '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body>',
      '<ac:link><ri:page ri:content-title="a"/>',
      '<ac:image><p>x</p>',
      '<ac:',
      '<![CDATA[',
    ];
    for (const unit of units)
      assert.equal(typeof view(unit.repeat(Math.ceil(1_000_000 / unit.length))), 'string');
  });
});
