import { type Kysely, sql, type Transaction } from 'kysely';
import { asStorageFailure } from '../../storage-failures.ts';
import type { Tables } from './tables.ts';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Waiting {
  work: (trx: Transaction<Tables>) => Promise<unknown>;
  settle: (outcome: Outcome) => void;
}

/**
 * Makes a finished commit durable, for a database that does not sync when it commits; resolves once
 * everything committed before the call is on disk.
 */
export type MakeDurable = () => Promise<void>;

/** The error a failed unit is rejected with, found by looking at what failed (storage-failures.ts). */
export type ExplainFailure = (error: unknown) => Promise<unknown>;

/**
 * Runs units of work one at a time, committing together those that queued up while the last commit was
 * being made durable (or, with none under way, in the same turn of the event loop). Each unit runs inside
 * a savepoint, so it lands whole or not at all whatever its neighbours do, and its promise settles only
 * once the shared commit is durable. Many small concurrent writes (uploads) then share one commit and one
 * sync instead of each paying for their own: fewer log pages written, fewer syncs.
 */
export class GroupCommit {
  readonly #db: Kysely<Tables>;
  readonly #makeDurable: MakeDurable | undefined;
  readonly #explainFailure: ExplainFailure | undefined;
  readonly #waiting: Waiting[] = [];
  #draining = false;

  /** `explainFailure` may name the cause of a failure that gives none (SQLite's "disk I/O error"). */
  constructor(db: Kysely<Tables>, makeDurable?: MakeDurable, explainFailure?: ExplainFailure) {
    this.#db = db;
    this.#makeDurable = makeDurable;
    this.#explainFailure = explainFailure;
  }

  run<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({
        work,
        // A full disk or a read-only database fails the unit with the error every surface words (507, 503).
        settle: (outcome) => {
          if (outcome.ok) return resolve(outcome.value as T);
          const failure = asStorageFailure(outcome.error, 'database');
          if (!this.#explainFailure) return reject(failure);
          this.#explainFailure(failure).then(reject, () => reject(failure));
        },
      });
      if (!this.#draining) {
        this.#draining = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const { settled } = await this.#commit(this.#waiting.splice(0));
        // The next commit's sync could not start before this one's ends (a sync covers all that came
        // before it), so waiting costs its units nothing, and those arriving meanwhile join them.
        await settled;
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Commits the batch; `settled` resolves once each unit has heard how it went. */
  async #commit(batch: Waiting[]): Promise<{ settled: Promise<void> }> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.#db.transaction().execute(async (trx) => {
        // A lone unit needs no savepoint: its failure rolls back the whole transaction, which is its own.
        // Savepoints are not free either: SQLite keeps a journal of the pages a savepoint changes, and
        // for a unit that writes thousands of rows that journal dominates.
        const [only] = batch;
        if (batch.length === 1 && only) return [{ ok: true, value: await only.work(trx) }];
        const done: Outcome[] = [];
        for (const { work } of batch) done.push(await inSavepoint(trx, work));
        return done;
      });
    } catch (error) {
      // The unit of a lone batch failed, the commit itself failed, or a savepoint could not be undone:
      // nothing in the batch landed.
      for (const waiting of batch) waiting.settle({ ok: false, error });
      return { settled: Promise.resolve() };
    }
    return { settled: this.#settleWhenDurable(batch, outcomes) };
  }

  async #settleWhenDurable(batch: readonly Waiting[], outcomes: readonly Outcome[]): Promise<void> {
    try {
      await this.#makeDurable?.();
    } catch (error) {
      for (const waiting of batch) waiting.settle({ ok: false, error });
      return;
    }
    for (const [index, waiting] of batch.entries()) {
      waiting.settle(outcomes[index] ?? { ok: false, error: lost });
    }
  }
}

const lost = new Error('A unit of work was lost from its commit');

async function inSavepoint(
  trx: Transaction<Tables>,
  work: (trx: Transaction<Tables>) => Promise<unknown>,
): Promise<Outcome> {
  await sql`savepoint unit_of_work`.execute(trx);
  try {
    const value = await work(trx);
    await sql`release savepoint unit_of_work`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    try {
      await sql`rollback to savepoint unit_of_work`.execute(trx);
      await sql`release savepoint unit_of_work`.execute(trx);
    } catch {
      // SQLite rolled the whole transaction back itself (a full disk): there is no savepoint left to
      // undo, and the unit's own error is the one that says why the batch failed.
      throw error;
    }
    return { ok: false, error };
  }
}
