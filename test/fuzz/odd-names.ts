import fc from 'fast-check';

/**
 * File names and titles meant to break something: Unicode beyond the BMP, controls, direction marks,
 * path tricks, reserved device names, very long names, the empty name.
 */
export const oddName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '../../etc/passwd',
    '..\\..\\windows\\win.ini',
    '/etc/passwd',
    'C:\\boot.ini',
    '.',
    '..',
    '',
    ' ',
    '.hidden',
    'CON',
    'nul.txt',
    'a/b.txt',
    'a\\b.txt',
    'report\u202Etxt.exe',
    '\u200Finvoice.pdf',
    'new\r\nline.txt',
    'tab\there.txt',
    'nul\u0000byte.txt',
    'bell\u0007.txt',
    '%2e%2e%2fescape.txt',
    'quote".txt',
    "apos'.txt",
    'semi;colon.txt',
    'emoji-😀.txt',
    'Ünïcödé.txt',
    'e\u0301.txt',
    '日本語ファイル.pdf',
    '\uFEFFbom.txt',
    'x'.repeat(300),
    `${'é'.repeat(200)}.txt`,
    'trailing.dot.',
    'trailing space ',
    '\u00A0nbsp.txt',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom('', '../', '/', './', '\u202E', '\u0000', '\u200E'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
      fc.constantFrom('.txt', '.png', '', '.tar.gz', '\u202Egpj.exe'),
    )
    .map((p) => p.join('')),
);
