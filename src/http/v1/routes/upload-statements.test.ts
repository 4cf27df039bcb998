/**
 * A 1 KiB upload is mostly SQL on the event loop: each statement it runs is paid on every upload (issue
 * 21, item 2). This counts them, over real HTTP on a real SQLite file, so none creeps back: the answer
 * reuses what the commit read, and each table gets one insert.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { Kysely, SqliteDialect } from 'kysely';
import { aSpaceWithPage } from '../../../../test/support/builders.ts';
import { sqliteOnly } from '../../../../test/support/test-database.ts';
import { sqlMetadataStore } from '../../../adapters/metadata/sql/sql-metadata-store.ts';
import type { Tables } from '../../../adapters/metadata/sql/tables.ts';
import { loadConfig } from '../../../config/load-config.ts';
import { openSite, type Site } from '../../../main.ts';
import { createAuthenticator } from '../../../services/auth/authenticate.ts';
import { buildHttpApp } from '../../app.ts';

// Four find and check the caller (request-path's to shrink); twelve are the upload's own: the container
// checked before any byte is read; then, in one transaction, the container again (it may have gone while
// the bytes came), its space, the name looked up, one insert each for the blob, the content, its version,
// its text index row, the webhook queue and the audit record.
const statementsPerSmallUpload = 16;

describe('the SQL of one small upload', sqliteOnly, () => {
  let dataDir: string;
  let site: Site;
  let app: FastifyInstance;
  let database: Database.Database;
  let counted: string[] | undefined;
  let origin: string;
  let pageId: number;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tributary-upload-statements-'));
    const config = loadConfig({ TRIBUTARY_DATA_DIR: dataDir, TRIBUTARY_ADMIN_PASSWORD: 'admin-pw' });
    site = await openSite(config);
    assert.equal(config.database.kind, 'sqlite');
    // A second connection to the same file, whose driver reports each statement it runs.
    database = new Database(config.database.kind === 'sqlite' ? config.database.path : '', {
      verbose: (sql) => counted?.push(String(sql)),
    });
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
    const services = { ...site.services, store: sqlMetadataStore(db, 'sqlite') };
    const authenticator = createAuthenticator(services, { anonymousAccess: false, sessionIdleMs: 60_000 });
    app = buildHttpApp({ services, authenticator, config, publicBaseUrl: () => origin });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    pageId = (await aSpaceWithPage(services, 'SQL')).page.id;
  });

  after(async () => {
    await app.close();
    database.close();
    await site.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const upload = async (filename: string) => {
    const form = new FormData();
    form.append('file', new Blob([randomBytes(1024)]), filename);
    const response = await fetch(`${origin}/rest/api/content/${pageId}/child/attachment`, {
      method: 'POST',
      body: form,
      headers: {
        authorization: `Basic ${Buffer.from('admin:admin-pw').toString('base64')}`,
        'x-atlassian-token': 'no-check',
      },
    });
    assert.equal(response.status, 200, await response.text());
  };

  it(`runs at most ${statementsPerSmallUpload} statements for a new 1 KiB attachment`, async () => {
    // The first uploads fill what is cached once (the sign-in check, the statements' SQL).
    await upload('warm-1.bin');
    await upload('warm-2.bin');
    counted = [];
    await upload('counted.bin');
    const statements = counted;
    counted = undefined;
    assert.ok(
      statements.length <= statementsPerSmallUpload,
      `${statements.length} statements:\n${statements.join('\n')}`,
    );
    const inserts = statements.filter((sql) => /^insert/i.test(sql.trim()));
    const tables = inserts.map((sql) => /^insert\s+into\s+"?(\w+)"?/i.exec(sql.trim())?.[1]);
    assert.deepEqual(tables.length, new Set(tables).size, 'one insert per table');
  });
});
