import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateNames, safeFileName } from './safe-names.ts';

describe('safe file names', () => {
  it('keeps ordinary names, spaces, unicode and percent signs as they are', () => {
    assert.equal(safeFileName('Quarterly report 2024.pdf'), 'Quarterly report 2024.pdf');
    assert.equal(safeFileName('naïve 100% «x».txt'), 'naïve 100% «x».txt');
  });

  it('never leaves a path separator or a parent reference', () => {
    assert.equal(safeFileName('../../etc/passwd'), '.._.._etc_passwd');
    assert.equal(safeFileName('..'), '__');
    assert.equal(safeFileName('.'), '_');
    assert.equal(safeFileName(''), '_');
    assert.equal(safeFileName('a\\b'), 'a_b');
  });

  it('replaces control characters and characters Windows refuses', () => {
    assert.equal(safeFileName('bell\u0007\nname.txt'), 'bell__name.txt');
    assert.equal(safeFileName('a<b>c:d"e|f?g*.txt'), 'a_b_c_d_e_f_g_.txt');
  });

  it('avoids device names, trailing dots and the temporary .part suffix', () => {
    assert.equal(safeFileName('CON.txt'), '_CON.txt');
    assert.equal(safeFileName('notes. '), 'notes__');
    assert.equal(safeFileName('movie.part'), 'movie.part_');
  });

  it('stores names in NFC and keeps long names under the file system limit with their extension', () => {
    assert.equal(safeFileName('e\u0301.txt'), '\u00e9.txt');
    const long = safeFileName(`${'ü'.repeat(300)}.pdf`);
    assert.ok(Buffer.byteLength(long) <= 200);
    assert.ok(long.endsWith('.pdf'));
  });

  it('gives clashing names distinct files, the oldest attachment keeping the plain name', () => {
    const names = allocateNames([
      { id: 'att12', title: 'Report.PDF' },
      { id: 'att3', title: 'report.pdf' },
      { id: 'att7', title: 'a:b.txt' },
      { id: 'att8', title: 'a_b.txt' },
    ]);
    assert.equal(names.get('att3'), 'report.pdf');
    assert.equal(names.get('att12'), 'Report (att12).PDF');
    assert.equal(names.get('att7'), 'a_b.txt');
    assert.equal(names.get('att8'), 'a_b (att8).txt');
  });

  it('never hands out a reserved name', () => {
    assert.equal(allocateNames([{ id: '1', title: '_versions' }], ['_versions']).get('1'), '_versions (1)');
  });
});
