import type Database from 'better-sqlite3';

/**
 * The tables whose rows decide who a credential is and what they may see: users and their groups,
 * tokens and admin keys, apps and their blocks, and every kind of grant and restriction. Spaces are here
 * because deleting one takes its grants with it (foreign keys), with no statement naming them.
 */
export const permissionTables = [
  'users',
  'groups',
  'group_memberships',
  'group_nestings',
  'api_tokens',
  'admin_keys',
  'apps',
  'app_space_blocks',
  'spaces',
  'space_permissions',
  'space_roles',
  'space_role_assignments',
  'global_permissions',
  'unlicensed_permissions',
  'restrictions',
];

/**
 * The tables a content row by id reads (content joined with its current version), and those whose
 * deletions reach into them through foreign keys: a space's content goes with it, and a deleted user's
 * authorship is set to null.
 */
export const contentRowTables = ['content', 'content_versions', 'spaces', 'users'];

/**
 * Whether any other connection has committed to the database (`PRAGMA data_version`: the command line, or
 * a second server on the same file), counted. Asked about once per turn of the event loop: a request's
 * reads all run in one turn (better-sqlite3 answers synchronously), and a commit elsewhere during that turn
 * is no different from one just after it. One per connection, shared by its generations.
 */
export class OtherWriters {
  readonly #dataVersion: Database.Statement<[], number>;
  #seenDataVersion: number;
  #commits = 0;
  #askedThisTurn = false;

  constructor(database: Database.Database) {
    this.#dataVersion = database.prepare<[], number>('pragma data_version').pluck();
    this.#seenDataVersion = this.#dataVersion.get() ?? 0;
  }

  /** How many times their commits have been seen; it only grows. */
  commitsSeen(): number {
    if (!this.#askedThisTurn) {
      this.#askedThisTurn = true;
      setImmediate(() => {
        this.#askedThisTurn = false;
      });
      const dataVersion = this.#dataVersion.get() ?? 0;
      if (dataVersion !== this.#seenDataVersion) {
        this.#seenDataVersion = dataVersion;
        this.#commits++;
      }
    }
    return this.#commits;
  }
}

/**
 * A number that moves on whenever rows of some tables may have changed, so answers read from them can
 * be kept across requests and trusted only while it stands still (services/permissions/policy.ts,
 * services/auth/bearer-principals.ts, and `keptWhileStill` below).
 *
 * It moves when this connection is about to run a write naming one of those tables, when it rolls back
 * (what was read inside the transaction may never have existed), and when any other connection has
 * committed anything at all, since what they changed cannot be told from here.
 */
export class WriteGeneration {
  #writes = 0;
  readonly #namesTable: RegExp;
  readonly #others: OtherWriters;

  constructor(others: OtherWriters, tables: readonly string[]) {
    this.#others = others;
    this.#namesTable = new RegExp(`\\b(${tables.join('|')})\\b`, 'i');
  }

  /** Called with each statement just before it runs. */
  beforeStatement(statement: Database.Statement, sql: string): void {
    if (statement.reader) return;
    if (this.#namesTable.test(sql) || /^\s*rollback\b/i.test(sql)) this.#writes++;
  }

  /** For writes made around the statement cache (a site snapshot put back): anything may have changed. */
  moved(): void {
    this.#writes++;
  }

  current(): number {
    // Both counts only grow, so their sum moves whenever either does.
    return this.#writes + this.#others.commitsSeen();
  }
}

// Rows looked up by id on nearly every read (authors, spaces, the content asked for) are many times fewer
// than this; the cap only guards memory.
const keptRows = 10_000;

/**
 * `lookup`, with its answers kept while the generation stands still. Only for rows wholly within the
 * tables that move it, so any change to them is seen on the next call; `keeps` may leave some rows to be
 * read each time (large ones). What is kept is frozen: callers share it.
 */
export function keptWhileStill<Key, Row extends object>(
  generation: WriteGeneration,
  lookup: (key: Key) => Promise<Row | undefined>,
  keeps: (row: Row) => boolean = () => true,
): (key: Key) => Promise<Row | undefined> {
  let keptAt = -1;
  const kept = new Map<Key, Promise<Row | undefined>>();
  return (key) => {
    const now = generation.current();
    if (now !== keptAt) {
      kept.clear();
      keptAt = now;
    }
    let answer = kept.get(key);
    if (!answer) {
      if (kept.size >= keptRows) kept.clear();
      answer = lookup(key).then((row) => {
        if (row && !keeps(row)) kept.delete(key);
        return row && Object.freeze(row);
      });
      answer.catch(() => kept.delete(key));
      kept.set(key, answer);
    }
    return answer;
  };
}
