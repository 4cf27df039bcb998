import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { administratorsGroup, usersGroup } from '../../../../domain/user.ts';
import { createGroup } from '../../../../services/groups/create-group.ts';
import { deleteGroup } from '../../../../services/groups/delete-group.ts';
import { listGroups } from '../../../../services/groups/list-groups.ts';
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
  pager,
  type Refusal,
  requireSiteAdministrator,
  sendAdminScreen,
  startOf,
} from './admin-screen.ts';

const pageSize = 100;
const builtIn = [administratorsGroup, usersGroup];

const notices = {
  created: (name: string) => `Group ${name} was created.`,
  deleted: (name: string) => `Group ${name} was deleted.`,
};

/** `/admin/groups.action`: the groups, paged, with forms to create and delete one. */
export function adminGroupsRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: { start?: unknown; done?: unknown; subject?: unknown },
      form: { name: string; refusal?: Refusal } = { name: '' },
    ) => {
      const view = webViewOf(request, deps.contextPath);
      requireSiteAdministrator(view.principal);
      const start = startOf(query.start);
      const groups = await listGroups(deps.services, request.principal, { start, limit: pageSize });
      const urls = screenUrls(view);
      const main = html`<h1>Groups</h1>
        <div class="table-scroll"><table class="grid">
          <thead><tr><th scope="col">Group</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${groups.items.map(
            (group) => html`<tr>
              <td><a href="${urls.adminGroup(group.name)}">${group.name}</a></td>
              <td>${
                builtIn.includes(group.name)
                  ? html`<span class="hint">Built in</span>`
                  : html`<form method="post" action="${urls.adminGroupAction('delete')}" class="inline" data-confirm="Delete the group ${group.name}? Its members lose what it gave them.">
                      ${csrfField(view)}<input type="hidden" name="name" value="${group.name}">
                      <button type="submit" class="danger" aria-label="Delete ${group.name}">Delete</button>
                    </form>`
              }</td>
            </tr>`,
          )}</tbody>
        </table></div>
        ${pager(urls.adminGroups(), { start, limit: pageSize }, groups.total, 'Groups')}
        <section aria-labelledby="create-group">
          <h2 id="create-group">Create a group</h2>
          <form method="post" action="${urls.adminGroups()}" class="toolbar">
            ${csrfField(view)}
            <label for="new-group">Name</label>
            <input id="new-group" name="name" required autocomplete="off" value="${form.name}">
            <button type="submit" class="primary">Create group</button>
          </form>
        </section>`;
      return sendAdminScreen(
        reply,
        view,
        'groups',
        {
          title: 'Groups',
          main,
          notice: noticeOf(notices, query.done, query.subject),
          problem: form.refusal?.message,
        },
        form.refusal?.status,
      );
    };

    app.get(
      '/admin/groups.action',
      { schema: { querystring: screenQueryOf('start', 'done', 'subject') } },
      (request, reply) => show(request, reply, request.query),
    );

    app.post('/admin/groups.action', { schema: { body: formOf('name') } }, async (request, reply) => {
      requireSiteAdministrator(request.principal);
      const name = singleField(request.body.name) ?? '';
      const outcome = await attempt(request, () => createGroup(deps.services, request.principal, name));
      if (outcome.refusal) return show(request, reply, {}, { name, refusal: outcome.refusal });
      const url = screenUrls(webViewOf(request, deps.contextPath)).adminGroups();
      return reply.redirect(afterChange(url, 'created', outcome.value.name), 303);
    });

    app.post('/admin/groups/delete.action', { schema: { body: formOf('name') } }, async (request, reply) => {
      requireSiteAdministrator(request.principal);
      const name = singleField(request.body.name) ?? '';
      const outcome = await attempt(request, () => deleteGroup(deps.services, request.principal, name));
      if (outcome.refusal) return show(request, reply, {}, { name: '', refusal: outcome.refusal });
      const url = screenUrls(webViewOf(request, deps.contextPath)).adminGroups();
      return reply.redirect(afterChange(url, 'deleted', name), 303);
    });
  };
}
