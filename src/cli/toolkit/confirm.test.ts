import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { confirmOrRefuse } from './confirm.ts';
import { UsageError } from './exit.ts';

/** A terminal as readline sees one: a stream that says it is a TTY, with the person's answer typed in. */
function terminalAnswering(answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const shown = new PassThrough();
  let question = '';
  shown.on('data', (chunk: Buffer) => {
    question += chunk.toString();
    stdin.write(`${answer}\n`);
  });
  return {
    toolkit: { stdin, progressStream: shown as unknown as NodeJS.WriteStream },
    question: () => question,
  };
}

describe('confirmOrRefuse', () => {
  it('goes ahead without asking when --yes was given', async () => {
    assert.equal(
      await confirmOrRefuse({ stdin: undefined, progressStream: undefined }, 'Delete?', true),
      true,
    );
  });

  it('refuses, rather than asks, when stdin is not a terminal', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    await assert.rejects(confirmOrRefuse({ stdin, progressStream: undefined }, 'Delete?', false), UsageError);
    await assert.rejects(
      confirmOrRefuse({ stdin: undefined, progressStream: undefined }, 'Delete?', false),
      /--yes/,
    );
  });

  it('asks at a terminal and takes y or yes as consent, anything else as no', async () => {
    for (const [answer, expected] of [
      ['y', true],
      ['YES', true],
      ['', false],
      ['n', false],
      ['yep', false],
    ] as const) {
      const terminal = terminalAnswering(answer);
      assert.equal(await confirmOrRefuse(terminal.toolkit, 'Move 3 attachments?', false), expected, answer);
      assert.equal(terminal.question(), 'Move 3 attachments? [y/N] ');
    }
  });
});
