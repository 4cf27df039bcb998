import Database from 'better-sqlite3';

/**
 * Records the SQL of every statement the SQLite connections of this process run while `work` runs,
 * for structural tests of how much a request asks of the database. SQLite only: on PostgreSQL it
 * records nothing.
 */
export async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const scratch = new Database(':memory:');
  const prototype = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<
    string,
    (this: Database.Statement, ...args: unknown[]) => unknown
  >;
  scratch.close();
  const ran: string[] = [];
  const originals = new Map<string, (this: Database.Statement, ...args: unknown[]) => unknown>();
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const original = prototype[method];
    if (!original) continue;
    originals.set(method, original);
    prototype[method] = function (this: Database.Statement, ...args: unknown[]) {
      ran.push(this.source.replace(/\s+/g, ' ').trim());
      return original.apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    for (const [method, original] of originals) prototype[method] = original;
  }
  return ran;
}
