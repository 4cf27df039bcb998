import type { FastifyInstance } from 'fastify';
import { listSpaces } from '../../../services/spaces/list-spaces.ts';
import { html } from '../html.ts';
import { sendScreen } from '../layout.ts';
import { screenUrls } from '../urls.ts';
import type { WebDeps } from '../web-deps.ts';
import { webViewOf } from '../web-view.ts';

/** The space directory: `/` and Confluence's `/spacedirectory/view.action`. */
export function spaceDirectoryRoutes(deps: WebDeps) {
  return async (app: FastifyInstance) => {
    const directory = async (request: Parameters<typeof webViewOf>[0]) => {
      const view = webViewOf(request, deps.contextPath);
      const spaces = await listSpaces(deps.services, request.principal, {}, { start: 0, limit: 500 });
      const main = html`<h1>Spaces</h1>
        ${
          spaces.items.length === 0
            ? html`<p class="empty">There are no spaces you may see.</p>`
            : html`<ul class="space-list">${spaces.items.map(
                (space) =>
                  html`<li>
                    <a href="${screenUrls(view).space(space.key)}">${space.name}</a> <span class="key">${space.key}</span>
                    ${space.description && html`<p class="space-description">${space.description}</p>`}
                  </li>`,
              )}</ul>`
        }`;
      return { view, screen: { title: 'Spaces', main, styles: ['pages.css'] } };
    };
    for (const path of ['/', '/spacedirectory/view.action']) {
      app.get(path, async (request, reply) => {
        const { view, screen } = await directory(request);
        return sendScreen(reply, view, screen);
      });
    }
  };
}
