import type Database from 'better-sqlite3';

// The tables whose rows decide who a credential is and what they may see: users and their groups,
// tokens and admin keys, apps and their blocks, and every kind of grant and restriction. Spaces are here
// because deleting one takes its grants with it (foreign keys), with no statement naming them.
const decidingTables = [
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
const namesDecidingTable = new RegExp(`\\b(${decidingTables.join('|')})\\b`, 'i');

/**
 * A number that moves on whenever anything that decides who may see what may have changed, so answers
 * about a principal can be kept across requests and trusted only while it stands still
 * (services/permissions/policy.ts, services/auth/bearer-principals.ts).
 *
 * It moves when this connection is about to run a write naming one of those tables, when it rolls back
 * (what was read inside the transaction may never have existed), and when any other connection has
 * committed anything at all (`PRAGMA data_version`: the command line, or a second server on the same
 * file), since what they changed cannot be told from here.
 */
export class PermissionGeneration {
  #value = 0;
  readonly #dataVersion: Database.Statement<[], number>;
  #seenDataVersion: number;
  #askedThisTurn = false;

  constructor(database: Database.Database) {
    this.#dataVersion = database.prepare<[], number>('pragma data_version').pluck();
    this.#seenDataVersion = this.#dataVersion.get() ?? 0;
  }

  /** Called with each statement just before it runs. */
  beforeStatement(statement: Database.Statement, sql: string): void {
    if (statement.reader) return;
    if (namesDecidingTable.test(sql) || /^\s*rollback\b/i.test(sql)) this.#value++;
  }

  /** For writes made around the statement cache (a site snapshot put back): anything may have changed. */
  moved(): void {
    this.#value++;
  }

  current(): number {
    // Other processes are asked about once per turn of the event loop: a request's reads all run in one
    // turn (better-sqlite3 answers synchronously), and a commit elsewhere during that turn is no
    // different from one just after it.
    if (!this.#askedThisTurn) {
      this.#askedThisTurn = true;
      setImmediate(() => {
        this.#askedThisTurn = false;
      });
      const dataVersion = this.#dataVersion.get() ?? 0;
      if (dataVersion !== this.#seenDataVersion) {
        this.#seenDataVersion = dataVersion;
        this.#value++;
      }
    }
    return this.#value;
  }
}

// Rows looked up by id on nearly every read (authors, spaces) are few; the cap only guards memory.
const keptRows = 10_000;

/**
 * `lookup`, with its answers kept while the generation stands still. Only for rows wholly within the
 * tables that move it (a user, a space), so any change to them is seen on the next call. What is kept is
 * frozen: callers share it.
 */
export function keptWhileStill<Key, Row extends object>(
  generation: PermissionGeneration,
  lookup: (key: Key) => Promise<Row | undefined>,
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
      answer = lookup(key).then((row) => row && Object.freeze(row));
      answer.catch(() => kept.delete(key));
      kept.set(key, answer);
    }
    return answer;
  };
}
