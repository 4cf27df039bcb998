import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyText } from './body-text.ts';

describe('bodyText', () => {
  it('drops tags, keeps the names macros refer to, decodes entities and keeps CDATA', () => {
    const body =
      '<p>Hello <strong>world</strong> &amp; &#x263A; &#9731;</p>' +
      '<ac:image><ri:attachment ri:filename="chart.png" /></ac:image>' +
      '<ac:plain-text-body><![CDATA[if (a < b) x();]]></ac:plain-text-body>';
    assert.equal(bodyText('storage', body), 'Hello world & ☺ ☃ chart.png if (a < b) x();');
  });

  it('keeps an unclosed tag and a reference past the last code point as written', () => {
    assert.equal(
      bodyText('storage', '<p>a</p> 3 < 4 &#x110000; &#99999999; &#1e5;'),
      'a 3 < 4 &#x110000; &#99999999; &#1e5;',
    );
  });

  it('reads crafted markup in time proportional to its length', { timeout: 10_000 }, () => {
    // Patterns that searched on from every `<` took minutes on a hundred KiB of these.
    for (const unit of ['<ri:a ri:filename="', '<', '<![CDATA[', '<ri:']) {
      const crafted = unit.repeat(Math.ceil(1_000_000 / unit.length));
      assert.equal(typeof bodyText('storage', crafted), 'string');
    }
  });

  it('reads the text of an ADF document', () => {
    const adf = JSON.stringify({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi' }] }],
    });
    assert.equal(bodyText('atlas_doc_format', adf), 'hi');
  });
});
