import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachmentFilenameOf, checkFileType } from './attachment-rules.ts';

describe('checkFileType', () => {
  const policy = { allowed: [], denied: ['.html', '.exe', 'image/svg+xml'] };
  const refused = (filename: string, types: string[] = []) =>
    assert.throws(() => checkFileType(policy, filename, types), /File type not supported/, filename);

  it('refuses a denied extension in any case, and a denied media type whatever the name', () => {
    refused('page.HTML');
    refused('drawing.txt', ['image/svg+xml']);
    checkFileType(policy, 'notes.txt', ['text/plain']);
  });

  it('sees the extension a desktop would open, past trailing dots, spaces and stream names', () => {
    for (const name of [
      'page.html.',
      'page.html. .',
      'page.html ',
      'tool.exe::$DATA',
      'tool.exe:hidden',
      'a:b.exe',
      'notes: v2.html',
    ]) {
      refused(name);
    }
  });

  it('lets only what an allow list names through', () => {
    const allowOnly = { allowed: ['.pdf', 'image/*'], denied: [] };
    checkFileType(allowOnly, 'scan.pdf.', []);
    assert.throws(() => checkFileType(allowOnly, 'scan.pdf:x.exe', []), /File type not supported/);
    checkFileType(allowOnly, 'photo.bin', ['image/png']);
    assert.throws(() => checkFileType(allowOnly, 'notes.txt', ['text/plain']), /File type not supported/);
  });
});

describe('attachmentFilenameOf', () => {
  it('keeps the last segment of a path, NFC, and refuses names that hide what they are', () => {
    assert.equal(attachmentFilenameOf('C:\\docs\\re\u0301sume\u0301.pdf'), 'r\u00e9sum\u00e9.pdf');
    assert.equal(attachmentFilenameOf('\u05e9\u05dc\u05d5\u05dd.txt'), '\u05e9\u05dc\u05d5\u05dd.txt');
    for (const name of ['invoice\u202efdp.exe', 'a\u2066b.txt', 'bad\u0000.txt', '..']) {
      assert.throws(() => attachmentFilenameOf(name), /file name/, JSON.stringify(name));
    }
  });
});
