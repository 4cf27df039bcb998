import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runCli } from '../../src/cli/program.ts';
import type { CliIo } from '../../src/cli/toolkit/toolkit-context.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../../src/main.ts';
import { checkSite, type SiteCheckReport } from '../../src/services/site/check-site.ts';
import { anUpload, aPage, aSpace, streamOf } from '../support/builders.ts';
import { folderOnly } from '../support/test-blob-store.ts';
import { onPostgres, sqliteOnly } from '../support/test-database.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface CliResult {
  code: number;
  out: string;
  err: string;
}

interface Site {
  server: TestServer;
  pageId: string;
  attachmentId: string;
  /** The attachment's two versions' blobs, oldest first. */
  blobs: string[];
}

/** `tributary fsck` on the site of a running server, as an administrator would run it beside it. */
describe('tributary fsck', () => {
  const savedEnv: Record<string, string | undefined> = {};
  let site: Site;

  before(() => {
    // The command line reads TRIBUTARY_* settings; none from the environment may point it elsewhere.
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('TRIBUTARY_'))) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
  });
  after(() => {
    for (const [name, value] of Object.entries(savedEnv)) process.env[name] = value;
  });
  afterEach(async () => {
    await site?.server.dispose();
  });

  /** A space with a page whose attachment has two versions. */
  const aSite = async (): Promise<Site> => {
    const server = await startTestServer();
    await aSpace(server, 'FS');
    const pageId = String((await aPage(server, 'FS', 'Checked page')).id);
    const first = await anUpload(server, pageId, [{ name: 'a.bin', content: randomBytes(3000) }]);
    assert.equal(first.status, 200, first.text);
    const second = await anUpload(server, pageId, [{ name: 'a.bin', content: randomBytes(5000) }], {
      method: 'PUT',
    });
    assert.equal(second.status, 200, second.text);
    const attachmentId = String((second.body as { results: { id: string }[] }).results[0]?.id);
    const recorded = await server.server.site.services.store.siteCheck.recordedBlobs(undefined, 10);
    site = { server, pageId, attachmentId, blobs: recorded.map((version) => version.sha256) };
    return site;
  };

  const fsck = async (...args: string[]): Promise<CliResult> => {
    let out = '';
    let err = '';
    const io: CliIo = {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
    };
    const code = await runCli(
      ['node', 'tributary', ...site.server.siteFlags, 'fsck', ...args],
      { openSite, openLiveSite, startServer, openSiteMigration },
      io,
    );
    return { code, out, err };
  };
  const report = async (...args: string[]) => {
    const result = await fsck('--json', ...args);
    return { code: result.code, report: JSON.parse(result.out) as SiteCheckReport };
  };
  const kindsOf = (found: SiteCheckReport) => found.findings.map((finding) => finding.kind);
  const blobFile = (sha256: string) =>
    site.server.server.site.services.blobs.fileOf?.(sha256).absolutePath ?? '';

  it('passes a site that nobody damaged, and says so in words', async () => {
    await aSite();
    const result = await fsck();
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /Checked 2 attachment versions \(2 blobs, [\d.]+ [KM]?i?B hashed\)/);
    assert.match(result.out, /Consistent: nothing to report\./);
    const { code, report: found } = await report();
    assert.equal(code, 0);
    assert.equal(found.consistent, true);
    assert.deepEqual(found.findings, []);
    assert.equal(found.checked.storedBlobs, 2);
    assert.ok(found.checked.auditSampled >= 3, 'the page and both attachment versions');
  });

  it('finds a missing blob, and cannot repair it', async () => {
    await aSite();
    await site.server.server.site.services.blobs.remove(site.blobs[0] ?? '');
    const { code, report: found } = await report();
    assert.equal(code, 1);
    assert.deepEqual(kindsOf(found), ['missing-blob']);
    assert.match(
      found.findings[0]?.examples[0] ?? '',
      new RegExp(`attachment ${site.attachmentId} version 1`),
    );
    const repaired = await report('--repair');
    assert.equal(repaired.code, 1, 'lost bytes stay lost');
    assert.deepEqual(repaired.report.repairs, []);
  });

  it('finds an orphan blob past the grace period and removes it with --repair; a second run is clean', async () => {
    await aSite();
    const orphan = await site.server.server.site.services.blobs.put(streamOf('nobody uses these bytes'));
    const young = await report();
    assert.equal(young.code, 0, 'an upload may be under way: left alone');
    assert.equal(young.report.checked.youngUnreferencedBlobs, 1);

    const found = await report('--grace-minutes', '0');
    assert.equal(found.code, 1);
    assert.deepEqual(kindsOf(found.report), ['orphan-blob']);
    assert.match(found.report.findings[0]?.examples[0] ?? '', new RegExp(orphan.sha256));
    assert.deepEqual((await report('--repair')).report.repairs, [], 'young: not removed by a repair either');
    assert.equal(await site.server.server.site.services.blobs.sizeOf(orphan.sha256), orphan.sizeBytes);

    const repaired = await report('--repair', '--grace-minutes', '0');
    assert.equal(repaired.code, 0);
    assert.deepEqual(repaired.report.repairs, [
      { kind: 'orphan-blob', action: 'removed', subject: orphan.sha256 },
    ]);
    assert.equal(await site.server.server.site.services.blobs.sizeOf(orphan.sha256), undefined);
    assert.equal((await report('--grace-minutes', '0')).code, 0);
  });

  it('keeps an orphan that an upload stores again between the listing and the removal', async () => {
    await aSite();
    const services = site.server.server.site.services;
    const orphan = await services.blobs.put(streamOf('bytes an upload is sending again'));
    // The listing saw the bytes long unused; by the removal, an upload has put them afresh.
    async function* listedLongAgo() {
      for await (const blob of services.blobs.list()) {
        yield blob.sha256 === orphan.sha256 ? { ...blob, modifiedAtMs: 0 } : blob;
      }
    }
    const blobs = new Proxy(services.blobs, {
      get(store, name) {
        if (name === 'list') return listedLongAgo;
        const value = Reflect.get(store, name);
        return typeof value === 'function' ? value.bind(store) : value;
      },
    });
    const checked = await checkSite({ ...services, blobs }, { graceMs: 600_000, repair: true });
    assert.deepEqual(kindsOf(checked), ['orphan-blob']);
    assert.deepEqual(checked.repairs, []);
    assert.equal(await services.blobs.sizeOf(orphan.sha256), orphan.sizeBytes);
  });

  it('finds a blob of the wrong size, and with --quick too', folderOnly, async () => {
    await aSite();
    await truncate(blobFile(site.blobs[1] ?? ''), 10);
    assert.deepEqual(kindsOf((await report()).report), ['blob-size']);
    const quick = await report('--quick');
    assert.equal(quick.code, 1);
    assert.deepEqual(kindsOf(quick.report), ['blob-size']);
    assert.equal(quick.report.checked.bytesHashed, 0);
  });

  it(
    'finds altered bytes of the right size (not with --quick) and quarantines them',
    folderOnly,
    async () => {
      await aSite();
      const file = blobFile(site.blobs[0] ?? '');
      const bytes = await readFile(file);
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      await writeFile(file, bytes);
      assert.equal((await report('--quick')).code, 0, 'sizes agree');
      const found = await report();
      assert.equal(found.code, 1);
      assert.deepEqual(kindsOf(found.report), ['blob-hash']);

      const repaired = await report('--repair');
      assert.equal(repaired.code, 0, 'everything found was dealt with');
      const [quarantine] = repaired.report.repairs;
      assert.equal(quarantine?.action, 'quarantined');
      assert.deepEqual(await readFile(quarantine?.to ?? ''), bytes, 'kept aside, byte for byte');
      // What remains is a version without its bytes, which no repair can bring back.
      assert.deepEqual(kindsOf((await report()).report), ['missing-blob']);
    },
  );

  it('finds a row pointing at nothing', sqliteOnly, async () => {
    await aSite();
    await sql(site.server, (db) =>
      db.prepare(`update spaces set homepage_id = 999999 where space_key = 'FS'`).run(),
    );
    const { code, report: found } = await report();
    assert.equal(code, 1);
    // The space's first page, no longer its homepage, also loses its excuse for having no record of its own.
    assert.deepEqual(kindsOf(found), ['broken-reference', 'audit-missing']);
    assert.deepEqual(found.findings[0]?.examples, ['space-homepage: space FS homepage 999999']);
  });

  it(
    'finds rows that break a declared foreign key (written without SQLite enforcing them)',
    sqliteOnly,
    async () => {
      await aSite();
      await sql(site.server, (db) => {
        db.pragma('foreign_keys = OFF');
        db.prepare('update content set container_id = 888888 where id = ?').run(Number(site.attachmentId));
      });
      const { report: found } = await report();
      assert.deepEqual(kindsOf(found), ['broken-reference']);
      assert.ok(
        found.findings[0]?.examples.some((example) => example.startsWith('foreign-key: content row')),
      );
    },
  );

  it('finds a text index out of step with the content and rebuilds it', async () => {
    await aSite();
    if (onPostgres) {
      await execute(
        site.server,
        `update content_text set document = to_tsvector('simple', 'garbage') where content_id = ${site.pageId}`,
      );
      await execute(site.server, `alter table content_text drop constraint content_text_content_id_fkey`);
      await execute(
        site.server,
        `insert into content_text (content_id, document) values (777777, to_tsvector('simple', 'gone'))`,
      );
    } else {
      await execute(site.server, `update content_text set title = 'garbage' where rowid = ${site.pageId}`);
      await execute(
        site.server,
        `insert into content_text (rowid, title, body, labels, filename) values (777777, 'gone', '', '', '')`,
      );
    }
    const found = await report();
    assert.equal(found.code, 1);
    assert.deepEqual(kindsOf(found.report), ['text-index']);
    assert.equal(found.report.findings[0]?.count, 2, 'the altered row and the row of nothing');
    const repaired = await report('--repair');
    assert.equal(repaired.code, 0);
    assert.deepEqual(repaired.report.repairs, [
      { kind: 'text-index', action: 'reindexed', subject: `content ${site.pageId}` },
      { kind: 'text-index', action: 'reindexed', subject: 'content 777777' },
    ]);
    assert.equal((await report()).code, 0);
    const search = await site.server.request(
      'GET',
      `/rest/api/search?cql=${encodeURIComponent('title ~ "Checked"')}`,
    );
    assert.equal((search.body as { size: number }).size, 1, 'found by its title again');
  });

  it('finds a version whose audit record is gone', async () => {
    await aSite();
    await execute(site.server, `delete from audit_records where content_id = ${site.attachmentId}`);
    const { code, report: found } = await report();
    assert.equal(code, 1);
    assert.deepEqual(kindsOf(found), ['audit-missing']);
    assert.equal(found.findings[0]?.count, 2, 'both versions of the attachment');
    assert.equal((await report('--audit-sample', '0')).code, 0, 'a sample of none checks nothing');
  });

  it('refuses bad usage with exit code 2', async () => {
    await aSite();
    for (const args of [['--grace-minutes', 'soon'], ['--audit-sample', '-1'], ['--no-such-flag']]) {
      const result = await fsck(...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.out}${result.err}`);
    }
  });

  it(
    "leaves the running server's unfinished puts and young unreferenced bytes where they are",
    folderOnly,
    async () => {
      await aSite();
      const { blobs } = site.server.server.site.services;
      // Bytes an upload has placed but not committed: on SQLite its pin lives in the server's memory alone.
      const placed = await blobs.put(streamOf('placed by an upload that has not committed yet'));
      const blobsRoot = path.dirname(path.dirname(blobFile(site.blobs[0] ?? '')));
      const unfinished = path.join(blobsRoot, '.tmp', 'an-upload-being-written');
      await writeFile(unfinished, 'the first bytes of an upload');

      const { code, report: found } = await report();
      assert.equal(code, 0, JSON.stringify(found.findings));
      assert.equal(found.checked.youngUnreferencedBlobs, 1);
      assert.equal(await blobs.sizeOf(placed.sha256), placed.sizeBytes, 'the placed bytes are still there');
      assert.equal(await readFile(unfinished, 'utf8'), 'the first bytes of an upload');
      assert.equal((await report('--repair')).code, 0);
      assert.equal(await blobs.sizeOf(placed.sha256), placed.sizeBytes, 'young: a repair leaves them too');
      assert.equal(await readFile(unfinished, 'utf8'), 'the first bytes of an upload');
    },
  );

  it('refuses a database that lacks migrations, and does not apply them to the live site', async () => {
    await aSite();
    await execute(
      site.server,
      'delete from kysely_migration where name = (select max(name) from kysely_migration)',
    );
    for (let run = 0; run < 2; run += 1) {
      const result = await fsck();
      assert.equal(result.code, 2, result.out + result.err);
      assert.equal(result.out, '');
      assert.match(result.err, /lacks 1 migrations of this version .*start `tributary serve`/);
    }
  });

  it('is a function tests can call in-process, with the same report', async () => {
    await aSite();
    const found = await checkSite(site.server.server.site.services, { graceMs: 0 });
    assert.equal(found.consistent, true);
    assert.equal(found.checked.attachmentVersions, 2);
  });
});

/** Runs one statement on the site's database beside the server, whichever it is. */
async function execute(server: TestServer, statement: string): Promise<void> {
  const at = server.siteFlags.indexOf('--database-url');
  if (at < 0) {
    await sql(server, (db) => db.exec(statement));
    return;
  }
  const client = new pg.Client({ connectionString: server.siteFlags[at + 1] });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs `work` on the site's SQLite file beside the server; on PostgreSQL, nothing (undefined). */
async function sql<T>(server: TestServer, work: (db: Database.Database) => T): Promise<T | undefined> {
  if (server.siteFlags.includes('--database-url')) return undefined;
  const db = new Database(path.join(server.dataDir, 'tributary.db'));
  try {
    return work(db);
  } finally {
    db.close();
  }
}
