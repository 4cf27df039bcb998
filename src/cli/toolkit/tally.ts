/**
 * The outcome of every item of a bulk command, and the summary printed at its end: one line of counts
 * (or a JSON object with every item), failures named on stderr, exit code 1 when anything failed.
 */
import { formatBytes, formatSeconds, printable } from './format.ts';
import type { ToolkitContext } from './toolkit-context.ts';

export type Outcome = 'done' | 'skipped' | 'failed';

export interface ItemReport {
  outcome: Outcome;
  /** What the item is, for people: `123/report.pdf`. */
  subject: string;
  /** done: what was done (`new version`); skipped: why; failed: the error. */
  detail: string;
  bytes: number;
  /** More fields for --json. */
  fields?: Record<string, unknown>;
}

export class Tally {
  readonly items: ItemReport[] = [];

  add(report: ItemReport): void {
    this.items.push(report);
  }

  count(outcome: Outcome): number {
    return this.items.filter((item) => item.outcome === outcome).length;
  }

  bytes(outcome: Outcome): number {
    return this.items.filter((item) => item.outcome === outcome).reduce((sum, item) => sum + item.bytes, 0);
  }
}

export interface SummaryOptions {
  json: boolean;
  dryRun: boolean;
  /** Past tense of the work: `Downloaded`, `Uploaded`. */
  verb: string;
  elapsedMs: number;
  /** Printed after the counts in text mode, e.g. `into ./backup`. */
  where?: string;
}

/** Prints the summary and answers the exit code: 1 if any item failed, else 0. */
export function printSummary(toolkit: ToolkitContext, tally: Tally, options: SummaryOptions): number {
  const { io } = toolkit;
  const failed = tally.count('failed');
  const summary = {
    done: tally.count('done'),
    skipped: tally.count('skipped'),
    failed,
    bytes: tally.bytes('done'),
    seconds: Math.round(options.elapsedMs) / 1000,
  };
  if (options.json) {
    const items = tally.items.map(({ fields, ...item }) => ({ ...item, ...fields }));
    io.out(`${JSON.stringify({ dryRun: options.dryRun, summary, items }, null, 2)}\n`);
  } else {
    if (options.dryRun) {
      for (const item of tally.items) {
        io.out(
          `${item.outcome === 'done' ? 'would' : item.outcome === 'skipped' ? 'skip ' : 'fail '}  ${printable(item.subject)}  (${item.detail})\n`,
        );
      }
    }
    for (const item of tally.items.filter((entry) => entry.outcome === 'failed')) {
      io.err(`failed: ${printable(item.subject)}: ${item.detail}\n`);
    }
    const seconds = options.elapsedMs / 1000;
    const rate =
      !options.dryRun && seconds > 0 && summary.bytes > 0
        ? `, ${formatBytes(summary.bytes / seconds)}/s`
        : '';
    const verb = options.dryRun ? `Would have ${options.verb.toLowerCase()}` : options.verb;
    io.out(
      `${verb} ${summary.done} (${formatBytes(summary.bytes)}), skipped ${summary.skipped}, failed ${failed}` +
        ` in ${formatSeconds(options.elapsedMs)}${rate}${options.where ? ` ${options.where}` : ''}\n`,
    );
  }
  return failed > 0 ? 1 : 0;
}

/** The one-line message of an error, for an item report. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
