import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { anUpload, aPage, aSpace, aUser, multipartForm, noCheck } from '../support/builders.ts';
import { field as jsonField } from '../support/json-field.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tributary migrate-site …` as its own process, from the build (`npm run build` first). */
async function migrateSite(
  sourceDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TRIBUTARY_')),
  );
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'bin', 'tributary.js'), 'migrate-site', ...args],
    {
      cwd: projectRoot,
      env: { ...inherited, ...env, TRIBUTARY_DATA_DIR: sourceDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Where a file-backed blob lies: its hash is its name, in shard folders. */
async function blobFile(folder: string, sha256: string): Promise<string> {
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name === sha256) return path.join(entry.parentPath, entry.name);
  assert.fail(`no blob ${sha256} under ${folder}`);
}

/** An embedded site in `workDir/name`, named explicitly so that no test switch moves it elsewhere. */
const localSite = (workDir: string, name: string) => ({
  TRIBUTARY_DATABASE_URL: `sqlite:${path.join(workDir, name, 'tributary.db')}`,
  TRIBUTARY_BLOB_STORE_URL: `file:${path.join(workDir, name, 'blobs')}`,
});

const json = (run: Run) => JSON.parse(run.stdout) as Record<string, unknown>;
const idOf = (body: unknown) => String(jsonField(body, 'id'));

/** A site to copy into, made fresh for one suite. */
interface Target {
  database: string;
  blobStore: string;
  /** Settings the target's stores need besides their URLs (an S3 endpoint…). */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

interface TargetKind {
  name: string;
  /** Why the suite cannot run here, if it cannot. */
  skip: string | false;
  /** Its database is a SQLite file and its blobs a folder, which the tests may damage directly. */
  local: boolean;
  open(workDir: string): Promise<Target>;
}

const localTarget: TargetKind = {
  name: 'SQLite and a folder',
  skip: false,
  local: true,
  async open(workDir) {
    return {
      database: `sqlite:${path.join(workDir, 'target', 'tributary.db')}`,
      blobStore: `file:${path.join(workDir, 'target', 'blobs')}`,
      env: {},
      dispose: async () => {},
    };
  },
};

const postgresUrl = process.env.TRIBUTARY_TEST_POSTGRES_URL;
const s3Endpoint = process.env.TRIBUTARY_TEST_S3_ENDPOINT;
const loads = (file: string) =>
  import(pathToFileURL(path.join(projectRoot, file)).href).then(
    () => true,
    () => false,
  );
const serviceAdapters =
  (await loads('src/adapters/metadata/postgres/open-postgres-store.ts')) &&
  (await loads('src/adapters/blobs/s3-blob-store.ts'));

/** A fresh database on the test cluster and a fresh prefix of the test bucket, removed afterwards. */
const serviceTarget: TargetKind = {
  name: 'PostgreSQL and S3',
  skip:
    postgresUrl === undefined || s3Endpoint === undefined
      ? 'TRIBUTARY_TEST_POSTGRES_URL and TRIBUTARY_TEST_S3_ENDPOINT are not set'
      : serviceAdapters
        ? false
        : 'the PostgreSQL and S3 adapters are not in this build',
  local: false,
  async open() {
    const { default: pg } = await import('pg');
    const s3 = await import('@aws-sdk/client-s3');
    const name = `migrate_${randomBytes(6).toString('hex')}`;
    const cluster = new pg.Client({ connectionString: postgresUrl });
    await cluster.connect();
    await cluster.query(`CREATE DATABASE ${name}`);
    await cluster.end();
    const database = new URL(postgresUrl ?? '');
    database.pathname = `/${name}`;
    const bucket = 'tributary-tests';
    const prefix = `migrate-${randomBytes(6).toString('hex')}`;
    const client = new s3.S3Client({ endpoint: s3Endpoint, region: 'us-east-1', forcePathStyle: true });
    await client.send(new s3.CreateBucketCommand({ Bucket: bucket })).catch((error: { name?: string }) => {
      if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
    });
    return {
      database: database.href,
      blobStore: `s3://${bucket}/${prefix}`,
      env: { TRIBUTARY_S3_ENDPOINT: s3Endpoint ?? '', TRIBUTARY_S3_FORCE_PATH_STYLE: 'true' },
      async dispose() {
        const listed = await client.send(
          new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/` }),
        );
        const objects = (listed.Contents ?? []).map((object) => ({ Key: object.Key }));
        if (objects.length > 0)
          await client.send(new s3.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
        client.destroy();
        const dropping = new pg.Client({ connectionString: postgresUrl });
        await dropping.connect();
        await dropping.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropping.end();
      },
    };
  },
};

for (const kind of [localTarget, serviceTarget])
  describe(`tributary migrate-site into ${kind.name}`, { skip: kind.skip }, () => {
    let source: TestServer;
    let workDir: string;
    let targetDatabase: string;
    let targetBlobs: string;
    let targetEnv: Record<string, string>;
    let target: Target;
    /** Runs the copy into this suite's target with --json; it must succeed. */
    const copiedInto = async () => {
      const args = ['--to-database', targetDatabase, '--to-blob-store', targetBlobs, '--json'];
      const run = await migrateSite(source.dataDir, args, targetEnv);
      assert.equal(run.code, 0, run.stderr + run.stdout);
      return json(run);
    };
    const site = {
      childId: '',
      parentId: '',
      attachmentId: '',
      version1: Buffer.from('first bytes of the report'),
      version2: Buffer.from('second, longer bytes of the report'),
      other: Buffer.alloc(300_000, 7),
    };

    before(async () => {
      workDir = await mkdtemp(path.join(tmpdir(), 'tributary-migrate-'));
      target = await kind.open(workDir);
      targetDatabase = target.database;
      targetBlobs = target.blobStore;
      targetEnv = target.env;
      // The source is an embedded site whatever the suites run on.
      source = await startTestServer(localSite(workDir, 'source'), path.join(workDir, 'source'));
      await aUser(source, 'alice');
      assert.equal(
        (await source.request('POST', '/rest/api/admin/group', { json: { name: 'writers' } })).status,
        200,
      );
      await aSpace(source, 'MOV');
      // The child is created first, then moved under a later page: its parent has the larger id.
      site.childId = idOf(await aPage(source, 'MOV', 'Child first'));
      site.parentId = idOf(
        await aPage(source, 'MOV', 'Parent later', { body: '<p>quokka habitat notes</p>' }),
      );
      const moved = await source.request('PUT', `/rest/api/content/${site.childId}`, {
        json: {
          type: 'page',
          title: 'Child first',
          version: { number: 2 },
          ancestors: [{ id: site.parentId }],
        },
      });
      assert.equal(moved.status, 200, moved.text);
      const uploaded = await anUpload(source, site.parentId, [
        { name: 'report.txt', content: site.version1 },
      ]);
      assert.equal(uploaded.status, 200, uploaded.text);
      site.attachmentId = String(jsonField(uploaded.body, 'results', '0', 'id'));
      const second = await source.request(
        'POST',
        `/rest/api/content/${site.parentId}/child/attachment/${site.attachmentId}/data`,
        { body: multipartForm([{ name: 'report.txt', content: site.version2 }]), headers: noCheck },
      );
      assert.equal(second.status, 200, second.text);
      assert.equal(
        (await anUpload(source, site.childId, [{ name: 'big.bin', content: site.other }])).status,
        200,
      );
      const labelled = await source.request('POST', `/rest/api/content/${site.parentId}/label`, {
        json: [{ prefix: 'global', name: 'migrated' }],
      });
      assert.equal(labelled.status, 200, labelled.text);
      const comment = await source.request('POST', '/rest/api/content', {
        json: {
          type: 'comment',
          container: { id: site.parentId, type: 'page' },
          body: { storage: { value: '<p>A comment</p>', representation: 'storage' } },
        },
      });
      assert.equal(comment.status, 200, comment.text);
      const property = await source.request('POST', `/rest/api/content/${site.parentId}/property`, {
        json: { key: 'colour', value: { shade: 'teal' } },
      });
      assert.equal(property.status, 200, property.text);
      await source.stop();
    });
    after(async () => {
      await source.dispose();
      await target.dispose();
      await rm(workDir, { recursive: true, force: true });
    });

    it('copies every table and blob, keeps ids, and verifies the copy', async () => {
      const summary = await copiedInto();
      assert.equal(summary.outcome, 'copied');
      assert.equal(summary.verified, true);
      assert.equal(jsonField(summary, 'blobs', 'total'), 3);
      assert.equal(jsonField(summary, 'blobs', 'copied'), 3);
    });

    it('only verifies on a second run', async () => {
      const summary = await copiedInto();
      assert.equal(summary.outcome, 'verified');
      assert.equal(summary.rowsCopied, 0);
      assert.equal(jsonField(summary, 'blobs', 'copied'), 0);
    });

    it('continues an interrupted copy where it stopped', { skip: !kind.local }, async () => {
      // What a copy stopped mid-way leaves: rows committed up to a recorded position, a blob not yet there.
      const database = new Database(path.join(workDir, 'target', 'tributary.db'));
      const kept = database.prepare('SELECT min(rowid) AS rowid FROM audit_records').get() as {
        rowid: number;
      };
      const removed = database.prepare('DELETE FROM audit_records WHERE rowid > ?').run(kept.rowid).changes;
      database
        .prepare("UPDATE site_copy_progress SET position = ? WHERE step = 'audit_records'")
        .run(kept.rowid);
      database.prepare('UPDATE site_copy_source SET complete = 0').run();
      database.close();
      const sha256 = createHash('sha256').update(site.other).digest('hex');
      await rm(await blobFile(path.join(workDir, 'target', 'blobs'), sha256));
      assert.ok(removed > 0, 'the site has audit records to copy again');

      const summary = await copiedInto();
      assert.equal(summary.outcome, 'resumed');
      assert.equal(summary.rowsCopied, removed, 'only the rows past the recorded position were copied');
      assert.equal(jsonField(summary, 'blobs', 'copied'), 1);
      assert.equal(jsonField(summary, 'blobs', 'present'), 2);
      assert.equal(summary.verified, true);
    });

    it('fails the verification, with exit code 1, when a target blob has other bytes', {
      skip: !kind.local,
    }, async () => {
      const sha256 = createHash('sha256').update(site.version1).digest('hex');
      const file = await blobFile(path.join(workDir, 'target', 'blobs'), sha256);
      const original = await readFile(file);
      await writeFile(file, Buffer.alloc(original.length, 0x21));
      try {
        const run = await migrateSite(source.dataDir, [
          '--to-database',
          targetDatabase,
          '--to-blob-store',
          targetBlobs,
        ]);
        assert.equal(run.code, 1, run.stderr + run.stdout);
        assert.match(run.stdout, new RegExp(`Blob ${sha256}: different bytes`));
        assert.match(run.stdout, /Verification failed/);
      } finally {
        await writeFile(file, original);
      }
    });

    it('refuses a target that holds another site, unless told', { skip: !kind.local }, async () => {
      const other = await startTestServer(localSite(workDir, 'other'), path.join(workDir, 'other'));
      await other.stop();
      const args = [
        '--to-database',
        `sqlite:${path.join(other.dataDir, 'tributary.db')}`,
        '--to-blob-store',
        `file:${path.join(other.dataDir, 'blobs')}`,
      ];
      try {
        const refused = await migrateSite(source.dataDir, args);
        assert.equal(refused.code, 2, refused.stderr + refused.stdout);
        assert.match(refused.stderr, /already holds data .*--into-non-empty/);
        const replaced = await migrateSite(source.dataDir, [...args, '--into-non-empty', '--json']);
        assert.equal(replaced.code, 0, replaced.stderr + replaced.stdout);
        assert.equal(json(replaced).verified, true);
      } finally {
        await other.dispose();
      }
    });

    it('refuses unusable targets with exit code 2', { skip: !kind.local }, async () => {
      const bad = await migrateSite(source.dataDir, [
        '--to-database',
        'mysql://x',
        '--to-blob-store',
        targetBlobs,
      ]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--to-database mysql:\/\/x is not a database URL/);
      const itself = await migrateSite(source.dataDir, [
        '--to-database',
        `sqlite:${path.join(source.dataDir, 'tributary.db')}`,
        '--to-blob-store',
        targetBlobs,
      ]);
      assert.equal(itself.code, 2);
      assert.ok(existsSync(path.join(source.dataDir, 'tributary.db')));
    });

    it('serves the copy with the same ids, bytes, labels, properties, users and search', async () => {
      const copy = await startTestServer({
        ...targetEnv,
        TRIBUTARY_DATABASE_URL: targetDatabase,
        TRIBUTARY_BLOB_STORE_URL: targetBlobs,
      });
      try {
        const child = await copy.request('GET', `/rest/api/content/${site.childId}?expand=ancestors,version`);
        assert.equal(child.status, 200, child.text);
        assert.equal(jsonField(child.body, 'ancestors', '0', 'id'), site.parentId);
        assert.equal(jsonField(child.body, 'version', 'number'), 2);
        const download = async (version: number) => {
          const response = await fetch(
            `${copy.reachableUrl}/download/attachments/${site.parentId}/report.txt?version=${version}`,
            {
              headers: {
                authorization: `Basic ${Buffer.from('admin:admin-secret-for-tests').toString('base64')}`,
              },
            },
          );
          assert.equal(response.status, 200);
          return Buffer.from(await response.arrayBuffer());
        };
        assert.deepEqual(await download(1), site.version1);
        assert.deepEqual(await download(2), site.version2);
        const labels = await copy.request('GET', `/rest/api/content/${site.parentId}/label`);
        assert.equal(jsonField(labels.body, 'results', '0', 'name'), 'migrated');
        const property = await copy.request('GET', `/rest/api/content/${site.parentId}/property/colour`);
        assert.deepEqual(jsonField(property.body, 'value'), { shade: 'teal' });
        const alice = await copy.request('GET', '/rest/api/user/current', { auth: ['alice', 'alice-pw'] });
        assert.equal(jsonField(alice.body, 'username'), 'alice');
        const group = await copy.request('GET', '/rest/api/group/writers');
        assert.equal(group.status, 200, group.text);
        const search = await copy.request(
          'GET',
          `/rest/api/content/search?cql=${encodeURIComponent('text ~ "quokka"')}`,
        );
        assert.equal(search.status, 200, search.text);
        assert.equal(
          jsonField(search.body, 'results', '0', 'id'),
          site.parentId,
          'the text index was rebuilt',
        );
        const audit = await copy.request('GET', '/rest/api/audit?limit=1000');
        assert.ok((jsonField(audit.body, 'size') as number) > 0, 'the audit records came along');
        const fresh = await aPage(copy, 'MOV', 'Written after the move');
        assert.ok(Number(idOf(fresh)) > Number(site.attachmentId), 'a new row takes a fresh id');
      } finally {
        await copy.stop();
      }
    });
  });
