import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../../domain/errors.ts';
import { changeAppRules } from '../../../../services/apps/change-app-rules.ts';
import { listAppRules } from '../../../../services/apps/list-app-rules.ts';
import { listApps } from '../../../../services/apps/list-apps.ts';
import { revokeAppTokens } from '../../../../services/apps/revoke-app-tokens.ts';
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

const notices = {
  blocked: (key: string) => `The app is now blocked from the content of space ${key}.`,
  unblocked: (key: string) => `The app may reach the content of space ${key} again.`,
  revoked: (count: string) => `${count} token(s) revoked.`,
};

/**
 * `/admin/apps.action`: each app with its working tokens (revoke them all) and the spaces its access rules
 * block it from (add or lift a block). Apps themselves are added on the command line, which shows the
 * new token's secret once.
 */
export function adminAppsRoutes(deps: WebDeps) {
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      query: { done?: unknown; subject?: unknown },
      refusal?: Refusal,
    ) => {
      const view = webViewOf(request, deps.contextPath);
      requireSiteAdministrator(view.principal);
      const [summaries, rules] = await Promise.all([
        listApps(deps.services, request.principal),
        listAppRules(deps.services, request.principal),
      ]);
      const blockedOf = new Map(rules.map((rule) => [rule.app.id, rule.blockedSpaces]));
      const urls = screenUrls(view);
      const main = html`<h1>Apps</h1>
        <p class="hint">An app reaches the site with tokens of its own. Blocking it from a space hides that space's content from it; the space itself stays visible.</p>
        ${summaries.length === 0 && html`<p class="empty">No apps. Add one with <code>tributary apps add</code>.</p>`}
        ${summaries.map(({ app: each, usableTokens }) => {
          const named = html`<input type="hidden" name="app" value="${each.name}">`;
          const blocked = blockedOf.get(each.id) ?? [];
          return html`<section class="app-card" aria-label="App ${each.name}">
            <h2>${each.name}</h2>
            <form method="post" action="${urls.adminAppAction('tokens')}" class="toolbar" data-confirm="Revoke every token of ${each.name}? It stops working until it is given a new one.">
              ${csrfField(view)}${named}
              <span>${usableTokens} working token${usableTokens === 1 ? '' : 's'}</span>
              ${usableTokens > 0 && html`<button type="submit" class="danger">Revoke all tokens of ${each.name}</button>`}
            </form>
            <h3>Blocked from</h3>
            ${
              blocked.length === 0
                ? html`<p class="empty">No space.</p>`
                : html`<ul class="chips">${blocked.map(
                    (space) => html`<li><span>${space.name} <span class="key">${space.key}</span></span>
                      <form method="post" action="${urls.adminAppAction('block')}" class="inline">
                        ${csrfField(view)}${named}<input type="hidden" name="spaceKey" value="${space.key}">
                        <input type="hidden" name="change" value="unblock">
                        <button type="submit" class="link" aria-label="Lift the block of ${each.name} from ${space.key}">Lift block</button>
                      </form></li>`,
                  )}</ul>`
            }
            <form method="post" action="${urls.adminAppAction('block')}" class="toolbar">
              ${csrfField(view)}${named}<input type="hidden" name="change" value="block">
              <label for="block-${each.id}">Block from space (key)</label>
              <input id="block-${each.id}" name="spaceKey" required autocomplete="off">
              <button type="submit">Block</button>
            </form>
          </section>`;
        })}`;
      return sendAdminScreen(
        reply,
        view,
        'apps',
        {
          title: 'Apps',
          main,
          notice: noticeOf(notices, query.done, query.subject),
          problem: refusal?.message,
        },
        refusal?.status,
      );
    };

    app.get(
      '/admin/apps.action',
      { schema: { querystring: screenQueryOf('done', 'subject') } },
      (request, reply) => show(request, reply, request.query),
    );

    app.post(
      '/admin/apps/block.action',
      { schema: { body: formOf('app', 'spaceKey', 'change') } },
      async (request, reply) => {
        requireSiteAdministrator(request.principal);
        const appName = singleField(request.body.app) ?? '';
        const spaceKey = singleField(request.body.spaceKey)?.trim() ?? '';
        const blocked = singleField(request.body.change) !== 'unblock';
        const outcome = await attempt(request, async () => {
          if (!spaceKey) throw badRequest('Name a space by its key');
          await changeAppRules(deps.services, request.principal, { appName, spaceKeys: [spaceKey], blocked });
        });
        if (outcome.refusal) return show(request, reply, {}, outcome.refusal);
        const url = screenUrls(webViewOf(request, deps.contextPath)).adminApps();
        return reply.redirect(afterChange(url, blocked ? 'blocked' : 'unblocked', spaceKey), 303);
      },
    );

    app.post('/admin/apps/tokens.action', { schema: { body: formOf('app') } }, async (request, reply) => {
      requireSiteAdministrator(request.principal);
      const appName = singleField(request.body.app) ?? '';
      const outcome = await attempt(request, () =>
        revokeAppTokens(deps.services, request.principal, appName),
      );
      if (outcome.refusal) return show(request, reply, {}, outcome.refusal);
      const url = screenUrls(webViewOf(request, deps.contextPath)).adminApps();
      return reply.redirect(afterChange(url, 'revoked', String(outcome.value)), 303);
    });
  };
}
