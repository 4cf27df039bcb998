import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachmentReferences, decodeEntities } from './storage-references.ts';

describe('attachmentReferences', () => {
  it('finds images, links and macro parameters, with the page they name', () => {
    const storage = `
      <p><ac:image ac:height="250"><ri:attachment ri:filename="chart 100%.png" /></ac:image></p>
      <p><ac:link><ri:attachment ri:filename="spec.pdf"><ri:page ri:content-title="Specs &amp; Plans" ri:space-key="ENG" /></ri:attachment><ac:plain-text-link-body><![CDATA[the spec]]></ac:plain-text-link-body></ac:link></p>
      <ac:structured-macro ac:name="view-file"><ac:parameter ac:name="name"><ri:attachment ri:filename="deck.pptx"><ri:content-entity ri:content-id="4242"/></ri:attachment></ac:parameter></ac:structured-macro>
      <ac:image><ri:attachment ri:filename='caf&#233; &lt;1&gt;.jpg'><ri:blog-post ri:content-title="News" ri:posting-day="2024/01/15"/></ri:attachment></ac:image>`;
    assert.deepEqual(attachmentReferences(storage), [
      { filename: 'chart 100%.png', target: { kind: 'self' }, usage: 'image' },
      {
        filename: 'spec.pdf',
        target: { kind: 'page', title: 'Specs & Plans', spaceKey: 'ENG' },
        usage: 'link',
      },
      { filename: 'deck.pptx', target: { kind: 'content', contentId: '4242' }, usage: 'other' },
      {
        filename: 'café <1>.jpg',
        target: { kind: 'blogpost', title: 'News', spaceKey: undefined },
        usage: 'image',
      },
    ]);
  });

  it('ignores references without a file name and bodies without references', () => {
    assert.deepEqual(attachmentReferences('<p>no files</p><ri:attachment ri:version-at-save="1"/>'), []);
    assert.deepEqual(attachmentReferences(''), []);
  });

  it('decodes character references and the XML entities', () => {
    assert.equal(decodeEntities('a&amp;b &#x1F600; &#65; &quot;q&quot; &unknown;'), 'a&b 😀 A "q" &unknown;');
  });
});
