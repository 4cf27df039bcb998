import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tasksIn, withTaskStatus } from './task.ts';

const task = (inner: string) => `<ac:task>${inner}</ac:task>`;

describe('tasks of a storage body', () => {
  it('reads id, status, body, the first user mentioned and the first date', () => {
    const body = `<ac:task-list>${task(
      '<ac:task-id>4</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Ask <ri:user ri:userkey="k1" /> and <ri:user ri:account-id="a2" /> by <time datetime="2027-03-04" /></ac:task-body>',
    )}</ac:task-list>`;
    const [only] = tasksIn(body);
    assert.equal(only?.localId, '4');
    assert.equal(only?.status, 'complete');
    assert.deepEqual(only?.assignee, { userKey: 'k1' });
    assert.equal(only?.dueAtMs, Date.parse('2027-03-04'));
    assert.match(only?.body ?? '', /^Ask <ri:user/);
  });

  it('gives nested tasks their own fields, and tasks without an id or a repeated id unique local ids', () => {
    const inner = task(
      '<ac:task-id>1</ac:task-id><ac:task-body>inner <ri:user ri:username="bob" /></ac:task-body>',
    );
    const body = `<ac:task-list>${task(`<ac:task-id>1</ac:task-id><ac:task-body>outer<ac:task-list>${inner}</ac:task-list></ac:task-body>`)}${task('<ac:task-body>no id</ac:task-body>')}</ac:task-list>`;
    const tasks = tasksIn(body);
    assert.deepEqual(
      tasks.map((item) => [item.localId, item.status, item.assignee]),
      [
        ['1', 'incomplete', undefined],
        ['1-2', 'incomplete', { username: 'bob' }],
        ['position-3', 'incomplete', undefined],
      ],
    );
  });

  it('changes one status and nothing else, adding a status where none was written', () => {
    const body = `<p>x</p>${task('<ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>a</ac:task-body>')}${task('<ac:task-id>2</ac:task-id><ac:task-body>b</ac:task-body>')}`;
    assert.equal(withTaskStatus(body, '1', 'complete'), body.replace('incomplete', 'complete'));
    const added = withTaskStatus(body, '2', 'complete') ?? '';
    assert.equal(tasksIn(added)[1]?.status, 'complete');
    assert.equal(withTaskStatus(body, '9', 'complete'), undefined);
  });

  it('reads a crafted body of unclosed tags in time linear in its length', () => {
    const crafted = '<ac:task><ac:task-body><ri:user '.repeat(20_000);
    const started = performance.now();
    tasksIn(crafted);
    assert.ok(performance.now() - started < 2000);
  });
});
