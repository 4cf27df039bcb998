import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import {
  auditCount,
  auditPage,
  download,
  parseCsv,
  unzip,
  type WireAuditPage,
  type WireAuditRecord,
} from './audit-helpers.ts';

const dayMs = 86_400_000;
const carol: [string, string] = ['carol', 'carol-pw'];

describe('the audit log endpoints', () => {
  let site: TestServer;

  const postRecord = async (record: Record<string, unknown>) => {
    const response = await site.request('POST', '/rest/api/audit', { json: record });
    assert.equal(response.status, 200, response.text);
    return response.body as WireAuditRecord;
  };

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aSpace(site, 'AUD', 'Audited space');
    await aPage(site, 'AUD', 'Audited page');
  });
  after(() => site.dispose());

  it('lets only site administrators in: 401 without credentials, 403 for a user, on both prefixes', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/audit'],
      ['GET', '/audit/since'],
      ['GET', '/audit/export'],
      ['GET', '/audit/export?format=zip'],
      ['GET', '/audit/retention'],
      ['PUT', '/audit/retention', { number: 1, units: 'DAYS' }],
      ['POST', '/audit', { remoteAddress: '10.0.0.1', summary: 'sneaky' }],
    ];
    const countBefore = await auditCount(site);
    for (const prefix of ['/rest/api', '/wiki/rest/api']) {
      for (const [method, path, json] of calls) {
        assertRestError(await site.request(method, prefix + path, { auth: null, json }), 401);
        assertRestError(await site.request(method, prefix + path, { auth: carol, json }), 403);
      }
    }
    assert.equal(await auditCount(site), countBefore);
    assert.deepEqual((await site.request('GET', '/rest/api/audit/retention')).body, {
      number: 1,
      units: 'YEARS',
    });
  });

  it('records who, from where, what, which space and content, newest first, in the Cloud spec shape', async () => {
    const page = await aPage(site, 'AUD', 'Shape page', { auth: undefined });
    const response = await site.request('GET', '/wiki/rest/api/audit?limit=5');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/audit', 200, response.body);
    const [newest] = (response.body as WireAuditPage).results;
    assert.ok(newest);
    assert.equal(newest.summary, 'Page created');
    assert.equal(newest.category, 'Content');
    assert.equal(newest.remoteAddress, '127.0.0.1');
    assert.equal(newest.sysAdmin, true);
    assert.deepEqual(newest.affectedObject, { name: 'Shape page', objectType: 'Page' });
    assert.deepEqual(newest.associatedObjects, [{ name: 'Audited space', objectType: 'Space' }]);
    assert.deepEqual(newest.changedValues, [
      { name: 'Title', oldValue: '', newValue: 'Shape page' },
      { name: 'Status', oldValue: '', newValue: 'current' },
    ]);
    assert.match(newest.description, new RegExp(`\\(${page.id}\\) in space AUD`));
    // Cloud names people by accountId; Data Center by username and userKey.
    assert.match(String(newest.author.accountId), /^557058:/);
    assert.equal(newest.author.username, undefined);
    const dc = await auditPage(site, '?limit=1');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/audit', 200, dc);
    assert.equal(dc.results[0]?.author.username, 'admin');
    assert.match(String(dc.results[0]?.author.userKey), /^[0-9a-f]{32}$/);
    assert.equal(dc.results[0]?.author.accountId, undefined);
    const times = (await auditPage(site)).results.map((record) => record.creationDate);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('pages with start and limit in the v1 envelope, and refuses bad paging', async () => {
    const total = await auditCount(site);
    assert.ok(total >= 4);
    const first = await auditPage(site, '?limit=2');
    assert.deepEqual([first.start, first.limit, first.size, first.totalSize], [0, 2, 2, total]);
    assert.equal(first._links.next, '/rest/api/audit?limit=2&start=2');
    const second = await auditPage(site, '?start=2&limit=2');
    assert.notDeepEqual(second.results[0], first.results[0]);
    assert.equal((await auditPage(site, '?limit=5000')).limit, 1000);
    for (const query of ['?start=-1', '?limit=abc', '?start=1.5']) {
      assertRestError(await site.request('GET', `/rest/api/audit${query}`), 400);
    }
  });

  it('filters by start and end date (epoch milliseconds or ISO dates) and by a search string', async () => {
    const base = Date.UTC(2026, 0, 10, 12);
    await postRecord({
      remoteAddress: '10.1.1.1',
      summary: 'Filter alpha',
      creationDate: Date.now() - 20 * dayMs,
    });
    await postRecord({
      remoteAddress: '10.1.1.1',
      summary: 'Filter beta',
      creationDate: Date.now() - 10 * dayMs,
    });
    const from = Date.now() - 15 * dayMs;
    const ranged = await auditPage(site, `?startDate=${from}&endDate=${Date.now() - 5 * dayMs}`);
    assert.deepEqual(
      ranged.results.map((record) => record.summary),
      ['Filter beta'],
    );
    const alpha = await auditPage(site, `?endDate=${from}&searchString=filter`);
    assert.deepEqual(
      alpha.results.map((record) => record.summary),
      ['Filter alpha'],
    );

    await postRecord({ remoteAddress: '10.1.1.2', summary: 'Dated', creationDate: base });
    const day = new Date(base).toISOString().slice(0, 10);
    const byIsoDay = await auditPage(site, `?startDate=${day}&endDate=${day}`);
    assert.deepEqual(
      byIsoDay.results.map((record) => record.summary),
      ['Dated'],
    );

    // The search looks at every text of a record, case-insensitively: summary, author, objects, values.
    assert.ok((await auditPage(site, '?searchString=SHAPE%20PAGE')).totalSize >= 1);
    assert.ok((await auditPage(site, '?searchString=Audited%20Space')).totalSize >= 1);
    assert.equal((await auditPage(site, '?searchString=10.1.1.2')).totalSize, 1);
    assert.equal((await auditPage(site, '?searchString=no-such-thing-anywhere')).totalSize, 0);
    // LIKE's wildcards are searched for as themselves.
    assert.equal((await auditPage(site, '?searchString=%25')).totalSize, 0);
  });

  it('answers 400 for dates it cannot read, or a start after the end', async () => {
    for (const query of [
      'startDate=yesterday',
      'endDate=-5',
      'startDate=2024-02-30',
      'endDate=2024-13-01',
      'startDate=1.5',
      `startDate=${Date.now()}&endDate=${Date.now() - dayMs}`,
    ]) {
      const body = assertRestError(await site.request('GET', `/rest/api/audit?${query}`), 400);
      assert.match(body.message, /startDate|endDate/);
      assertRestError(await site.request('GET', `/wiki/rest/api/audit/export?${query}`), 400);
    }
  });

  it('lists the records of the last number of units with /audit/since, three months by default', async () => {
    await postRecord({
      remoteAddress: '10.2.2.2',
      summary: 'Since forty days',
      creationDate: Date.now() - 40 * dayMs,
    });
    await postRecord({
      remoteAddress: '10.2.2.2',
      summary: 'Since two days',
      creationDate: Date.now() - 2 * dayMs,
    });
    const summaries = async (query: string) => {
      const response = await site.request('GET', `/wiki/rest/api/audit/since?searchString=since&${query}`);
      assert.equal(response.status, 200, response.text);
      assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/audit/since', 200, response.body);
      return (response.body as WireAuditPage).results.map((record) => record.summary);
    };
    assert.deepEqual(await summaries(''), ['Since two days', 'Since forty days']);
    assert.deepEqual(await summaries('number=30&units=DAYS'), ['Since two days']);
    assert.deepEqual(await summaries('number=1&units=months'), ['Since two days']);
    assert.deepEqual(await summaries('number=1&units=WEEKS'), ['Since two days']);
    assert.deepEqual(await summaries('number=1&units=DAYS'), []);
    assert.deepEqual(await summaries('number=2&units=HALF_DAYS'), []);
    assert.deepEqual(await summaries('number=1&units=CENTURIES&limit=1'), ['Since two days']);
    for (const query of ['number=-3', 'number=three', 'units=FORTNIGHTS', 'units=FOREVER', 'start=-1']) {
      const response = await site.request('GET', `/rest/api/audit/since?${query}`);
      assertRestError(response, 400, /number|units|start/);
    }
  });

  it('exports the log as CSV with a header row, quoting what needs quoting', async () => {
    await postRecord({
      remoteAddress: '10.3.3.3',
      summary: 'Export, "quoted"\nand on two lines',
      category: 'Export test',
      affectedObject: { name: 'Ledger', objectType: 'Report' },
      changedValues: [{ name: 'Total', oldValue: '1', newValue: '2' }],
    });
    const response = await download(site, '/wiki/rest/api/audit/export?searchString=export%20test');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /attachment; filename="audit-records\.csv"/,
    );
    const [header, ...rows] = parseCsv(response.bytes.toString('utf8'));
    assert.deepEqual(header, [
      'Date',
      'Author',
      'Author id',
      'Remote address',
      'Category',
      'Summary',
      'Description',
      'Object type',
      'Object',
      'Space',
      'Content id',
      'Changed values',
      'Associated objects',
      'System administrator',
    ]);
    assert.equal(rows.length, 1);
    const row = Object.fromEntries((header ?? []).map((name, index) => [name, rows[0]?.[index]]));
    assert.equal(row.Summary, 'Export, "quoted"\nand on two lines');
    assert.equal(row['Remote address'], '10.3.3.3');
    assert.equal(row.Object, 'Ledger');
    assert.equal(row['Changed values'], 'Total: 1 → 2');
    assert.match(String(row.Date), /^\d{4}-\d{2}-\d{2}T/);

    // Unfiltered, the export holds what the list holds.
    const all = parseCsv((await download(site, '/rest/api/audit/export')).bytes.toString('utf8'));
    assert.equal(all.length - 1, await auditCount(site));
  });

  it('exports the same CSV inside a zip archive with format=zip, and refuses other formats', async () => {
    const query = 'searchString=10.3.3.3';
    const csv = await download(site, `/rest/api/audit/export?${query}&format=csv`);
    const zip = await download(site, `/rest/api/audit/export?${query}&format=zip`);
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.match(zip.headers.get('content-disposition') ?? '', /filename="audit-records\.zip"/);
    const files = unzip(zip.bytes);
    assert.deepEqual([...files.keys()], ['audit-records.csv']);
    assert.equal(files.get('audit-records.csv')?.toString('utf8'), csv.bytes.toString('utf8'));
    assertRestError(await site.request('GET', '/rest/api/audit/export?format=pdf'), 400, /format/);
  });

  it('still names the author of a record after that user is deleted', async () => {
    await aUser(site, 'erin');
    const changed = await site.request('POST', '/rest/api/user/current/password', {
      auth: ['erin', 'erin-pw'],
      json: { oldPassword: 'erin-pw', newPassword: 'erin-pw-2' },
    });
    assert.equal(changed.status, 204, changed.text);
    const deleted = await site.request('DELETE', '/rest/api/admin/user/erin');
    assert.equal(deleted.status, 202, deleted.text);
    const taskPath = `/rest/api/longtask/${(deleted.body as { id: string }).id}`;
    for (let attempt = 0; attempt < 200; attempt++) {
      if (((await site.request('GET', taskPath)).body as { finished?: boolean }).finished) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assertRestError(await site.request('GET', '/rest/api/user?username=erin'), 404);
    const records = (await auditPage(site, '?searchString=erin')).results;
    const byErin = records.find((record) => record.summary === 'User password changed');
    assert.deepEqual([byErin?.author.username, byErin?.author.displayName], ['erin', 'erin Example']);
    assert.ok(
      records.some((record) => record.summary === 'User deleted' && record.author.username === 'admin'),
    );
  });

  it('adds a record with POST, in the shape the spec gives, and names a known author fully', async () => {
    const created = await site.request('POST', '/wiki/rest/api/audit', {
      json: {
        author: { type: 'user', displayName: 'Import job', username: 'carol' },
        remoteAddress: '192.0.2.7',
        creationDate: Date.now() - dayMs,
        summary: 'Imported pages',
        description: 'Pages came over from the old wiki',
        category: 'Import',
        sysAdmin: true,
        affectedObject: { name: 'Audited space', objectType: 'Space' },
        changedValues: [{ name: 'Pages', oldValue: '0', newValue: '12' }],
        associatedObjects: [{ name: 'Old wiki', objectType: 'Source' }],
      },
    });
    assert.equal(created.status, 200, created.text);
    assertMatchesSpec('cloud-v1', 'POST', '/wiki/rest/api/audit', 200, created.body);
    const record = created.body as WireAuditRecord;
    assert.equal(record.author.displayName, 'Import job');
    assert.match(String(record.author.accountId), /^557058:/);
    assert.deepEqual(record.associatedObjects, [{ name: 'Old wiki', objectType: 'Source' }]);
    const listed = await auditPage(site, '?searchString=old%20wiki');
    assert.equal(listed.results[0]?.summary, 'Imported pages');
    assert.equal(listed.results[0]?.author.username, 'carol');

    const postedAtMs = Date.now();
    const minimal = await postRecord({ remoteAddress: '192.0.2.8' });
    assert.equal(minimal.author.displayName, '');
    assert.equal(minimal.author.username, null);
    assert.ok(minimal.creationDate >= postedAtMs && minimal.creationDate <= Date.now(), 'dated when posted');
  });

  it('refuses a record without remoteAddress or with values of the wrong type, and stores nothing', async () => {
    const countBefore = await auditCount(site);
    for (const body of [
      { summary: 'No address' },
      { remoteAddress: 7 },
      { remoteAddress: '10.0.0.1', creationDate: 'today' },
      { remoteAddress: '10.0.0.1', creationDate: -1 },
      { remoteAddress: '10.0.0.1', sysAdmin: 'yes' },
      { remoteAddress: '10.0.0.1', author: { type: 'group' } },
      { remoteAddress: '10.0.0.1', affectedObject: 'page' },
      { remoteAddress: '10.0.0.1', changedValues: [{ name: 'x', oldValue: 1 }] },
      { remoteAddress: '10.0.0.1', associatedObjects: {} },
      { remoteAddress: '10.0.0.1', summary: 'x'.repeat(10_001) },
      [],
    ]) {
      assertRestError(await site.request('POST', '/rest/api/audit', { json: body }), 400);
    }
    assertRestError(
      await site.request('POST', '/rest/api/audit', { json: { summary: 'x' } }),
      400,
      /remoteAddress is required/,
    );
    assert.equal(await auditCount(site), countBefore);
  });
});

describe('the audit retention period', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
  });
  after(() => site.dispose());

  const retention = async () => {
    const response = await site.request('GET', '/wiki/rest/api/audit/retention');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/audit/retention', 200, response.body);
    return response.body;
  };
  const putRetention = (json: unknown) => site.request('PUT', '/rest/api/audit/retention', { json });

  it('is one year until an administrator sets another, and setting it is itself audited', async () => {
    assert.deepEqual(await retention(), { number: 1, units: 'YEARS' });
    const set = await site.request('PUT', '/wiki/rest/api/audit/retention', {
      json: { number: 6, units: 'months' },
    });
    assert.equal(set.status, 200, set.text);
    assertMatchesSpec('cloud-v1', 'PUT', '/wiki/rest/api/audit/retention', 200, set.body);
    assert.deepEqual(set.body, { number: 6, units: 'MONTHS' });
    assert.deepEqual(await retention(), { number: 6, units: 'MONTHS' });
    const [record] = (await auditPage(site, '?limit=1')).results;
    assert.equal(record?.summary, 'Audit log retention period changed');
    assert.deepEqual(record?.changedValues, [
      { name: 'Retention period', oldValue: '1 YEARS', newValue: '6 MONTHS' },
    ]);
  });

  it('refuses periods that are not whole, positive, known or within a year, and keeps the old one', async () => {
    assert.equal((await putRetention({ number: 6, units: 'MONTHS' })).status, 200);
    const countBefore = await auditCount(site);
    for (const body of [
      { number: 0, units: 'DAYS' },
      { number: -1, units: 'DAYS' },
      { number: 1.5, units: 'DAYS' },
      { number: '6', units: 'DAYS' },
      { number: 6 },
      { units: 'DAYS' },
      { number: 6, units: 'FORTNIGHTS' },
      { number: 2, units: 'YEARS' },
      { number: 13, units: 'MONTHS' },
      { number: 366, units: 'DAYS' },
      { number: 1, units: 'DECADES' },
      { number: 1, units: 'FOREVER' },
      [6, 'DAYS'],
      'six months',
    ]) {
      assertRestError(await putRetention(body), 400);
    }
    assertRestError(await putRetention({ number: 2, units: 'YEARS' }), 400, /at most 1 YEARS/);
    assert.deepEqual(await retention(), { number: 6, units: 'MONTHS' });
    assert.equal(await auditCount(site), countBefore);
    for (const body of [
      { number: 12, units: 'MONTHS' },
      { number: 52, units: 'WEEKS' },
      { number: 365, units: 'DAYS' },
    ]) {
      assert.equal((await putRetention(body)).status, 200, JSON.stringify(body));
    }
  });

  it('removes the records older than the period: hidden at once, and gone when the period grows again', async () => {
    assert.equal((await putRetention({ number: 1, units: 'YEARS' })).status, 200);
    const old = await site.request('POST', '/rest/api/audit', {
      json: {
        remoteAddress: '10.9.9.9',
        summary: 'Two hundred days old',
        creationDate: Date.now() - 200 * dayMs,
      },
    });
    assert.equal(old.status, 200, old.text);
    const findOld = async () => (await auditPage(site, '?searchString=two%20hundred')).totalSize;
    assert.equal(await findOld(), 1);

    assert.equal((await putRetention({ number: 90, units: 'DAYS' })).status, 200);
    assert.equal(await findOld(), 0);
    const since = await site.request(
      'GET',
      '/rest/api/audit/since?number=1&units=YEARS&searchString=two%20hundred',
    );
    assert.equal((since.body as WireAuditPage).totalSize, 0);
    const exported = parseCsv((await download(site, '/rest/api/audit/export')).bytes.toString('utf8'));
    assert.ok(exported.every((row) => !row.includes('Two hundred days old')));

    assert.equal((await putRetention({ number: 1, units: 'YEARS' })).status, 200);
    assert.equal(await findOld(), 0, 'the record was removed, not only hidden');
    // A record older than the period is accepted, and hidden like the rest.
    const older = await site.request('POST', '/rest/api/audit', {
      json: {
        remoteAddress: '10.9.9.9',
        summary: 'Twenty years old',
        creationDate: Date.now() - 20 * 365 * dayMs,
      },
    });
    assert.equal(older.status, 200, older.text);
    assert.equal(await findOld(), 0);
  });
});
