import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../../domain/errors.ts';
import { operationKeyOf, type SpaceOperation, spaceOperations } from '../../../../domain/permissions.ts';
import { setSpacePermissions } from '../../../../services/permissions/change-space-permissions.ts';
import { listSpacePermissions } from '../../../../services/permissions/list-space-permissions.ts';
import type { DescribedSubject, SubjectNames } from '../../../../services/permissions/permission-subjects.ts';
import { findUser } from '../../../../services/users/find-user.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, sendScreen } from '../../layout.ts';
import { formOf, screenQueryOf } from '../../schemas.ts';
import { spaceTabs } from '../../space-tabs.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { type WebView, webViewOf } from '../../web-view.ts';
import { afterChange, attempt, banners, noticeOf, type Refusal } from './admin-screen.ts';

/** The grid's columns, grouped as Confluence's space permissions screen groups them. */
const columns: readonly { group: string; items: readonly [SpaceOperation, string][] }[] = [
  {
    group: 'Space',
    items: [
      ['space:read', 'View'],
      ['space:administer', 'Admin'],
      ['space:export', 'Export'],
      ['space:restrict', 'Restrict'],
      ['space:delete_own', 'Delete own'],
      ['space:delete_mail', 'Delete mail'],
    ],
  },
  {
    group: 'Pages',
    items: [
      ['page:create', 'Add'],
      ['page:delete', 'Delete'],
    ],
  },
  {
    group: 'Blog',
    items: [
      ['blogpost:create', 'Add'],
      ['blogpost:delete', 'Delete'],
    ],
  },
  {
    group: 'Comments',
    items: [
      ['comment:create', 'Add'],
      ['comment:delete', 'Delete'],
    ],
  },
  {
    group: 'Attachments',
    items: [
      ['attachment:create', 'Add'],
      ['attachment:delete', 'Delete'],
    ],
  },
];

const notices = {
  saved: (subject: string) => `Permissions of ${subject} were saved.`,
  added: (subject: string) => `${subject} was added.`,
};

interface Row {
  /** `group:<name>`, `user:<username>` or `anonymous`: what the row's form posts back. */
  subject: string;
  label: SafeHtml;
  /** Said after "for" in each checkbox's accessible name. */
  name: string;
  held: Set<SpaceOperation>;
}

function rowOf(subject: DescribedSubject): Omit<Row, 'held'> {
  if (subject.kind === 'anonymous') {
    return { subject: 'anonymous', label: html`<em>Anonymous</em>`, name: 'anonymous visitors' };
  }
  if (subject.kind === 'group') {
    return {
      subject: `group:${subject.name}`,
      label: html`${subject.name} <span class="hint">group</span>`,
      name: `group ${subject.name}`,
    };
  }
  return {
    subject: `user:${subject.username}`,
    label: html`${subject.displayName} <span class="key">${subject.username}</span>`,
    name: subject.username,
  };
}

function rowsOf(permissions: Awaited<ReturnType<typeof listSpacePermissions>>['permissions']): Row[] {
  const rows = new Map<string, Row>();
  for (const permission of permissions) {
    const base = rowOf(permission.subject);
    const row = rows.get(base.subject) ?? { ...base, held: new Set<SpaceOperation>() };
    row.held.add(permission.operation);
    rows.set(base.subject, row);
  }
  const order = (row: Row) =>
    row.subject.startsWith('group:') ? 0 : row.subject.startsWith('user:') ? 1 : 2;
  return [...rows.values()].sort((a, b) => order(a) - order(b) || a.subject.localeCompare(b.subject));
}

const checkboxes = (row: Pick<Row, 'name' | 'held'>, formId: string) =>
  columns.flatMap(({ items }) =>
    items.map(
      ([operation, label]) =>
        html`<td><input type="checkbox" name="${operation}" value="on" form="${formId}" ${row.held.has(operation) && html`checked`} aria-label="${label} (${operationKeyOf(operation).targetType}) for ${row.name}"></td>`,
    ),
  );

function grid(view: WebView, spaceKey: string, rows: readonly Row[]): SafeHtml {
  const action = screenUrls(view).spacePermissions(spaceKey);
  const newRow = { name: 'the new row', held: new Set<SpaceOperation>(['space:read']) };
  return html`<div class="table-scroll"><table class="grid permissions-grid">
    <thead>
      <tr><td></td>${columns.map(({ group, items }) => html`<th scope="colgroup" colspan="${items.length}">${group}</th>`)}<td></td></tr>
      <tr><th scope="col">Who</th>${columns.flatMap(({ items }) => items.map(([, label]) => html`<th scope="col">${label}</th>`))}<th scope="col"><span class="visually-hidden">Save</span></th></tr>
    </thead>
    <tbody>
      ${rows.map((row, index) => {
        const formId = `row-${index}`;
        return html`<tr>
          <th scope="row">${row.label}</th>
          ${checkboxes(row, formId)}
          <td><form id="${formId}" method="post" action="${action}" class="inline">
            ${csrfField(view)}<input type="hidden" name="subject" value="${row.subject}">
            <button type="submit" aria-label="Save permissions of ${row.name}">Save</button>
          </form></td>
        </tr>`;
      })}
      <tr class="new-row">
        <th scope="row"><form id="row-new" method="post" action="${action}" class="add-subject">
          ${csrfField(view)}
          <label for="new-subject-type" class="visually-hidden">Kind</label>
          <select id="new-subject-type" name="subjectType">
            <option value="group">Group</option><option value="user">User</option><option value="anonymous">Anonymous</option>
          </select>
          <label for="new-subject-name" class="visually-hidden">Group name or username</label>
          <input id="new-subject-name" name="subjectName" placeholder="Group name or username" autocomplete="off">
        </form></th>
        ${checkboxes(newRow, 'row-new')}
        <td><button type="submit" form="row-new" class="primary">Add</button></td>
      </tr>
    </tbody>
  </table></div>
  <p class="hint">View is needed for anything else; saving a row with nothing ticked removes it. Anonymous rows apply only when the site allows anonymous access.</p>`;
}

/** The subject a row's form names, as the set-permissions service takes it (`userKey`, `groupName`, neither). */
async function subjectNamesOf(
  deps: WebDeps,
  request: FastifyRequest,
  kind: string,
  name: string,
): Promise<SubjectNames> {
  if (kind === 'anonymous') return {};
  if (!name) throw badRequest('Name the group or user to add');
  if (kind === 'group') return { groupName: name.toLowerCase() };
  if (kind === 'user') {
    const user = await findUser(deps.services, request.principal, { username: name.toLowerCase() });
    return { userKey: user.userKey };
  }
  throw badRequest(`Not a kind of subject: ${kind}`);
}

/**
 * `/spaces/spacepermissions.action?key=…`: who holds which permission in the space, as a grid, for the
 * space's administrators (the same rule as `GET /rest/api/space/{key}/permissions`: others get 403, or 404
 * when they may not see the space). Each row saves as a whole; a new row adds a user, group or anonymous.
 */
export function spacePermissionsRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: { key?: unknown; done?: unknown; subject?: unknown },
      refusal?: Refusal,
    ) => {
      const view = webViewOf(request, deps.contextPath);
      const { space, permissions } = await listSpacePermissions(
        deps.services,
        request.principal,
        singleField(query.key) ?? '',
      );
      const urls = screenUrls(view);
      const main = html`<h1>${space.name} <span class="key">${space.key}</span></h1>
        ${spaceTabs(view, space, 'permissions')}
        ${banners(noticeOf(notices, query.done, query.subject), refusal?.message)}
        <h2>Permissions</h2>
        ${grid(view, space.key, rowsOf(permissions))}`;
      return sendScreen(
        reply,
        view,
        {
          title: `Permissions - ${space.name}`,
          main,
          styles: ['admin.css'],
          breadcrumbs: [
            { label: 'Spaces', href: urls.spaceDirectory() },
            { label: space.name, href: urls.space(space.key) },
          ],
        },
        refusal?.status,
      );
    };

    app.get(
      '/spaces/spacepermissions.action',
      { schema: { querystring: screenQueryOf('key', 'done', 'subject') } },
      (request, reply) => show(request, reply, request.query),
    );

    app.post(
      '/spaces/spacepermissions.action',
      {
        schema: {
          querystring: screenQueryOf('key'),
          body: formOf('subject', 'subjectType', 'subjectName', ...spaceOperations),
        },
      },
      async (request, reply) => {
        const spaceKey = singleField(request.query.key) ?? '';
        const { body } = request;
        const operations = spaceOperations.filter((operation) => singleField(body[operation]) === 'on');
        const row = singleField(body.subject);
        const [kind = '', ...rest] =
          row === undefined ? [singleField(body.subjectType) ?? ''] : row.split(':');
        const name = row === undefined ? (singleField(body.subjectName)?.trim() ?? '') : rest.join(':');
        const outcome = await attempt(request, async () => {
          if (operations.length > 0 && !operations.includes('space:read')) {
            throw badRequest(
              'View is needed for any other permission: tick View too, or nothing to remove the row',
            );
          }
          if (row === undefined && operations.length === 0)
            throw badRequest('Tick at least View for the new row');
          const subject = await subjectNamesOf(deps, request, kind, name);
          await setSpacePermissions(deps.services, request.principal, spaceKey, [
            { ...subject, operations: operations.map(operationKeyOf) },
          ]);
        });
        if (outcome.refusal) return show(request, reply, { key: spaceKey }, outcome.refusal);
        const url = screenUrls(webViewOf(request, deps.contextPath)).spacePermissions(spaceKey);
        const who = kind === 'anonymous' ? 'anonymous visitors' : name;
        return reply.redirect(afterChange(url, row === undefined ? 'added' : 'saved', who), 303);
      },
    );
  };
}
