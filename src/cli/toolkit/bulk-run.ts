/**
 * One run of a bulk command: the tally of its items, its progress bars (on a terminal, never with
 * --json) and the summary that ends it, timed from when the run began.
 */
import { type Progress, progressFor } from './progress.ts';
import { printSummary, Tally } from './tally.ts';
import type { ToolkitContext } from './toolkit-context.ts';

export interface OutputFlags {
  json?: boolean;
  dryRun?: boolean;
}

export class BulkRun {
  readonly tally = new Tally();
  readonly progressOf: (label: string) => Progress;
  readonly #toolkit: ToolkitContext;
  readonly #flags: OutputFlags;
  readonly #startedMs: number;

  constructor(toolkit: ToolkitContext, flags: OutputFlags) {
    this.#toolkit = toolkit;
    this.#flags = flags;
    this.#startedMs = toolkit.nowMs();
    this.progressOf = progressFor(toolkit, flags.json);
  }

  /**
   * Prints the summary and answers the exit code (1 if any item failed).
   * @param verb past tense of the work: `Downloaded`
   * @param where what follows the counts in text mode: `into ./backup`
   */
  summary(verb: string, where?: string): number {
    return printSummary(this.#toolkit, this.tally, {
      json: this.#flags.json === true,
      dryRun: this.#flags.dryRun === true,
      verb,
      elapsedMs: this.#toolkit.nowMs() - this.#startedMs,
      ...(where !== undefined && { where }),
    });
  }

  /** The summary of a command that asked first; a question answered no changed nothing and exits 1. */
  summaryOfConfirmed(proceeded: boolean, verb: string, where?: string): number {
    if (!proceeded) {
      this.#toolkit.io.err('Nothing was changed.\n');
      return 1;
    }
    return this.summary(verb, where);
  }
}
