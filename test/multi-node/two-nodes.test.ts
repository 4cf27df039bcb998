import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anUpload, aPage, aSpace, multipartForm, noCheck } from '../support/builders.ts';
import { field } from '../support/json-field.ts';
import { aSharedSite, type SharedSite, sharedSiteSkip } from '../support/shared-site.ts';
import { type Requester, requesterFor } from '../support/test-server.ts';

/**
 * Two `tributary serve` processes on one PostgreSQL database and one S3 prefix, raced against each other
 * (issue 19): what one commits the other sees, and the rules that a single process enforces in order hold
 * when requests split across processes.
 */
describe('two server processes on one site', { skip: sharedSiteSkip }, () => {
  const nodes: Requester[] = [];
  let site: SharedSite | undefined;
  let pageId: string;

  before(async () => {
    site = await aSharedSite();
    for (let started = 0; started < 2; started += 1) nodes.push(requesterFor((await site.serve()).origin));
    const [first] = nodes;
    assert.ok(first);
    await aSpace(first, 'RACE');
    pageId = String(field(await aPage(first, 'RACE', 'The race'), 'id'));
  });

  after(async () => {
    await site?.dispose();
  });

  /** The node that serves request `index`: alternating, so every race splits across both processes. */
  const node = (index: number): Requester => {
    const chosen = nodes[index % nodes.length];
    assert.ok(chosen);
    return chosen;
  };

  it('sees on one node what the other committed', async () => {
    const created = await anUpload(node(0), pageId, [{ name: 'seen.txt', content: 'from a' }]);
    assert.equal(created.status, 200, created.text);
    const id = String(field(created.body, 'results', '0', 'id'));
    const read = await node(1).request('GET', `/rest/api/content/${id}/download`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.text, 'from a');
  });

  it('numbers 50 concurrent new versions of one attachment 2..51, with no gap, across both nodes', async () => {
    const created = await anUpload(node(0), pageId, [{ name: 'versions.txt', content: 'version 1' }]);
    assert.equal(created.status, 200, created.text);
    const id = String(field(created.body, 'results', '0', 'id'));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        node(n).request('POST', `/rest/api/content/${pageId}/child/attachment/${id}/data`, {
          body: multipartForm([{ name: 'versions.txt', content: `version from request ${n}` }]),
          headers: noCheck,
        }),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      answers.map(() => 200),
      answers.find((answer) => answer.status !== 200)?.text,
    );
    const versions = await node(1).request('GET', `/wiki/api/v2/attachments/att${id}/versions?limit=250`);
    assert.equal(versions.status, 200, versions.text);
    const numbers = (field(versions.body, 'results') as { number: number }[])
      .map((v) => v.number)
      .sort((a, b) => a - b);
    assert.deepEqual(
      numbers,
      Array.from({ length: 51 }, (_, n) => n + 1),
    );
  });

  it('keeps exactly one attachment when 20 uploads of one new name race across both nodes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        anUpload(node(n), pageId, [{ name: 'only-one.txt', content: `upload ${n}` }]),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(' '));
    assert.ok(
      statuses.every((status) => status === 200 || status === 400),
      answers.find((answer) => answer.status !== 200 && answer.status !== 400)?.text,
    );
    const listed = await node(0).request(
      'GET',
      `/rest/api/content/${pageId}/child/attachment?filename=only-one.txt`,
    );
    assert.equal(listed.status, 200, listed.text);
    assert.equal(field(listed.body, 'size'), 1);
  });

  it('accepts one of 20 concurrent edits of the same page version and refuses the rest with 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        node(n).request('PUT', `/rest/api/content/${pageId}`, {
          json: {
            type: 'page',
            title: 'The race',
            version: { number: 2 },
            body: { storage: { value: `<p>edit ${n}</p>`, representation: 'storage' } },
          },
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(' '));
    assert.equal(statuses.filter((status) => status === 409).length, 19, statuses.join(' '));
    const page = await node(1).request('GET', `/rest/api/content/${pageId}`);
    assert.equal(field(page.body, 'version', 'number'), 2);
  });
});
