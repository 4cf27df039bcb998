import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createProgress } from './progress.ts';

/** A terminal as cli-progress sees one: it writes, moves the cursor and clears lines. */
function aTerminal(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, {
    isTTY,
    columns: 200,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { stream, text: () => text };
}

describe('progress', () => {
  it('shows items, bytes, rate and time left on a terminal', () => {
    const terminal = aTerminal(true);
    let nowMs = 0;
    const progress = createProgress('Downloading', {
      enabled: true,
      stream: terminal.stream,
      nowMs: () => nowMs,
    });
    progress.start({ items: 4, bytes: 4 * 1024 * 1024 });
    nowMs = 2000;
    progress.bytes(2 * 1024 * 1024);
    progress.item();
    progress.item();
    progress.stop();
    const shown = terminal.text();
    assert.match(shown, /Downloading \[/);
    assert.match(shown, /2\/4 items/);
    assert.match(shown, /2\.0 MiB\/4\.0 MiB/);
    assert.match(shown, /1\.0 MiB\/s/);
    assert.match(shown, /ETA /);
  });

  it('counts while listing, when there is no total yet', () => {
    const terminal = aTerminal(true);
    const progress = createProgress('Listing', { enabled: true, stream: terminal.stream, nowMs: () => 1000 });
    progress.start();
    progress.item();
    progress.stop();
    assert.match(terminal.text(), /Listing 1 found/);
  });

  it('draws nothing when the stream is not a terminal, or when output is JSON', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const terminal = aTerminal(isTTY);
      const progress = createProgress('Uploading', { enabled, stream: terminal.stream, nowMs: () => 0 });
      progress.start({ items: 1, bytes: 10 });
      progress.bytes(10);
      progress.item();
      progress.stop();
      assert.equal(terminal.text(), '');
    }
  });
});
