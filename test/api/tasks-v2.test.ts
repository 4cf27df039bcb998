import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertV2Error } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type List = { results: Json[]; _links: Json };

const carol: [string, string] = ['carol', 'carol-pw'];
const dave: [string, string] = ['dave', 'dave-pw'];

const task = (id: string, status: string, body: string) =>
  `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${status}</ac:task-status><ac:task-body>${body}</ac:task-body></ac:task>`;
const taskList = (...tasks: string[]) => `<ac:task-list>${tasks.join('')}</ac:task-list>`;

describe('tasks on Cloud v2: the ac:task items of page and blog post bodies', () => {
  let site: TestServer;
  let carolAccount: string;

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'carol');
    await aUser(site, 'dave');
    await aSpace(site, 'TSK');
    const me = await site.request('GET', '/wiki/rest/api/user/current', { auth: carol });
    carolAccount = String((me.body as Json).accountId);
  });
  after(() => site.dispose());

  const v2 = (method: string, path: string, options: Parameters<TestServer['request']>[2] = {}) =>
    site.request(method, `/wiki/api/v2${path}`, options);
  const tasksOn = async (pageId: unknown, query = '') => {
    const response = await v2('GET', `/tasks?page-id=${pageId}&body-format=storage${query}`);
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v2', 'GET', '/tasks', 200, response.body);
    return (response.body as List).results;
  };

  it('indexes the tasks of a saved body with assignee, due date and a stable id', async () => {
    const body = taskList(
      task(
        '1',
        'incomplete',
        `Call <ac:link><ri:user ri:account-id="ACCOUNT" /></ac:link> by <time datetime="2026-12-31" />`,
      ),
      task('2', 'complete', 'Write the notes'),
    );
    const page = await aPage(site, 'TSK', 'Plans', { body: `<p>Plans</p>${body}` });
    const accountBody = body.replace('ACCOUNT', carolAccount);
    const update = await site.request('PUT', `/rest/api/content/${page.id}`, {
      json: {
        type: 'page',
        title: 'Plans',
        version: { number: 2 },
        body: { storage: { value: `<p>Plans</p>${accountBody}`, representation: 'storage' } },
      },
    });
    assert.equal(update.status, 200, update.text);

    const tasks = await tasksOn(page.id);
    assert.deepEqual(
      tasks.map((item) => [item.localId, item.status, item.pageId, item.assignedTo, item.dueAt]),
      [
        ['1', 'incomplete', page.id, carolAccount, '2026-12-31T00:00:00.000Z'],
        ['2', 'complete', page.id, undefined, undefined],
      ],
    );
    const notes = tasks[1]?.body as { storage?: Json } | undefined;
    assert.match(String(notes?.storage?.value), /Write the notes/);
    assert.equal(typeof tasks[0]?.createdBy, 'string');
    assert.equal(typeof tasks[1]?.completedBy, 'string');

    // Another edit keeps the ids of the tasks that stay and drops the one removed.
    const firstId = tasks[0]?.id;
    const again = await site.request('PUT', `/rest/api/content/${page.id}`, {
      json: {
        type: 'page',
        title: 'Plans',
        version: { number: 3 },
        body: {
          storage: { value: taskList(task('1', 'incomplete', 'Call carol')), representation: 'storage' },
        },
      },
    });
    assert.equal(again.status, 200, again.text);
    const kept = await tasksOn(page.id);
    assert.deepEqual(
      kept.map((item) => [item.id, item.localId]),
      [[firstId, '1']],
    );

    const one = await v2('GET', `/tasks/${firstId}?body-format=storage`);
    assert.equal(one.status, 200, one.text);
    assertMatchesSpec('cloud-v2', 'GET', '/tasks/{id}', 200, one.body);
    assert.equal(((one.body as Json).body as { storage: Json }).storage.value, 'Call carol');
  });

  it('completes a task by rewriting its status in the body as a new version, and reopens it', async () => {
    const page = await aPage(site, 'TSK', 'Chores', {
      body: taskList(task('7', 'incomplete', 'Take out the bins'), task('8', 'incomplete', 'Sweep')),
    });
    const [bins] = await tasksOn(page.id);
    const completed = await v2('PUT', `/tasks/${bins?.id}`, { auth: carol, json: { status: 'complete' } });
    assert.equal(completed.status, 200, completed.text);
    assertMatchesSpec('cloud-v2', 'PUT', '/tasks/{id}', 200, completed.body);
    assert.equal((completed.body as Json).status, 'complete');
    assert.equal((completed.body as Json).completedBy, carolAccount);
    assert.equal(typeof (completed.body as Json).completedAt, 'string');

    const stored = await site.request('GET', `/rest/api/content/${page.id}?expand=body.storage,version`);
    const storedBody = stored.body as { body: { storage: Json }; version: Json };
    assert.equal(storedBody.version.number, 2);
    assert.equal(
      storedBody.body.storage.value,
      taskList(task('7', 'complete', 'Take out the bins'), task('8', 'incomplete', 'Sweep')),
    );
    assert.deepEqual(
      (await tasksOn(page.id, '&status=complete')).map((item) => item.localId),
      ['7'],
    );
    assert.deepEqual(
      (await tasksOn(page.id, `&completed-by=${carolAccount}`)).map((item) => item.localId),
      ['7'],
    );

    const reopened = await v2('PUT', `/tasks/${bins?.id}`, { json: { status: 'incomplete' } });
    assert.equal(reopened.status, 200, reopened.text);
    assert.equal((reopened.body as Json).completedBy, undefined);
    assert.equal((await tasksOn(page.id, '&status=complete')).length, 0);

    assertV2Error(await v2('PUT', `/tasks/${bins?.id}`, { json: { status: 'done' } }), 400, 'BAD_REQUEST');
    assertV2Error(await v2('PUT', `/tasks/${bins?.id}`, { json: [] }), 400, 'BAD_REQUEST');
  });

  it('filters by space, assignee and due date, and pages by cursor', async () => {
    await aSpace(site, 'TSK2');
    const page = await aPage(site, 'TSK2', 'Many', {
      body: taskList(
        task('1', 'incomplete', 'a <time datetime="2027-01-10" />'),
        task('2', 'incomplete', 'b <time datetime="2027-02-10" />'),
        task('3', 'incomplete', 'c'),
      ),
    });
    const spaceId = String((await tasksOn(page.id))[0]?.spaceId);
    const first = await v2('GET', `/tasks?space-id=${spaceId}&limit=2`);
    assert.equal(first.status, 200, first.text);
    const next = String((first.body as List)._links.next);
    assert.match(first.headers.get('link') ?? '', /rel="next"/);
    const second = await site.request('GET', `/wiki${next.replace(/^\/wiki/, '')}`);
    assert.equal(second.status, 200, second.text);
    assert.deepEqual(
      [...(first.body as List).results, ...(second.body as List).results].map((item) => item.localId),
      ['1', '2', '3'],
    );
    const due = await v2(
      'GET',
      `/tasks?space-id=${spaceId}&due-at-from=${Date.parse('2027-02-01')}&due-at-to=${Date.parse('2027-03-01')}`,
    );
    assert.deepEqual(
      (due.body as List).results.map((item) => item.localId),
      ['2'],
    );
    const nobody = await v2('GET', `/tasks?space-id=${spaceId}&assigned-to=no-such-account`);
    assert.deepEqual((nobody.body as List).results, []);
    assertV2Error(await v2('GET', '/tasks?due-at-from=yesterday'), 400, 'BAD_REQUEST');
    assertV2Error(await v2('GET', '/tasks?status=done'), 400, 'BAD_REQUEST');
    assertV2Error(await v2('GET', '/tasks?space-id=abc'), 400, 'BAD_REQUEST');
  });

  it('lets only those who may edit the page change a task, on a blog post as on a page', async () => {
    const post = await aPage(site, 'TSK', 'Guarded post', {
      type: 'blogpost',
      body: taskList(task('1', 'incomplete', 'Guarded')),
    });
    const restricted = await site.request(
      'PUT',
      `/rest/api/content/${post.id}/restriction/byOperation/update/user?username=carol`,
    );
    assert.ok(restricted.status < 300, restricted.text);
    const listed = await v2('GET', `/tasks?blogpost-id=${post.id}`, { auth: dave });
    const [guarded] = (listed.body as List).results;
    assert.equal(guarded?.blogPostId, post.id);
    assertV2Error(
      await v2('PUT', `/tasks/${guarded?.id}`, { auth: dave, json: { status: 'complete' } }),
      403,
      'FORBIDDEN',
    );
    const stored = await site.request('GET', `/rest/api/content/${post.id}?expand=version`);
    assert.equal((stored.body as { version: Json }).version.number, 1);
    const done = await v2('PUT', `/tasks/${guarded?.id}`, { auth: carol, json: { status: 'complete' } });
    assert.equal(done.status, 200, done.text);
    assert.equal((done.body as Json).blogPostId, post.id);
  });

  it('shows a task only to those who may see its page, and changes it only for its editors', async () => {
    const space = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'SECRET', name: 'Secret' },
    });
    assert.equal(space.status, 200, space.text);
    const page = await aPage(site, 'SECRET', 'Hidden plans', {
      auth: carol,
      body: taskList(task('1', 'incomplete', 'Secret task')),
    });
    const asCarol = await v2('GET', `/tasks?page-id=${page.id}`, { auth: carol });
    const hiddenId = String((asCarol.body as List).results[0]?.id);
    const asDave = await v2('GET', `/tasks?page-id=${page.id}`, { auth: dave });
    assert.deepEqual((asDave.body as List).results, []);
    assertV2Error(await v2('GET', `/tasks/${hiddenId}`, { auth: dave }), 404, 'NOT_FOUND');
    assertV2Error(
      await v2('PUT', `/tasks/${hiddenId}`, { auth: dave, json: { status: 'complete' } }),
      404,
      'NOT_FOUND',
    );
    assert.equal((await v2('GET', `/tasks/${hiddenId}`, { auth: null })).status, 401);
    assertV2Error(await v2('GET', '/tasks/999999'), 404, 'NOT_FOUND');
  });
});
