import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../domain/errors.ts';
import type { Principal } from '../../../domain/principal.ts';
import { browseSpaceTrash } from '../../../services/trash/browse-space-trash.ts';
import { previewTrashPurge } from '../../../services/trash/preview-trash-purge.ts';
import { purgeTrashedItems, requireTrashPurger } from '../../../services/trash/purge-trashed-items.ts';
import { restoreTrashedItems } from '../../../services/trash/restore-trashed-items.ts';
import { emptySpaceTrash } from '../../../services/trash/space-trash.ts';
import { singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendScreen } from '../layout.ts';
import { formOf, screenQueryOf } from '../schemas.ts';
import type { WebDeps } from '../web-deps.ts';
import { webViewOf } from '../web-view.ts';
import { keysetOf, outcomeNotice, purgeConfirmScreen, trashScreen } from './trash-views.ts';

const pageSize = 50;
const maxSelected = 500;
const KeyQuery = screenQueryOf('key');
const TrashQuery = screenQueryOf('key', 'after');
const SelectionForm = formOf('id', 'one', 'confirmed');

function spaceKeyOf(query: { key?: string | string[] | undefined }): string {
  const key = singleField(query.key);
  if (!key) throw badRequest('Say which space: ?key=KEY', { field: 'key' });
  return key;
}

/** The items a form names: the one row whose button was pressed, else every ticked box. */
function selectedIds(body: { id?: string | string[] | undefined; one?: string | string[] | undefined }) {
  const one = singleField(body.one);
  const raw = one !== undefined ? [one] : [body.id ?? []].flat();
  const ids = raw.map((value) => (/^\d{1,15}$/.test(value) ? Number(value) : Number.NaN));
  if (ids.some((id) => Number.isNaN(id))) throw badRequest('An item id is not a number', { field: 'id' });
  if (ids.length === 0) throw badRequest('Select at least one item of the trash first', { field: 'id' });
  // Each item is looked up and checked on its own: a screen never asks for more than a few pages' worth.
  if (ids.length > maxSelected) {
    throw badRequest(`Select at most ${maxSelected} items at a time, or empty the trash`, { field: 'id' });
  }
  return ids;
}

/**
 * A space's trash at Data Center's own URL (`/pages/viewtrash.action?key=KEY`), and its actions:
 * restore, purge (after a confirmation listing what goes) and empty, each through the trash services
 * that the REST API uses, so the same people may do the same things.
 */
export function trashRoutes(deps: WebDeps) {
  const services = deps.services;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    const showTrash = async (
      request: FastifyRequest,
      reply: FastifyReply,
      key: string,
      options: { after?: string | undefined; notice?: SafeHtml } = {},
    ) => {
      const view = webViewOf(request, deps.contextPath);
      const after = keysetOf(options.after);
      const trash = await browseSpaceTrash(services, request.principal, key, { after, limit: pageSize });
      return sendScreen(reply, view, trashScreen(view, trash, { notice: options.notice, paged: !!after }));
    };

    app.get('/pages/viewtrash.action', { schema: { querystring: TrashQuery } }, (request, reply) =>
      showTrash(request, reply, spaceKeyOf(request.query), { after: singleField(request.query.after) }),
    );

    app.post(
      '/pages/restoretrashitem.action',
      { schema: { querystring: KeyQuery, body: SelectionForm } },
      async (request, reply) => {
        const key = spaceKeyOf(request.query);
        const outcomes = await restoreTrashedItems(
          services,
          request.principal,
          key,
          selectedIds(request.body),
        );
        return showTrash(request, reply, key, { notice: outcomeNotice('Restored', outcomes) });
      },
    );

    app.post(
      '/pages/purgetrashitem.action',
      { schema: { querystring: KeyQuery, body: SelectionForm } },
      async (request, reply) => {
        const key = spaceKeyOf(request.query);
        const ids = selectedIds(request.body);
        if (singleField(request.body.confirmed) !== 'yes') {
          const { space, items } = await previewTrashPurge(services, request.principal, key, ids);
          const view = webViewOf(request, deps.contextPath);
          if (items.length === 0) throw badRequest('None of the selected items is in the trash any more');
          return sendScreen(reply, view, purgeConfirmScreen(view, space, items, { empty: false }));
        }
        const outcomes = await purgeTrashedItems(services, request.principal, key, ids);
        return showTrash(request, reply, key, { notice: outcomeNotice('Purged', outcomes) });
      },
    );

    app.post(
      '/pages/emptytrash.action',
      { schema: { querystring: KeyQuery, body: SelectionForm } },
      async (request, reply) => {
        const key = spaceKeyOf(request.query);
        if (singleField(request.body.confirmed) !== 'yes') return confirmEmpty(request, reply, key);
        const purged = await emptySpaceTrash(services, request.principal, key);
        const notice = html`<div class="notice ok" role="status"><p>Emptied the trash: ${purged} item${purged === 1 ? '' : 's'} purged.</p></div>`;
        return showTrash(request, reply, key, { notice });
      },
    );

    const confirmEmpty = async (request: FastifyRequest, reply: FastifyReply, key: string) => {
      const principal: Principal = request.principal;
      await requireTrashPurger(services, principal, key);
      const trash = await browseSpaceTrash(services, principal, key, { after: undefined, limit: 20 });
      const view = webViewOf(request, deps.contextPath);
      const items = trash.items.map((entry) => entry.content);
      return sendScreen(
        reply,
        view,
        purgeConfirmScreen(view, trash.space, items, { empty: true, total: trash.total }),
      );
    };
  };
}
