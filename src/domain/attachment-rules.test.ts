import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../test/support/domain-errors.ts';
import { attachmentFilenameOf, checkFileType, type FileTypePolicy } from './attachment-rules.ts';

const denyList: FileTypePolicy = { allowed: [], denied: ['.html', '.exe', 'image/svg+xml'] };
const allowList: FileTypePolicy = { allowed: ['.pdf', 'image/*'], denied: [] };

describe('checkFileType', () => {
  const cases: {
    rule: string;
    policy: FileTypePolicy;
    filename: string;
    types?: string[];
    refused: boolean;
  }[] = [
    {
      rule: 'refuses a denied extension in any case',
      policy: denyList,
      filename: 'page.HTML',
      refused: true,
    },
    {
      rule: 'refuses a denied media type whatever the name',
      policy: denyList,
      filename: 'drawing.txt',
      types: ['image/svg+xml'],
      refused: true,
    },
    {
      rule: 'accepts what the deny list does not name',
      policy: denyList,
      filename: 'notes.txt',
      types: ['text/plain'],
      refused: false,
    },
    // The extension a desktop would open, past trailing dots, spaces and stream names.
    ...[
      'page.html.',
      'page.html. .',
      'page.html ',
      'tool.exe::$DATA',
      'tool.exe:hidden',
      'a:b.exe',
      'notes: v2.html',
    ].map((filename) => ({
      rule: `refuses ${JSON.stringify(filename)} as a desktop would open it`,
      policy: denyList,
      filename,
      refused: true,
    })),
    {
      rule: 'accepts an allowed extension past a trailing dot',
      policy: allowList,
      filename: 'scan.pdf.',
      refused: false,
    },
    {
      rule: 'refuses a stream name hiding an extension the allow list does not name',
      policy: allowList,
      filename: 'scan.pdf:x.exe',
      refused: true,
    },
    {
      rule: 'accepts an allowed media type whatever the name',
      policy: allowList,
      filename: 'photo.bin',
      types: ['image/png'],
      refused: false,
    },
    {
      rule: 'refuses what the allow list does not name',
      policy: allowList,
      filename: 'notes.txt',
      types: ['text/plain'],
      refused: true,
    },
  ];
  for (const { rule, policy, filename, types = [], refused } of cases) {
    it(rule, () => {
      const check = () => checkFileType(policy, filename, types);
      if (refused) assert.throws(check, (error) => isDomainError(error, 'media_type_refused'));
      else assert.doesNotThrow(check);
    });
  }
});

describe('attachmentFilenameOf', () => {
  const kept: { rule: string; raw: string; name: string }[] = [
    {
      rule: 'keeps the last segment of a path, NFC',
      raw: 'C:\\docs\\re\u0301sume\u0301.pdf',
      name: 'r\u00e9sum\u00e9.pdf',
    },
    {
      rule: 'keeps a right-to-left name as it is',
      raw: '\u05e9\u05dc\u05d5\u05dd.txt',
      name: '\u05e9\u05dc\u05d5\u05dd.txt',
    },
  ];
  for (const { rule, raw, name } of kept) {
    it(rule, () => assert.equal(attachmentFilenameOf(raw), name));
  }

  const refused: { rule: string; raw: string }[] = [
    { rule: 'refuses a text-direction override that hides the extension', raw: 'invoice\u202efdp.exe' },
    { rule: 'refuses a directional isolate', raw: 'a\u2066b.txt' },
    { rule: 'refuses a NUL', raw: 'bad\u0000.txt' },
    { rule: 'refuses a name that is only a path step', raw: '..' },
  ];
  for (const { rule, raw } of refused) {
    it(rule, () =>
      assert.throws(
        () => attachmentFilenameOf(raw),
        (error) => isDomainError(error, 'invalid_request'),
      ),
    );
  }
});
