import type { FastifyInstance } from 'fastify';
import { badRequest, isDomainError } from '../../../domain/errors.ts';
import type { VersionPruneRule } from '../../../ports/housekeeping-store.ts';
import { canAdministerSpace } from '../../../services/permissions/policy.ts';
import { getSpaceStorage } from '../../../services/storage/get-space-storage.ts';
import { previewVersionPrune } from '../../../services/storage/preview-version-prune.ts';
import { pruneOldVersions } from '../../../services/storage/prune-old-versions.ts';
import { singleField } from '../../common/form-body.ts';
import { typed } from '../../common/schemas.ts';
import { html } from '../html.ts';
import { sendScreen } from '../layout.ts';
import { formOf, screenQueryOf } from '../schemas.ts';
import type { WebDeps } from '../web-deps.ts';
import { webViewOf } from '../web-view.ts';
import { type PruneFormValues, pruneDoneScreen, prunePreviewScreen, storageScreen } from './storage-views.ts';

const KeyQuery = screenQueryOf('key');
const PruneQuery = screenQueryOf('key', 'keep', 'olderThan');
const PruneForm = formOf('keep', 'olderThan', 'expectedVersions', 'expectedBytes');

function spaceKeyOf(query: { key?: string | string[] | undefined }): string {
  const key = singleField(query.key);
  if (!key) throw badRequest('Say which space: ?key=KEY', { field: 'key' });
  return key;
}

function valuesOf(fields: { keep?: string | string[]; olderThan?: string | string[] }): PruneFormValues {
  return {
    keep: (singleField(fields.keep) ?? '').trim(),
    olderThan: (singleField(fields.olderThan) ?? '').trim(),
  };
}

/** The form's words as a rule: a whole number to keep, a calendar date (UTC midnight) to be older than. */
function ruleOf(values: PruneFormValues): VersionPruneRule {
  const rule: VersionPruneRule = {};
  if (values.keep !== '') {
    if (!/^\d{1,7}$/.test(values.keep))
      throw badRequest('Keep a whole number of versions, 1 or more', { field: 'keep' });
    rule.keepNewest = Number(values.keep);
  }
  if (values.olderThan !== '') {
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(values.olderThan)
      ? Date.parse(`${values.olderThan}T00:00:00Z`)
      : Number.NaN;
    if (Number.isNaN(ms)) throw badRequest('Give the date as YYYY-MM-DD', { field: 'olderThan' });
    rule.createdBeforeMs = ms;
  }
  return rule;
}

function wholeNumber(value: string | string[] | undefined): number | undefined {
  const text = singleField(value);
  return text !== undefined && /^\d{1,16}$/.test(text) ? Number(text) : undefined;
}

/**
 * A space's storage (`/spaces/storage.action?key=KEY`) and its prune of old versions: a preview of what
 * goes (`GET /spaces/pruneversions.action`, which changes nothing), then the prune itself (`POST`), with
 * the totals the preview showed, so that what is deleted is what was shown.
 */
export function storageRoutes(deps: WebDeps) {
  const services = deps.services;
  return async (untyped: FastifyInstance) => {
    const app = typed(untyped);

    app.get('/spaces/storage.action', { schema: { querystring: KeyQuery } }, async (request, reply) => {
      const view = webViewOf(request, deps.contextPath);
      const storage = await getSpaceStorage(services, request.principal, spaceKeyOf(request.query));
      const mayPrune = await canAdministerSpace(services, request.principal, storage.space);
      return sendScreen(reply, view, storageScreen(view, storage, mayPrune));
    });

    app.get(
      '/spaces/pruneversions.action',
      { schema: { querystring: PruneQuery } },
      async (request, reply) => {
        const view = webViewOf(request, deps.contextPath);
        const values = valuesOf(request.query);
        const preview = await previewVersionPrune(
          services,
          request.principal,
          spaceKeyOf(request.query),
          ruleOf(values),
        );
        return sendScreen(reply, view, prunePreviewScreen(view, preview, values));
      },
    );

    app.post(
      '/spaces/pruneversions.action',
      { schema: { querystring: KeyQuery, body: PruneForm } },
      async (request, reply) => {
        const view = webViewOf(request, deps.contextPath);
        const key = spaceKeyOf(request.query);
        const values = valuesOf(request.body);
        const rule = ruleOf(values);
        const versions = wholeNumber(request.body.expectedVersions);
        const bytes = wholeNumber(request.body.expectedBytes);
        const expected = versions !== undefined && bytes !== undefined ? { versions, bytes } : undefined;
        if (!expected) throw badRequest('Preview the prune first, then confirm it');
        try {
          const outcome = await pruneOldVersions(services, request.principal, key, { rule, expected });
          return sendScreen(reply, view, pruneDoneScreen(view, outcome));
        } catch (error) {
          if (!isDomainError(error, 'state_conflict')) throw error;
          // Something changed since the preview: show the new one, and delete nothing unseen.
          const preview = await previewVersionPrune(services, request.principal, key, rule);
          const notice = html`<p class="notice error" role="alert">${error.message}</p>`;
          return sendScreen(reply, view, prunePreviewScreen(view, preview, values, notice), 409);
        }
      },
    );
  };
}
