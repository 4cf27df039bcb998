import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Slice } from '../../../../domain/paging.ts';
import type { User } from '../../../../domain/user.ts';
import { searchUsers } from '../../../../services/search/search-site.ts';
import { createUser } from '../../../../services/users/create-user.ts';
import { listUsers } from '../../../../services/users/list-users.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { html } from '../../html.ts';
import { csrfField } from '../../layout.ts';
import { formOf, screenQueryOf } from '../../schemas.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { type WebView, webViewOf } from '../../web-view.ts';
import {
  afterChange,
  attempt,
  noticeOf,
  pager,
  type Refusal,
  requireSiteAdministrator,
  sendAdminScreen,
  startOf,
} from './admin-screen.ts';

const pageSize = 50;

const notices = { created: (username: string) => `User ${username} was created.` };

interface NewUserFields {
  username: string;
  fullName: string;
  email: string;
}

const noFields: NewUserFields = { username: '', fullName: '', email: '' };

/**
 * A name filter as a CQL user search: each word a prefix of the username or full name. Only letters and
 * digits are kept, so nothing the administrator types can change the query's meaning.
 */
function nameFilterCql(filter: string): string | undefined {
  const words = filter.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? undefined : `user ~ "${words.map((word) => `${word}*`).join(' ')}"`;
}

async function usersOf(deps: WebDeps, request: FastifyRequest, filter: string, start: number) {
  const window = { start, limit: pageSize };
  const cql = nameFilterCql(filter);
  if (cql === undefined) return listUsers(deps.services, request.principal, window);
  const found = await searchUsers(
    deps.services,
    request.principal,
    { cql, sitePermissionTypeFilter: 'all' },
    window,
  );
  const users = found.items.flatMap((item) => (item.entity === 'user' ? [item.user] : []));
  return { items: users, total: found.total } satisfies Slice<User>;
}

function usersTable(view: WebView, users: readonly User[]) {
  const urls = screenUrls(view);
  if (users.length === 0) return html`<p class="empty">No users match.</p>`;
  return html`<div class="table-scroll"><table class="grid">
    <thead><tr><th scope="col">Username</th><th scope="col">Full name</th><th scope="col">Email</th><th scope="col">Status</th></tr></thead>
    <tbody>${users.map(
      (user) => html`<tr>
        <td><a href="${urls.adminUser(user.username)}">${user.username}</a></td>
        <td>${user.displayName}</td>
        <td>${user.email ?? ''}</td>
        <td>${user.active ? 'Active' : html`<span class="status-off">Deactivated</span>`}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function createForm(view: WebView, fields: NewUserFields) {
  return html`<section aria-labelledby="create-user">
    <h2 id="create-user">Create a user</h2>
    <form method="post" action="${screenUrls(view).adminUsers()}" class="admin-form">
      ${csrfField(view)}
      <label for="new-username">Username</label>
      <input id="new-username" name="username" required autocomplete="off" value="${fields.username}">
      <label for="new-full-name">Full name</label>
      <input id="new-full-name" name="fullName" autocomplete="off" value="${fields.fullName}">
      <label for="new-email">Email</label>
      <input id="new-email" name="email" type="email" autocomplete="off" value="${fields.email}">
      <label for="new-password">Password</label>
      <input id="new-password" name="password" type="password" required autocomplete="new-password">
      <button type="submit" class="primary">Create user</button>
    </form>
  </section>`;
}

/** `/admin/users.action`: every user, filtered by name and paged, and the form that creates one. */
export function adminUsersRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: { filter?: unknown; start?: unknown; done?: unknown; subject?: unknown },
      form: { fields: NewUserFields; refusal?: Refusal } = { fields: noFields },
    ) => {
      const view = webViewOf(request, deps.contextPath);
      requireSiteAdministrator(view.principal);
      const filter = singleField(query.filter)?.trim() ?? '';
      const start = startOf(query.start);
      const users = await usersOf(deps, request, filter, start);
      const listUrl = `${screenUrls(view).adminUsers()}${filter ? `?filter=${encodeURIComponent(filter)}` : ''}`;
      const main = html`<h1>Users</h1>
        <form method="get" action="${screenUrls(view).adminUsers()}" class="toolbar" role="search">
          <label for="user-filter">Filter by name</label>
          <input id="user-filter" name="filter" type="search" value="${filter}">
          <button type="submit">Filter</button>
          ${filter && html`<a href="${screenUrls(view).adminUsers()}">Show all</a>`}
        </form>
        ${filter && html`<p class="hint">Filtering finds active users by the start of a word of their username or full name.</p>`}
        ${usersTable(view, users.items)}
        ${pager(listUrl, { start, limit: pageSize }, users.total, 'Users')}
        ${createForm(view, form.fields)}`;
      return sendAdminScreen(
        reply,
        view,
        'users',
        {
          title: 'Users',
          main,
          notice: noticeOf(notices, query.done, query.subject),
          problem: form.refusal?.message,
        },
        form.refusal?.status,
      );
    };

    app.get(
      '/admin/users.action',
      { schema: { querystring: screenQueryOf('filter', 'start', 'done', 'subject') } },
      (request, reply) => show(request, reply, request.query),
    );

    app.post(
      '/admin/users.action',
      { schema: { body: formOf('username', 'fullName', 'email', 'password') } },
      async (request, reply) => {
        requireSiteAdministrator(request.principal);
        const { body } = request;
        const fields = {
          username: singleField(body.username)?.trim() ?? '',
          fullName: singleField(body.fullName)?.trim() ?? '',
          email: singleField(body.email)?.trim() ?? '',
        };
        const outcome = await attempt(request, () =>
          createUser(deps.services, request.principal, {
            username: fields.username,
            displayName: fields.fullName || undefined,
            email: fields.email || null,
            password: singleField(body.password) ?? '',
          }),
        );
        if (outcome.refusal) return show(request, reply, {}, { fields, refusal: outcome.refusal });
        const view = webViewOf(request, deps.contextPath);
        return reply.redirect(
          afterChange(screenUrls(view).adminUser(outcome.value.username), 'created', outcome.value.username),
          303,
        );
      },
    );
  };
}
