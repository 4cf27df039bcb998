import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findStorageMacro, macroHash, storageMacros } from './storage-macros.ts';

const panel =
  '<ac:structured-macro ac:name="panel" ac:schema-version="1" ac:macro-id="p-1">' +
  '<ac:parameter ac:name="title">Tom &amp; Jerry</ac:parameter>' +
  '<ac:rich-text-body><p>Outer</p>' +
  '<ac:structured-macro ac:name="code" ac:macro-id="c-1"><ac:parameter ac:name="language">js</ac:parameter>' +
  '<ac:plain-text-body><![CDATA[if (a < b) {}]]></ac:plain-text-body></ac:structured-macro>' +
  '</ac:rich-text-body></ac:structured-macro>';

describe('storage macros', () => {
  it('reads a macro by id: its name, its own parameters and its body as stored', () => {
    const macro = findStorageMacro(`<p>before</p>${panel}<p>after</p>`, 'p-1');
    assert.equal(macro?.name, 'panel');
    assert.deepEqual(macro?.parameters, { title: 'Tom & Jerry' });
    assert.match(macro?.body ?? '', /^<p>Outer<\/p><ac:structured-macro ac:name="code"/);
    assert.equal(macro?.markup, panel);
  });

  it('reads a nested macro with a plain-text body as its text', () => {
    const macro = findStorageMacro(panel, 'c-1');
    assert.equal(macro?.name, 'code');
    assert.deepEqual(macro?.parameters, { language: 'js' });
    assert.equal(macro?.body, 'if (a < b) {}');
  });

  it('finds a macro by the SHA-256 of its markup, and an empty macro too', () => {
    const empty = '<ac:structured-macro ac:name="toc" />';
    const storage = `${panel}${empty}`;
    assert.equal(findStorageMacro(storage, macroHash(empty))?.name, 'toc');
    assert.equal(findStorageMacro(storage, macroHash(panel))?.macroId, 'p-1');
    assert.equal(findStorageMacro(storage, 'missing'), undefined);
  });

  it('ignores a macro never closed, and reads crafted markup in linear time', () => {
    assert.equal([...storageMacros('<ac:structured-macro ac:name="x"><p>')].length, 0);
    const crafted = '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">'.repeat(20_000);
    const started = performance.now();
    assert.equal([...storageMacros(crafted)].length, 0);
    assert.ok(performance.now() - started < 2000);
  });
});
