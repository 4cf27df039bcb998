/**
 * The question a destructive command asks before it changes anything. It is asked only of a person at a
 * terminal: a script, a pipe or a cron job cannot answer, so there the command refuses without `--yes`
 * rather than hang or guess.
 */
import { createInterface } from 'node:readline/promises';
import { UsageError } from './exit.ts';
import type { ToolkitContext } from './toolkit-context.ts';

export async function confirmOrRefuse(
  toolkit: Pick<ToolkitContext, 'stdin' | 'progressStream'>,
  question: string,
  yes: boolean,
): Promise<boolean> {
  if (yes) return true;
  const input = toolkit.stdin;
  if (!input?.isTTY) {
    throw new UsageError(
      'Not asking for confirmation because stdin is not a terminal: add --yes to go ahead (or --dry-run to look first)',
    );
  }
  const prompt = createInterface({ input, output: toolkit.progressStream, terminal: false });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
