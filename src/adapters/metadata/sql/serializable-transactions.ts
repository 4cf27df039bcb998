import type { Kysely, Transaction } from 'kysely';
import { asStorageFailure } from '../../storage-failures.ts';
import type { Tables } from './tables.ts';

/** Runs one unit of work in a transaction of its own or shared with others, as the dialect does it. */
export type RunTransaction = <T>(work: (trx: Transaction<Tables>) => Promise<T>) => Promise<T>;

/**
 * How many times a transaction is run before its serialization failure is the caller's. Generous: fifty
 * clients uploading new versions of one attachment at once all conflict, and each round lets one through.
 */
const maxAttempts = 60;
// The longest pause between attempts; the pause is random below it, so contenders spread out.
const maxPauseMs = 50;
// SQLSTATE codes after which the whole transaction may simply be run again (PostgreSQL, appendix A).
const retryable = new Set(['40001', '40P01']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sqlStateOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/**
 * Runs each unit in its own SERIALIZABLE transaction, so concurrent units (of this process or of any
 * other server on the same database) behave as if run one after the other: version numbers, unique names
 * and version checks need no locks of their own. A unit PostgreSQL aborts to keep that promise is run
 * again from the start after a short random pause; `work` therefore must not act outside the transaction.
 */
export function serializableTransactions(db: Kysely<Tables>): RunTransaction {
  return async (work) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await db.transaction().setIsolationLevel('serializable').execute(work);
      } catch (error) {
        if (attempt >= maxAttempts || !retryable.has(String(sqlStateOf(error))))
          throw asStorageFailure(error, 'database');
        await sleep(Math.random() * Math.min(maxPauseMs, 2 ** attempt));
      }
    }
  };
}
