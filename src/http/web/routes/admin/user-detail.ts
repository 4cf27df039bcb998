import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../../domain/errors.ts';
import { changeMembership } from '../../../../services/groups/change-membership.ts';
import { listGroups, listMemberships } from '../../../../services/groups/list-groups.ts';
import { setPassword } from '../../../../services/users/change-password.ts';
import { findUser } from '../../../../services/users/find-user.ts';
import { setUserActive } from '../../../../services/users/set-user-active.ts';
import { listWebSessions, revokeWebSessions } from '../../../../services/web-sessions/end-web-session.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { html } from '../../html.ts';
import { csrfField } from '../../layout.ts';
import { formOf, screenQueryOf } from '../../schemas.ts';
import { screenUrls } from '../../urls.ts';
import type { WebDeps } from '../../web-deps.ts';
import { webViewOf } from '../../web-view.ts';
import {
  afterChange,
  attempt,
  noticeOf,
  type Refusal,
  requireSiteAdministrator,
  sendAdminScreen,
} from './admin-screen.ts';
import { webSessionsTable } from './web-sessions-table.ts';

const notices = {
  created: (username: string) => `User ${username} was created.`,
  activated: (username: string) => `${username} can sign in again.`,
  deactivated: (username: string) => `${username} is deactivated: they can no longer sign in.`,
  password: (username: string) => `The password of ${username} was changed.`,
  joined: (group: string) => `Added to ${group}.`,
  left: (group: string) => `Removed from ${group}.`,
  'session-ended': () => 'That browser was signed out.',
  'sessions-ended': (count: string) => `Signed out of every browser (${count}).`,
};

const everyGroup = { start: 0, limit: 1000 };

/** `/admin/users/viewuser.action?username=…`: one user's status, password, groups and signed-in browsers. */
export function adminUserRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: { username?: unknown; done?: unknown; subject?: unknown },
      refusal?: Refusal,
    ) => {
      const view = webViewOf(request, deps.contextPath);
      requireSiteAdministrator(view.principal);
      const { principal } = request;
      const user = await findUser(deps.services, principal, { username: singleField(query.username) ?? '' });
      const [memberships, groups, sessions] = await Promise.all([
        listMemberships(deps.services, principal, { username: user.username }, everyGroup),
        listGroups(deps.services, principal, everyGroup),
        listWebSessions(deps.services, principal, user.id),
      ]);
      const urls = screenUrls(view);
      const who = html`<input type="hidden" name="username" value="${user.username}">`;
      const main = html`<h1>${user.displayName} <span class="key">${user.username}</span></h1>
        <dl class="facts">
          <dt>Email</dt><dd>${user.email ?? 'None'}</dd>
          <dt>Status</dt><dd>${user.active ? 'Active' : 'Deactivated'}</dd>
        </dl>
        <form method="post" action="${urls.adminUserAction('activate')}" class="toolbar">
          ${csrfField(view)}${who}
          <input type="hidden" name="active" value="${user.active ? 'false' : 'true'}">
          <button type="submit" class="${user.active ? 'danger' : 'primary'}">${user.active ? 'Deactivate' : 'Reactivate'}</button>
        </form>

        <section aria-labelledby="reset-password">
          <h2 id="reset-password">Reset the password</h2>
          <form method="post" action="${urls.adminUserAction('password')}" class="admin-form">
            ${csrfField(view)}${who}
            <label for="new-password">New password</label>
            <input id="new-password" name="password" type="password" required autocomplete="new-password">
            <button type="submit">Set password</button>
          </form>
        </section>

        <section aria-labelledby="user-groups">
          <h2 id="user-groups">Groups</h2>
          ${
            memberships.items.length === 0
              ? html`<p class="empty">In no group.</p>`
              : html`<ul class="chips">${memberships.items.map(
                  (group) => html`<li><a href="${urls.adminGroup(group.name)}">${group.name}</a>
                    <form method="post" action="${urls.adminUserAction('groups')}" class="inline">
                      ${csrfField(view)}${who}<input type="hidden" name="group" value="${group.name}">
                      <input type="hidden" name="change" value="remove">
                      <button type="submit" class="link" aria-label="Remove from ${group.name}">Remove</button>
                    </form></li>`,
                )}</ul>`
          }
          <form method="post" action="${urls.adminUserAction('groups')}" class="toolbar">
            ${csrfField(view)}${who}<input type="hidden" name="change" value="add">
            <label for="add-group">Add to group</label>
            <input id="add-group" name="group" list="group-names" required autocomplete="off">
            <datalist id="group-names">${groups.items.map((group) => html`<option value="${group.name}">`)}</datalist>
            <button type="submit">Add</button>
          </form>
        </section>

        <section aria-labelledby="user-sessions">
          <h2 id="user-sessions">Signed-in browsers</h2>
          ${webSessionsTable(view, sessions, {
            action: urls.adminUserAction('sessions'),
            fields: { username: user.username },
            revokeAllLabel: 'Sign out of every browser',
          })}
        </section>`;
      return sendAdminScreen(
        reply,
        view,
        'users',
        {
          title: `User ${user.username}`,
          main,
          notice: noticeOf(notices, query.done, query.subject),
          problem: refusal?.message,
          breadcrumbs: [
            { label: 'Administration', href: urls.adminUsers() },
            { label: 'Users', href: urls.adminUsers() },
          ],
        },
        refusal?.status,
      );
    };

    app.get(
      '/admin/users/viewuser.action',
      { schema: { querystring: screenQueryOf('username', 'done', 'subject') } },
      (request, reply) => show(request, reply, request.query),
    );

    /** Each change of the screen: runs it, then back to the screen with its notice, or the refusal. */
    const change = (
      action: string,
      fields: readonly string[],
      run: (
        request: FastifyRequest,
        username: string,
        form: Record<string, unknown>,
      ) => Promise<[string, string]>,
    ) =>
      app.post(
        `/admin/users/${action}.action`,
        { schema: { body: formOf('username', ...fields) } },
        async (request, reply) => {
          requireSiteAdministrator(request.principal);
          const username = singleField(request.body.username) ?? '';
          const outcome = await attempt(request, () => run(request, username, request.body));
          if (outcome.refusal) return show(request, reply, { username }, outcome.refusal);
          const [done, subject] = outcome.value;
          const url = screenUrls(webViewOf(request, deps.contextPath)).adminUser(username);
          return reply.redirect(afterChange(url, done, subject), 303);
        },
      );

    change('activate', ['active'], async (request, username, form) => {
      const active = singleField(form.active) === 'true';
      await setUserActive(deps.services, request.principal, username, active);
      return [active ? 'activated' : 'deactivated', username];
    });

    change('password', ['password'], async (request, username, form) => {
      await setPassword(deps.services, request.principal, username, singleField(form.password) ?? '');
      return ['password', username];
    });

    change('groups', ['group', 'change'], async (request, username, form) => {
      const groupName = singleField(form.group)?.trim().toLowerCase() ?? '';
      if (!groupName) throw badRequest('Name a group');
      const member = singleField(form.change) !== 'remove';
      await changeMembership(deps.services, request.principal, { username, groupName, member });
      return [member ? 'joined' : 'left', groupName];
    });

    change('sessions', ['session'], async (request, username, form) => {
      const user = await findUser(deps.services, request.principal, { username });
      const sessionId = singleField(form.session) || undefined;
      const count = await revokeWebSessions(deps.services, request.principal, user.id, sessionId);
      return sessionId ? ['session-ended', ''] : ['sessions-ended', String(count)];
    });
  };
}
