import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/program.ts';
import { openLiveSite, openSite, openSiteMigration, startServer } from '../../src/main.ts';
import { aUser, multipartForm, noCheck, type UploadFile } from '../support/builders.ts';
import {
  adminPassword,
  type RequestOptions,
  startTestServer,
  type TestResponse,
  type TestServer,
} from '../support/test-server.ts';
import { auditCount, auditPage } from './audit-helpers.ts';

export type Json = Record<string, unknown>;

/** What the audit record of one change must say. */
export interface Expected {
  category: string;
  summary: string;
  /** The affected object: its type and name as the log shows them. */
  object: [type: string, name: string];
  /** The author's username; `ada` when not given (null: the server itself, for the command line). */
  by?: string | null;
  /** The name of the space the change was made in. */
  space?: string;
  /** Other associated objects, such as the page an attachment sits on: [type, name]. */
  with?: [type: string, name: string][];
  /** Values that must be among the changed values: [name, old value, new value]. */
  changed?: [name: string, before: string, after: string][];
}

export interface AuditCase {
  endpoint: string;
  /** Prepares what the change needs, calls `mark` just before the audited request, and makes it. */
  run(mark: () => Promise<void>): Promise<Expected>;
}

export const ada: [string, string] = ['ada', 'ada-pw'];
export const dan: [string, string] = ['dan', 'dan-pw'];
export const spaceName = 'Trail space';
export const storage = (value: string) => ({ storage: { value, representation: 'storage' } });
export const v2Storage = (value: string) => ({ representation: 'storage', value });
/** Cases made from a table of rows, the row type given so each row is a tuple. */
export const each = <Row>(rows: Row[], make: (row: Row) => AuditCase): AuditCase[] => rows.map(make);

/** Helpers for making changes as `ada`, a site administrator who is not the built-in admin. */
export interface TrailKit {
  site(): TestServer;
  /** The id of space TRAIL (named `spaceName`), which ada created and so may do anything in. */
  spaceId(): string;
  unique(stem: string): string;
  /** A request as ada that must succeed. */
  call(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  json(method: string, path: string, body?: unknown): Promise<Json>;
  page(title?: string, type?: string): Promise<Json>;
  upload(pageId: unknown, files: UploadFile[], method?: string): Promise<Json>;
  anAttachment(name?: string): Promise<{ container: Json; attachment: Json; name: string }>;
  twoVersions(): Promise<{ container: Json; attachment: Json; name: string }>;
  /** The next version of a page or blog post over v1, with `changes` to its fields. */
  updated(content: Json, changes: Json): Promise<Json>;
  /** Waits for the long task a 202 started. */
  finished(submission: Json): Promise<void>;
  /** Runs `tributary <args>` in this process against the server's data folder; its output. */
  cli(...args: string[]): Promise<string>;
  content(type: string, title: unknown): Pick<Expected, 'object' | 'space'>;
}

function trailKit(site: () => TestServer, spaceId: () => string): TrailKit {
  let counter = 0;
  const kit: TrailKit = {
    site,
    spaceId,
    unique: (stem) => `${stem} ${++counter}`,
    async call(method, path, options = {}) {
      const response = await site().request(method, path, { auth: ada, ...options });
      assert.ok(response.status >= 200 && response.status < 300, `${method} ${path}: ${response.text}`);
      return response;
    },
    async json(method, path, body) {
      return (await kit.call(method, path, body === undefined ? {} : { json: body })).body as Json;
    },
    page(title = kit.unique('Page'), type = 'page') {
      return kit.json('POST', '/rest/api/content', {
        type,
        title,
        space: { key: 'TRAIL' },
        body: storage(`<p>${title}</p>`),
      });
    },
    async upload(pageId, files, method = 'POST') {
      const response = await kit.call(method, `/rest/api/content/${pageId}/child/attachment`, {
        body: multipartForm(files),
        headers: noCheck,
      });
      const [first] = (response.body as { results: Json[] }).results;
      assert.ok(first);
      return first;
    },
    async anAttachment(name = `${kit.unique('file').replace(' ', '-')}.txt`) {
      const container = await kit.page();
      const attachment = await kit.upload(container.id, [{ name, content: 'v1', type: 'text/plain' }]);
      return { container, attachment, name };
    },
    async twoVersions() {
      const made = await kit.anAttachment();
      await kit.upload(made.container.id, [{ name: made.name, content: 'v2', type: 'text/plain' }], 'PUT');
      return made;
    },
    updated(content, changes) {
      return kit.json('PUT', `/rest/api/content/${content.id}`, {
        type: content.type,
        title: content.title,
        version: { number: Number((content.version as Json).number) + 1 },
        ...changes,
      });
    },
    async finished(submission) {
      for (let attempt = 0; attempt < 200; attempt++) {
        const task = (await site().request('GET', `/rest/api/longtask/${submission.id}`)).body as Json;
        if (task.finished === true) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.fail(`long task ${String(submission.id)} did not finish`);
    },
    async cli(...args) {
      let out = '';
      const collect = (text: string) => {
        out += text;
      };
      const argv = ['node', 'tributary', ...site().siteFlags, '--admin-password', adminPassword];
      const code = await runCli(
        [...argv, ...args],
        { openSite, openLiveSite, startServer, openSiteMigration },
        { out: collect, err: collect },
      );
      assert.equal(code, 0, out);
      return out.trim();
    },
    content: (type, title) => ({ object: [type, String(title)], space: spaceName }),
  };
  return kit;
}

/** Checks that the change of `change` left the record it expects, among the records it added. */
async function assertAudited(site: TestServer, change: AuditCase): Promise<void> {
  let marked: { count: number; atMs: number } | undefined;
  const expected = await change.run(async () => {
    marked = { count: await auditCount(site), atMs: Date.now() };
  });
  assert.ok(marked, 'the case never marked where its change begins');
  const page = await auditPage(site, '?limit=100');
  const fresh = page.results.slice(0, page.totalSize - marked.count);
  const [type, name] = expected.object;
  const record = fresh.find(
    (candidate) =>
      candidate.summary === expected.summary &&
      candidate.affectedObject.objectType === type &&
      candidate.affectedObject.name === name,
  );
  assert.ok(
    record,
    `no '${expected.summary}' record for ${type} '${name}' among: ${JSON.stringify(
      fresh.map((candidate) => [candidate.summary, candidate.affectedObject]),
    )}`,
  );
  assert.equal(record.category, expected.category);
  assert.equal(record.author.username, expected.by === undefined ? 'ada' : expected.by);
  if (change.endpoint.startsWith('tributary ')) assert.equal(record.remoteAddress, '');
  else if (change.endpoint !== 'POST /rest/api/audit') assert.equal(record.remoteAddress, '127.0.0.1');
  assert.ok(record.creationDate >= marked.atMs && record.creationDate <= Date.now(), 'dated when made');
  const associated = record.associatedObjects.map((item) => [item.objectType, item.name]);
  if (expected.space) assert.deepEqual(associated[0], ['Space', expected.space]);
  for (const other of expected.with ?? []) {
    assert.ok(
      associated.some(([t, n]) => t === other[0] && n === other[1]),
      `${JSON.stringify(other)} is not among ${JSON.stringify(associated)}`,
    );
  }
  const changed = record.changedValues.map((value) => [value.name, value.oldValue, value.newValue]);
  for (const value of expected.changed ?? []) {
    assert.ok(
      changed.some((found) => JSON.stringify(found) === JSON.stringify(value)),
      `${JSON.stringify(value)} is not among ${JSON.stringify(changed)}`,
    );
  }
}

/**
 * One test per case, in order, on a server of its own where ada (an administrator) and dan (a user)
 * exist and ada has made space TRAIL.
 */
export function describeAuditTrail(title: string, casesOf: (kit: TrailKit) => AuditCase[]): void {
  describe(title, () => {
    let site: TestServer | undefined;
    let spaceId = '';
    const current = () => {
      assert.ok(site, 'the server is not started');
      return site;
    };
    const kit = trailKit(current, () => spaceId);

    before(async () => {
      site = await startTestServer();
      await aUser(site, 'ada');
      await aUser(site, 'dan');
      const grant = await site.request('PUT', '/rest/api/user/ada/group/confluence-administrators');
      assert.equal(grant.status, 204, grant.text);
      // Ada creates the space, so she holds every space permission in it whatever the defaults.
      spaceId = String((await kit.json('POST', '/rest/api/space', { key: 'TRAIL', name: spaceName })).id);
    });
    after(() => site?.dispose());

    for (const change of casesOf(kit)) {
      it(`${change.endpoint} leaves an audit record`, () => assertAudited(current(), change));
    }
  });
}
