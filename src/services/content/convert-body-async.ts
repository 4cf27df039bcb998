import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { BodyConversion } from '../../ports/body-conversion-store.ts';
import type { ServiceDeps } from '../deps.ts';
import { requireVisibleContent } from '../permissions/content-access.ts';
import { requireVisibleSpaceByKey } from '../permissions/space-access.ts';
import { convertBody } from './convert-body.ts';

/** What each representation converts to (Cloud v1 spec, asyncConvertContentBodyRequest). */
const conversions: Record<string, readonly string[]> = {
  storage: ['atlas_doc_format', 'editor', 'export_view', 'styled_view', 'view'],
  atlas_doc_format: ['editor', 'export_view', 'storage', 'styled_view', 'view'],
  editor: ['storage'],
};

export interface ConversionRequest {
  to: string;
  /** Context-relative base of the surface asked on (render-body.ts). */
  context: string;
  /** `ContentBodyCreate`: the value and the representation it is in (storage when absent). */
  body: { value: string; representation?: string };
  spaceKeyContext?: string;
  /** The content's id, as its digits. */
  contentIdContext?: string;
}

/** As long as Cloud keeps a result (Cloud v1 spec); a client that polls later expects it gone. */
const keptMs = 5 * 60 * 1000;

const ownerKeyOf = (principal: Principal) =>
  principal.kind === 'user' ? `user:${principal.user.id}` : principal.kind;

/**
 * Converts a body as `POST /contentbody/convert/{to}` does and keeps the result under a new id for its
 * caller to fetch (`GET /contentbody/convert/async/{id}`). The conversion is a fast in-memory render, so
 * it is finished before the id is answered; a refused request is a 400 and keeps nothing.
 */
export async function startBodyConversion(
  deps: ServiceDeps,
  principal: Principal,
  request: ConversionRequest,
): Promise<string> {
  const { body } = request;
  const from = body.representation ?? 'storage';
  const targets = conversions[from];
  if (!targets) throw badRequest(`Cannot convert from ${from}`, { field: 'representation' });
  if (!targets.includes(request.to)) {
    throw badRequest(`Cannot convert ${from} to ${request.to}; it converts to ${targets.join(', ')}`, {
      field: 'to',
    });
  }
  let contentId: number | null = null;
  if (request.contentIdContext !== undefined && request.contentIdContext !== '') {
    const raw = request.contentIdContext;
    if (!/^\d{1,15}$/.test(raw)) throw badRequest('contentIdContext must be a content id');
    contentId = (await requireVisibleContent(deps, principal, Number(raw))).id;
  } else if (request.spaceKeyContext !== undefined && request.spaceKeyContext !== '') {
    await requireVisibleSpaceByKey(deps, principal, request.spaceKeyContext);
  }
  // The editor format is storage XHTML here (domain/content-rules.ts reads it so).
  const source = { representation: from === 'editor' ? 'storage' : from, value: body.value };
  const converted = convertBody(source, request.to, { context: request.context, contentId });
  const nowMs = deps.clock.nowMs();
  const id = randomUUID();
  await deps.store.bodyConversions.keep(
    { id, ownerKey: ownerKeyOf(principal), outcome: { body: converted }, expiresAtMs: nowMs + keptMs },
    nowMs,
  );
  return id;
}

/** The kept result, for its owner only; an unknown, expired or someone else's id is missing (404). */
export async function findBodyConversion(
  deps: ServiceDeps,
  principal: Principal,
  id: string,
): Promise<BodyConversion> {
  const found = await deps.store.bodyConversions.find(id, deps.clock.nowMs());
  if (!found || found.ownerKey !== ownerKeyOf(principal)) {
    throw notFound(`No conversion result with id ${id}; results are kept for five minutes`, { asyncId: id });
  }
  return found;
}
