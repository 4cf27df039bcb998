import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../../domain/errors.ts';
import { changeGroupNesting } from '../../../../services/groups/change-group-nesting.ts';
import { changeMembership } from '../../../../services/groups/change-membership.ts';
import { findGroup } from '../../../../services/groups/find-group.ts';
import { listGroupRelatives } from '../../../../services/groups/list-group-relatives.ts';
import { listGroupMembers } from '../../../../services/groups/list-groups.ts';
import { singleField } from '../../../common/form-body.ts';
import { typed } from '../../../common/schemas.ts';
import { html, type SafeHtml } from '../../html.ts';
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

const pageSize = 100;

const notices = {
  added: (username: string) => `${username} was added.`,
  removed: (username: string) => `${username} was removed.`,
  nested: (child: string) => `Members of ${child} are now members of this group too.`,
  unnested: (child: string) => `${child} is no longer inside this group.`,
};

const removeButton = (
  view: WebView,
  action: string,
  fields: Record<string, string>,
  label: string,
): SafeHtml =>
  html`<form method="post" action="${action}" class="inline">
    ${csrfField(view)}${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
    <input type="hidden" name="change" value="remove">
    <button type="submit" class="link" aria-label="${label}">Remove</button>
  </form>`;

/** `/admin/groups/viewgroup.action?name=…`: a group's members and the groups nested inside it. */
export function adminGroupRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: { name?: unknown; start?: unknown; done?: unknown; subject?: unknown },
      refusal?: Refusal,
    ) => {
      const view = webViewOf(request, deps.contextPath);
      requireSiteAdministrator(view.principal);
      const { principal } = request;
      const group = await findGroup(deps.services, principal, singleField(query.name) ?? '');
      const start = startOf(query.start);
      const [members, children] = await Promise.all([
        listGroupMembers(deps.services, principal, group.name, { start, limit: pageSize }),
        listGroupRelatives(deps.services, principal, group.name, 'children', { start: 0, limit: 1000 }),
      ]);
      const urls = screenUrls(view);
      const named = html`<input type="hidden" name="name" value="${group.name}">`;
      const main = html`<h1>Group ${group.name}</h1>
        <section aria-labelledby="group-members">
          <h2 id="group-members">Members</h2>
          ${
            members.items.length === 0
              ? html`<p class="empty">No members of its own.</p>`
              : html`<div class="table-scroll"><table class="grid">
                  <thead><tr><th scope="col">Username</th><th scope="col">Full name</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                  <tbody>${members.items.map(
                    (user) => html`<tr>
                      <td><a href="${urls.adminUser(user.username)}">${user.username}</a></td>
                      <td>${user.displayName}</td>
                      <td>${removeButton(view, urls.adminGroupAction('members'), { name: group.name, username: user.username }, `Remove ${user.username}`)}</td>
                    </tr>`,
                  )}</tbody>
                </table></div>`
          }
          ${pager(urls.adminGroup(group.name), { start, limit: pageSize }, members.total, 'Members')}
          <form method="post" action="${urls.adminGroupAction('members')}" class="toolbar">
            ${csrfField(view)}${named}<input type="hidden" name="change" value="add">
            <label for="add-member">Add a user (username)</label>
            <input id="add-member" name="username" required autocomplete="off">
            <button type="submit">Add</button>
          </form>
        </section>
        <section aria-labelledby="nested-groups">
          <h2 id="nested-groups">Groups inside this group</h2>
          <p class="hint">Members of a group inside this one hold whatever this group holds.</p>
          ${
            children.items.length === 0
              ? html`<p class="empty">None.</p>`
              : html`<ul class="chips">${children.items.map(
                  (child) => html`<li><a href="${urls.adminGroup(child.name)}">${child.name}</a>
                    ${removeButton(view, urls.adminGroupAction('nesting'), { name: group.name, child: child.name }, `Take ${child.name} out`)}</li>`,
                )}</ul>`
          }
          <form method="post" action="${urls.adminGroupAction('nesting')}" class="toolbar">
            ${csrfField(view)}${named}<input type="hidden" name="change" value="add">
            <label for="add-child">Put a group inside</label>
            <input id="add-child" name="child" required autocomplete="off">
            <button type="submit">Add</button>
          </form>
        </section>`;
      return sendAdminScreen(
        reply,
        view,
        'groups',
        {
          title: `Group ${group.name}`,
          main,
          notice: noticeOf(notices, query.done, query.subject),
          problem: refusal?.message,
          breadcrumbs: [
            { label: 'Administration', href: urls.adminUsers() },
            { label: 'Groups', href: urls.adminGroups() },
          ],
        },
        refusal?.status,
      );
    };

    app.get(
      '/admin/groups/viewgroup.action',
      { schema: { querystring: screenQueryOf('name', 'start', 'done', 'subject') } },
      (request, reply) => show(request, reply, request.query),
    );

    app.post(
      '/admin/groups/members.action',
      { schema: { body: formOf('name', 'username', 'change') } },
      async (request, reply) => {
        requireSiteAdministrator(request.principal);
        const groupName = singleField(request.body.name) ?? '';
        const username = singleField(request.body.username)?.trim().toLowerCase() ?? '';
        const member = singleField(request.body.change) !== 'remove';
        const outcome = await attempt(request, async () => {
          if (!username) throw badRequest('Name a user by their username');
          await changeMembership(deps.services, request.principal, { username, groupName, member });
        });
        if (outcome.refusal) return show(request, reply, { name: groupName }, outcome.refusal);
        const url = screenUrls(webViewOf(request, deps.contextPath)).adminGroup(groupName);
        return reply.redirect(afterChange(url, member ? 'added' : 'removed', username), 303);
      },
    );

    app.post(
      '/admin/groups/nesting.action',
      { schema: { body: formOf('name', 'child', 'change') } },
      async (request, reply) => {
        requireSiteAdministrator(request.principal);
        const parentName = singleField(request.body.name) ?? '';
        const childName = singleField(request.body.child)?.trim().toLowerCase() ?? '';
        const nested = singleField(request.body.change) !== 'remove';
        const outcome = await attempt(request, async () => {
          if (!childName) throw badRequest('Name a group');
          await changeGroupNesting(deps.services, request.principal, { parentName, childName, nested });
        });
        if (outcome.refusal) return show(request, reply, { name: parentName }, outcome.refusal);
        const url = screenUrls(webViewOf(request, deps.contextPath)).adminGroup(parentName);
        return reply.redirect(afterChange(url, nested ? 'nested' : 'unnested', childName), 303);
      },
    );
  };
}
